"""On-screen text: captions found by PP-OCRv4 detection (ONNX Runtime), followed frame by
frame by their pixels, read once each by Tesseract.

The pipeline hands every frame as a gray picture ``width`` px wide (display aspect; the
source's own width when it is narrower). Three steps:

1. **Find.** On every ``step``-th frame (``step`` = round(fps / ``sample_fps``)) the gray
   picture is shrunk to ``det_width`` px wide, repeated on three channels, padded to
   multiples of 32 and run through the PP-OCRv4 mobile detector (``models/ppocr_det.onnx``).
   Its probability map is cut at ``det_threshold``; each connected region whose mean
   probability exceeds ``box_threshold`` is a text line, grown back by the DB "unclip"
   distance (area x 1.6 / perimeter). Lines side by side on one row, and rows stacked
   closely with overlapping columns, form one caption block. A block that overlaps a
   caption already followed is that caption. Detection also runs on every frame where a
   followed caption ended (its replacement often appears on that very frame).
2. **Follow.** A new caption's *template* is its box in the frame where it was found. Its
   *caption pixels* start as the letters (Otsu's class deeper inside the box) grown by two
   pixels, so an outline, a shadow or a box around the letters belong to it too; pixels
   that change while the caption stays are dropped from the set (the busy picture behind
   the letters). On every frame, a caption is still on screen when at least ``match`` of
   its caption pixels are within ``tolerance`` gray levels of the template. The first frame
   below that (or where fewer than a quarter of the original caption pixels are left) is
   its exact ``end_frame``. Its exact ``start_frame`` is found by the same test on the
   frames kept since the previous detection (at most ``step`` pictures): the earliest frame
   of the unbroken run of matching frames before the detection.
3. **Read.** Each caption is read once, when it ends: the per-pixel median of up to
   ``crops`` copies of its box taken across its life (the letters stay, the moving picture
   behind them averages out), binarised by Otsu (letters black on white, polarity from
   which class lies deeper inside the caption's pixels), scaled so the letters are ~32 px
   tall, padded, and handed to Tesseract (tesserocr, Tesseract's C API; LSTM, page
   segmentation "single block", languages ``languages``). tesserocr costs ~14 ms of CPU
   per caption line here against ~235 ms for the tesseract command line that pytesseract
   runs (measured on a 900x70 line, eng+rus). A word read with mostly Cyrillic letters
   has its Latin look-alikes (a, e, o, p, c, x, ...) turned Cyrillic and vice versa.

Captions seen for less than ``min_s``, read as fewer than two letters or digits, or read
with a mean Tesseract confidence under ``min_confidence`` are dropped (texture the detector
mistook for text). Consecutive captions at the same place with the same text are one.

Per caption (``intervals``): half-open frames and seconds, ``box`` [x, y, w, h] in source
display pixels, ``text`` (lines joined by "\\n"), ``lang`` (the Tesseract language whose
script most of the letters are in), ``lines`` and ``height_px`` (median line height from
Tesseract's line boxes, display px), ``confidence`` (Tesseract's mean word confidence,
0..1), ``duration_s``, ``contrast`` and a provisional ``role``.

**Contrast** is the WCAG 2.x contrast ratio (L1 + 0.05) / (L2 + 0.05) between the letters
and what surrounds them, per the template frame and the kept crops (median over them):
letter pixels are the letter class of the binarised caption, eroded by one pixel (no
anti-aliased edge); background pixels are the other pixels of the box (outline, shadow,
box or picture). The relative luminance of each side is that of its median gray level,
taken as an sRGB-encoded value (the analysis picture is luma only, so colour is not
weighed separately: yellow on white scores as its luma does).

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

from ..errors import ReelStudioError
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


class OcrUnavailable(ReelStudioError):
    """Tesseract (tesserocr) or its language data cannot be used."""


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


class Reader:
    """Tesseract through tesserocr, loaded once."""

    def __init__(self, languages: tuple[str, ...]):
        try:
            import tesserocr
        except ImportError as exc:
            raise OcrUnavailable(f"tesserocr (Tesseract's C API) cannot be imported: {exc}") from None
        self.tesserocr = tesserocr
        path = find_tessdata(languages)
        self.languages = languages
        try:
            self.api = tesserocr.PyTessBaseAPI(path=str(path) + os.sep, lang="+".join(languages),
                                               psm=tesserocr.PSM.SINGLE_BLOCK, oem=tesserocr.OEM.LSTM_ONLY)
        except RuntimeError as exc:
            raise OcrUnavailable(f"Tesseract cannot load {'+'.join(languages)} from {path}: {exc}") from None
        self.version = tesserocr.tesseract_version().split()[1] if tesserocr.tesseract_version() else "?"

    def read(self, binary: np.ndarray) -> tuple[str, float, list[tuple[int, int, int, int]]]:
        """Black-on-white uint8 picture -> text, mean confidence 0..1, line boxes (x, y, w, h)."""
        from PIL import Image

        api = self.api
        api.SetImage(Image.fromarray(binary))
        text = api.GetUTF8Text()
        conf = api.MeanTextConf() / 100.0
        lines = []
        for _, box, _, _ in api.GetComponentImages(self.tesserocr.RIL.TEXTLINE, True):
            lines.append((box["x"], box["y"], box["w"], box["h"]))
        api.Clear()
        return text, conf, lines

    def close(self) -> None:
        try:
            self.api.End()
        except Exception:  # noqa: BLE001 - best effort
            pass


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
    """The letter pixels of a gray caption crop, by Otsu's threshold over ``region`` (the
    whole crop when None). Of the two classes, the letters are the one enclosed by the
    other: an outline, a shadow's rim or a box surrounds the letters, so most letter pixels
    cannot reach the crop's edge without crossing the other class, while the decoration's
    pixels can (only the counters of letters like 'o' enclose some). On a near tie, the
    class with the thicker strokes."""
    import cv2

    if region is None:
        region = np.ones(crop.shape, bool)
    vals = crop[region]
    if vals.size < 8:
        return np.zeros(crop.shape, bool)
    t = otsu(vals)
    classes = [(crop > t) & region, (crop <= t) & region]
    enclosed = []
    for k, cls in enumerate(classes):
        other = classes[1 - k]
        enclosed.append(float((cls & enclosed_by(other)).sum()) / max(1, int(cls.sum())))
    if abs(enclosed[0] - enclosed[1]) > 0.15:
        return classes[0] if enclosed[0] > enclosed[1] else classes[1]
    thick = []
    for cls in classes:
        d = cv2.distanceTransform(np.pad(cls, 1).astype(np.uint8), cv2.DIST_L2, 3)[1:-1, 1:-1]
        thick.append(float(d[cls].mean()) if cls.any() else 0.0)
    return classes[0] if thick[0] >= thick[1] else classes[1]


def clean_letters(letters: np.ndarray, lines: list[tuple[int, int, int, int]]) -> np.ndarray:
    """Letters kept only inside the detector's text lines (x0, y0, x1, y1), without specks
    (pieces much smaller than a letter)."""
    import cv2

    if lines:
        keep = np.zeros(letters.shape, bool)
        for x0, y0, x1, y1 in lines:
            keep[max(0, y0) : y1, max(0, x0) : x1] = True
        letters = letters & keep
    n, labels, stats, _ = cv2.connectedComponentsWithStats(letters.astype(np.uint8), connectivity=8)
    if n <= 1:
        return letters
    areas = stats[1:, cv2.CC_STAT_AREA]
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    big = areas >= max(3, 0.5 * np.median(areas))
    ref_h = float(np.median(heights[big])) if big.any() else 0.0
    ok = (areas >= max(3.0, 0.02 * areas.max())) & (heights >= 0.25 * ref_h)
    return ok[labels - 1] & (labels > 0)


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

    def crop(self, image: np.ndarray) -> np.ndarray:
        x0, y0, x1, y1 = self.box
        return image[y0:y1, x0:x1]


class TextAnalyzer(VideoAnalyzer):
    name = "text"
    version = 1

    def __init__(self, width: int = 540, det_width: int = 288, sample_fps: float = 2.0,
                 languages: tuple[str, ...] | list[str] = ("eng", "rus"), det_threshold: float = 0.3,
                 box_threshold: float = 0.5, tolerance: int = 40, match: float = 0.6, crops: int = 7,
                 min_s: float = 0.3, min_confidence: float = 0.45, threads: int = 1):
        self.width = width
        self.det_width = det_width
        self.sample_fps = sample_fps
        self.languages = tuple(languages)
        self.det_threshold = det_threshold
        self.box_threshold = box_threshold
        self.tolerance = tolerance
        self.match = match
        self.crops = crops
        self.min_s = min_s
        self.min_confidence = min_confidence
        self.threads = threads

    def params(self) -> dict:
        return dict(width=self.width, det_width=self.det_width, sample_fps=self.sample_fps,
                    languages=list(self.languages), det_threshold=self.det_threshold,
                    box_threshold=self.box_threshold, tolerance=self.tolerance, match=self.match,
                    crops=self.crops, min_s=self.min_s, min_confidence=self.min_confidence, model=MODEL)

    def _size(self, info) -> tuple[int, int]:
        w = min(self.width, info.width)
        return w, max(2, round(w * info.height / info.width))

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
        self.step = self.step_for(float(info.fps))
        self._recent: deque[tuple[int, np.ndarray]] = deque(maxlen=self.step + 1)
        self._active: list[Track] = []
        self._done: list[Track] = []
        self._captions: list[dict] = []
        self._detections = 0
        self._ocr_calls = 0
        self._last_index = -1

    def feed(self, index: int, image: np.ndarray) -> None:
        self._last_index = index
        ended = self._follow(index, image)
        if index % self.step == 0 or ended:
            self._find(index, image)
        self._recent.append((index, image.copy()))  # the decoder may reuse its buffer

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
                "contrast": round(c["contrast"], 2), "confidence": round(c["confidence"], 3),
                "duration_s": round(iv["end_s"] - iv["start_s"], 6),
            })
            out.append(iv)
        return [Lane("text", {
            "engine": f"{DET_ENGINE} + Tesseract {self.reader.version} (tesserocr)",
            "intervals": out,
            "sampled_frames": self._detections,
            "ocr_calls": self._ocr_calls,
            "sample_step": self.step,
            "params": self.params(),
        })]

    # -- find ------------------------------------------------------------------------------

    def detect(self, image: np.ndarray) -> list[tuple[tuple, list]]:
        """Caption blocks ((x0, y0, x1, y1), [rows]) in the gray picture's pixels."""
        import cv2

        h, w = image.shape[:2]
        dw = min(self.det_width, w)
        dh = max(1, round(dw * h / w))
        small = cv2.resize(image, (dw, dh), interpolation=cv2.INTER_AREA) if (dw, dh) != (w, h) else image
        ph, pw = -(-dh // 32) * 32, -(-dw // 32) * 32
        blob = np.zeros((1, 3, ph, pw), np.float32)
        blob[0, :, :dh, :dw] = small.astype(np.float32) * (2.0 / 255.0) - 1.0
        prob = self.session.run(None, {self._input: blob})[0][0, 0, :dh, :dw]
        self._detections += 1
        lines = db_boxes(prob, self.det_threshold, self.box_threshold, 1.6, min_height=2)
        s = w / dw
        blocks = []
        def clip(b):
            return (max(0.0, b[0] * s), max(0.0, b[1] * s), min(float(w), b[2] * s), min(float(h), b[3] * s))

        return [(clip(b), [clip(r) for r in rows]) for b, rows in group_lines(lines)]

    def _find(self, index: int, image: np.ndarray) -> None:
        for block, rows in self.detect(image):
            if any(overlap_smaller(block, t.box) > 0.3 for t in self._active):
                continue
            track = self._new_track(index, image, block, rows)
            if track is not None:
                self._active.append(track)

    def _new_track(self, index: int, image: np.ndarray, block, rows) -> Track | None:
        import cv2

        x0, y0, x1, y1 = block
        pad = 2
        box = (max(0, int(x0) - pad), max(0, int(y0) - pad), min(self.aw, int(np.ceil(x1)) + pad),
               min(self.ah, int(np.ceil(y1)) + pad))
        if box[2] - box[0] < 6 or box[3] - box[1] < 4:
            return None
        template = image[box[1] : box[3], box[0] : box[2]].copy()
        letters = letters_mask(template)
        pixels = cv2.dilate(letters.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
        if pixels.sum() < 16:
            return None
        t = Track(box=box, start=index, template=template, pixels=pixels, initial=int(pixels.sum()),
                  lines=[(int(r[0]) - box[0], int(r[1]) - box[1], int(np.ceil(r[2])) - box[0],
                          int(np.ceil(r[3])) - box[1]) for r in rows])
        t.crops.append(template)
        t.last_crop_frame = index
        # the exact first frame: back over the frames kept since the previous detection
        for k, old in reversed(self._recent):
            if self._matches(t, old, refine=False):
                t.start = k
            else:
                break
        return t

    # -- follow ----------------------------------------------------------------------------

    def _matches(self, t: Track, image: np.ndarray, refine: bool) -> bool:
        crop = t.crop(image)
        close = np.abs(crop.astype(np.int16) - t.template.astype(np.int16)) <= self.tolerance
        got = close[t.pixels]
        ok = got.size > 0 and float(got.mean()) >= self.match
        if ok and refine:
            t.pixels &= close
        return ok

    def _follow(self, index: int, image: np.ndarray) -> bool:
        ended = False
        for t in list(self._active):
            if self._matches(t, image, refine=True) and t.pixels.sum() >= 0.25 * t.initial:
                if index - t.last_crop_frame >= self.step:
                    t.crops.append(t.crop(image).copy())
                    t.last_crop_frame = index
                    if len(t.crops) > self.crops:  # keep them spread over the caption's life
                        del t.crops[1::2]
                continue
            t.end = index
            self._active.remove(t)
            self._read(t)
            ended = True
        return ended

    # -- read ------------------------------------------------------------------------------

    def _read(self, t: Track) -> None:
        import cv2

        fps = float(self.info.fps)
        if (t.end - t.start) < max(1, int(round(self.min_s * fps))):
            return
        stack = np.stack(t.crops)
        med = np.median(stack, axis=0).astype(np.uint8)
        region = t.pixels if t.pixels.sum() >= 0.5 * t.initial else None  # the caption's steady pixels
        letters = clean_letters(letters_mask(med, region), t.lines)
        if letters.sum() < 8:
            return
        # contrast: eroded letters against the other pixels of the box, per crop
        core = cv2.erode(letters.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
        if core.sum() < 4:
            core = letters
        contrasts = [wcag_contrast(float(np.median(c[core])), float(np.median(c[~letters])))
                     for c in t.crops if (~letters).any()]
        contrast = float(np.median(contrasts)) if contrasts else 1.0
        # letters black on white, scaled so they are ~32 px tall
        n, _, stats, _ = cv2.connectedComponentsWithStats(letters.astype(np.uint8), connectivity=8)
        heights = stats[1:, cv2.CC_STAT_HEIGHT]
        heights = heights[stats[1:, cv2.CC_STAT_AREA] >= 3]
        glyph_h = float(np.median(heights)) if heights.size else float(letters.shape[0])
        scale = float(np.clip(32.0 / max(1.0, glyph_h), 1.0, 6.0))
        binary = np.where(letters, 0, 255).astype(np.uint8)
        if scale > 1.01:
            gray = np.where(letters, 0, 255).astype(np.float32)
            gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
            binary = np.where(gray < 128, 0, 255).astype(np.uint8)
        pad = 16
        binary = cv2.copyMakeBorder(binary, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
        text, conf, lines = self.reader.read(binary)
        self._ocr_calls += 1
        text = "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
        text = fix_scripts(text)
        if not re.search(r"\w\w", text) or conf < self.min_confidence:
            return
        scripts = [script_of(ch) for ch in text]
        counts = {s: scripts.count(s) for s in ("latin", "cyrillic", "other")}
        main = max(counts, key=counts.get)
        lang = LANG_OF_SCRIPT.get(main, self.languages[0])
        heights_px = [lh / scale for (_, _, _, lh) in lines] or [glyph_h]
        self._captions.append({
            "start_frame": t.start, "end_frame": t.end, "box": t.box, "text": text, "lang": lang,
            "lines": max(1, len(lines)), "height": float(np.median(heights_px)), "contrast": contrast,
            "confidence": conf,
        })

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

