"""Tesseract through tesserocr (found, loaded once, read line by line) and the scripts of what
it read: look-alike letters turned to their word's script, white space tidied."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import numpy as np

from ...errors import ModelError

TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
    "/usr/local/share/tesseract-ocr/tessdata",
)


class OcrUnavailable(ModelError):
    """Tesseract (tesserocr) or its language data cannot be used: for the user, a model
    missing like the bundled ones (the CLI exits 9 unless the text lane is skipped)."""


def find_tessdata(languages: tuple[str, ...]) -> Path:
    """The first tessdata folder holding every language; OcrUnavailable naming what is missing."""
    env = os.environ.get("TESSDATA_PREFIX")
    candidates = ([Path(env), Path(env) / "tessdata"] if env else []) + [Path(d) for d in TESSDATA_DIRS]
    best: tuple[Path, list[str]] | None = None
    for d in candidates:
        if not d.is_dir():
            continue
        missing = [lang for lang in languages if not (d / f"{lang}.traineddata").is_file()]
        if not missing:
            return d
        if best is None or len(missing) < len(best[1]):
            best = (d, missing)
    if best is None:
        raise OcrUnavailable("Tesseract language data not found (no tessdata folder; install tesseract-ocr "
                             "and its language packs, or set TESSDATA_PREFIX)")
    raise OcrUnavailable(f"Tesseract language data missing in {best[0]}: {', '.join(best[1])} "
                         f"(install tesseract-ocr-{best[1][0]})")


def installed_languages() -> list[str]:
    """Languages whose Tesseract data is in the first tessdata folder found ('osd' left out);
    reads the folder, so it also works in the packaged app, which ships no tesseract program."""
    env = os.environ.get("TESSDATA_PREFIX")
    for d in ([Path(env), Path(env) / "tessdata"] if env else []) + [Path(d) for d in TESSDATA_DIRS]:
        if d.is_dir():
            langs = sorted(p.name[: -len(".traineddata")] for p in d.glob("*.traineddata"))
            if langs:
                return [lang for lang in langs if lang != "osd"]
    return []


_NAME_LIKE = re.compile(r"[@#/]|\w\.\w|^\d+[.,:]?$")


class Reader:
    """Tesseract through tesserocr, loaded once."""

    def __init__(self, languages: tuple[str, ...]):
        try:
            import tesserocr
        except ImportError as exc:
            raise OcrUnavailable(f"tesserocr (Tesseract's C API) cannot be imported: {exc}") from None
        self.tesserocr = tesserocr
        self.path = find_tessdata(languages)
        self.languages = languages
        self.lexical = 0.0  # of the last read: see read()
        self.weakest = 1.0
        self.hints: dict[str, list] = {}  # text read -> case_hints (cleared by the caller)
        self.gaps: dict[str, list] = {}  # text read -> word_gaps (cleared with the hints)
        self.apis: dict[str, object] = {}
        self.api = self._api("+".join(languages))
        self.version = tesserocr.tesseract_version().split()[1] if tesserocr.tesseract_version() else "?"

    def _api(self, lang: str):
        if lang not in self.apis:
            tesserocr = self.tesserocr
            try:
                self.apis[lang] = tesserocr.PyTessBaseAPI(path=str(self.path) + os.sep, lang=lang,
                                                          psm=tesserocr.PSM.SINGLE_BLOCK,
                                                          oem=tesserocr.OEM.LSTM_ONLY)
            except RuntimeError as exc:
                raise OcrUnavailable(f"Tesseract cannot load {lang} from {self.path}: {exc}") from None
        return self.apis[lang]

    def read(self, binary: np.ndarray, lang: str | None = None,
             single_line: bool = False) -> tuple[str, float, list[tuple[int, int, int, int]]]:
        """Black-on-white uint8 picture -> text, mean confidence 0..1, line boxes (x, y, w, h).
        ``lang``: one of the languages alone (default: all of them together). ``single_line``:
        the picture holds one line of text (Tesseract's page segmentation for a line: short
        words read as a "block" came out as 'Noma' for 'NOT')."""
        from PIL import Image

        api = self.api if lang is None else self._api(lang)
        psm = self.tesserocr.PSM.SINGLE_LINE if single_line else self.tesserocr.PSM.SINGLE_BLOCK
        if api.GetPageSegMode() != psm:
            api.SetPageSegMode(psm)
        api.SetImage(Image.fromarray(binary))
        text = api.GetUTF8Text()
        conf = api.MeanTextConf() / 100.0
        # the share of its letters in words of Tesseract's dictionaries: a garbled read of
        # plain text over grass ('is to ve ill di „4') can be as sure as a right one
        inside = total = 0
        self.weakest = 1.0  # the least sure word of two or more letters, 0..1
        ri = api.GetIterator() if text.strip() else None
        if ri is not None:
            for w in self.tesserocr.iterate_level(ri, self.tesserocr.RIL.WORD):
                try:
                    word = w.GetUTF8Text(self.tesserocr.RIL.WORD) or ""
                except RuntimeError:  # an empty word ("No text returned")
                    continue
                if sum(ch.isalnum() for ch in word) >= 2:
                    self.weakest = min(self.weakest, w.Confidence(self.tesserocr.RIL.WORD) / 100.0)
                if _NAME_LIKE.search(word):
                    continue  # handles, links, numbers: no dictionary has them
                n = sum(ch.isalpha() for ch in word) + sum(not ch.isalnum() and not ch.isspace() for ch in word)
                total += n
                inside += n if w.WordIsFromDictionary() else 0
        self.lexical = inside / total if total else 0.0
        # the case each word's first letter's height shows, for apply_case (by the text read)
        symbols = self._symbols(api) if ri is not None else []
        stray, specks = stray_marks(symbols, binary)
        if stray:
            text, symbols = without_marks(text, symbols, stray)
            binary = np.where(specks, 255, binary).astype(np.uint8)  # the blanks as they are
        self.hints[text] = case_hints([s[:3] for s in symbols]) if ri is not None else []
        self.gaps[text] = word_gaps(symbols, binary)
        lines = []
        for _, box, _, _ in api.GetComponentImages(self.tesserocr.RIL.TEXTLINE, True):
            lines.append((box["x"], box["y"], box["w"], box["h"]))
        api.Clear()
        return text, conf, lines

    def _symbols(self, api) -> list[tuple[str, int, bool, tuple[int, int, int, int]]]:
        """(letter, height, first of its word, box x0, y0, x1, y1) of each symbol read."""
        out = []
        ri = api.GetIterator()
        level = self.tesserocr.RIL.SYMBOL
        for sym in self.tesserocr.iterate_level(ri, level):
            try:
                ch = sym.GetUTF8Text(level) or ""
                box = sym.BoundingBox(level)
            except RuntimeError:
                continue
            if box is None or len(ch) != 1:
                continue
            out.append((ch, box[3] - box[1], sym.IsAtBeginningOf(self.tesserocr.RIL.WORD), box))
        return out

    def _lexicons_by_script(self) -> dict:
        from .lexicon import lexicon

        if not hasattr(self, "_lexicons"):
            self._lexicons = {s: lexicon(str(self.path / f"{lang}.traineddata"))
                              for s, lang in LANG_OF_SCRIPT.items() if lang in self.languages}
        return self._lexicons

    def mend(self, text: str, raw: str) -> str:
        """``text`` (the read ``raw``, tidied) with the words the dictionaries do not know mended
        (lexicon.mend: a lost breve, a lost space the picture shows)."""
        from .lexicon import mend

        return mend(text, self._lexicons_by_script(), self.gaps.get(raw))

    def knows(self, word: str) -> bool:
        """Whether the dictionary of the script of ``word``'s letters has it (lexicon.known)."""
        from .lexicon import known

        return known(word, self._lexicons_by_script())

    def close(self) -> None:
        for api in self.apis.values():
            try:
                api.End()
            except Exception:  # noqa: BLE001 - best effort
                pass
        self.apis = {}


