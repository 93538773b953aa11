"""A decoded 4:2:0 frame's planes, kept reduced for the analyzers (media.video.Pictures makes
every requested picture from them), and the 2:1 area steps that reduce them."""

from __future__ import annotations

import threading

import numpy as np

from .colour import matrix_of


def _plane(frame, k: int, w: int, h: int) -> np.ndarray:
    plane = frame.planes[k]
    return np.frombuffer(plane, np.uint8).reshape(-1, plane.line_size)[:h, :w]


def _area(plane: np.ndarray, width: int, height: int, smooth_last: bool = True) -> np.ndarray:
    """Scale down by exact 2:1 area steps (OpenCV's fast integer path) while the picture is at
    least twice the size asked for, then one last step: a 3840x2160 luma to 1080x608 in ~3 ms
    instead of ~9. With ``smooth_last`` (the planes) that step is area scaling and the 2:1
    steps halve both axes. Without it (the small RGB pictures for the models) each axis
    halves on its own, and a last step that shrinks each axis by less than 2x is bilinear:
    within a level of area's and 5-7x cheaper (a 540x960 RGB picture to 416x740: 0.43 against
    2.9 CPU-ms; 270x480 to 48x27: 0.09 against 0.25)."""
    import cv2

    while True:
        h, w = plane.shape[:2]
        nw = w // 2 if w >= 2 * width and w % 2 == 0 else w
        nh = h // 2 if h >= 2 * height and h % 2 == 0 else h
        if smooth_last and (nw == w or nh == h):
            break  # exact area scaling: both axes halve, or the last step does it all
        if (nw, nh) == (w, h) or (nw, nh) == (width, height):
            break
        # halving one axis only: bilinear at exactly 2:1 averages the two rows (columns) as
        # area scaling does, at a third of area's cost off its fast path
        both = nw != w and nh != h
        plane = cv2.resize(plane, (nw, nh), interpolation=cv2.INTER_AREA if both else cv2.INTER_LINEAR)
    h, w = plane.shape[:2]
    if (w, h) == (width, height):
        return plane
    linear = not smooth_last and width <= w < 2 * width and height <= h < 2 * height
    return cv2.resize(plane, (width, height), interpolation=cv2.INTER_LINEAR if linear else cv2.INTER_AREA)


