"""Faces on screen, by CenterFace (ONNX Runtime) on sampled frames.

The pipeline hands every frame as a small RGB picture (``width`` wide, display aspect),
made only if the analyzer looks at it. The detector runs on sampled frames, and each frame
between two samples carries the result of the last sample before it. A frame is sampled
when ``step`` frames (``step`` = round(fps / ``sample_fps``), at least 1: every 30th frame at
30 fps) have passed since the last sample, and on a picture change: when the frame's
64 px gray signature (``Pictures.signature``, made by the decode thread's planes) differs
from the previous frame's by at least ``cut_delta`` gray levels on average (a hard cut: 41-134
on the benchmark reel's 29 cuts, at most 46 inside its shots), or by at least
``change_delta`` and ``change_ratio`` times the median change of the ``CHANGE_WINDOW``
frames before it: a change that stands out from the shot's own (a cut between two low-key
shots: 15-28 gray levels where their frames change by under 2; a picture popping in over a
still shot: 8-10). So every shot that starts with a cut is looked at on its first frame,
however short. When two samples disagree on
whether a face is visible, the frames between them (kept until the next sample as callables:
at most ``step`` - 1, ~23 MB of planes at 1080x1920) settle where the change is: after a
sample at a cut, one detection on the frame before it confirms the change is the cut;
otherwise the frames are bisected so the change lands on its exact frame (``refine``;
log2(step) more detections). Those refinements look at the half-size picture (a quarter of
the pixels: 7 against 25 CPU-ms a detection) when every face the sample on the face side saw
is at least ``refine_half_px`` tall in the lane's picture: the network scores the astronaut
portrait's face 0.51 at 17 px, 0.68 at 23 and >= 0.82 from 34 px, so a face of 40 px or more
at half size is there as surely as at full size (the benchmark reel: 36 refinements, the same
intervals, its faces thread 4.26 -> 3.51 CPU-s by bench/eval_faces.py --cpu 3; every part of
the faces corpora keeps IoU 1.000 with the same detection counts). A 27 px face (the brief
corpus's brief_t1) keeps its refinements at full size: at 13 px it scores around 0.5. (A
threshold of 12 % of the frame height, tried first, sent that face to half size and lost 5 of
its frames, and a whole face on the held-out clip brief_h1.) The clip's last frame is always a sample. A face that appears
and leaves again within one shot in under ``1 / sample_fps`` seconds can be missed.

The picture is zero-padded at the right and bottom to multiples of 32 (the network's
stride), never stretched, so boxes map back to the source by one scale per axis. The
network's outputs are decoded as CenterFace's reference code does: every 4x4 cell whose
heatmap exceeds ``threshold`` is a face centred at (cell + offset + 0.5) * 4 with size
exp(scale) * 4, then greedy NMS at IoU ``nms_iou``. When a picture shows no face, its
half-size copy is tried too (``coarse``) when the full-size heatmap shows some face response
(at least ``coarse_heat``): the network misses faces taller than about half the frame
(extreme close-ups), though they light its heatmap. A colourless face in a colourful
picture (a grey cartoon animal) is no face, unless its faint colour is skin's
(``grey_face_in_colour``). Faces less than ``min_height`` of the picture's height are
ignored, and so is a face seen for less than
``min_s`` on one detection only (a one-sample blip): a 6-frame shot seen on its cut and on
the frame before the next cut is a face.

Defaults, chosen on clips faces_a-c of tests/corpus/faces.py: ``width`` 384 (version 6;
416 before) finds faces down to ~3 % of the frame height (the cameraman as a small
picture-in-picture). Face-visible IoU on that tune part (bench/eval_faces.py): 1.000 at 416
and 384; 0.993 at 360 and 0.997 at 352, each with a face on a no-person frame (the
motorcycle, the frame before a cut; raising ``threshold`` to 0.55 at 352 cost small faces,
0.972); 0.860 at 320 and 0.849 at 288 (small insets lost). Every held-out part (brief
held-out, held-out-2, shots held-out) measures 1.000 at each of these widths, so they do
not tell the widths apart: the tune part's small insets and the motorcycle set the floor.
The network sees 384x704 instead of 416x768 at 9:16 (0.85x the pixels): on the
benchmark reel the same 115 detections and 6 face intervals, and the faces thread 3.19
against 3.73 CPU-s (0.85x; bench/eval_faces.py --cpu 3, int8, one thread). Sampling
once a second plus at cuts gives the corpus's intervals exactly (IoU 1.000, as six samples a
second did), and on the benchmark reel 115 detections against 135 for the earlier fixed
twice-a-second grid, which missed shots under half a second.
``grey_face_chroma`` was added after the then held-out clip faces_d showed Big Buck
Bunny's grey rabbit as a face (see ``grey_face_in_colour``). ``change_delta`` and
``change_ratio`` were chosen on the tune part of the brief-faces corpus (``build_brief``:
faces on screen 6-12 frames after a cut, 24/25/30 fps, landscape and vertical): face-visible
IoU 0.508 (version 3) -> 1.000 there, 0.571 -> 0.921 on its held-out part (other people,
other footage), whose one miss was a dim pale face that the grey-face check rejected.
``coarse_heat`` (version 5) lets 47 of the benchmark reel's 95 faceless samples skip the
half-size run (the tune close-ups: heat 0.22-0.49); with the change samples' start fixed,
the faces thread's CPU on that reel falls from 4.21 to 3.63 s per minute (0.86x).
``skin_share`` (version 5) was chosen on that corpus's tune clip of pale graded faces
(brief_t4) and on Big Buck Bunny's rabbit: tune 0.953 -> 1.000, held-out 0.921 -> 1.000,
and 1.000 on a fresh held-out-2 part (other people, other pictures) before and after.

Lane ``faces``:

* ``count``: faces per frame (carried forward between samples);
* ``largest``: height of the largest face as a fraction of the frame height (0: none);
* ``intervals``: half-open runs of frames with at least one face;
* ``sample_step`` (the longest gap between samples), ``sampled_frames`` (detections run,
  refinements included);
* ``boxes``: per sampled frame, ``{"frame", "boxes": [[x, y, w, h], ...], "scores"}`` in
  source display pixels (for the GUI overlay).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..media.video import FrameRequest
from .base import Lane, Tuned, VideoAnalyzer, frame_intervals, rounded, runs

# the int8 twin of the float32 export (models/build_models.py): twice as fast (13.5 against
# 26 CPU-ms per 416x768 picture on one thread); on the corpus (tests/corpus/faces.py) the same
# intervals (IoU 1.000) and no face on a no-person shot, and a wider margin there than the
# float32 model's: the highest score on a no-person frame (a motorcycle) 0.46 against 0.53
MODEL = "centerface_int8"
CHANGE_WINDOW = 8  # frames whose signature changes set a shot's own level (change_ratio)
ENGINE = "centerface int8 (ONNX Runtime)"


def decode(heatmap: np.ndarray, scale: np.ndarray, offset: np.ndarray, threshold: float,
           nms_iou: float) -> np.ndarray:
    """CenterFace outputs of one picture ([1|C, h, w] each) -> float32 [N, 5] boxes
    (x0, y0, x1, y1, score) in input pixels, best first, after NMS."""
    heat = heatmap.reshape(heatmap.shape[-2:])
    rows, cols = np.nonzero(heat > threshold)
    if rows.size == 0:
        return np.zeros((0, 5), np.float32)
    scale = scale.reshape(2, *heat.shape)
    offset = offset.reshape(2, *heat.shape)
    sh = np.exp(scale[0, rows, cols]) * 4.0
    sw = np.exp(scale[1, rows, cols]) * 4.0
    cy = (rows + offset[0, rows, cols] + 0.5) * 4.0
    cx = (cols + offset[1, rows, cols] + 0.5) * 4.0
    x0 = np.maximum(0.0, cx - sw / 2)
    y0 = np.maximum(0.0, cy - sh / 2)
    boxes = np.stack([x0, y0, x0 + sw, y0 + sh, heat[rows, cols]], 1).astype(np.float32)
    return boxes[nms(boxes, nms_iou)]


def nms(boxes: np.ndarray, iou: float) -> np.ndarray:
    """Greedy non-maximum suppression: indices kept, by descending score."""
    order = np.argsort(-boxes[:, 4], kind="stable")
    x0, y0, x1, y1 = (boxes[:, i] for i in range(4))
    area = (x1 - x0) * (y1 - y0)
    keep = []
    while order.size:
        i = order[0]
        keep.append(i)
        rest = order[1:]
        w = np.maximum(0.0, np.minimum(x1[i], x1[rest]) - np.maximum(x0[i], x0[rest]))
        h = np.maximum(0.0, np.minimum(y1[i], y1[rest]) - np.maximum(y0[i], y0[rest]))
        inter = w * h
        overlap = inter / np.maximum(1e-9, area[i] + area[rest] - inter)
        order = rest[overlap < iou]
    return np.asarray(keep, dtype=np.int64)


def _chroma(rgb: np.ndarray) -> np.ndarray:
    """Distance of each pixel from grey in the YCrCb chroma plane (0..~180)."""
    import cv2

    ycc = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2YCrCb).astype(np.float32)
    return np.hypot(ycc[..., 1] - 128.0, ycc[..., 2] - 128.0)


def grey_face_in_colour(image: np.ndarray, box: np.ndarray, limit: float, skin_share: float = 0.0) -> bool:
    """True for a colourless 'face' in a colourful picture: a statue, a plush toy, a grey
    cartoon animal. Human skin sits well away from grey in chroma (median 19-27 on the
    corpus's real faces, 3-9 on Big Buck Bunny's grey rabbit); a black-and-white picture
    keeps its faces, since the whole frame is colourless then.

    A pale face (a graded picture, pale skin, a dim face brightened) can be as near grey in
    chroma as the rabbit (6-14 against 2-10), but its faint colour still points the way skin's
    does: red up, blue down (Cr > 128 and Cb < 128) on 91-100 % of its pixels, against 23-78 %
    of the rabbit's, whose faint colour scatters around grey. So a face with at least
    ``skin_share`` of its pixels in skin's quarter of the chroma plane is kept, however pale.
    Not covered: a face whose colour is taken out entirely while the picture around keeps
    its own (a black-and-white inset in a colour frame)."""
    import cv2

    h, w = image.shape[:2]
    x0, y0, x1, y1 = (float(v) for v in box[:4])
    bw, bh = x1 - x0, y1 - y0
    inner = image[int(max(0, y0 + 0.3 * bh)):int(min(h, y0 + 0.8 * bh)),
                  int(max(0, x0 + 0.25 * bw)):int(min(w, x0 + 0.75 * bw))]
    if inner.size == 0:
        return False
    ycc = cv2.cvtColor(np.ascontiguousarray(inner), cv2.COLOR_RGB2YCrCb)
    cr, cb = ycc[..., 1].astype(np.float32) - 128.0, ycc[..., 2].astype(np.float32) - 128.0
    if float(np.median(np.hypot(cr, cb))) >= limit:
        return False
    if skin_share > 0 and float(((cr > 0) & (cb < 0)).mean()) >= skin_share:
        return False  # faint, but skin's colour: a pale face
    frame = _chroma(image[::4, ::4])
    return float((frame > 15.0).mean()) > 0.10  # a colourful picture around it


def _half(image: np.ndarray) -> np.ndarray:
    """The picture at half size: OpenCV's 2:1 area reduction (0.05 ms, against ~4 ms for a
    numpy mean over 2x2 blocks)."""
    import cv2

    h2, w2 = image.shape[0] // 2, image.shape[1] // 2
    return cv2.resize(np.ascontiguousarray(image[: h2 * 2, : w2 * 2]), (w2, h2), interpolation=cv2.INTER_AREA)


class _Kept:
    """A picture handed over as an array, behind the same call as the pipeline's lazy one."""

    __slots__ = ("image",)

    def __init__(self, image: np.ndarray):
        self.image = image

    def __call__(self) -> np.ndarray:
        return self.image


