"""Shot boundaries by TransNetV2 (ONNX Runtime), streamed in overlapping windows.

The model sees 48x27 RGB frames. Each window holds ``context`` frames of lead-in, the
frames it decides, and ``context`` frames of lead-out; the clip's first and last frames are
repeated to pad the ends, as the reference implementation does. Frames are batched into
windows as they arrive, so memory stays flat for any clip length.
"""

from __future__ import annotations

import numpy as np

from ..media.video import FrameRequest
from .base import Lane, VideoAnalyzer, runs

MODEL = "transnetv2"


class CutsAnalyzer(VideoAnalyzer):
    name = "cuts"
    version = 1

    def __init__(self, threshold: float = 0.5, context: int = 25, step: int = 200, batch: int = 1,
                 hard_max_frames: int = 3, threads: int = 0):
        self.threshold = threshold
        self.context = context
        self.step = step
        self.batch = batch
        self.hard_max_frames = hard_max_frames
        self.threads = threads

    def params(self) -> dict:
        return dict(threshold=self.threshold, context=self.context, step=self.step,
                    hard_max_frames=self.hard_max_frames, model=MODEL)

    def frame_request(self, info):
        return FrameRequest(48, 27, "rgb24")

    def start(self, info) -> None:
        from ..resources import onnx_session

        super().start(info)
        self.session = onnx_session(MODEL, self.threads)
        shape = self.session.get_inputs()[0].shape
        fixed_t = shape[1] if isinstance(shape[1], int) else None
        if fixed_t is not None:  # a fixed-length export decides window - 2 * context frames
            self.step = fixed_t - 2 * self.context
        self._input = self.session.get_inputs()[0].name
        self._buf: list[np.ndarray] = []
        self._pending: list[np.ndarray] = []  # windows waiting to be batched
        self._single: list[np.ndarray] = []
        self._many: list[np.ndarray] = []
        self._fed = 0

    def feed(self, index: int, image: np.ndarray) -> None:
        if not self._buf:
            self._buf = [image] * self.context  # lead-in: the first frame repeated
        self._buf.append(image)
        self._fed += 1
        if len(self._buf) >= self.step + 2 * self.context:
            self._queue(np.stack(self._buf[: self.step + 2 * self.context]))
            del self._buf[: self.step]

    def _queue(self, window: np.ndarray) -> None:
        self._pending.append(window)
        if len(self._pending) >= self.batch:
            self._run()

    def _run(self) -> None:
        if not self._pending:
            return
        batch = np.stack(self._pending)
        self._pending = []
        single, many = self.session.run(None, {self._input: batch})
        c = self.context
        for s, m in zip(single, many):
            self._single.append(np.asarray(s).reshape(-1)[c : c + self.step])
            self._many.append(np.asarray(m).reshape(-1)[c : c + self.step])

    def finish(self, frame_times: np.ndarray) -> list[Lane]:
        n = self._fed
        if n == 0:
            return [Lane("cuts", {"events": [], "probability": []})]
        # the buffer holds `context` frames of lead-in and the frames still undecided: pad it
        # with the last frame to whole windows, as the reference implementation pads the end
        c, step = self.context, self.step
        undecided = len(self._buf) - c
        if undecided > 0:
            windows = -(-undecided // step)
            self._buf += [self._buf[-1]] * (windows * step + 2 * c - len(self._buf))
            for k in range(windows):
                self._queue(np.stack(self._buf[k * step : k * step + step + 2 * c]))
        self._run()
        single = np.concatenate(self._single)[:n]
        many = np.concatenate(self._many)[:n]
        events = self.events(single, many)
        return [Lane("cuts", {
            "events": events,
            "probability": [round(float(v), 4) for v in single],
            "params": self.params(),
        })]

    def events(self, single: np.ndarray, many: np.ndarray) -> list[dict]:
        """Runs of frames above threshold -> cut / gradual events on the frame grid."""
        out = []
        n = len(single)
        for s, e in runs(single > self.threshold):
            # the transition's extent: neighbouring frames the all-frames head also marks
            lo, hi = s, e
            while lo > 0 and many[lo - 1] > self.threshold:
                lo -= 1
            while hi < n and many[hi] > self.threshold:
                hi += 1
            confidence = round(float(single[s:e].max()), 4)
            peak = s + int(np.argmax(single[s:e]))
            if hi - lo <= self.hard_max_frames:
                # TransNetV2 marks the last frame of the old shot; the contract's frame is the
                # first frame of the new one
                frame = min(peak + 1, n - 1)
                out.append({"frame": frame, "kind": "cut", "confidence": confidence})
            else:
                out.append({"frame": min(peak + 1, n - 1), "kind": "gradual", "start_frame": lo,
                            "end_frame": hi, "confidence": confidence})
        return out