class _Planes:
    """A reduced copy of one 4:2:0 frame: luma ``y`` (h x w), chroma ``u``, ``v`` at half
    that (rounded up), in the frame's own (coded, unrotated) orientation; ``cu``, ``cv``: the
    chroma at the luma's size where the frame has it (see keeps_chroma), else None."""

    __slots__ = ("y", "_u", "_v", "cu", "cv", "full_range", "matrix", "_level", "_lock", "whole")

    def __init__(self, frame, width: int, height: int):
        fw, fh = frame.width, frame.height
        cw, ch = (width + 1) // 2, (height + 1) // 2
        y = _plane(frame, 0, fw, fh)
        u = _plane(frame, 1, (fw + 1) // 2, (fh + 1) // 2)
        v = _plane(frame, 2, (fw + 1) // 2, (fh + 1) // 2)
        # copies: the decoder reuses its buffers
        self.y = np.array(y) if (width, height) == (fw, fh) else _area(y, width, height)
        self.cu = self.cv = self._u = self._v = None
        if keeps_chroma((fw, fh), (width, height)):
            # the half-size planes are made from these when an RGB picture first needs them,
            # in the thread that asks: the decode thread only copies (or halves, 3840x2160)
            same = u.shape == (height, width)
            self.cu, self.cv = (np.array(u), np.array(v)) if same else (_area(u, width, height), _area(v, width, height))
        elif u.shape == (ch, cw):
            self._u, self._v = np.array(u), np.array(v)
        else:
            self._u, self._v = _area(u, cw, ch), _area(v, cw, ch)
        self.full_range = frame.format.name.startswith("yuvj")
        self.matrix = matrix_of(frame)
        self._level = None
        self.whole: tuple | None = None  # the frame's own planes, where it is kept whole (whole_planes)
        # the analyzers' threads ask for the same frame's pictures at the same moment (the cut
        # and picture lanes): what is made once per frame is made by one of them
        self._lock = threading.RLock()

    def _once(self, name: str, make):
        value = getattr(self, name)
        if value is None:
            with self._lock:
                value = getattr(self, name)
                if value is None:
                    value = make()
                    setattr(self, name, value)
        return value

    @property
    def u(self) -> np.ndarray:
        h, w = self.y.shape
        return self._once("_u", lambda: _area(self.cu, (w + 1) // 2, (h + 1) // 2))

    @property
    def v(self) -> np.ndarray:
        h, w = self.y.shape
        return self._once("_v", lambda: _area(self.cv, (w + 1) // 2, (h + 1) // 2))

    def gray(self, width: int, height: int) -> np.ndarray:
        """Full-range gray: the luma scaled and, for limited-range video, mapped 16..235 ->
        0..255 (as swscale does; rounded and clipped, twice as fast as a lookup table)."""
        import cv2

        y = self.y
        if (width, height) != (y.shape[1], y.shape[0]):
            y = cv2.resize(y, (width, height), interpolation=cv2.INTER_AREA)
        if self.full_range:
            return y if y is not self.y else y.copy()
        return cv2.addWeighted(y, 255.0 / 219.0, y, 0.0, -16.0 * 255.0 / 219.0)

    def rgb(self, width: int, height: int) -> np.ndarray:
        """RGB by OpenCV's I420 conversion (BT.601, limited range, like swscale's default);
        full-range ('yuvj') planes are first squeezed into the limited range."""
        import cv2

        y = self.y
        lw, lh = y.shape[1] // 2, y.shape[0] // 2
        if 2 * width <= lw and 2 * height <= lh and lw % 2 == 0 and lh % 2 == 0:
            # small pictures (the cut model's 48x27, the picture lane's 108x192) are scaled from
            # one RGB picture at half the planes' size, made once per frame by 2:1 reductions
            # (OpenCV's fast integer path) and one conversion: 0.6 CPU-ms per frame for both,
            # against 1.3 converting each from the planes at its own size
            level = self._once("_level", lambda: self._convert(*(
                cv2.resize(p, (p.shape[1] // 2, p.shape[0] // 2), interpolation=cv2.INTER_AREA)
                for p in (y, self.u, self.v))))
            return _area(level, width, height, smooth_last=False)
        # converted at up to twice the size asked for, then scaled down: converted at the
        # final size, each 2x2 block would share one chroma sample (at 48x27: mean error 5
        # levels against swscale's picture, 0.9 this way)
        we = max(width, min(2 * width, y.shape[1]))
        he = max(height, min(2 * height, y.shape[0]))
        we, he = we + we % 2, he + he % 2  # I420 wants even sizes
        u, v = self.u, self.v
        if (we, he) != (y.shape[1], y.shape[0]):
            y = cv2.resize(y, (we, he), interpolation=cv2.INTER_AREA)
        if (we // 2, he // 2) != (u.shape[1], u.shape[0]):
            u = cv2.resize(u, (we // 2, he // 2), interpolation=cv2.INTER_AREA)
            v = cv2.resize(v, (we // 2, he // 2), interpolation=cv2.INTER_AREA)
        rgb = self._convert(y, u, v)
        if (we, he) != (width, height):
            rgb = _area(rgb, width, height, smooth_last=False)
        return rgb

    def _convert(self, y: np.ndarray, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """I420 planes (even-sized luma, chroma half of it) -> RGB at the luma's size."""
        import cv2

        he, we = y.shape
        if self.full_range:
            y = cv2.addWeighted(y, 219.0 / 255.0, y, 0.0, 16.0)
            u = cv2.addWeighted(u, 224.0 / 255.0, u, 0.0, 128.0 - 128.0 * 224.0 / 255.0)
            v = cv2.addWeighted(v, 224.0 / 255.0, v, 0.0, 128.0 - 128.0 * 224.0 / 255.0)
        n = we * he
        buf = np.empty(n * 3 // 2, np.uint8)
        buf[:n] = y.reshape(-1)
        buf[n:n + n // 4] = u.reshape(-1)
        buf[n + n // 4:] = v.reshape(-1)
        return cv2.cvtColor(buf.reshape(he * 3 // 2, we), cv2.COLOR_YUV2RGB_I420)

    @property
    def nbytes(self) -> int:
        made = [a for a in (self.y, self._u, self._v, self.cu, self.cv) if a is not None]
        return sum(a.nbytes for a in made) + sum(p.nbytes for p in self.whole or ())


def whole_planes(frame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Copies of a 4:2:0 frame's planes at its full size (luma, u, v): what an analyzer working
    on reduced pictures measures at the source's own resolution (Pictures.fine: the text
    lane's contrast of small type)."""
    fw, fh = frame.width, frame.height
    cw, ch = (fw + 1) // 2, (fh + 1) // 2
    return np.array(_plane(frame, 0, fw, fh)), np.array(_plane(frame, 1, cw, ch)), np.array(_plane(frame, 2, cw, ch))


def keeps_chroma(coded: tuple[int, int], kept: tuple[int, int]) -> bool:
    """Whether a frame of ``coded`` (w, h) size whose luma is kept at ``kept`` keeps its chroma
    planes at the kept luma's size: when they are that size (a 2:1 reduction: 1080x1920 kept at
    540x960, 1920x1080 at 960x540) or 2:1 steps reach it exactly (3840x2160 kept at 960x540: one
    step, the first of the two the half-size planes took). Pictures.colour reads colour there: made from the
    half-size planes (the RGB pictures' source, a quarter of the frame's chroma samples),
    strokes 2 px wide at that size lost half their chroma to the box or outline beside them
    (yellow over black read 12.5-14.5:1 for 15.6; red letters, 5.25:1 over black, would drift
    toward their luma's 2.4:1). The decode thread copies them in place of making the
    half-size planes, which the first RGB picture asked for makes from them (the same
    arrays); 1 MB more per queued 1080x1920 frame (both chroma planes at 540x960), counted in
    queued_bytes."""
    cw, ch = (coded[0] + 1) // 2, (coded[1] + 1) // 2
    w, h = kept
    while cw >= 2 * w and ch >= 2 * h and cw % 2 == 0 and ch % 2 == 0:
        cw, ch = cw // 2, ch // 2  # the 2:1 steps _area takes (a 3840x2160 frame kept at 960x540)
    return (cw, ch) == (w, h)
