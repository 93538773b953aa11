"""One script for the chunks of a pop-in sequence (text v55).

Tesseract reads a short chunk in either script where its letters are look-alikes or its
picture is noisy: 'POT OF' came back 'РОТ: ОЕ' (0.95 sure, 'рот' is a Russian word), 'pop up
fast' 'рорзир fast', 'номер на' 'HOMep Ha', 'трассе' 'Tpacce'. Its read alone cannot tell; the
sentence it belongs to can. A chunk shown at once before or after it at the same rows, in
type of its size, is a piece of the same sentence: where those neighbours are plainly in one
script (letters no look-alike has) and this chunk's read is not, it is written in theirs:
its read in their language (reading.Reading._read_seen keeps each language's read as
``alts``, and reads a chunk in the language of the chunk before it when their scripts
differ), or its look-alike letters turned into that script."""

from __future__ import annotations

from .letters import X_PER_CAP, read_quality
from .geometry import same_rows
from .ocr import _CYR2LAT, _LOOKALIKE, LANG_OF_SCRIPT, in_cyrillic, own_letter, script_of

# a chunk follows the last at once: within this (the reads of the caption parts' pop-in chunks and
# karaoke lines 0-2 frames apart; subtitles come 4-6 frames apart, and a part's subtitles take
# turns in English and Russian, as a video's seldom do)
SEQUENCE_GAP_S = 0.1
ALT_SHARE = 0.5  # a mixed or look-alike read gives way to one in the sequence's language this sure (of its own)
# a chunk read in capitals whose capitals stand no taller than this share of its neighbours'
# capital height is in small letters (midway between an x-height's 0.74 and capitals' 1.0)
SMALL_CAPS = (1.0 + X_PER_CAP) / 2


def text_script(text: str) -> str | None:
    """The script of a read's letters that no look-alike has ('latin' or 'cyrillic'), when
    they all agree; None for a read of look-alikes only, or of both scripts."""
    kinds = {script_of(ch) for ch in text if own_letter(ch)}
    kinds.discard("other")
    return kinds.pop() if len(kinds) == 1 else None


def _gap(fps: float) -> int:
    return max(2, int(round(SEQUENCE_GAP_S * fps)))


def chunk_before(start: int, box, caps: list[dict], fps: float) -> dict | None:
    """The caption that ended last within SEQUENCE_GAP_S before frame ``start`` at the rows of
    ``box`` (analysis px), with two letters or more, or None."""
    near = [o for o in caps if 0 <= start - o["end_frame"] <= _gap(fps) and same_rows(box, o["box"])
            and sum(ch.isalpha() for ch in o["text"]) >= 2]
    return max(near, key=lambda o: o["end_frame"]) if near else None


def _neighbours(c: dict, caps: list[dict], fps: float) -> list[dict]:
    gap = _gap(fps)
    size = lambda o: 0.6 < c["height"] / max(1e-6, o["height"]) < 1.6  # noqa: E731
    before = [o for o in caps if o is not c and 0 <= c["start_frame"] - o["end_frame"] <= gap]
    after = [o for o in caps if o is not c and 0 <= o["start_frame"] - c["end_frame"] <= gap]
    out = []
    for group, key in ((before, lambda o: o["end_frame"]), (after, lambda o: -o["start_frame"])):
        group = [o for o in group if same_rows(c["box"], o["box"]) and size(o)
                 and sum(ch.isalpha() for ch in o["text"]) >= 2]
        if group:
            out.append(max(group, key=key))
    return out


def script_of_sequence(caps: list[dict], fps: float) -> None:
    """Each chunk of a pop-in sequence written in its neighbours' script (module docstring),
    in place. A read plainly in its own script that is more like words than its read in the
    neighbours' language stays (a Russian line between English ones is Russian)."""
    for c in caps:
        letters = [ch for ch in c["text"] if ch.isalpha()]
        if len(letters) < 2:
            continue  # (a lone letter: geometry.letter_as_in)
        scripts = {text_script(o["text"]) for o in _neighbours(c, caps, fps)}
        scripts.discard(None)
        if len(scripts) != 1:
            continue
        want = scripts.pop()
        have = {script_of(ch) for ch in letters}
        if have == {want}:
            continue
        lang = LANG_OF_SCRIPT[want]
        unsure = len(have) > 1 or text_script(c["text"]) is None  # mixed, or look-alikes only
        alt = c.get("alts", {}).get(lang)
        if alt is not None and sum(ch.isalpha() for ch in alt[0]) >= 2 and (
                (unsure and alt[1] >= ALT_SHARE * c["confidence"])
                or read_quality(alt[1], alt[2]) >= read_quality(c["confidence"], c["lexical"])):
            c.update(text=alt[0], confidence=alt[1], lexical=alt[2], weakest=alt[3], lang=lang)
        elif all(ch in _LOOKALIKE for ch in letters):
            c.update(text=in_cyrillic(c["text"]) if want == "cyrillic" else c["text"].translate(_CYR2LAT), lang=lang)


def case_of_sequence(caps: list[dict], fps: float) -> None:
    """A pop-in chunk read in capitals amid neighbours in small letters, its 'capitals' only as
    tall as their x-height, is in small letters, in place. Cyrillic small letters in a heavy
    face are shaped as small capitals: fresh24's 'к концу' in Caslon Black came back 'К КОНЦУ'
    (and 'и' 'И'), its letters as tall as the x-height of 'рисовать на молочной' beside it. A
    chunk in true capitals is as tall as its neighbours' capitals, and a sequence in capitals
    has no neighbours in small letters."""
    for c in caps:
        letters = [ch for ch in c["text"] if ch.isalpha()]
        if not letters or not all(ch.isupper() for ch in letters) or not c.get("cap_height"):
            continue
        near = [o for o in _neighbours(c, caps, fps) if o.get("cap_height")
                and sum(ch.islower() for ch in o["text"]) > 0.5 * sum(ch.isalpha() for ch in o["text"])]
        if near and c["cap_height"] <= SMALL_CAPS * min(o["cap_height"] for o in near):
            c["text"] = c["text"].lower()