_LAT2CYR = str.maketrans("aeopcxyABEKMHOPCTXy", "аеорсхуАВЕКМНОРСТХу")


def in_cyrillic(text: str) -> str:
    """``text`` with its Latin look-alikes written in Cyrillic ('K' -> 'К')."""
    return text.translate(_LAT2CYR)
_CYR2LAT = str.maketrans("аеорсхуАВЕКМНОРСТХ", "aeopcxyABEKMHOPCTX")
_LOOKALIKE = set("aeopcxyABEKMHOPCTXаеорсхуАВЕКМНОРСТХ")


def script_of(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    if name.startswith("LATIN"):
        return "latin"
    return "other"


def fix_scripts(text: str) -> str:
    """Per word: Latin/Cyrillic look-alikes turned into the word's majority script (the
    whole caption's when the word has none, e.g. "Не" read as Latin "He")."""
    kinds_all = [script_of(c) for c in text]
    caption_cyr = kinds_all.count("cyrillic") > kinds_all.count("latin")

    def fix(m: re.Match) -> str:
        w = m.group(0)
        kinds = [script_of(c) for c in w]
        cyr, lat = kinds.count("cyrillic"), kinds.count("latin")
        if all(c in _LOOKALIKE for c in w if c.isalpha()):
            cyr, lat = (1, 0) if caption_cyr else (0, 1)
        if cyr > lat:
            return w.translate(_LAT2CYR)
        if lat > cyr:
            return w.translate(_CYR2LAT)
        return w
    text = re.sub(r"\w+", fix, text)
    # a vertical bar is a capital I Tesseract took for a line (captions hold no bars): a bar
    # standing alone in a Latin caption ('| tried this', '| WOULD') is 'I'; at a line's end or
    # start in a Cyrillic one, a box's or an outline's edge ('урожай вёшенок |'; amid the words
    # it may be a separator), and one glued to the front of a word ('|Нашу') is nothing
    if not caption_cyr:
        text = re.sub(r"(?<!\S)\|(?!\S)", "I", text)
    else:
        text = re.sub(r"(?m)^[ \t]*\|[ \t]+|[ \t]+\|[ \t]*$", "", text)
    return re.sub(r"(?<!\S)\|(?=\w)", "", text)


# letters whose small form is their capital made smaller (Tesseract takes one for the other:
# 'Подпишись На', 'This little trick / Saves hours'), and letters that show the x-height
# or the capital height without doubt, to tell them apart by their height
_SAME_SHAPE = set("cosuvwxzвгжзиклмнпстхшъыьэюяCOSUVWXZВГЖЗИКЛМНПСТХШЪЫЬЭЮЯ")
_X_HIGH = set("aemnrае")
_CAP_HIGH = set("ADEFGLNPRbdfhklАБЕРФб0123456789")  # no Latin look-alike of a Cyrillic same-shape one (H: н)


def word_of(symbols: list) -> list[int]:
    """Each of ``symbols``' word (0, 1, ...: a symbol first of its word starts the next)."""
    out, k = [], -1
    for sym in symbols:
        k += bool(sym[2]) or k < 0
        out.append(k)
    return out


def word_gaps(symbols: list, binary: np.ndarray) -> list[tuple[str, list[int], int | None]]:
    """Per word read (``symbols`` from :meth:`Reader._symbols`): its letters, the blank
    columns between each two of them, and between it and the next word on its line (None at
    a line's end), in the picture read (``binary``, letters black). The widest blank between
    two letters' middles is the gap: Tesseract's letter boxes are its model's guesses, the
    columns without ink are not."""
    words: list[list] = []
    for sym, k in zip(symbols, word_of(symbols)):
        if k == len(words):
            words.append([])
        words[k].append(sym)

    def blank(a, b) -> int:
        (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = a[3], b[3]
        x0, x1 = (ax0 + ax1) // 2, (bx0 + bx1) // 2
        if x1 <= x0:
            return -1  # the next letter on a new line, or boxes out of order
        ink = (binary[min(ay0, by0):max(ay1, by1), x0:x1] == 0).any(axis=0)
        runs = np.diff(np.flatnonzero(np.r_[True, ink, True])) - 1
        return int(runs.max()) if runs.size else 0

    out = []
    for k, w in enumerate(words):
        after = blank(w[-1], words[k + 1][0]) if k + 1 < len(words) else None
        out.append(("".join(s[0] for s in w), [blank(a, b) for a, b in zip(w, w[1:])],
                    None if after is None or after < 0 else after))
    return out


# a mark read where the picture shows no mark of the letters' weight: its ink (the parts
# lying mostly inside its box) under this share of the letters' stroke width across, or
# under this share of a stroke's square in area
MARK_STROKE, MARK_AREA = 0.45, 0.3
# the marks a speck or a sliver is read as (not a bar or a slash: those may be a letter's stroke,
# a lone bar read for 'I'); a handle's or a link's marks are its own
SPECK_MARKS = set(".,:;'’‘`\"“”„«»-–—_~*^°•·‚¸")


def stray_marks(symbols: list, binary: np.ndarray) -> tuple[set[int], np.ndarray | None]:
    """The punctuation ``symbols`` (from :meth:`Reader._symbols`) whose box in ``binary``
    (letters black) holds no mark drawn like the letters: a speck or a sliver of an outline's
    corner or edge that the split left beside the letters, which Tesseract reads as a mark
    ('SHELF: IN THE', a heavy slab chunk outlined black: a sliver 0.29 of the stroke across;
    'зашила\' любимую. куртку': specks 0.16 across; 'Заплатка На ,': a sliver 0.41 across).
    A real comma or stop is as heavy as the strokes (0.6-1.8 of their width across, in the
    reads of the same clips). A mark with no ink of its own in its box stays: Tesseract's box
    of a real apostrophe ("Saturn's") or comma ('the target, feet', enlarged small type) held
    only ink of the letters beside it. The stroke width: twice the median of the largest
    distance to the background in each part at least half as tall as the letters read. Also
    the ink of those marks (a mask of ``binary``): specks in a word space narrowed the blank
    measured there (word_gaps) to 3 px, and a word was then split at a blank of 4 ('за шила')."""
    import cv2

    words = word_of(symbols)
    named = {w for w in set(words) if _NAME_LIKE.search("".join(s[0] for s, v in zip(symbols, words) if v == w))}
    marks = [k for k, s in enumerate(symbols) if s[0] in SPECK_MARKS and words[k] not in named]
    heights = [s[1] for s in symbols if s[0].isalpha()]
    if not marks or not heights:
        return set(), None
    ink = (binary == 0).view(np.uint8)
    n, label, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    deepest = np.zeros(n, np.float32)
    np.maximum.at(deepest, label.ravel(), cv2.distanceTransform(ink, cv2.DIST_L2, 3).ravel())
    tall = [k for k in range(1, n) if stats[k, cv2.CC_STAT_HEIGHT] >= 0.5 * float(np.median(heights))]
    if not tall:
        return set(), None
    stroke = 2.0 * float(np.median(deepest[tall]))
    out, specks = set(), []
    for k in marks:
        x0, y0, x1, y1 = symbols[k][3]
        sub = label[max(0, y0):y1 + 1, max(0, x0):x1 + 1]
        parts, count = np.unique(sub[sub > 0], return_counts=True)
        own = [p for p, c in zip(parts, count) if c >= 0.5 * stats[p, cv2.CC_STAT_AREA]]
        if not own:
            continue  # (its ink is a letter's, or lies beside its box: a real apostrophe or comma can)
        across = 2.0 * float(max(deepest[own]))
        area = float(sum(stats[p, cv2.CC_STAT_AREA] for p in own))
        if across < MARK_STROKE * stroke or area < MARK_AREA * stroke ** 2:
            out.add(k)
            specks += own
    return out, np.isin(label, specks) if specks else None


def without_marks(text: str, symbols: list, drop: set[int]) -> tuple[str, list]:
    """``text`` and its ``symbols`` without the symbols ``drop`` (each of the text's letters
    and marks is a symbol, in order; where they do not pair up one for one, both are left
    as read). A mark dropped between two letters of a word read leaves a space: Tesseract
    reads a sliver in a word space as a mark joining the two words ('просто-долез',
    'factise-the'); not where a mark kept follows (the word and its marks stay one word).
    Runs of spaces as one, a line left empty dropped."""
    out, kept, k, space = [], [], 0, False
    for ch in text:
        if ch.isspace():
            out.append(ch)
            space = False
            continue
        if k >= len(symbols) or symbols[k][0] != ch:
            return text, symbols
        sym = symbols[k]
        k += 1
        if k - 1 in drop:
            # (a word's first mark dropped: its next letter starts it)
            space = space or bool(out and out[-1].isalnum()) or sym[2]
            continue
        if space and (ch.isalnum() or sym[2]):
            if out and out[-1].isalnum() and ch.isalnum():
                out.append(" ")
            sym = (sym[0], sym[1], True, sym[3])
        space = False
        out.append(ch)
        kept.append(sym)
    if k != len(symbols):
        return text, symbols
    lines = (" ".join(line.split()) for line in "".join(out).splitlines())
    return "\n".join(line for line in lines if line) + "\n", kept


def case_hints(symbols: list[tuple[str, int, bool]]) -> list[str | None]:
    """Per word read (``symbols``: letter, height, first of its word, from
    :meth:`Reader._symbols`), 'lower' when its first letter is as tall as the read's x-height
    letters (within a quarter of the gap to its capitals and ascenders; without those, to
    the capital height X_PER_CAP implies), else None. Only ever towards lower case, and
    never for the first word: on the captions corpus's tune part, raising letters by their
    height turned 'slicing' into 'Slicing' and 'Самый' at a caption's start into 'самый'."""
    xs = [h for ch, h, _ in symbols if ch in _X_HIGH]
    starts = [h for _, h, first in symbols if first]
    if len(xs) < 2:
        return [None] * len(starts)
    x_h = float(np.median(xs))
    caps = [h for ch, h, _ in symbols if ch in _CAP_HIGH]
    cap_h = float(np.median(caps)) if caps else x_h / 0.74  # letters.X_PER_CAP
    if cap_h - x_h < 3:
        return [None] * len(starts)
    return [None] + ["lower" if abs(h - x_h) < 0.25 * (cap_h - x_h) else None for h in starts[1:]]


def apply_case(text: str, hints: list[str | None] | None) -> str:
    """``text`` (a read after :func:`tidy` and :func:`fix_scripts`: the same words) with the
    first letter of each word that ``hints`` calls 'lower' in lower case, when it is a
    letter whose cases differ only in size ('Подпишись На' read for '... на'); words in
    capitals are left as read."""
    if not hints:
        return text
    words = iter(hints)

    def fix(m: re.Match) -> str:
        w, hint = m.group(0), next(words, None)
        ch, rest = w[0], w[1:]
        if hint != "lower" or ch not in _SAME_SHAPE or not any(c.islower() for c in rest):
            return w
        return ch.lower() + rest

    if len(re.findall(r"\S+", text)) != len(hints):
        return text  # not word for word (a bar dropped, a blank line): left as read
    return re.sub(r"\S+", fix, text)


LANG_OF_SCRIPT = {"latin": "eng", "cyrillic": "rus"}


def tidy(text: str) -> str:
    """Tesseract's text: blank lines dropped, runs of spaces as one, a lone dash, star or dot
    at a line's start or end dropped, and a quote mark or bracket
    left without its pair dropped where it starts or ends a word (an outline's corner read as a
    mark: '“MY' for 'MY', 'STAKES)' for 'TAKES', 'friend)'); a line then left empty is dropped.
    A read of one letter and marks after it is the letter (a speck of its outline beside it:
    'I.' for a pop-in sequence's 'I', 0.94 sure)."""
    lines = (_paired(_edge_specks(line.split())) for line in text.splitlines() if line.strip())
    out = "\n".join(line for line in lines if line)
    lone = _LONE_MARKED.fullmatch(out)
    return lone.group(1) if lone else out


_LONE_MARKED = re.compile(r"([^\W\d_])[.:,;'’`]+")


# a word of one of these alone at a line's end: a speck or a stroke (not a bar: fix_scripts
# reads a lone bar in a Latin caption as 'I', '| tried this')
_SPECKS = set("-–—*_~•·")


def _edge_specks(words: list[str]) -> str:
    """A line's words without a lone dash, star or dot at its start or end ('хрустящей *',
    'NOBODY -': a speck of the picture or an outline's edge beside the letters)."""
    while len(words) > 1 and words[-1] in _SPECKS:
        words = words[:-1]
    while len(words) > 1 and words[0] in _SPECKS:
        words = words[1:]
    return " ".join(words)


_QUOTES = "\"“”„«»"


def _paired(line: str) -> str:
    """``line`` without its unpaired quote marks and brackets at the edges of its words."""
    odd = sum(line.count(q) for q in _QUOTES) % 2 == 1 or line.count("«") != line.count("»")
    brackets = line.count("(") != line.count(")")
    marks = (_QUOTES if odd else "") + ("()" if brackets else "")
    if not marks:
        return line
    words = [w.strip(marks) or w for w in line.split(" ")]
    return " ".join(words).strip()


def lookalikes_only(text: str, lexical: float) -> bool:
    """A read of four or more letters, every one a Latin/Cyrillic look-alike capital, and hardly a
    dictionary word: its script is Tesseract's guess ('TEXTURE CHANGES IN' came back
    'ТЕХТОВЕСНАМСЕ$ М', 0.74 sure), so it is read again in each language alone."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and lexical < 0.25 and all(ch in LOOKALIKE_CAPITALS for ch in letters)


LOOKALIKE_CAPITALS = set("ABEKMHOPCTXАВЕКМНОРСТХ")


def own_letter(ch: str) -> bool:
    """A letter no Latin/Cyrillic look-alike has (U, R, G, N, S...; Б, Д, Ж, Я...)."""
    return ch.isalpha() and ch.upper() not in LOOKALIKE_CAPITALS and ch.upper() not in "IY"


def own_letters(text: str) -> int:
    """How many of ``text``'s letters no Latin/Cyrillic look-alike has (:func:`own_letter`)."""
    return sum(own_letter(ch) for ch in text)


def mixed_scripts(text: str) -> bool:
    """Whether a read holds words of two letters or more in both Latin and Cyrillic (handles,
    links and numbers left out): on the caption parts every such read was a misread ('хемы
    Taken' for 'Схемы такелажа', 0.88 sure; '„Кёер yourhips:' for 'Keep your hips'), so it is
    not quoted. A caption that does mix them (a Latin brand name in a Russian line) is then
    shown as text the app could not read, not misquoted."""
    seen = set()
    for word in text.split():
        if _NAME_LIKE.search(word):
            continue
        if sum(ch.isalpha() for ch in word) >= 2:
            seen |= {script_of(ch) for ch in word} & {"latin", "cyrillic"}
    return seen == {"latin", "cyrillic"}
