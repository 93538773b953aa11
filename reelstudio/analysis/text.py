"""On-screen text: captions found by PP-OCRv4 detection (ONNX Runtime), followed frame by
frame by their pixels, read once each by Tesseract.

The pipeline hands every frame as a gray picture whose shorter side is ``width`` px (display
aspect; the source's own size when smaller: 540x960 for a vertical reel, 960x540 for a
landscape one), made from the decoder's luma plane. Three steps:

1. **Find.** Text that appears stays put, with sharp edges. On every ``step``-th frame
   (``step`` = round(fps / ``sample_fps``)) the lane looks for *new settled edges*: pixels
   on an edge (3x3 gray range over ``tolerance``) that stayed within ``steady`` gray levels
   over the last ``settle`` frames (~0.2 s) and lie more than ``tolerance`` outside the 3x3
   gray range of what the last detection covering them saw (a picture that drifted by a
   pixel is nothing new), outside the captions being followed. Cells of 8x8 px with a sixth
   of such pixels, two side by side, mark rows; only those row bands (widened by 3 % of the
   height) go through the PP-OCRv4 mobile detector (``models/ppocr_det.onnx``) at the full
   analysis size, so small text is seen at its real size; a band whose edge cuts a text line
   grows until the line is inside. Edges steady for two frames only (text that has just
   appeared) are looked at again ``settle`` frames later. When the new rows cover more than
   ``full_band`` of the picture (a cut to a still shot) the whole picture is shrunk to
   ``det_width`` px on its shorter side and searched; lines it shows under 12 px tall, and new rows where
   it found nothing (as far as the cost of one more search allows), are searched again at
   full size. The first frame is searched whole at full size. When a followed caption ends,
   its rows are searched on that very frame (its replacement often appears there), at a
   scale showing lines of its height >= 20 px. The detector's probability map is cut at
   ``det_threshold``; each connected region whose mean probability exceeds
   ``box_threshold`` is a text line, grown back by the DB "unclip" distance (area x 1.6 /
   perimeter). Lines side by side on one row, and rows stacked closely with overlapping
   columns, form one caption block. A block that overlaps a caption already followed is
   that caption, unless it is a line inside a larger box whose template there no longer
   matches the block's letters (a caption appearing over a texture taken for text). On 60 s of 1080x1920 footage with 34 subtitle cues the detector looks at
   about a fifth of the pixels it would searching every sample whole.
2. **Follow.** A new caption's *template* is its box in the frame where it was found. Its
   *caption pixels* start as the letters (Otsu's class deeper inside the box) grown by two
   pixels, so an outline, a shadow or a box around the letters belong to it too; pixels
   that change while the caption stays are dropped from the set (the busy picture behind
   the letters). On every frame, a caption is still on screen when at least ``match`` of
   its caption pixels are within ``tolerance`` gray levels of the template. The first frame
   below that (or where fewer than a quarter of the original caption pixels are left) is
   its exact ``end_frame``. Its exact ``start_frame`` is found by the same test on the
   frames kept since the previous sample (``step`` + ``settle`` pictures): the earliest frame
   of the unbroken run of matching frames before the detection, cut after the frame where
   the box's pixels jumped when one jump stands out and the picture around the box did not
   jump with it (letters can match the picture they appear on: white over light fur).
3. **Read.** Each caption is read once, when it ends: the per-pixel median of up to
   ``crops`` copies of its box taken across its life, the frames it was on before it was
   found included (the letters stay, the moving picture behind them averages out), within
   its caption pixels that hardly moved across those copies; split by Otsu (polarity from
   which class the other encloses), enlarged so the letters are ~32 px tall *before* the
   split (small text keeps the shape of its strokes), specks and hairlines dropped, letters
   black on white, padded, and handed to Tesseract (tesserocr, Tesseract's C API; LSTM, page
   segmentation "single block", languages ``languages``). tesserocr costs ~14 ms of CPU
   per caption line here against ~235 ms for the tesseract command line that pytesseract
   runs (measured on a 900x70 line, eng+rus). A read Tesseract is unsure of (mean
   confidence < 0.8) is tried again without the outer rim of the caption pixels and in the
   other polarity; the surest read wins. A read still doubtful (less sure than 0.9 and with
   confidence x (0.5 + 0.5 x its share of dictionary words) under 0.8) is tried as the
   letters an outline or box encloses over the whole box (karaoke words changing colour
   leave the still pixels) and as a top-hat (plain letters over a busy or light picture no
   one threshold parts), in both polarities; the read with the best confidence x words x
   share of the most letters read wins. Dots and marks just over a letter (i, j, ё, й) are
   kept with it. A word read with mostly Cyrillic letters has its
   Latin look-alikes (a, e, o, p, c, x, ...) turned Cyrillic and vice versa; a caption still
   mixing both scripts is read again in the language of its main script alone.

Captions seen for less than ``min_s`` (0.15 s: word-by-word chunks are on screen 6-12
frames), read as fewer than two letters or digits, or read with a mean Tesseract confidence
under ``min_confidence`` (0.55), or nearly invisible (contrast under ``min_contrast``,
1.5:1) and read with confidence under 0.8, are dropped: texture the detector mistook for
text (on the sample reel: 0.52 and 0.67 with contrast 1.1; on a panned motorcycle photo
'ae' and '. гг' at 0.6 with 1.3-1.4, while a real caption badly read over a busy photo
still scores 0.63). Consecutive captions at the same place with the same text are one.

New text is looked for on every ``step``-th frame (8 a second); a line found just after
another one above or below it, or a block holding a caption found moments before with
more lines, is followed as one caption with it (two lines of a caption settle a sample
apart).

Per caption (``intervals``): half-open frames and seconds, ``box`` [x, y, w, h] in source
display pixels, ``text`` (lines joined by "\\n"), ``lang`` (the Tesseract language whose
script most of the letters are in), ``lines`` and ``height_px`` (median line height from
Tesseract's line boxes, display px: the ink's height, so it moves with descenders),
``cap_height_px`` (capitals' height above the baseline, whichever letters the text holds:
see :func:`cap_height`) and ``font_px`` (the font size it implies, cap height / 0.71: what
a creator sets in an editor, within 5-10 % in the common sans families), ``confidence``
(Tesseract's mean word confidence, 0..1), ``duration_s``, ``contrast`` and a provisional
``role``; ``dictionary_share`` (the share of its letters in words of Tesseract's
dictionaries, handles, links and numbers left out) and ``readable`` (False when Tesseract
is less sure than 0.85 and confidence x (0.5 + 0.5 x dictionary_share) < 0.6, or sure of
one of its words less than 0.6: show its box as unreadable text, do not quote ``text``).

**Contrast** is the WCAG 2.x contrast ratio (L1 + 0.05) / (L2 + 0.05) between the letters
and what immediately surrounds them, per kept crop (median over a few spread over the
caption's life): the letters' level is the upper quartile (lower, for dark letters) of the
letter class of the binarised caption eroded by one pixel; the surround's is the median of
the pixels 1-2.5 px from the letters: the outline or the box where there is one, else the
picture right beside them. Each level is taken as an sRGB-encoded gray value (the analysis
picture is luma only, so colour is not weighed separately: yellow on white scores as its
luma does). On the caption corpus's tune part the error against the true RGB ratio is 0.25
(median) for thick outlines, 0.7 for plain text on a light background; a 1-px outline at
analysis size, or a 2 % caption's letters, come out lower than true (their strokes are
mostly anti-aliased edge).

**Role** (provisional; the subtitle-sync step settles it with speech): ``subtitle`` when
the caption's centre lies in the lower two thirds of the frame (below 0.35 of the height)
and another caption at about the same height follows or precedes it within 1.5 s (a
sequence, as subtitles come); ``overlay`` otherwise (titles, labels, a lone caption).

If the detector model, tesserocr or the Tesseract language data is missing, the lane is
``unavailable`` with the reason.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..media.video import FrameRequest
from .base import Lane, VideoAnalyzer, frame_intervals

MODEL = "ppocr_det"
DET_ENGINE = "PP-OCRv4 det (ONNX Runtime)"

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
        lines = []
        for _, box, _, _ in api.GetComponentImages(self.tesserocr.RIL.TEXTLINE, True):
            lines.append((box["x"], box["y"], box["w"], box["h"]))
        api.Clear()
        return text, conf, lines

    def close(self) -> None:
        for api in self.apis.values():
            try:
                api.End()
            except Exception:  # noqa: BLE001 - best effort
                pass
        self.apis = {}


# ----------------------------------------------------------------------------- detection

def db_boxes(prob: np.ndarray, threshold: float, box_threshold: float, unclip: float,
             min_height: float) -> list[tuple[float, float, float, float, float]]:
    """DB probability map -> text line boxes (x0, y0, x1, y1, score) in map pixels."""
    import cv2

    mask = (prob > threshold).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=4)
    out = []
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if h < min_height or area < 4:
            continue
        region = labels[y : y + h, x : x + w] == i
        score = float(prob[y : y + h, x : x + w][region].mean())
        if score < box_threshold:
            continue
        d = area * unclip / max(1.0, 2.0 * (w + h))
        out.append((x - d, y - d, x + w + d, y + h + d, score))
    return out


def group_lines(lines: list[tuple[float, float, float, float, float]]) -> list[tuple[tuple, list]]:
    """Line boxes -> caption blocks: boxes on one row close side by side, then rows stacked
    closely with overlapping columns and similar heights. Each block: ((x0, y0, x1, y1),
    [its rows (x0, y0, x1, y1)])."""
    rows: list[list[float]] = []
    for x0, y0, x1, y1, _ in sorted(lines, key=lambda b: b[0]):
        h = y1 - y0
        for r in rows:
            rh = r[3] - r[1]
            vov = min(r[3], y1) - max(r[1], y0)
            if vov > 0.5 * min(h, rh) and x0 - r[2] < 1.5 * max(h, rh):
                r[:] = [min(r[0], x0), min(r[1], y0), max(r[2], x1), max(r[3], y1)]
                break
        else:
            rows.append([x0, y0, x1, y1])
    blocks: list[list[float]] = []
    for r in sorted(rows, key=lambda b: b[1]):
        h = r[3] - r[1]
        for b in blocks:
            last_h = b[5]
            gap = r[1] - b[3]
            hov = min(b[2], r[2]) - max(b[0], r[0])
            if gap < 0.6 * max(h, last_h) and hov > 0.3 * min(r[2] - r[0], b[2] - b[0]) \
                    and 0.6 < h / last_h < 1.6:
                b[:4] = [min(b[0], r[0]), min(b[1], r[1]), max(b[2], r[2]), max(b[3], r[3])]
                b[5] = h
                b[4].append(tuple(r))
                break
        else:
            blocks.append([r[0], r[1], r[2], r[3], [tuple(r)], h])
    return [(tuple(b[:4]), b[4]) for b in blocks]


def overlap_smaller(a, b) -> float:
    """Intersection over the smaller area of two (x0, y0, x1, y1) boxes."""
    iw = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    small = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return iw * ih / small if small > 0 else 0.0


def _stacked(a, b, line_h: float) -> bool:
    """Two boxes one above the other, less than a line's height apart, their columns
    overlapping by half the narrower one."""
    gap = max(a[1], b[1]) - min(a[3], b[3])
    cols = min(a[2], b[2]) - max(a[0], b[0])
    return -0.5 * line_h < gap < 1.0 * line_h and cols > 0.5 * min(a[2] - a[0], b[2] - b[0])


def box_iou(a, b) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def merge_bands(bands: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Row bands [a, b) with the scale to detect them at, merged where they overlap or touch
    (at the finer of their scales)."""
    out: list[list] = []
    for a, b, scale in sorted(bands):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
            out[-1][2] = max(out[-1][2], scale)
        else:
            out.append([a, b, scale])
    return [(a, b, scale) for a, b, scale in out]


