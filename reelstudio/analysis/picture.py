"""Black frames, frozen frames, motion energy and flashes, from one small picture per frame.

- black: >= 98 % of pixels darker than 10 % luma (as FFmpeg's blackdetect), any length; or
  black with captions on it: every row dark that way except at most two bands of lit rows
  (each up to 12 % of the height, together up to 25 %) that are themselves partly dark
  (glyphs on black or on a dark box): a subtitle over a black stretch does not make it picture.
- frozen: a held picture, at least ``frozen_min_s`` long, that stops where motion was going
  on (see ``_Holds``); black stretches are reported as black only. Held pictures that are
  designed stills (a photo or a title card cut in and held, the video opening on a still)
  are listed as ``stills``: the static-picture check's business, not a freeze.
- motion: mean absolute luma difference to the previous frame, 0..1 (frame 0 is 0).
- flashes: WCAG 2.3.1 general flashes. A frame is a luminance transition when at least a
  quarter of the picture changes relative luminance by >= 0.1 with the darker state < 0.8;
  a flash is a pair of opposing transitions; more than three flashes within any one second
  is a flashing interval.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

from ..media.video import FrameRequest
from .base import Blocks, Lane, Tuned, VideoAnalyzer, frame_intervals, rounded, runs

_LUMA = np.array([0.2126, 0.7152, 0.0722], dtype=np.float32)
# sRGB 8-bit -> linear relative luminance contribution, as WCAG 2.x defines it
_c = np.arange(256, dtype=np.float64) / 255.0
_SRGB_TO_LINEAR = np.where(_c <= 0.04045, _c / 12.92, ((_c + 0.055) / 1.055) ** 2.4).astype(np.float32)
_LUMA_ROW = _LUMA.reshape(1, 3)  # cv2.transform's matrix: one output channel
_LUMA_OF_8BIT = (_LUMA / 255.0).reshape(1, 3)


# a change over at least this share of the 4x4 blocks is motion of the picture, not a local
# change: captions changing measure 0.03-0.05 on the tune material, a small figure walking
# 0.005-0.012, footage 0.1-0.7, a slow pan's one-pixel step 0.24-0.27
WIDE_AREA = 0.08
GRADUAL_FRAMES = 6  # distinct pictures before a hold that tell a transition's end


def gradual_end(before: list[np.ndarray], held: np.ndarray) -> bool:
    """True when the pictures before ``held`` (newest first, repeats left out) come towards it
    as a dissolve or a fade does: their distance to it grows at least in proportion to how far
    back they are (D_k >= 0.9 k D_1 at the farthest, k = ``GRADUAL_FRAMES``; mean absolute
    luma differences, leaving out pixels that differ from ``held`` by over 0.05, the same in
    every picture before it: a caption or a credit that leaves as the transition ends). Motion
    that stops saturates within a few frames instead. Tune material: a dissolve's end 2.3 (a
    linear mix: 1 before the encoder), a fade from black 1.1; freezes in footage or
    after a pan 0.38-0.64. A move that eases to a stop and holds counts as a transition (a Ken
    Burns ending on its photo). Undecided, so not a transition, when the nearest picture is
    within 0.005 of the held one: the encoder's first take of a held frame looks like that
    (0.0017), and so does the last frame of a long dissolve (0.002-0.003: the sample reel's 30
    frames, the tune material's 20); the frozen-frames check then finds the transition in the
    cuts lane. Tune material before a freeze: 0.006-0.014; a 15-frame fade in: 0.0095."""
    import cv2

    if len(before) < GRADUAL_FRAMES:
        return False
    d1 = cv2.subtract(before[0], held)
    dk = cv2.subtract(before[-1], held)
    keep = ~((np.abs(d1) > 0.05) & (np.abs(dk - d1) < 0.02))
    d1, dk = np.abs(d1), np.abs(dk)
    if not keep.any():
        return False
    near = float(d1[keep].mean())
    if near < 0.005:  # the nearest is (nearly) the held picture: undecided, see the docstring
        return False
    return float(dk[keep].mean()) >= 0.9 * len(before) * near


class _Holds:
    """Held pictures, streamed: runs of frames that show one picture.

    Differences are measured per 4x4-pixel block of the 108 px luma picture (the largest
    block's mean absolute difference), so a change confined to a small part of the picture (a
    caption, a small figure walking, one part of a person stretching) counts as much as a
    change spread thinly over all of it. A frame continues the hold when it differs from the
    frame before by at most ``same`` and from the hold's first frame (or its last nudge) by at
    most ``drift`` (slow motion creeps past ``drift``), or when the encoder nudges the held
    picture: a step of more than ``same`` and at most ``nudge``, on the hold's second frame (the
    encoder refining a repeated frame) and at most once a second after it (a keyframe refresh;
    a slow pan moves one pixel 5-7 times a second, 2.5 times in 0.5 s). A nudged picture is the
    one held from then on.
    A hold is quiet when at most half its steps exceed ``quiet`` (slow motion moves a
    little on nearly every frame).

    Tune material (tests/corpus/motion.py), on the 108 px picture: steps inside real freezes
    have a median of 0.0002-0.0007 (an exact hold through PyAV's libx264 at CRF 20 flickers by
    0.0014-0.0017 on every frame: tests/test_picture_lanes.py), a slow stretch's 0.003-0.004;
    encoder nudges move a held picture up to 0.011 from its first frame, a keyframe after a
    dissolve into a still 0.027 (the sample reel's, at 1080x1920: 0.042); a slow pan's
    one-pixel step measures 0.017-0.07, footage steps 0.03-0.3 (both several times a second,
    so the limit on nudges ends a hold there). A 0.5 s hold survives on the stretch with
    ``drift`` 0.018 and on no negative with 0.014-0.016 (``same`` 0.003-0.006).
    """

    BLOCK = 4

    def __init__(self, fps: float, same: float, drift: float, quiet: float, nudge: float, nudges_per_s: int,
                 min_frames: int):
        self.same, self.drift, self.quiet, self.nudge = same, drift, quiet, nudge
        self.window = max(1, int(round(fps)))
        self.nudges_per_s = nudges_per_s
        # (start, end, steps over ``quiet``) per hold, in a numpy block: in moving footage every
        # frame closes one, and a list of tuples cost ~130 bytes each (28 MB for 2 hours)
        self.holds = Blocks(np.int64, (3,))
        self.step = Blocks()  # per frame: largest block change from the frame before
        self.area = Blocks()  # per frame: share of blocks changed by more than ``same``
        self._anchor = None
        self._start = 0
        self._nudges: list[int] = []
        self._loud = 0
        self.min_frames = min_frames
        self.gradual: dict[int, bool] = {}  # hold start -> a transition ends on its picture
        self._recent: deque = deque(maxlen=GRADUAL_FRAMES)  # the last pictures that differ
        self._before: list = []  # ``_recent`` when the current hold started

    def _blocks(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        import cv2

        h, w = a.shape[:2]
        return cv2.resize(cv2.absdiff(a, b), (max(1, w // self.BLOCK), max(1, h // self.BLOCK)),
                          interpolation=cv2.INTER_AREA)

    def feed(self, index: int, luma: np.ndarray, prev: np.ndarray | None) -> None:
        if prev is None:
            self.step.append(0.0)
            self.area.append(0.0)
            self._anchor, self._start, self._anchor_first = luma, index, luma
            self._recent.appendleft(luma)
            return
        blocks = self._blocks(luma, prev)
        step = float(blocks.max())
        self.step.append(step)
        self.area.append(float(np.count_nonzero(blocks > self.same)) / blocks.size)
        keep = False
        if step <= self.same:
            keep = float(self._blocks(luma, self._anchor).max()) <= self.drift
        elif step <= self.nudge:
            self._nudges = [k for k in self._nudges if k > index - self.window]
            # the frame after the hold's first one is free: a repeated frame is refined once
            if index == self._start + 1 or len(self._nudges) < self.nudges_per_s:
                if index > self._start + 1:
                    self._nudges.append(index)
                self._anchor = luma  # the refreshed picture is the one held from now on
                keep = True
        if keep:
            self._loud += step > self.quiet
            if index - self._start + 1 == self.min_frames:
                self.gradual[self._start] = gradual_end(self._before, self._anchor_first)
        else:
            self._close(index)
            self._anchor, self._start = luma, index
            self._anchor_first, self._before = luma, list(self._recent)
        if step > self.same:
            self._recent.appendleft(luma)

    def _close(self, end: int) -> None:
        self.holds.append((self._start, end, self._loud))
        self._nudges, self._loud = [], 0

    def finish(self, n: int) -> None:
        if n:
            self._close(n)


def _rows(table: np.ndarray, chunk: int = 4096):
    """A numpy table's rows as tuples of Python numbers, a chunk at a time (not one list of
    every row at once)."""
    for i in range(0, len(table), chunk):
        yield from map(tuple, table[i:i + chunk].tolist())


def _dark_around_captions(dark: np.ndarray, ratio: float, share: float) -> float:
    """The dark share of a frame outside its caption bands, when the light in it is only
    captions: at most two bands of lit rows (each up to 12 % of the height, together up to
    25 %), themselves at least a quarter dark (glyphs on black or on a dark box: at 108 px
    wide a line of text lights about half of its rows' pixels), every other row dark. Else ``share``: a dark scene with light spread over it stays picture. A
    two-line boxed subtitle over 12 black frames held only 94 % dark pixels, and the black
    lane saw no black at all (bench/eval_checks.py, tune part)."""
    rows = dark.mean(axis=1)
    lit = rows < ratio
    h = len(rows)
    n_lit = int(np.count_nonzero(lit))
    if n_lit > 0.25 * h:
        return share
    bands = runs(lit, 1)
    if len(bands) > 2 or any(e - s > 0.12 * h for s, e in bands) or float(rows[lit].mean()) < 0.25:
        return share
    return float(rows[~lit].mean())


@dataclass(frozen=True)
class PictureParams:
    """The picture lanes' parameters (their ``params``, in this order)."""

    width: int = 108
    black_pixel_threshold: float = 0.10
    black_ratio: float = 0.98
    frozen_same: float = 0.004
    frozen_drift: float = 0.015
    frozen_quiet: float = 0.0025
    frozen_nudge: float = 0.08
    frozen_min_s: float = 0.5
    still_cut: float = 0.06
    flash_delta: float = 0.10
    flash_area: float = 0.25
    flashes_per_second: int = 3


class PictureAnalyzer(Tuned, VideoAnalyzer):
    name = "picture"
    version = 3  # 3: black under a caption band
    lanes = ("black", "frozen", "motion", "flashes")

    Params = PictureParams

    def frame_request(self, info):
        return FrameRequest(self.width, 0, "rgb24")

    def start(self, info) -> None:
        super().start(info)
        # per frame, in numpy blocks (a 2-hour file: 216,000 frames)
        self._black = Blocks()
        self._diff = Blocks()
        self._luma_mean = Blocks()
        self._transition = Blocks(np.int8)
        self._prev_luma = None
        self._prev_lin = None
        self._holds = _Holds(float(info.fps), self.frozen_same, self.frozen_drift, self.frozen_quiet,
                             self.frozen_nudge, 1, max(2, int(round(self.frozen_min_s * float(info.fps)))))

    def feed(self, index: int, image: np.ndarray) -> None:
        # OpenCV's per-pixel kernels: 0.1 CPU-ms per 108x192 frame against 0.35 for numpy
        import cv2

        image = np.ascontiguousarray(image)
        luma = cv2.transform(image.astype(np.float32), _LUMA_OF_8BIT)
        lin = cv2.transform(cv2.LUT(image, _SRGB_TO_LINEAR), _LUMA_ROW)
        size = luma.size
        dark = luma <= self.black_pixel_threshold
        share = np.count_nonzero(dark) / size
        if 0.6 <= share < self.black_ratio:
            share = _dark_around_captions(dark, self.black_ratio, share)
        self._black.append(share)
        self._luma_mean.append(cv2.mean(luma)[0])
        self._holds.feed(index, luma, self._prev_luma)
        if self._prev_luma is None:
            self._diff.append(0.0)
            self._transition.append(0)
        else:
            self._diff.append(cv2.norm(luma, self._prev_luma, cv2.NORM_L1) / size)
            change = cv2.subtract(lin, self._prev_lin)
            eligible = cv2.min(lin, self._prev_lin) < 0.8
            up = np.count_nonzero((change >= self.flash_delta) & eligible) / size
            down = np.count_nonzero((change <= -self.flash_delta) & eligible) / size
            self._transition.append(1 if up >= self.flash_area else (-1 if down >= self.flash_area else 0))
        self._prev_luma, self._prev_lin = luma, lin

    def finish(self, frame_times: np.ndarray) -> list[Lane]:
        n = len(self._diff)
        end_time = self.info.duration_s
        black_mask = self._black.array() >= self.black_ratio
        diff = self._diff.array()
        fps = float(self.info.fps)

        black = runs(black_mask, 1)
        frozen, stills = self._frozen(diff, black_mask, fps)

        flashes, flash_frames = self._flashes(frame_times)
        lanes = [
            Lane("black", {"intervals": frame_intervals(black, frame_times, end_time),
                           "params": {"pixel_threshold": self.black_pixel_threshold, "ratio": self.black_ratio}}),
            Lane("frozen", {"intervals": frame_intervals(frozen, frame_times, end_time),
                            "stills": frame_intervals(stills, frame_times, end_time),
                            "params": {"same": self.frozen_same, "drift": self.frozen_drift,
                                       "quiet": self.frozen_quiet, "nudge": self.frozen_nudge,
                                       "min_s": self.frozen_min_s,
                                       "still_cut": self.still_cut}}),
            Lane("motion", {"per_frame": rounded(diff, 5), "mean": round(float(diff.mean()) if n else 0.0, 5),
                            "luma": rounded(self._luma_mean.array(), 4),
                            "unit": "mean absolute luma change per frame, 0..1"}),
            Lane("flashes", {"intervals": frame_intervals(flashes, frame_times, end_time),
                             "transition_frames": flash_frames,
                             "params": {"delta": self.flash_delta, "area": self.flash_area,
                                        "max_per_second": self.flashes_per_second}}),
        ]
        return lanes

    def _frozen(self, diff: np.ndarray, black: np.ndarray, fps: float
                ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Held pictures at least ``frozen_min_s`` long, split into freezes and stills.

        A hold is a designed still when it opens the video, when it starts with a cut (a mean
        luma change of at least ``still_cut``: 0.1-0.3 at the corpus's cuts, at most 0.02
        within its footage) or at the end of a dissolve or fade (``gradual_end``), when it follows a hold of at least 0.2 s with only a local
        change between them (under ``WIDE_AREA`` of the picture: a caption changing on a photo;
        such a chain takes the class of its first hold), or when the second before it (since
        the last cut) has fewer than two frames of change over ``WIDE_AREA``. Else
        motion was going on and the picture stopped: a freeze. Black holds are neither."""
        h = self._holds
        h.finish(len(diff))
        step, area = h.step.array(), h.area.array()
        wide = (step > self.frozen_same) & (area >= WIDE_AREA)
        cut = diff >= self.still_cut
        min_frames = max(2, int(round(self.frozen_min_s * fps)))
        link_frames = max(2, int(round(0.2 * fps)))
        window = max(1, int(round(fps)))
        frozen, stills = [], []
        still_prev: bool | None = None  # the class of the previous hold, when it can pass it on
        last_cut = 0
        for s, e, loud in _rows(h.holds.array()):
            if cut[s]:
                last_cut = s
            if s == 0 or cut[s]:
                still = True
            elif still_prev is not None and not wide[s]:
                still = still_prev
            elif h.gradual.get(s, False):
                still = True
            else:
                lo = max(last_cut, s - window + 1)
                still = int(np.count_nonzero(wide[lo : s + 1])) < 2
            quiet = loud * 2 <= max(1, e - s - 1)
            still_prev = still if (e - s >= link_frames and quiet) else None
            if e - s < min_frames or not quiet or black[s:e].mean() > 0.5:
                continue
            (stills if still else frozen).append((s, e))
        return frozen, stills

    def _flashes(self, frame_times: np.ndarray) -> tuple[list[tuple[int, int]], list[int]]:
        trans = self._transition.array()
        # consecutive transitions in the same direction are one change of state
        changes: list[int] = []
        last_dir = 0
        for i in np.flatnonzero(trans):
            d = int(trans[i])
            if d != last_dir:
                changes.append(int(i))
                last_dir = d
        n = len(trans)
        mask = np.zeros(n, dtype=bool)
        times = np.asarray(frame_times, dtype=np.float64)
        limit = self.flashes_per_second
        # a flash is a pair of opposing changes, so more than `limit` flashes in one second
        # means more than 2 * limit changes of state inside a 1 s window
        ch_times = times[changes] if changes else np.zeros(0)
        for k in range(len(changes)):
            j = np.searchsorted(ch_times, ch_times[k] + 1.0, side="left")
            if (j - k) > 2 * limit:
                mask[changes[k] : changes[j - 1] + 1] = True
        return runs(mask, 1), changes
