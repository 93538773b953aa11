"""Transcript as SRT and WebVTT.

Two sources (:func:`cues_of`):

- ``"speech"``: the speech lane's recognised words, grouped into readable cues by
  :func:`cues_from_words` (rules in :class:`CueRules`; the recogniser's punctuation and case
  are kept as they are).
- ``"captions"`` (alias ``"ocr"``): the burned-in captions the text lane read (intervals
  with role ``subtitle``), at the frames they are on screen; a caption whose text and speech
  disagree (an OCR misread: "an ill disposédfyoung") is written as it was heard
  (subtitle_sync's ``spoken_text``), never quoted as misread.
- ``"auto"`` (the default): the captions when they cover the speech, i.e. when at least
  :data:`CAPTIONS_COVER` (80 %) of the recognised words' time falls inside a subtitle
  caption (each caption widened by :data:`CAPTIONS_SLACK_S` on both sides, for captions
  set a little early or late); the transcript otherwise. With no words, the captions; with
  no captions, the transcript.

No words and no captions: :class:`NotAvailableYet` (the CLI's exit 11); nothing is written.
Cue edges sit on the source's frame grid: each time written is the presentation time of a
frame, and the intervals are half-open (a cue's end is the first frame without it).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, Sequence

from ..errors import NotAvailableYet
from ..timebase import Timebase
from . import register
from ._common import timebase_of
from .cuelines import (  # noqa: F401 - layout: also the API the tests read
    _NO_SPACE_LANGUAGES, CueRules, _binds_forward, _join, _word_break_cost, ends_sentence, layout, wrap_lines,
)

SOURCES = ("auto", "speech", "captions")
SOURCE_ALIASES = {"ocr": "captions", "transcript": "speech", "words": "speech"}

CAPTIONS_COVER = 0.8  # auto: the captions win when they cover this share of the words' time
CAPTIONS_SLACK_S = 0.5  # a caption counts this much before its first and after its last frame


@dataclass(frozen=True)
class Cue:
    start_frame: int
    end_frame: int
    text: str  # lines separated by "\n"


# -- cues from words ---------------------------------------------------------------------
def _num(w: dict[str, Any], key: str) -> float | None:
    try:
        v = float(w[key])
    except (KeyError, TypeError, ValueError):
        return None
    return v if v == v else None  # NaN is no time


def _clean_words(words: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for w in words or []:
        if not isinstance(w, dict):
            continue
        text = " ".join(str(w.get("text") or "").split())
        start, end = _num(w, "start_s"), _num(w, "end_s")
        if not text or start is None:
            continue
        end = start if end is None or end < start else end
        out.append({**w, "text": text, "start_s": start, "end_s": end})
    out.sort(key=lambda w: (w["start_s"], w["end_s"]))
    return out


def _frame_of(w: dict[str, Any], edge: str, tb: Timebase) -> int:
    f = w.get(f"{edge}_frame")
    if isinstance(f, int) and not isinstance(f, bool) and f >= 0:
        return f
    return tb.seconds_to_nearest_frame(w[f"{edge}_s"])


def _ceil_frame(tb: Timebase, seconds: float) -> int:
    """The first frame that starts at or after ``seconds``."""
    f = tb.seconds_to_frame(seconds)
    while tb.frame_to_seconds(f) < seconds - 1e-6:
        f += 1
    return f


def _floor_frame(tb: Timebase, seconds: float) -> int:
    """The last frame that starts at or before ``seconds`` (``frame_count`` past the end)."""
    if tb.frame_count and seconds >= tb.frame_to_seconds(tb.frame_count) - 1e-6:
        return tb.frame_count
    return tb.seconds_to_frame(seconds + 1e-6)


def group_words(words: Sequence[dict[str, Any]], rules: CueRules = CueRules(), sep: str = " ",
                end_s: float | None = None) -> list[tuple[int, int]]:
    """Split clean, time-ordered words into cues: ``(first, last + 1)`` index pairs.

    Dynamic programming over the places a cue can end, minimising a cost. Hard limits: two
    lines of ``max_line_chars``, ``max_duration_s`` from the first word's start to the last
    word's end, no silence of ``max_inner_gap_s`` inside a cue (a single word always makes a
    cue). Costs: ending a cue after a sentence end is free, after a pause or an ellipsis
    cheap, after a comma or clause punctuation cheap, before "and"/"which"/"что" moderate,
    mid-phrase dear, after an article or a preposition dearer; a sentence end or a pause
    inside a cue costs; a cue that cannot stay up long enough to be read (``min_duration_s``
    and ``max_chars_per_s``, before the next word starts) costs by the missing time; every
    cue costs a little, and a half-empty one a little more (fewer, fuller, balanced cues).
    """
    n = len(words)
    tokens = [w["text"] for w in words]
    limit = rules.max_line_chars * rules.max_lines + len(sep) * (rules.max_lines - 1)
    end_cost = [0.0 if k == n - 1 else _word_break_cost(tokens, k) for k in range(n)]
    gaps = [words[k + 1]["start_s"] - words[k]["end_s"] if k + 1 < n else 0.0 for k in range(n)]
    for k in range(n - 1):
        if gaps[k] >= rules.pause_s:
            end_cost[k] = min(end_cost[k], 1.0) if not _binds_forward(tokens[k]) else end_cost[k] / 2
    inf = float("inf")
    best = [0.0] + [inf] * n
    back = [0] * (n + 1)
    for j in range(1, n + 1):
        last = j - 1
        chars = -len(sep)
        inner = 0.0
        for i in range(last, -1, -1):
            chars += len(tokens[i]) + len(sep)
            single = i == last
            if not single:
                if chars > limit or words[last]["end_s"] - words[i]["start_s"] > rules.max_duration_s:
                    break
                if gaps[i] >= rules.max_inner_gap_s:
                    break
                if ends_sentence(tokens[i]):
                    inner += 6.0
                if gaps[i] >= rules.pause_s:
                    inner += 4.0 + 4.0 * (gaps[i] - rules.pause_s)
            if best[i] == inf:
                continue
            lay = layout(tokens[i:j], rules, sep) if chars > rules.max_line_chars else ([], 0.0)
            if lay is None:
                continue
            start = words[i]["start_s"]
            next_start = words[j]["start_s"] if j < n else (end_s if end_s is not None else inf)
            room = min(next_start, start + rules.max_duration_s) - start
            need = max(rules.min_duration_s, chars / rules.max_chars_per_s)
            cost = 2.0 + end_cost[last] + inner + lay[1]
            cost += 10.0 * max(0.0, need - room)
            cost += 2.0 * ((limit - min(chars, limit)) / limit) ** 2
            if best[i] + cost < best[j]:
                best[j], back[j] = best[i] + cost, i
    out = []
    j = n
    while j > 0:
        out.append((back[j], j))
        j = back[j]
    return out[::-1]


def _separator(language: str | None) -> str:
    lang = (language or "").lower().split("-")[0].split("_")[0]
    return "" if lang in _NO_SPACE_LANGUAGES else " "


def cues_from_words(words: Sequence[dict[str, Any]], tb: Timebase, rules: CueRules = CueRules(),
                    language: str | None = None) -> list[Cue]:
    """Readable cues from recognised words (see :func:`group_words` for where cues end).

    A cue starts on its first word's frame and ends on its last word's frame, held longer
    (into the following silence, never over the next cue, never past ``max_duration_s``)
    until it has been up ``min_duration_s`` and long enough to read at ``max_chars_per_s``.
    """
    words = _clean_words(words)
    if not words:
        return []
    sep = _separator(language)
    video_end = max(tb.frame_to_seconds(tb.frame_count), words[-1]["end_s"]) if tb.frame_count else None
    spans = group_words(words, rules, sep, end_s=video_end)
    starts: list[int] = []
    for i, _j in spans:
        f = _frame_of(words[i], "start", tb)
        starts.append(max(f, starts[-1] + 1) if starts else f)
    cues: list[Cue] = []
    for n, (i, j) in enumerate(spans):
        tokens = [w["text"] for w in words[i:j]]
        lines = wrap_lines(tokens, rules, sep) or [_join(tokens, sep)]
        text = "\n".join(lines)
        start = starts[n]
        t0 = tb.frame_to_seconds(start)
        need = max(rules.min_duration_s, len(_join(tokens, sep)) / rules.max_chars_per_s)
        end = max(_frame_of(words[j - 1], "end", tb), _ceil_frame(tb, t0 + need))
        end = min(end, _floor_frame(tb, t0 + rules.max_duration_s))
        if n + 1 < len(spans):
            end = min(end, starts[n + 1])
        if tb.frame_count:
            end = min(end, tb.frame_count)
        cues.append(Cue(start, max(start + 1, end), text))
    return cues


# -- cues from burned-in captions --------------------------------------------------------
def _caption_text(text: str) -> str:
    lines = [" ".join(line.split()) for line in str(text).splitlines()]
    return "\n".join(line for line in lines if line)


def _spoken(sync_lane: dict[str, Any] | None) -> dict[int, str]:
    """Caption index -> what was heard, for the subtitles whose on-screen text and speech
    disagree (subtitle_sync's ``spoken_text``: an OCR misread is not quoted back)."""
    out = {}
    if isinstance(sync_lane, dict) and sync_lane.get("status", "ok") == "ok":
        for entry in sync_lane.get("subtitles") or []:
            if isinstance(entry, dict) and entry.get("spoken_text") and entry.get("caption") is not None:
                out[int(entry["caption"])] = str(entry["spoken_text"])
    return out


def _subtitle_intervals(text_lane: dict[str, Any], spoken: dict[int, str] | None = None,
                        rules: CueRules = CueRules()) -> list[dict[str, Any]]:
    out = []
    for index, iv in enumerate(text_lane.get("intervals") or []):
        if not isinstance(iv, dict) or iv.get("role") != "subtitle":
            continue
        text = _caption_text(iv.get("text") or "")
        if iv.get("readable") is False and "text_read" not in iv:
            text = ""  # not confidently words: never written as if it were the caption (unless heard)
        if spoken and index in spoken:  # spelled as heard, laid out as a cue
            heard = spoken[index].split()
            text = "\n".join(wrap_lines(heard, rules) or [" ".join(heard)])
        try:
            a, b = int(iv["start_frame"]), int(iv["end_frame"])
        except (KeyError, TypeError, ValueError):
            continue
        if text and b > a:
            box = iv.get("box") or [0, 0, 0, 0]
            out.append({"start_frame": a, "end_frame": b, "text": text,
                        "y": float(box[1]) if len(box) > 1 else 0.0})
    return out


def cues_from_text_lane(lane: dict[str, Any], spoken: dict[int, str] | None = None) -> list[Cue]:
    """The burned-in subtitles, as they are on screen: their own frames and line breaks.

    Boxes on screen over the same frames (a two-line caption read as two boxes) become one
    cue, top line first; the same text read again across a gap of a frame or two is one cue;
    a caption that overlaps the next one ends where the next begins.
    """
    ivs = sorted(_subtitle_intervals(lane, spoken), key=lambda iv: (iv["start_frame"], iv["y"]))
    merged: list[dict[str, Any]] = []
    for iv in ivs:
        prev = merged[-1] if merged else None
        if prev and abs(iv["start_frame"] - prev["start_frame"]) <= 2 and abs(iv["end_frame"] - prev["end_frame"]) <= 2:
            if iv["text"] not in prev["text"].split("\n"):
                prev["text"] += "\n" + iv["text"]
            prev["end_frame"] = max(prev["end_frame"], iv["end_frame"])
            continue
        if prev and iv["text"] == prev["text"] and iv["start_frame"] - prev["end_frame"] <= 2:
            prev["end_frame"] = max(prev["end_frame"], iv["end_frame"])
            continue
        merged.append(dict(iv))
    cues: list[Cue] = []
    for n, iv in enumerate(merged):
        end = iv["end_frame"]
        if n + 1 < len(merged):
            end = min(end, merged[n + 1]["start_frame"])
        if end <= iv["start_frame"]:  # begins with the next one: the next one has it
            continue
        cues.append(Cue(iv["start_frame"], end, iv["text"]))
    return cues


# -- choosing the source -----------------------------------------------------------------
def captions_coverage(words: Sequence[dict[str, Any]], captions: Sequence[dict[str, Any]], tb: Timebase,
                      slack_s: float = CAPTIONS_SLACK_S) -> float:
    """The share (0-1) of the words' time whose word falls inside a subtitle caption: a
    word counts, by its duration, when its middle is within a caption widened by ``slack_s``."""
    spans = sorted((tb.frame_to_seconds(c["start_frame"]) - slack_s, tb.frame_to_seconds(c["end_frame"]) + slack_s)
                   for c in captions)
    total = covered = 0.0
    for w in words:
        dur = max(w["end_s"] - w["start_s"], 0.05)
        mid = (w["start_s"] + w["end_s"]) / 2
        total += dur
        if any(a <= mid <= b for a, b in spans):
            covered += dur
    return covered / total if total else 0.0


def normalise_source(source: str | None) -> str:
    s = (source or "auto").strip().lower()
    s = SOURCE_ALIASES.get(s, s)
    if s not in SOURCES:
        raise ValueError(f"unknown subtitle source {source!r}; use one of {', '.join(SOURCES)}")
    return s


@dataclass(frozen=True)
class Transcript:
    cues: list[Cue]
    origin: str  # "speech" or "captions"
    language: str | None  # the recogniser's language code, for a transcript from speech
    note: str  # one sentence: where the cues came from and why


def transcript_of(analysis: dict[str, Any], source: str = "auto", rules: CueRules = CueRules()) -> Transcript:
    """The subtitles to export and where they came from (see the module docstring)."""
    source = normalise_source(source)
    tb = timebase_of(analysis)
    lanes = analysis.get("lanes") or {}
    speech = lanes.get("speech") if isinstance(lanes.get("speech"), dict) else {}
    text = lanes.get("text") if isinstance(lanes.get("text"), dict) else {}

    speech_ok = bool(speech) and speech.get("status", "ok") == "ok"
    words = _clean_words(speech.get("words") or []) if speech_ok else []
    text_ok = bool(text) and text.get("status", "ok") == "ok"
    captions = _subtitle_intervals(text) if text_ok else []
    language = speech.get("language") if isinstance(speech.get("language"), str) else None

    if not speech:
        why_words = "no speech lane in this analysis"
    elif not speech_ok:
        why_words = str(speech.get("reason") or speech.get("status"))
    elif speech.get("words_status", "ok") != "ok":
        why_words = str(speech.get("words_status"))
    else:
        why_words = "none were heard"
    if not text:
        why_text = "no text lane in this analysis"
    elif not text_ok:
        why_text = str(text.get("reason") or text.get("status"))
    elif text.get("intervals"):
        why_text = "only titles and overlays"
    else:
        why_text = "no on-screen text at all"

    def from_speech(note: str) -> Transcript:
        return Transcript(cues_from_words(words, tb, rules, language), "speech", language, note)

    spoken = _spoken(lanes.get("subtitle_sync"))

    def from_captions(note: str) -> Transcript:
        if spoken:
            note += f"; {len(spoken)} spelled as heard where the screen was misread"
        return Transcript(cues_from_text_lane(text, spoken), "captions", None, note)

    if source == "speech":
        if not words:
            also = " (the burned-in subtitles could be used instead)" if captions else ""
            raise NotAvailableYet(f"no transcript to make subtitles from: no words were recognised in the speech "
                                  f"({why_words}){also}")
        return from_speech(f"from the recognised speech ({len(words)} words)")
    if source == "captions":
        if not captions:
            also = " (the recognised speech could be used instead)" if words else ""
            raise NotAvailableYet(f"no burned-in subtitles to make subtitles from: none were read ({why_text}){also}")
        return from_captions(f"from the burned-in subtitles ({len(captions)} read)")
    if words and captions:
        cover = captions_coverage(words, captions, tb)
        if cover >= CAPTIONS_COVER:
            return from_captions(f"from the burned-in subtitles: they cover {cover:.0%} of the speech")
        return from_speech(f"from the recognised speech: the burned-in subtitles cover only {cover:.0%} of it")
    if words:
        return from_speech(f"from the recognised speech ({len(words)} words); no burned-in subtitles ({why_text})")
    if captions:
        return from_captions(f"from the burned-in subtitles ({len(captions)} read); no recognised words ({why_words})")
    raise NotAvailableYet("no transcript to make subtitles from: no words were recognised in the speech "
                          f"({why_words}) and no burned-in subtitles were read ({why_text})")


def cues_of(analysis: dict[str, Any], source: str = "auto") -> tuple[list[Cue], str]:
    """The cues and where they came from ('speech' or 'captions')."""
    t = transcript_of(analysis, source)
    return t.cues, t.origin


# -- writers -----------------------------------------------------------------------------
def _clock(seconds: float, sep: str) -> str:
    ms = int(round(seconds * 1000))
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _note(notes: list[str] | None, t: Transcript) -> None:
    if notes is not None:
        notes.append(f"subtitles {t.note}")


@register("srt")
def srt(analysis: dict[str, Any], source: str = "auto", notes: list[str] | None = None, **_: Any) -> bytes:
    tb = timebase_of(analysis)
    t = transcript_of(analysis, source)
    _note(notes, t)
    out = []
    for n, c in enumerate(t.cues, start=1):
        out.append(f"{n}\n{_clock(tb.frame_to_seconds(c.start_frame), ',')} --> "
                   f"{_clock(tb.frame_to_seconds(c.end_frame), ',')}\n{c.text.replace('-->', '→')}\n")
    return "\n".join(out).encode("utf-8")


_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


@register("vtt")
def vtt(analysis: dict[str, Any], source: str = "auto", notes: list[str] | None = None, **_: Any) -> bytes:
    """WebVTT; a ``Language:`` header line when the recogniser knows the language. Cue text
    is escaped (``&``, ``<``, ``>``) as WebVTT requires."""
    tb = timebase_of(analysis)
    t = transcript_of(analysis, source)
    _note(notes, t)
    header = ["WEBVTT"]
    if t.language and _LANGUAGE.fullmatch(t.language):
        header.append(f"Language: {t.language}")
    origin = "recognised speech" if t.origin == "speech" else "burned-in subtitles"
    out = ["\n".join(header) + "\n", f"NOTE transcript from {origin} by ReelStudio\n"]
    for c in t.cues:
        body = html.escape(c.text.replace("-->", "→"), quote=False)
        out.append(f"{_clock(tb.frame_to_seconds(c.start_frame), '.')} --> "
                   f"{_clock(tb.frame_to_seconds(c.end_frame), '.')}\n{body}\n")
    return "\n".join(out).encode("utf-8")
