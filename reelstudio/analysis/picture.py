"""Black frames, frozen frames, motion energy and flashes, from one small picture per frame.

- black: >= 98 % of pixels darker than 10 % luma (as FFmpeg's blackdetect), any length.
- frozen: mean absolute difference to the previous frame below a noise floor (as FFmpeg's
  freezedetect), at least ``frozen_min_s`` long; black stretches are reported as black only.
- motion: mean absolute luma difference to the previous frame, 0..1 (frame 0 is 0).
- flashes: WCAG 2.3.1 general flashes. A frame is a luminance transition when at least a
  quarter of the picture changes relative luminance by >= 0.1 with the darker state < 0.8;
  a flash is a pair of opposing transitions; more than three flashes within any one second
  is a flashing interval.
"""

from __future__ import annotations

import numpy as np

from ..media.video import FrameRequest
from .base import Lane, VideoAnalyzer, frame_intervals, rounded, runs

_LUMA = np.array([0.2126, 0.7152, 0.0722], dtype=np.float32)
# sRGB 8-bit -> linear relative luminance contribution, as WCAG 2.x defines it
_c = np.arange(256, dtype=np.float64) / 255.0
_SRGB_TO_LINEAR = np.where(_c <= 0.04045, _c / 12.92, ((_c + 0.055) / 1.055) ** 2.4).astype(np.float32)
_LUMA_ROW = _LUMA.reshape(1, 3)  # cv2.transform's matrix: one output channel
_LUMA_OF_8BIT = (_LUMA / 255.0).reshape(1, 3)


class PictureAnalyzer(VideoAnalyzer):
    name = "picture"
    version = 1
    lanes = ("black", "frozen", "motion", "flashes")

    def __init__(
        self,
        width: int = 108,
        black_pixel_threshold: float = 0.10,
        black_ratio: float = 0.98,
        frozen_noise: float = 0.002,
        frozen_min_s: float = 0.5,
        flash_delta: float = 0.10,
        flash_area: float = 0.25,
        flashes_per_second: int = 3,
    ):
        self.width = width
        self.black_pixel_threshold = black_pixel_threshold
        self.black_ratio = black_ratio
        self.frozen_noise = frozen_noise
        self.frozen_min_s = frozen_min_s
        self.flash_delta = flash_delta
        self.flash_area = flash_area
        self.flashes_per_second = flashes_per_second

    def params(self) -> dict:
        return dict(
            width=self.width,
            black_pixel_threshold=self.black_pixel_threshold,
            black_ratio=self.black_ratio,
            frozen_noise=self.frozen_noise,
            frozen_min_s=self.frozen_min_s,
            flash_delta=self.flash_delta,
            flash_area=self.flash_area,
            flashes_per_second=self.flashes_per_second,
        )

    def frame_request(self, info):
        return FrameRequest(self.width, 0, "rgb24")

    def start(self, info) -> None:
        super().start(info)
        self._black: list[float] = []
        self._diff: list[float] = []
        self._luma_mean: list[float] = []
        self._transition: list[int] = []
        self._prev_luma = None
        self._prev_lin = None

    def feed(self, index: int, image: np.ndarray) -> None:
        # OpenCV's per-pixel kernels: 0.1 CPU-ms per 108x192 frame against 0.35 for numpy
        import cv2

        image = np.ascontiguousarray(image)
        luma = cv2.transform(image.astype(np.float32), _LUMA_OF_8BIT)
        lin = cv2.transform(cv2.LUT(image, _SRGB_TO_LINEAR), _LUMA_ROW)
        size = luma.size
        self._black.append(np.count_nonzero(luma <= self.black_pixel_threshold) / size)
        self._luma_mean.append(cv2.mean(luma)[0])
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
        black_mask = np.asarray(self._black) >= self.black_ratio
        diff = np.asarray(self._diff, dtype=np.float64)
        fps = float(self.info.fps)

        black = runs(black_mask, 1)
        # a run of frames that each repeat the one before is one held picture, together
        # with the frame it repeats; black stretches are reported as black only
        same = (diff <= self.frozen_noise) & ~black_mask
        same[0] = False
        # an encoder's keyframe refresh nudges a held picture once (a few levels of noise);
        # a lone small step between two still runs does not end the hold
        blip = np.zeros_like(same)
        blip[1:-1] = (diff[1:-1] <= 5 * self.frozen_noise) & same[:-2] & same[2:]
        same |= blip
        min_frames = max(2, int(round(self.frozen_min_s * fps)))
        frozen = [(s - 1, e) for s, e in runs(same, 1) if e - s + 1 >= min_frames]

        flashes, flash_frames = self._flashes(frame_times)
        lanes = [
            Lane("black", {"intervals": frame_intervals(black, frame_times, end_time),
                           "params": {"pixel_threshold": self.black_pixel_threshold, "ratio": self.black_ratio}}),
            Lane("frozen", {"intervals": frame_intervals(frozen, frame_times, end_time),
                            "params": {"noise": self.frozen_noise, "min_s": self.frozen_min_s}}),
            Lane("motion", {"per_frame": rounded(diff, 5), "mean": round(float(diff.mean()) if n else 0.0, 5),
                            "luma": rounded(np.asarray(self._luma_mean), 4),
                            "unit": "mean absolute luma change per frame, 0..1"}),
            Lane("flashes", {"intervals": frame_intervals(flashes, frame_times, end_time),
                             "transition_frames": flash_frames,
                             "params": {"delta": self.flash_delta, "area": self.flash_area,
                                        "max_per_second": self.flashes_per_second}}),
        ]
        return lanes

    def _flashes(self, frame_times: np.ndarray) -> tuple[list[tuple[int, int]], list[int]]:
        trans = np.asarray(self._transition, dtype=np.int8)
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