@dataclass(frozen=True)
class FacesParams:
    """The faces lane's parameters (the lane's ``params``, in this order)."""

    width: int = 384
    sample_fps: float = 1.0
    threshold: float = 0.5
    nms_iou: float = 0.3
    min_height: float = 0.02
    refine: bool = True
    refine_half_px: float = 80.0  # refinements at half size when every face seen is this tall (0: off)
    min_s: float = 0.25
    coarse: bool = True
    coarse_heat: float = 0.1
    grey_face_chroma: float = 12.0
    skin_share: float = 0.85
    cut_delta: float = 30.0
    change_delta: float = 6.0
    change_ratio: float = 4.0
    dark_level: float = 0.0


class FacesAnalyzer(Tuned, VideoAnalyzer):
    name = "faces"
    models = (MODEL,)
    version = 6  # 6: width 416 -> 384
    lazy_picture = True

    Params = FacesParams

    def __init__(self, params: FacesParams | None = None, /, *, threads: int = 0, **kw):
        super().__init__(params, **kw)
        self.threads = threads

    def extra_params(self) -> dict:
        return {"model": MODEL}

    def frame_request(self, info):
        return FrameRequest(self.width, 0, "rgb24")

    def step_for(self, fps: float) -> int:
        return max(1, int(round(fps / self.sample_fps))) if self.sample_fps > 0 else 1

    def start(self, info) -> None:
        from ..resources import onnx_session

        super().start(info)
        self.session = onnx_session(MODEL, self.threads)
        self._input = self.session.get_inputs()[0].name
        self._outputs = ["heatmap", "scale", "offset"]
        self.step = self.step_for(float(info.fps))
        self._blobs: dict[tuple[int, int], np.ndarray] = {}
        self._fed = 0
        # frame -> count, largest, boxes, smallest face's height in the picture's pixels
        self._results: dict[int, tuple[int, float, dict, float]] = {}
        self._pending: list[tuple[int, np.ndarray]] = []  # frames since the last sample
        self._last: tuple[int, bool] | None = None  # last sample: frame, face seen
        self._signature: np.ndarray | None = None  # the previous frame's (cut_delta)
        self._deltas = np.zeros(CHANGE_WINDOW, np.float32)  # the last frames' signature changes
        self._changes = 0  # signature changes measured so far (the first frames have fewer than CHANGE_WINDOW)

    def detect(self, image: np.ndarray, coarse: bool = True) -> np.ndarray:
        """Faces in one RGB uint8 picture: float32 [N, 5] (x0, y0, x1, y1, score) in its pixels.

        When the picture shows none, the half-size picture is tried too: the network misses
        faces much larger than the frame is tall at full size (an extreme close-up). With
        ``dark_level`` > 0 (off by default), a picture that still shows none and is low-key
        (its brightest pixels under ``dark_level``) is tried again brightened. Version 4 did
        so at 128 because a dim face was lost; the loss was the grey-face check's (a dim
        face's chroma is low), not the network's (it finds the astronaut portrait down to a
        tenth of its brightness, score 0.82), and ``skin_share`` now keeps dim faces: off, the
        brief-faces corpus keeps its figures on every part without two more detections on
        each dim faceless sample. ``coarse`` False: no half-size try (a picture already halved)."""
        boxes = self._judged(image, coarse)
        if not len(boxes) and self.dark_level > 0:
            import cv2

            top = float(np.percentile(image[::8, ::8], 99))
            if top < self.dark_level:
                boxes = self._judged(cv2.convertScaleAbs(image, alpha=min(4.0, 200.0 / max(top, 1.0))), coarse)
        return boxes

    def _judged(self, image: np.ndarray, coarse: bool = True) -> np.ndarray:
        h, w = image.shape[:2]
        boxes = self._detect_sizes(image, coarse)
        if len(boxes):
            boxes[:, 2] = np.minimum(boxes[:, 2], w)
            boxes[:, 3] = np.minimum(boxes[:, 3], h)
            boxes = boxes[(boxes[:, 3] - boxes[:, 1]) >= self.min_height * h]
        if len(boxes) and self.grey_face_chroma > 0:
            boxes = boxes[[not grey_face_in_colour(image, b, self.grey_face_chroma, self.skin_share) for b in boxes]]
        return boxes

    def _detect_sizes(self, image: np.ndarray, coarse: bool = True) -> np.ndarray:
        h, w = image.shape[:2]
        boxes = self._detect_once(image)
        # an extreme close-up lights the full-size heatmap without crossing ``threshold``
        # (0.22-0.49 on the corpus's carphone at 1.5x), a faceless picture mostly does not
        # (the benchmark reel's: median 0.09): only the first is worth the half-size run
        if not len(boxes) and coarse and self.coarse and self._heat >= self.coarse_heat and h >= 64 and w >= 64:
            boxes = self._detect_once(_half(image))
            boxes[:, :4] *= 2.0
        return boxes

    def _detect_once(self, image: np.ndarray) -> np.ndarray:
        h, w = image.shape[:2]
        ph, pw = -(-h // 32) * 32, -(-w // 32) * 32
        blob = self._blobs.get((ph, pw))
        if blob is None:
            blob = self._blobs[(ph, pw)] = np.zeros((1, 3, ph, pw), np.float32)  # padding stays zero
        blob[0, :, :h, :w] = image.transpose(2, 0, 1)
        heat, scale, offset = self.session.run(self._outputs, {self._input: blob})
        self._heat = float(heat.max())  # the strongest face response, kept for ``coarse_heat``
        return decode(heat[0], scale[0], offset[0], self.threshold, self.nms_iou)

    def feed(self, index: int, image) -> None:
        """``image``: the RGB picture, or (from the pipeline) a callable that makes it: the
        frames between samples are converted only when a bisection looks at them."""
        self._fed += 1
        cut = False
        if self.cut_delta > 0:
            import cv2

            from ..media.video import signature_of

            sig = image.signature() if hasattr(image, "signature") else signature_of(image)
            if self._signature is not None and self._signature.shape == sig.shape:
                # mean absolute change of the 64 px gray signature, 0..255
                delta = cv2.norm(sig, self._signature, cv2.NORM_L1) / sig.size
                cut = delta >= self.cut_delta
                if not cut and self.change_ratio > 0 and delta >= self.change_delta and self._changes:
                    # a change that stands out from the shot's own (a cut between two
                    # low-key shots, a picture popping in): several times the median change
                    # of the frames before it (those measured: at the clip's start, zeros in
                    # their place made its first moving frames stand out from a still shot
                    # that never was: 4 detections on the benchmark reel's frames 1-5)
                    before = self._deltas[: min(self._changes, CHANGE_WINDOW)]
                    cut = delta >= self.change_ratio * max(1.0, float(np.median(before)))
                self._deltas[self._changes % CHANGE_WINDOW] = delta
                self._changes += 1
            self._signature = sig
        due = self._last is None or index - self._last[0] >= self.step
        cut = cut and self._last is not None  # even the frame right after a sample: a short shot
        if not (due or cut):
            if self.refine:
                self._pending.append((index, image if callable(image) else _Kept(image.copy())))
            return
        self._sample(index, image if callable(image) else _Kept(image), at_cut=cut)

    def _record(self, index: int, picture, half: bool = False) -> bool:
        """Detect on one frame and keep its result; True if it shows a face. ``half``: on the
        half-size picture (boxes mapped back to the full one)."""
        image = picture()
        h, w = image.shape[:2]
        if half and h >= 64 and w >= 64:
            boxes = self.detect(_half(image), coarse=False)
            boxes[:, :4] *= 2.0
        else:
            boxes = self.detect(image)
        sx, sy = self.info.width / w, self.info.height / h
        self._results[index] = (len(boxes), float((boxes[:, 3] - boxes[:, 1]).max() / h) if len(boxes) else 0.0, {
            "frame": int(index),
            "boxes": [[round(float(b[0] * sx), 1), round(float(b[1] * sy), 1),
                       round(float((b[2] - b[0]) * sx), 1), round(float((b[3] - b[1]) * sy), 1)] for b in boxes],
            "scores": [round(float(b[4]), 3) for b in boxes],
        }, float((boxes[:, 3] - boxes[:, 1]).min()) if len(boxes) else 0.0)
        return len(boxes) > 0

    def _sample(self, index: int, image, at_cut: bool = False) -> None:
        seen = self._record(index, image)
        pending, self._pending = self._pending, []
        if self._last is not None and seen != self._last[1] and pending:
            # the picture changed between two samples: find the first frame of the new state
            lo, hi = -1, len(pending)  # pending[lo] shows the old state, pending[hi] the new
            half = self._large_faces(self._last[0] if self._last[1] else index)
            if at_cut:
                # a sample taken at a cut: the change is most likely the cut itself, which
                # the frame just before it confirms with one detection
                if self._record(*pending[-1], half) == self._last[1]:
                    lo = hi
                else:
                    hi = len(pending) - 1
            while hi - lo > 1:  # bisection: log2(frames between) more detections
                mid = (lo + hi) // 2
                if self._record(*pending[mid], half) == self._last[1]:
                    lo = mid
                else:
                    hi = mid
        self._last = (index, seen)

    def _large_faces(self, sample: int) -> bool:
        """Can the refinements around this sample, which shows faces, look at the half-size
        picture? Yes when its smallest face is at least ``refine_half_px`` tall: at half size
        still twice the height the network scores near its threshold (see FacesParams)."""
        count, _, _, smallest = self._results[sample]
        return self.refine_half_px > 0 and count > 0 and smallest >= self.refine_half_px

    def finish(self, frame_times: np.ndarray) -> list[Lane]:
        if self._pending:  # the clip's last frame is a sample too (its tail is refined)
            self._sample(*self._pending.pop())
        n = len(frame_times)
        count = np.zeros(n, np.int64)
        largest = np.zeros(n, np.float64)
        samples = sorted(f for f in self._results if f < n)
        for k, s in enumerate(samples):
            e = samples[k + 1] if k + 1 < len(samples) else n
            count[s:e] = self._results[s][0]
            largest[s:e] = self._results[s][1]
        # a face seen for less than ``min_s`` on one detection only (a blip) is not
        # reported; seen on two (a short shot: its cut and the frame before the next cut), it is
        min_frames = max(1, int(round(self.min_s * float(self.info.fps))))
        for a, b in runs(count > 0):
            if b - a < min_frames and sum(1 for f in self._results if a <= f < b and self._results[f][0]) < 2:
                count[a:b] = 0
                largest[a:b] = 0.0
                for f in samples:
                    if a <= f < b:
                        self._results[f][2].update(boxes=[], scores=[])
        intervals = runs(count > 0)
        return [Lane("faces", {
            "engine": ENGINE,
            "params": self.params(),
            "sample_step": self.step,
            "sampled_frames": len(samples),
            "count": [int(c) for c in count],
            "largest": rounded(largest, 4),
            "intervals": frame_intervals(intervals, frame_times, self.info.duration_s),
            "boxes": [self._results[f][2] for f in samples],
        })]