# ----------------------------------------------------------------------------- pixels

def otsu(values: np.ndarray) -> float:
    hist = np.bincount(values.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128.0
    w0 = np.cumsum(hist)
    m = np.cumsum(hist * np.arange(256))
    w1 = total - w0
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (m[-1] * w0 / total - m) ** 2 / (w0 * w1)
    between[~np.isfinite(between)] = 0
    return float(np.argmax(between)) + 0.5


def enclosed_by(cls: np.ndarray) -> np.ndarray:
    """Pixels outside ``cls`` that cannot reach the crop's edge without crossing ``cls``."""
    import cv2

    free = (~cls).astype(np.uint8)
    n, labels = cv2.connectedComponents(free, connectivity=4)
    edge = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    return (labels > 0) & ~np.isin(labels, edge[edge > 0])


def letters_mask(crop: np.ndarray, region: np.ndarray | None = None) -> np.ndarray:
    """See :func:`letters_split`: the letter pixels of ``crop`` (within ``region``)."""
    split = letters_split(crop, region)
    if split is None:
        return np.zeros(crop.shape, bool)
    t, bright = split
    cls = crop > t if bright else crop <= t
    return cls & region if region is not None else cls


def letters_split(crop: np.ndarray, region: np.ndarray | None = None) -> tuple[float, bool] | None:
    """How the letters of a gray caption crop stand out: (Otsu's threshold over ``region``,
    the whole crop when None; True when the letters are the brighter class), or None when
    ``region`` is nearly empty. Of the two classes, the letters are the one enclosed by the
    other: an outline, a shadow's rim or a box surrounds the letters, so most letter pixels
    cannot reach the crop's edge without crossing the other class, while the decoration's
    pixels can (only the counters of letters like 'o' enclose some). On a near tie, the
    class with the thicker strokes."""
    import cv2

    if region is None:
        region = np.ones(crop.shape, bool)
    vals = crop[region]
    if vals.size < 8:
        return None
    t = otsu(vals)
    classes = [(crop > t) & region, (crop <= t) & region]
    enclosed = []
    for k, cls in enumerate(classes):
        other = classes[1 - k]
        enclosed.append(float((cls & enclosed_by(other)).sum()) / max(1, int(cls.sum())))
    if abs(enclosed[0] - enclosed[1]) > 0.15:
        return t, enclosed[0] > enclosed[1]
    thick = []
    for cls in classes:
        d = cv2.distanceTransform(np.pad(cls, 1).astype(np.uint8), cv2.DIST_L2, 3)[1:-1, 1:-1]
        thick.append(float(d[cls].mean()) if cls.any() else 0.0)
    return t, thick[0] >= thick[1]


def clean_letters(letters: np.ndarray, lines: list[tuple[int, int, int, int]], grow: int = 0) -> np.ndarray:
    """Letters kept only inside the detector's text lines (x0, y0, x1, y1), without specks
    (pieces much smaller than a letter) and without hairlines (pieces far thinner than the
    letters' strokes: a rim of bright picture left around an outline). A piece that the end
    of a line cuts is kept up to ``grow`` px beyond it (the detector ends lines short of a
    faint first or last letter); one lying wholly beyond the line (a box's edge, picture) is
    not."""
    import cv2

    inside = None
    if lines:
        keep = np.zeros(letters.shape, bool)
        inside = np.zeros(letters.shape, bool)
        for x0, y0, x1, y1 in lines:
            keep[max(0, y0) : y1, max(0, x0 - grow) : x1 + grow] = True
            inside[max(0, y0) : y1, max(0, x0) : x1] = True
        letters = letters & keep
    n, labels, stats, _ = cv2.connectedComponentsWithStats(letters.astype(np.uint8), connectivity=8)
    if n <= 1:
        return letters
    if inside is not None and grow > 0:
        touches = np.zeros(n, bool)
        touches[np.unique(labels[inside & letters])] = True
        letters = letters & touches[labels]
        n, labels, stats, _ = cv2.connectedComponentsWithStats(letters.astype(np.uint8), connectivity=8)
        if n <= 1:
            return letters
    areas = stats[1:, cv2.CC_STAT_AREA]
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    big = areas >= max(3, 0.5 * np.median(areas))
    ref_h = float(np.median(heights[big])) if big.any() else 0.0
    ok = (areas >= max(3.0, 0.02 * areas.max())) & (heights >= 0.25 * ref_h)
    # stroke thickness of each piece: the largest distance from its inside to its edge
    dist = cv2.distanceTransform(np.pad(letters, 1).view(np.uint8), cv2.DIST_L2, 3)[1:-1, 1:-1]
    thick = np.zeros(n, np.float32)
    np.maximum.at(thick, labels.ravel(), dist.ravel())
    thick = thick[1:]
    if big.any():
        stroke = thick >= 0.4 * float(np.median(thick[big]))
        ok &= stroke
        # the dots and marks over letters (i, j, ё, й) are small but no specks: a dotless
        # 'is' was read '1$', 'daily' 'dally', 'тёплой' 'теплои'
        ok |= stroke & ~ok & _marks_over(stats[1:], ok, ref_h)
    return ok[labels - 1] & (labels > 0)


def _marks_over(stats: np.ndarray, kept: np.ndarray, ref_h: float) -> np.ndarray:
    """Pieces (connected-component stats rows) lying just over a kept letter: less than 0.4
    of a letter's height above its top, centred over its columns and no wider than it,
    smaller than half a letter and not flat like a hairline."""
    import cv2

    x, y = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    out = np.zeros(len(stats), bool)
    if ref_h <= 0 or not kept.any():
        return out
    small = (h <= 0.5 * ref_h) & (w <= 0.8 * ref_h) & (np.maximum(w, h) <= 4 * np.minimum(w, h))
    for i in np.flatnonzero(small & ~kept):
        cx = x[i] + w[i] / 2
        # over one letter (not a piece of several joined, which has room for any speck), close above it
        below = kept & (x <= cx) & (cx <= x + w) & (w <= ref_h) & (w[i] <= 1.2 * w) \
            & (y >= y[i] + h[i]) & (y - (y[i] + h[i]) <= 0.4 * ref_h)
        out[i] = bool(below.any())
    return out


def enclosed_only(letters: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Letters of outlined or boxed text without the picture beside them: when most letter
    pixels are enclosed by the other class (an outline, a box), a piece of the letter class
    that is not (bright picture just beyond the outline, joined to the caption's pixels:
    "WAIT UNTIL YOU" ended in a blob read as "YOUS") is dropped. Plain text, where little
    is enclosed, is left alone."""
    import cv2

    if not letters.any():
        return letters
    # above and below the crop counts as the other class: a line of letters touching the
    # crop's top or bottom edge is not "reaching the picture" ('Let me show you\nhow it
    # works' lost its second line); beyond its ends, where picture joins the caption, it is
    enc = enclosed_by(np.pad(other, ((1, 1), (0, 0)), constant_values=True))[1:-1] & letters
    if enc.sum() < 0.6 * letters.sum():
        return letters
    n, labels = cv2.connectedComponents(letters.astype(np.uint8), connectivity=8)
    if n <= 2:
        return letters
    total = np.bincount(labels.ravel(), minlength=n)
    inside = np.bincount(labels[enc], minlength=n)
    keep = inside >= 0.3 * np.maximum(total, 1)
    keep[0] = False
    return keep[labels]


def read_held(stack: np.ndarray, med: np.ndarray, binary: np.ndarray, lines: list[tuple[int, int, int, int]],
              scale: float, tolerance: int) -> float:
    """How far the letters Tesseract read stayed put over a caption's life: the lowest share,
    over its kept crops ``stack``, of the read's ink (``binary``'s black pixels inside its line
    boxes, the 16 px border and ``scale`` undone) within ``tolerance`` of the median picture
    ``med``. A caption's letters stay; the texture of a moving picture does not, nor do the
    letters of a caption that came up inside a texture's box part-way through its life."""
    import cv2

    ink = np.zeros(binary.shape, bool)
    for x, y, w, h in lines:
        ink[y : y + h, x : x + w] = True
    ink &= binary == 0
    ink = ink[16:-16, 16:-16]
    if scale > 1:
        ink = cv2.resize(ink.view(np.uint8), (med.shape[1], med.shape[0]), interpolation=cv2.INTER_AREA) > 0
    n = int(np.count_nonzero(ink))
    if n < 8 or len(stack) < 2:
        return 1.0
    close = np.abs(stack[:, ink].astype(np.int16) - med[ink].astype(np.int16)) <= tolerance
    return float(np.min(close.mean(axis=1)))


# a read less sure to be seen than min_contrast must hold (read_held) at least this: on the
# checks' clips texture reads held 0.02-0.34; on the captions corpus's tune part real captions
# at contrast under 1.5 held 0.92-0.99 and a second read of a handle beside its caption 0.68
HELD = 0.75


def glyph_height(letters: np.ndarray) -> float:
    """The typical letter height of a letter mask: the median height of its pieces that are
    not specks (area at least a quarter of the 90th percentile piece's)."""
    import cv2

    n, _, stats, _ = cv2.connectedComponentsWithStats(letters.astype(np.uint8), connectivity=8)
    if n <= 1:
        return float(letters.shape[0])
    areas, heights = stats[1:, cv2.CC_STAT_AREA], stats[1:, cv2.CC_STAT_HEIGHT]
    keep = areas >= max(3.0, 0.25 * float(np.percentile(areas, 90)))
    return float(np.median(heights[keep])) if keep.any() else float(np.median(heights))


# a caption is shown as unreadable (its box, not its text quoted) when Tesseract is less sure
# than SURE and its read_quality is under READABLE. On the captions corpus's tune part: garbled
# reads 'Самый npoctTon' (0.64, 38 % dictionary words) and '06 эгоя"'НИКто не рассказывает'
# (0.75, 56 %) fall under it; right reads with names ('THE DASHWOODS', 0.95, none in the
# dictionary) or with a slip ('Honestureview after one month', 0.82, 50 %) do not.
SURE, READABLE = 0.85, 0.6
# ... and never when one of its words (two letters or more) is read less sure than WORD_SURE: a
# sure line can hold one misread word ('Big Bick Bunny (<) Blender Foundation', 0.83 sure, the
# word 0.57; 'unless to be father', 0.44), which a flag must not quote. On the tune part it also
# hides 'Honestureview after one month' (0.43) and 'Part two 1$ already up' (0.45); right words
# were read at 0.72 or surer.
WORD_SURE = 0.6
def read_quality(confidence: float, lexical: float) -> float:
    """How far a read is words: Tesseract's mean confidence, halved when none of its letters
    are in dictionary words (handles, links and numbers left out of that share)."""
    return confidence * (0.5 + 0.5 * lexical)


CAP_PER_EM = 0.71  # capital height / font size: 0.69-0.73 in DejaVu, Liberation, Open Sans, Roboto
X_PER_CAP = 0.74  # x-height / capital height in the same families (0.72-0.77)
# letters that reach the capital line: capitals, digits, Latin and Cyrillic ascenders
_TALL = re.compile(r"[A-ZА-ЯЁ0-9bdfhklбф]")
_DESCENDING = re.compile(r"[gjpqyрудфцщ]")  # letters reaching below the baseline


def cap_height(ink: np.ndarray, lines: list[tuple[int, int, int, int]], text: str) -> float | None:
    """The height of capitals above the baseline in an ink mask (True = letter), whichever
    letters the text holds: per line (x, y, w, h), the baseline is the median bottom of the
    letter-sized pieces (dots, commas, quotes and hyphens left out) and each piece's height
    above it is taken; capitals, digits and ascenders form the top cluster. Text without any
    of those (read as such by ``text``: 'one more run') shows only the x-height, scaled by
    ``X_PER_CAP``. (The ink's height moves with descenders: 60 px Liberation Sans was 44 px
    tall without and 48-50 px with them.) None when there is too little ink to tell."""
    import cv2

    tops: list[float] = []
    # the share of pieces hanging below the baseline, from the text ('jumpy gypsy pig': most)
    letters = sum(ch.isalnum() for ch in text)
    hanging = len(_DESCENDING.findall(text)) / letters if letters else 0.0
    for x, y, w, h in lines or [(0, 0, ink.shape[1], ink.shape[0])]:
        part = ink[max(0, y) : y + h, max(0, x) : x + w]
        n, _, stats, _ = cv2.connectedComponentsWithStats(part.astype(np.uint8), connectivity=8)
        if n <= 1:
            continue
        top, hgt = stats[1:, cv2.CC_STAT_TOP], stats[1:, cv2.CC_STAT_HEIGHT]
        big = hgt >= 0.5 * float(np.percentile(hgt, 90))
        if big.sum() < 2:
            continue
        bottom = np.sort(top[big] + hgt[big])
        base = float(np.median(bottom[: max(1, len(bottom) - int(round(hanging * len(bottom))))]))
        # pieces standing on the baseline (a descender's piece starts at the x-height, so it counts too)
        above = base - top[big]
        tops += [float(v) for v in above if v > 0]
    if len(tops) < 2:
        return None
    tops_a = np.sort(np.asarray(tops))[::-1]
    # the text says how many pieces reach the capital line: the median of that many tallest
    # (a lone capital in 'Once more, every summer' is 1 piece of 20)
    tall = len(_TALL.findall(text))
    if tall:
        return float(np.median(tops_a[: max(1, min(tall, len(tops_a)))]))
    return float(np.median(tops_a)) / X_PER_CAP  # only x-height letters in the text


_c = np.arange(256, dtype=np.float64) / 255.0
_LIN = np.where(_c <= 0.04045, _c / 12.92, ((_c + 0.055) / 1.055) ** 2.4)


def wcag_contrast(a: float, b: float) -> float:
    """WCAG 2.x contrast ratio of two sRGB-encoded gray levels (0..255)."""
    la, lb = _LIN[int(round(a))], _LIN[int(round(b))]
    hi, lo = max(la, lb), min(la, lb)
    return float((hi + 0.05) / (lo + 0.05))


_LAT2CYR = str.maketrans("aeopcxyABEKMHOPCTXy", "аеорсхуАВЕКМНОРСТХу")
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
    return re.sub(r"\w+", fix, text)


LANG_OF_SCRIPT = {"latin": "eng", "cyrillic": "rus"}


def tidy(text: str) -> str:
    """Tesseract's text: blank lines dropped, runs of spaces as one."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


# ----------------------------------------------------------------------------- following

@dataclass
class Track:
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in analysis pixels
    start: int
    template: np.ndarray
    pixels: np.ndarray  # caption pixels still trusted (bool, crop shape)
    initial: int
    end: int | None = None
    crops: list[np.ndarray] = field(default_factory=list)
    last_crop_frame: int = -1
    lines: list[tuple[int, int, int, int]] = field(default_factory=list)  # detector rows, crop pixels
    core: np.ndarray | None = None  # the letter pixels themselves (bool, crop shape)
    core_initial: int = 0
    grow: int = 0  # px a letter may reach beyond the ends of its detector line

    def line_height(self) -> float:
        """The smallest detector row's height (analysis pixels)."""
        return float(min((r[3] - r[1] for r in self.lines), default=self.box[3] - self.box[1])) or 1.0

    def rows_abs(self) -> list[tuple[int, int, int, int]]:
        """Its detector lines in analysis pixels."""
        x, y = self.box[0], self.box[1]
        return [(r[0] + x, r[1] + y, r[2] + x, r[3] + y) for r in self.lines]

    def crop(self, image: np.ndarray) -> np.ndarray:
        x0, y0, x1, y1 = self.box
        return image[y0:y1, x0:x1]


class TextAnalyzer(VideoAnalyzer):
    name = "text"
    models = (MODEL,)
    version = 6  # 4: font_px, cap_height_px; 5: the reading changes of v4 taken back (cached v4 lanes may hold them); 6: re-applied, with a guard against texture

    def __init__(self, width: int = 540, det_width: int = 288, sample_fps: float = 8.0, settle_s: float = 0.16,
                 languages: tuple[str, ...] | list[str] = ("eng", "rus"), det_threshold: float = 0.3,
                 box_threshold: float = 0.5, tolerance: int = 40, match: float = 0.6, crops: int = 7,
                 min_s: float = 0.15, min_confidence: float = 0.55, min_contrast: float = 1.5, steady: int = 10,
                 full_band: float = 0.4, threads: int = 1):
        self.width = width
        self.det_width = det_width
        self.sample_fps = sample_fps
        self.settle_s = settle_s
        self.steady = steady
        self.full_band = full_band
        self.languages = tuple(languages)
        self.det_threshold = det_threshold
        self.box_threshold = box_threshold
        self.tolerance = tolerance
        self.match = match
        self.crops = crops
        self.min_s = min_s
        self.min_confidence = min_confidence
        self.min_contrast = min_contrast
        self.threads = threads

    def params(self) -> dict:
        return dict(width=self.width, det_width=self.det_width, sample_fps=self.sample_fps, settle_s=self.settle_s,
                    languages=list(self.languages), det_threshold=self.det_threshold,
                    box_threshold=self.box_threshold, tolerance=self.tolerance, match=self.match,
                    crops=self.crops, min_s=self.min_s, min_confidence=self.min_confidence, min_contrast=self.min_contrast, steady=self.steady,
                    full_band=self.full_band, model=MODEL)

    def _size(self, info) -> tuple[int, int]:
        """The analysis picture: its shorter side ``width`` px (the source's own size when
        smaller), so a landscape frame is seen as large as a vertical one. (By its width, a
        1920x1080 frame was analysed at 540x304: a caption of 3 % of the height was 9 px.)"""
        scale = min(1.0, self.width / max(1, min(info.width, info.height)))
        return max(2, round(info.width * scale)), max(2, round(info.height * scale))

    def frame_request(self, info):
        w, h = self._size(info)
        return FrameRequest(w, h, "gray")

    def step_for(self, fps: float) -> int:
        return max(1, int(round(fps / self.sample_fps))) if self.sample_fps > 0 else 1

    # -- life cycle ------------------------------------------------------------------------

    def start(self, info) -> None:
        from ..resources import onnx_session

        super().start(info)
        self.session = onnx_session(MODEL, self.threads)  # ModelError -> lane unavailable
        self._input = self.session.get_inputs()[0].name
        self.reader = Reader(self.languages)  # OcrUnavailable -> lane unavailable
        self.aw, self.ah = self._size(info)
        self._det_scale = min(1.0, self.det_width / min(self.aw, self.ah))  # the whole picture's search
        self.step = self.step_for(float(info.fps))
        # frames since the previous sample, and since the frame before it a caption found
        # by the settling test may have appeared on
        self.settle = max(2, int(round(self.settle_s * float(info.fps))))
        self._recent: deque[tuple[int, np.ndarray]] = deque(maxlen=self.step + self.settle + 1)
        self._active: list[Track] = []
        self._done: list[Track] = []
        self._captions: list[dict] = []
        self._detections = 0
        self._band_detections = 0
        self._detector_px = 0  # pixels the detector has looked at (its cost)
        self._ocr_calls = 0
        self._last_index = -1
        self._ref: np.ndarray | None = None  # each row as the last detection covering it saw it
        self._recheck = -1  # a frame to look for new steady text on besides the samples
        self._pending: np.ndarray | None = None  # the cells to look at then

    def feed(self, index: int, image: np.ndarray) -> None:
        self._last_index = index
        ended = self._follow(index, image)
        # the replacement comes at the same place, mostly in the same type size: searched at a
        # scale that shows lines of that height >= 20 px
        # (widened by a line more either side: the next caption may have a line more)
        bands = [self._band(t.box[1], t.box[3], float(np.clip(20.0 / t.line_height(), 0.5, 1.0)),
                            margin=1.2 * t.line_height()) for t in ended]
        if index % self.step == 0 or index == self._recheck:
            bands += self._new_steady_bands(index, image)
        if bands:
            self._find(index, image, merge_bands(bands))
        # the pipeline hands each frame its own fresh picture: kept without a copy
        self._recent.append((index, image))

    def finish(self, frame_times: np.ndarray) -> list[Lane]:
        n = len(frame_times)
        for t in self._active:
            t.end = n
            self._read(t)
        self._active = []
        try:
            self.reader.close()
        except Exception:  # noqa: BLE001
            pass
        caps = self._merge(sorted(self._captions, key=lambda c: (c["start_frame"], c["box"][1])))
        fps = float(self.info.fps)
        min_frames = max(1, int(round(self.min_s * fps)))
        caps = [c for c in caps if c["end_frame"] - c["start_frame"] >= min_frames]
        self._roles(caps, fps)
        sx, sy = self.info.width / self.aw, self.info.height / self.ah
        out = []
        for c in caps:
            iv = frame_intervals([(c["start_frame"], min(c["end_frame"], n))], frame_times, self.info.duration_s)[0]
            x0, y0, x1, y1 = c["box"]
            iv.update({
                "box": [round(x0 * sx, 1), round(y0 * sy, 1), round((x1 - x0) * sx, 1), round((y1 - y0) * sy, 1)],
                "text": c["text"], "role": c["role"], "lang": c["lang"],
                "height_px": round(c["height"] * sy, 1), "lines": c["lines"],
                "cap_height_px": round(c["cap_height"] * sy, 1),
                "font_px": round(c["cap_height"] * sy / CAP_PER_EM, 1),
                "contrast": round(c["contrast"], 2), "confidence": round(c["confidence"], 3),
                "dictionary_share": round(c["lexical"], 3),
                "readable": c["weakest"] >= WORD_SURE and (
                    c["confidence"] >= SURE or read_quality(c["confidence"], c["lexical"]) >= READABLE),
                "duration_s": round(iv["end_s"] - iv["start_s"], 6),
            })
            out.append(iv)
        return [Lane("text", {
            "engine": f"{DET_ENGINE} + Tesseract {self.reader.version} (tesserocr)",
            "intervals": out,
            "sampled_frames": self._detections,
            "band_detections": self._band_detections,
            "detector_px": self._detector_px,
            "ocr_calls": self._ocr_calls,
            "sample_step": self.step,
            "params": self.params(),
        })]

    # -- find ------------------------------------------------------------------------------

    def detect(self, image: np.ndarray, scale: float | None = None) -> list[tuple[tuple, list]]:
        """Caption blocks ((x0, y0, x1, y1), [rows]) in the gray picture's pixels. The picture
        is shrunk by ``scale`` (default: to ``det_width`` px wide) for the detector."""
        import cv2

        h, w = image.shape[:2]
        if scale is None:
            scale = self._det_scale
        dw, dh = max(1, round(w * scale)), max(1, round(h * scale))
        small = cv2.resize(image, (dw, dh), interpolation=cv2.INTER_AREA) if (dw, dh) != (w, h) else image
        ph, pw = -(-dh // 32) * 32, -(-dw // 32) * 32
        blob = np.zeros((1, 3, ph, pw), np.float32)
        blob[0, :, :dh, :dw] = small.astype(np.float32) * (2.0 / 255.0) - 1.0
        prob = self.session.run(None, {self._input: blob})[0][0, 0, :dh, :dw]
        self._detector_px += ph * pw
        lines = db_boxes(prob, self.det_threshold, self.box_threshold, 1.6, min_height=2)
        sx, sy = w / dw, h / dh

        def clip(b):
            return (max(0.0, b[0] * sx), max(0.0, b[1] * sy), min(float(w), b[2] * sx), min(float(h), b[3] * sy))

        return [(clip(b), [clip(r) for r in rows]) for b, rows in group_lines(lines)]

    def _band(self, y0: float, y1: float, scale: float = 1.0, margin: float = 0.0) -> tuple[int, int, float]:
        """Rows y0..y1 widened by ``margin``, at least 3 % of the picture, either side (a band
        that cuts text grows), to be searched at ``scale``."""
        m = max(margin, 0.03 * self.ah)
        return max(0, int(y0 - m)), min(self.ah, int(np.ceil(y1 + m))), scale

    def _new_steady_bands(self, index: int, image: np.ndarray) -> list[tuple[int, int]]:
        """Rows where something new has settled since the last detection there: pixels that
        stayed within ``steady`` gray levels over the last ``settle`` frames (~0.2 s), lie on an
        edge (a 3x3 gray range over ``tolerance``) and lie more than ``tolerance`` outside the
        gray range of the 3x3 neighbourhood the last detection covering them saw, outside the
        captions being followed. Text
        that appears stays put, with sharp edges, over a moving picture too; a moving picture
        is not steady where it has edges, and a still one is not new. What has been steady
        for two frames only (text that has just appeared) is looked at again ``settle``
        frames later, so brief captions are not left until the next sample."""
        import cv2

        if self._ref is None or len(self._recent) < 2:
            return [(0, self.ah, 1.0)]
        # new: outside the gray range of the reference's 3x3 neighbourhood by over ``tolerance``
        # (a picture that only drifted by a pixel, a slow pan or zoom, is nothing new)
        k3 = np.ones((3, 3), np.uint8)
        new = (cv2.subtract(image, cv2.dilate(self._ref, k3)) > self.tolerance) | \
              (cv2.subtract(cv2.erode(self._ref, k3), image) > self.tolerance)
        new &= cv2.morphologyEx(image, cv2.MORPH_GRADIENT, k3) > self.tolerance
        new &= cv2.absdiff(image, self._recent[-2][1]) <= self.steady
        for t in self._active:  # its own pixels, not its box: a caption may appear inside the box
            x0, y0, x1, y1 = t.box  # of a texture the detector took for text (a photo's pattern)
            new[y0:y1, x0:x1] &= ~cv2.dilate(t.pixels.view(np.uint8), k3).astype(bool)
        settled = new & (cv2.absdiff(image, self._recent[-min(self.settle, len(self._recent))][1]) <= self.steady)
        hot_new, hot = self._hot_cells(new), self._hot_cells(settled)
        if index == self._recheck:  # only what had just appeared at the sample
            hot &= cv2.dilate(self._pending.view(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
        else:
            self._pending = hot_new & ~hot
            if self._pending.any():
                self._recheck = index + self.settle
        rows = np.flatnonzero(hot.any(axis=1))
        if rows.size == 0:
            return []
        bands = []
        start = prev = int(rows[0])
        for r in rows[1:]:
            if r - prev > 2:
                bands.append(self._band(start * 8, (prev + 1) * 8))
                start = int(r)
            prev = int(r)
        bands.append(self._band(start * 8, (prev + 1) * 8))
        return bands

    def _hot_cells(self, mask: np.ndarray) -> np.ndarray:
        """Text is strokes: cells of 8x8 px with a sixth or more of their pixels in ``mask``,
        two side by side."""
        import cv2

        ch, cw = self.ah // 8, self.aw // 8
        cells = cv2.resize(mask[: ch * 8, : cw * 8].view(np.uint8) * np.uint8(255), (cw, ch),
                           interpolation=cv2.INTER_AREA)
        hot = cells >= 40
        return hot[:, 1:] & hot[:, :-1]

    def _find(self, index: int, image: np.ndarray, bands: list[tuple[int, int, float]]) -> None:
        """Detect text in the row bands (the whole picture when they cover much of it) and
        start following each new caption. A band searched at full size counts as seen (the
        settling test looks for what is new against it); one searched smaller does not, so
        small text it missed is still found."""
        blocks = []
        if self._ref is None:  # the first frame: searched whole at full size, small text included
            self._ref = image.copy()
            self._detections += 1
            bands = [(0, self.ah, 1.0)]
        elif sum(b - a for a, b, _ in bands) > self.full_band * self.ah:
            self._detections += 1
            found = self.detect(image)
            before, self._ref = self._ref, image.copy()
            # small text: the shrunk picture shows it a few pixels tall; read its rows again at full size
            small = [b for b, rows in found if min(r[3] - r[1] for r in rows) * self._det_scale < 12]
            fine = [self._band(b[1], b[3]) for b in small] if self._det_scale < 1 else []
            # and the new rows where it found nothing, as far as the cost of one more search allows;
            # the rest stay unseen, to be searched when they are new again
            budget = self.full_band * self.ah - sum(z - a for a, z, _ in fine)
            for a, z, _ in sorted(bands, key=lambda b: b[1] - b[0]):
                if any(a <= (b[1] + b[3]) / 2 < z for b, _ in found):
                    continue
                if z - a <= budget:
                    fine.append((a, z, 1.0))
                    budget -= z - a
                else:
                    self._ref[a:z] = before[a:z]
            fine = merge_bands(fine)
            blocks = [(b, rows) for b, rows in found if not any(a <= (b[1] + b[3]) / 2 < z for a, z, _ in fine)]
            bands = fine
        for a, z, scale in bands:
            for _ in range(4):  # a band that cuts through text grows until the text lies inside
                self._band_detections += 1
                found = self.detect(image[a:z], scale=scale)
                grow = max(8, round(0.03 * self.ah))
                # a line cut by the band's edge ends a little short of it (its box is grown from a shrunk core)
                rows = [r for _, rs in found for r in rs]
                top = a > 0 and any(r[1] <= max(4.0, 0.3 * (r[3] - r[1])) for r in rows)
                bottom = z < self.ah and any(r[3] >= z - a - max(4.0, 0.3 * (r[3] - r[1])) for r in rows)
                if not (top or bottom):
                    break
                a, z = (max(0, a - grow) if top else a), (min(self.ah, z + grow) if bottom else z)
            for b, rows in found:
                blocks.append(((b[0], b[1] + a, b[2], b[3] + a), [(r[0], r[1] + a, r[2], r[3] + a) for r in rows]))
            if scale >= 1.0:
                self._ref[a:z] = image[a:z]
        def area(b):
            return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])

        for block, rows in blocks:
            # a caption found moments ago that this block holds with more lines, or a line
            # stacked on it, is that caption's other line (one line's edges settled a sample
            # before the other's: 'Let me show you' / 'how it works' came out as two
            # captions, and 'Do not rush' was lost): followed again as one block
            parts = [t for t in self._active if index - t.start <= self.step + self.settle and (
                _stacked(block, t.box, t.line_height())
                or (overlap_smaller(block, t.box) > 0.7 and area(block) > 1.5 * area(t.box)))]
            # else the caption already followed (found again), not a line inside a larger box
            # - unless what that box followed there is gone: a caption that appeared inside
            # the box of a texture the detector took for text ('Unless it is rather cold' over
            # a cat's eyes, swallowed for 3 s)
            if not parts and any(overlap_smaller(block, t.box) > 0.3 and (
                    box_iou(block, t.box) > 0.3 or (any(overlap_smaller(block, r) > 0.5 for r in t.rows_abs())
                                                     and self._still_there(t, image, block)))
                    for t in self._active):
                continue
            for t in parts:
                self._active.remove(t)
                old = t.rows_abs()
                rows = list(rows) + [r for r in old if not any(overlap_smaller(r, q) > 0.5 for q in rows)]
                block = (min(block[0], t.box[0]), min(block[1], t.box[1]), max(block[2], t.box[2]),
                         max(block[3], t.box[3]))
            track = self._new_track(index, image, block, rows)
            if track is not None:
                self._active.append(track)

    def _still_there(self, t: Track, image: np.ndarray, block) -> bool:
        """The caption ``t`` follows is what the detector sees in ``block``: ``match`` of the
        block's letter pixels now are within ``tolerance`` of ``t``'s template. (Its own
        pixels there do not tell: letters over a texture change a quarter of them.)"""
        import cv2

        x0, y0 = max(int(block[0]), t.box[0]), max(int(block[1]), t.box[1])
        x1, y1 = min(int(np.ceil(block[2])), t.box[2]), min(int(np.ceil(block[3])), t.box[3])
        if x1 - x0 < 4 or y1 - y0 < 4:
            return True
        now = image[y0:y1, x0:x1]
        letters = letters_mask(now)
        n = int(np.count_nonzero(letters))
        if n < 16:
            return True
        then = t.template[y0 - t.box[1] : y1 - t.box[1], x0 - t.box[0] : x1 - t.box[0]]
        return np.count_nonzero((cv2.absdiff(now, then) <= self.tolerance) & letters) >= self.match * n

    def _new_track(self, index: int, image: np.ndarray, block, rows) -> Track | None:
        import cv2

        x0, y0, x1, y1 = block
        pad = 2
        # the detector's lines end short of the first and last letters where they are faint
        # against the picture (plain text over grass: "Unless" read "Jnless", "cold" "colc"):
        # half a line's height more either side
        line_h = float(np.median([r[3] - r[1] for r in rows])) if rows else y1 - y0
        pad_x = max(pad, int(round(0.5 * line_h)))
        pad = max(pad, int(round(0.15 * line_h)))  # and descenders ("caption" read "ca tion")
        box = (max(0, int(x0) - pad_x), max(0, int(y0) - pad), min(self.aw, int(np.ceil(x1)) + pad_x),
               min(self.ah, int(np.ceil(y1)) + pad))
        if box[2] - box[0] < 6 or box[3] - box[1] < 4:
            return None
        template = image[box[1] : box[3], box[0] : box[2]].copy()
        letters = letters_mask(template)
        pixels = cv2.dilate(letters.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
        if pixels.sum() < 16:
            return None
        lines = [(int(r[0]) - box[0], int(r[1]) - box[1], int(np.ceil(r[2])) - box[0], int(np.ceil(r[3])) - box[1])
                 for r in rows]
        # the letters' edges inside the detector's lines: whichever class the letters are
        # (a white shadowed caption over a grey photo was split with the photo as its
        # "letters", and a caption change under it went unseen for 100 frames), their
        # strokes' edges move when the words change
        edges = cv2.morphologyEx(template, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) > self.tolerance
        core = np.zeros_like(letters)
        for x0_, y0_, x1_, y1_ in lines:
            core[max(0, y0_):y1_, max(0, x0_):x1_] = edges[max(0, y0_):y1_, max(0, x0_):x1_]
        if core.sum() < 8:
            core = letters
        t = Track(box=box, start=index, template=template, pixels=pixels, initial=int(pixels.sum()), lines=lines,
                  core=core, core_initial=int(core.sum()), grow=pad_x)
        t.crops.append(template)
        t.last_crop_frame = index
        # the exact first frame: back over the frames kept since the previous detection
        run = []
        for k, old in reversed(self._recent):
            if old is image:
                continue
            if self._matches(t, old, refine=False):
                run.append((k, old))
            else:
                break
        # the letters may match the picture they appeared over (white letters over light
        # fur: 'Unless to be rather cold' was found 6 frames early): the run starts after
        # the frame where the caption's box jumped, if one jump stands out and the picture
        # around the box did not jump with it (a cut behind a caption that stays)
        run = run[::-1]
        if run:
            seq = [old for _, old in run] + [image]
            jumps = np.array([float(np.mean(cv2.absdiff(t.crop(a), t.crop(b)))) for a, b in zip(seq[:-1], seq[1:])])
            j = int(np.argmax(jumps))
            rest = np.delete(jumps, j)
            if jumps[j] > max(12.0, 3.0 * (float(np.median(rest)) if rest.size else 0.0)):
                h = box[3] - box[1]
                y0, y1 = max(0, box[1] - h), min(self.ah, box[3] + h)
                around = np.ones((y1 - y0, self.aw), bool)
                around[box[1] - y0 : box[3] - y0, box[0] : box[2]] = False
                moved = float(np.mean(cv2.absdiff(seq[j][y0:y1], seq[j + 1][y0:y1])[around]))
                if moved < 0.5 * jumps[j]:
                    run = run[j + 1 :]
        if run:
            t.start = run[0][0]
        earlier = [old for _, old in run[::-1]]
        # the frames it was already on give the median picture more crops to work with
        gap = max(1, self.step // 2)
        t.crops[:0] = [t.crop(old).copy() for old in earlier[::-1][::gap] if old is not image][:self.crops // 2]
        return t

    # -- follow ----------------------------------------------------------------------------

    def _matches(self, t: Track, image: np.ndarray, refine: bool) -> bool:
        """The caption is still on ``image``: ``match`` of its caption pixels, and ``match``
        of its letter pixels themselves, within ``tolerance`` of the template. (The caption
        pixels alone held across a change of caption on a plain background: the background
        and outline around the letters matched whatever was written, and one "caption" ran
        over four subtitles, read as nothing.)"""
        import cv2

        close = cv2.absdiff(t.crop(image), t.template) <= self.tolerance
        n = int(np.count_nonzero(t.pixels))
        kept = close & t.pixels
        ok = n > 0 and np.count_nonzero(kept) >= self.match * n
        if ok and t.core is not None:
            nc = int(np.count_nonzero(t.core))
            kept_core = close & t.core
            ok = nc > 0 and np.count_nonzero(kept_core) >= self.match * nc
            if ok and refine:
                t.core = kept_core
        if ok and refine:
            t.pixels = kept
        return ok

    def _follow(self, index: int, image: np.ndarray) -> list[Track]:
        """Carry each caption on to this frame; the captions that ended here."""
        ended = []
        for t in list(self._active):
            if self._matches(t, image, refine=True) and t.pixels.sum() >= 0.25 * t.initial \
                    and (t.core is None or t.core.sum() >= 0.25 * t.core_initial):
                if index - t.last_crop_frame >= max(1, self.step // 2):
                    t.crops.append(t.crop(image).copy())
                    t.last_crop_frame = index
                    if len(t.crops) > self.crops:  # keep them spread over the caption's life
                        del t.crops[1::2]
                continue
            t.end = index
            self._active.remove(t)
            self._read(t)
            ended.append(t)
        return ended

    # -- read ------------------------------------------------------------------------------

    def _read(self, t: Track) -> None:
        import cv2

        fps = float(self.info.fps)
        if (t.end - t.start) < max(1, int(round(self.min_s * fps))):
            return
        stack = np.stack(t.crops)
        med = np.median(stack, axis=0).astype(np.uint8)
        # the caption's steady pixels (following keeps those within ``tolerance`` of the template),
        # tightened to those that hardly moved across the kept crops: letters and their
        # decoration stay put, the picture behind them drifts
        region = t.pixels
        if len(t.crops) >= 3:
            still = region & (np.ptp(stack, axis=0) <= 2 * self.steady)
            if still.sum() >= 64:
                region = still
        split = letters_split(med, region)
        if split is None:
            return
        threshold, bright = split
        letters = clean_letters(((med > threshold) if bright else (med <= threshold)) & region, t.lines, t.grow)
        letters = enclosed_only(letters, (med <= threshold) if bright else (med > threshold))
        if letters.sum() < 8:
            return
        # contrast: eroded letters against the other pixels of the box, per crop
        core = cv2.erode(letters.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
        if core.sum() < 4:
            core = letters
        # what immediately surrounds the letters: the pixels 1.5-3 px from them (the first,
        # anti-aliased pixel skipped) - an outline or a box where there is one, else the
        # picture right beside them. (Against every other pixel of the box, outlined text
        # was measured against the picture beyond its outline: 2-5:1 for 21:1.)
        dist = cv2.distanceTransform((~letters).view(np.uint8), cv2.DIST_L2, 3)
        ring = (dist > 0.9) & (dist <= 2.5)
        if ring.sum() < 8:
            ring = ~letters
        # the letters' fill: the upper (lower, for dark letters) quartile of their eroded
        # pixels, as small letters' strokes are mostly anti-aliased edge at analysis size
        q = 75 if bright else 25
        picked = t.crops[:: max(1, len(t.crops) // 4)]  # a few, spread over its life
        contrasts = [wcag_contrast(float(np.percentile(c[core], q)), float(np.median(c[ring])))
                     for c in picked if ring.any()]
        contrast = float(np.median(contrasts)) if contrasts else 1.0
        glyph_h = glyph_height(letters)
        scale = float(np.clip(32.0 / max(1.0, glyph_h), 1.0, 6.0))
        if scale <= 1.2:
            scale = 1.0
        lines_up = [tuple(int(round(v * scale)) for v in ln) for ln in t.lines]
        big = cv2.resize(med, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC) if scale > 1 else med

        def binary_of(region: np.ndarray, bright: bool) -> np.ndarray:
            """Letters black on white, ~32 px tall: the gray median is enlarged first and split
            there (small text keeps the shape of its strokes, which a blown-up binary loses)."""
            letters = big > threshold if bright else big <= threshold
            if scale > 1:
                region = cv2.resize(region.view(np.uint8), (big.shape[1], big.shape[0]),
                                    interpolation=cv2.INTER_NEAREST) > 0
            letters = clean_letters(letters & region, lines_up, int(round(t.grow * scale)))
            other = big <= threshold if bright else big > threshold  # the whole crop: a ring cut by
            # the caption's pixels' edge still encloses its letters
            letters = enclosed_only(letters, other)
            return cv2.copyMakeBorder(np.where(letters, 0, 255).astype(np.uint8), 16, 16, 16, 16,
                                      cv2.BORDER_CONSTANT, value=255)

        binary = binary_of(region, bright)
        text, conf, lines = self.reader.read(binary, single_line=len(t.lines) == 1)
        lexical = self.reader.lexical
        weakest = {id(binary): self.reader.weakest}
        self._ocr_calls += 1
        if conf < 0.8:
            # a doubtful read: the caption's pixels without their outer rim (picture pixels
            # beside an outline that happened to stay put), and the other polarity; the
            # read Tesseract is surest of wins
            inner = cv2.erode(region.view(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
            for variant in ((inner, bright), (region, not bright)):
                if variant[0].sum() < 16:
                    continue
                other = binary_of(*variant)
                got = self.reader.read(other, single_line=len(t.lines) == 1)
                weakest[id(other)] = self.reader.weakest
                self._ocr_calls += 1
                if got[1] > conf:
                    (text, conf, lines), binary, lexical = got, other, self.reader.lexical

        if read_quality(conf, lexical) < 0.8 and conf < 0.9:
            # A doubtful read (a sure one with names in it is not: 35 captions of a reel cost
            # 20 more reads for nothing), tried two more ways, in the split's polarity first (the other
            # if still doubtful): outlined letters over a picture as bright as they are (white
            # letters outlined black over a white cup, a word turning yellow every 8 frames:
            # 'stir it slowly' read '~~ VT”'), as the class the other one encloses over the
            # whole box; plain letters over a busy or light picture, which no one threshold
            # parts from it ('Unless to be rather cold' over grey fur, read as nothing), as
            # what stands out of its own neighbourhood (a top-hat). Judged by confidence and
            # words together (on confidence alone 'Honest review after one month' lost to
            # 'Fionest-review after-oneamonth'), and by how much is read ('The quick brown'
            # without its line 'fox jumps', 'is to be ill di' for '... disposed').
            reads = [(text, conf, lines, binary, lexical)]

            def score(r) -> float:
                most = max(sum(ch.isalnum() for ch in q[0]) for q in reads) or 1
                return read_quality(r[1], r[4]) * min(1.0, sum(ch.isalnum() for ch in r[0]) / most)

            cut = otsu(big)
            for polarity in (bright, not bright):
                for other in (self._enclosed_binary(big, cut, polarity),
                              self._tophat_binary(big, polarity, t.line_height() * scale)):
                    got = self.reader.read(other, single_line=len(t.lines) == 1)
                    weakest[id(other)] = self.reader.weakest
                    self._ocr_calls += 1
                    reads.append((*got, other, self.reader.lexical))
                if max(score(r) for r in reads) >= 0.8:
                    break
            best = max(reads, key=lambda r: (score(r), len(r[2]) >= len(lines)))
            if len(best[2]) >= len(lines) or best is reads[0]:
                text, conf, lines, binary, lexical = best
        text = fix_scripts(tidy(text))
        scripts = [script_of(ch) for ch in text]
        counts = {s: scripts.count(s) for s in ("latin", "cyrillic", "other")}
        main = max(counts, key=counts.get)
        alone = LANG_OF_SCRIPT.get(main)
        if counts["latin"] and counts["cyrillic"] and alone in self.languages and len(self.languages) > 1:
            # words read in the other script amid a caption in one: read again in its language alone
            text2, conf2, lines2 = self.reader.read(binary, alone, single_line=len(t.lines) == 1)
            self._ocr_calls += 1
            if conf2 >= 0.9 * conf and re.search(r"\w\w", text2):
                text, conf, lines, lexical = fix_scripts(tidy(text2)), conf2, lines2, self.reader.lexical
                weakest[id(binary)] = self.reader.weakest
        if not re.search(r"\w\w", text) or conf < self.min_confidence:
            return
        if contrast < self.min_contrast and conf < 0.8:
            return  # letters no one can see: detector texture, not a caption
        if contrast < self.min_contrast and read_held(stack, med, binary, lines, scale,
                                                      2 * self.steady) < HELD:
            # letters that neither stand out nor stay put: a photo's texture, or the letters of
            # a caption that came up part-way through a texture's life inside its box, read
            # by a rescue ('ry' 176 px, 'all', 'es late |' over the checks' moving cat photo)
            return
        lang = LANG_OF_SCRIPT.get(main, self.languages[0])
        heights_px = [lh / scale for (_, _, _, lh) in lines] or [glyph_h]
        cap = cap_height(binary == 0, lines, text)
        cap = glyph_h if cap is None else cap / scale
        self._captions.append({
            "start_frame": t.start, "end_frame": t.end, "box": t.box, "text": text, "lang": lang,
            "lines": max(1, len(lines)), "height": float(np.median(heights_px)), "cap_height": cap,
            "contrast": contrast, "confidence": conf, "lexical": lexical, "weakest": weakest[id(binary)],
        })

    @staticmethod
    def _enclosed_binary(big: np.ndarray, cut: float, bright: bool) -> np.ndarray:
        """Letters black on white: the pixels of one class (brighter than ``cut`` when
        ``bright``) that the other class encloses (above and below the box counting as it),
        as an outline or a box encloses the letters and not the picture around them."""
        import cv2

        cls = big > cut if bright else big <= cut
        letters = enclosed_by(np.pad(~cls, ((1, 1), (0, 0)), constant_values=True))[1:-1] & cls
        return cv2.copyMakeBorder(np.where(letters, 0, 255).astype(np.uint8), 16, 16, 16, 16,
                                  cv2.BORDER_CONSTANT, value=255)

    @staticmethod
    def _tophat_binary(big: np.ndarray, bright: bool, line_h: float) -> np.ndarray:
        """Letters black on white from what stands out of its own neighbourhood: the white
        (black, for dark letters) top-hat with a disc of 0.6 of the detector line's height
        ``line_h`` (the letters' own height, measured on a letter mask the busy picture broke,
        came out too small and left only the strokes' rims), split by Otsu."""
        import cv2

        k = max(3, int(round(0.6 * line_h)) | 1)
        hat = cv2.morphologyEx(big, cv2.MORPH_TOPHAT if bright else cv2.MORPH_BLACKHAT,
                               cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
        letters = hat > otsu(hat)
        return cv2.copyMakeBorder(np.where(letters, 0, 255).astype(np.uint8), 16, 16, 16, 16,
                                  cv2.BORDER_CONSTANT, value=255)

    # -- tidy ------------------------------------------------------------------------------

    @staticmethod
    def _merge(caps: list[dict]) -> list[dict]:
        out: list[dict] = []
        for c in caps:
            for o in out:
                if o["text"] == c["text"] and 0 <= c["start_frame"] - o["end_frame"] <= 1 \
                        and overlap_smaller(o["box"], c["box"]) > 0.7:
                    o["end_frame"] = c["end_frame"]
                    break
            else:
                out.append(dict(c))
        return out

    def _roles(self, caps: list[dict], fps: float) -> None:
        gap = 1.5 * fps
        for c in caps:
            cy = (c["box"][1] + c["box"][3]) / 2 / self.ah
            h = c["box"][3] - c["box"][1]
            seq = False
            for o in caps:
                if o is c:
                    continue
                oy = (o["box"][1] + o["box"][3]) / 2 / self.ah
                near_time = (o["start_frame"] - c["end_frame"] <= gap and c["start_frame"] - o["end_frame"] <= gap)
                if near_time and abs(oy - cy) * self.ah < 1.5 * h + 0.05 * self.ah and o["text"] != c["text"]:
                    seq = True
                    break
            c["role"] = "subtitle" if cy > 0.35 and seq else "overlay"

