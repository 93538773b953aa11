"""Video frames in presentation order, each scaled in the decoder to the sizes asked for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Mapping

import numpy as np

from ..errors import CorruptMedia
from .demux import decoded_frames
from .fanout import FanOut
from .colour import matrix_of, rgb_crop
from .probe import DecodeNotes, SourceInfo, _ff_reason, open_container, pick_video_stream


@dataclass(frozen=True)
class FrameRequest:
    """A picture an analyzer wants: display-oriented ``width`` x ``height`` in ``pix_fmt``.

    ``pix_fmt`` is 'rgb24' (H x W x 3) or 'gray' (H x W). A width or height of 0 keeps
    the display aspect ratio.
    """

    width: int
    height: int
    pix_fmt: str = "rgb24"
    interpolation: str = "AREA"

    def resolved(self, info: SourceInfo) -> "FrameRequest":
        w, h = self.width, self.height
        if w <= 0 and h <= 0:
            w, h = info.width, info.height
        elif w <= 0:
            w = max(2, round(h * info.width / info.height))
        elif h <= 0:
            h = max(2, round(w * info.height / info.width))
        return FrameRequest(int(w), int(h), self.pix_fmt, self.interpolation)


@dataclass(frozen=True)
class DecodedFrame:
    index: int  # frame number on the source grid, 0-based, presentation order
    pts_s: float  # presentation time from the first frame
    images: Mapping[FrameRequest, np.ndarray]  # made when first asked for (see Pictures)


class Pictures(Mapping):
    """The requested pictures of one frame, each made when an analyzer first asks for it.

    For 8-bit 4:2:0 video (nearly every file) the decode thread keeps only a reduced copy of
    the frame's planes: the luma at the largest requested size and the chroma at half that.
    Each request is then a cheap OpenCV step from those planes: a gray picture is the luma
    scaled and range-mapped, an RGB picture the planes scaled and converted (BT.601, as
    swscale does by default). A picture nobody asks for (a face sample's neighbours that no
    bisection needs) costs nothing. 60 s of 1080x1920: the four default requests cost
    ~7.6 CPU-s through swscale per frame and request, ~2 CPU-s this way.
    """

    __slots__ = ("_requests", "_make", "_made", "_sign", "_signature", "_colour")

    def __init__(self, requests, make, made=None, sign=None, colour=None):
        self._requests = tuple(requests)
        self._make = make
        self._made: dict = dict(made or {})
        self._sign = sign
        self._signature = None
        self._colour = colour

    def __getitem__(self, req: FrameRequest) -> np.ndarray:
        image = self._made.get(req)
        if image is None:
            if req not in self._requests:
                raise KeyError(req)
            image = self._made[req] = self._make(req)
        return image

    def __iter__(self):
        return iter(self._requests)

    def __len__(self) -> int:
        return len(self._requests)

    def ref(self, req: FrameRequest):
        """A zero-argument callable that makes (or returns) the picture ``req`` later."""
        if req not in self._requests:
            raise KeyError(req)
        return _PictureRef(self, req)

    def colour(self, req: FrameRequest, box: tuple[int, int, int, int]) -> np.ndarray | None:
        """The RGB pixels (uint8) of picture ``req``'s ``box`` (x0, y0, x1, y1 in its pixels),
        whatever ``req``'s own format, converted from the kept planes by the source's matrix
        (see _Planes.colour); None when the frame kept no planes (not 8-bit 4:2:0). A gray
        analyzer that needs colour in a few places gets it there without a colour picture
        of every frame."""
        if req not in self._requests:
            raise KeyError(req)
        if self._colour is None:
            return None
        x0, y0, x1, y1 = (int(v) for v in box)
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(req.width, x1), min(req.height, y1)
        if x1 <= x0 or y1 <= y0:
            return np.zeros((max(0, y1 - y0), max(0, x1 - x0), 3), np.uint8)
        return self._colour(req, (x0, y0, x1, y1))

    def signature(self) -> np.ndarray:
        """A tiny gray picture of the frame (``SIGNATURE_SIDE`` px on its longer side, the
        coded orientation, luma as coded) for telling cheaply how much the picture changed:
        ~0.02 CPU-ms from the planes."""
        if self._signature is None:
            if self._sign is not None:
                self._signature = self._sign()
            else:  # the largest picture made, as gray
                image = max((self[r] for r in self._requests), key=lambda a: a.shape[0] * a.shape[1])
                self._signature = signature_of(image)
        return self._signature


class _PictureRef:
    __slots__ = ("_pictures", "_req")

    def __init__(self, pictures: Pictures, req: FrameRequest):
        self._pictures, self._req = pictures, req

    def __call__(self) -> np.ndarray:
        return self._pictures[self._req]

    def colour(self, box: tuple[int, int, int, int]) -> np.ndarray | None:
        """``Pictures.colour`` of this picture's ``box``."""
        return self._pictures.colour(self._req, box)

    def signature(self) -> np.ndarray:
        return self._pictures.signature()


SIGNATURE_SIDE = 64


def signature_of(image: np.ndarray) -> np.ndarray:
    """``Pictures.signature`` of a gray or RGB uint8 picture."""
    import cv2

    if image.ndim == 3:
        image = cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2GRAY)
    h, w = image.shape[:2]
    k = SIGNATURE_SIDE / max(h, w)
    if k >= 1:
        return np.array(image)
    return _area(image, max(1, round(w * k)), max(1, round(h * k)), smooth_last=False)


# 8-bit planar 4:2:0: the planes are kept and every request is made from them with OpenCV
_PLANAR_420 = frozenset({"yuv420p", "yuvj420p"})


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

    __slots__ = ("y", "_u", "_v", "cu", "cv", "full_range", "matrix", "_level")

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

    @property
    def u(self) -> np.ndarray:
        if self._u is None:  # (two threads may both make it: the same picture)
            h, w = self.y.shape
            self._u = _area(self.cu, (w + 1) // 2, (h + 1) // 2)
        return self._u

    @property
    def v(self) -> np.ndarray:
        if self._v is None:
            h, w = self.y.shape
            self._v = _area(self.cv, (w + 1) // 2, (h + 1) // 2)
        return self._v

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

        y, u, v = self.y, self.u, self.v
        lw, lh = y.shape[1] // 2, y.shape[0] // 2
        if 2 * width <= lw and 2 * height <= lh and lw % 2 == 0 and lh % 2 == 0:
            # small pictures (the cut model's 48x27, the picture lane's 108x192) are scaled from
            # one RGB picture at half the planes' size, made once per frame by 2:1 reductions
            # (OpenCV's fast integer path) and one conversion: 0.6 CPU-ms per frame for both,
            # against 1.3 converting each from the planes at its own size
            level = self._level
            if level is None:
                level = self._level = self._convert(*(cv2.resize(p, (p.shape[1] // 2, p.shape[0] // 2),
                                                                 interpolation=cv2.INTER_AREA)
                                                      for p in (y, u, v)))
            return _area(level, width, height, smooth_last=False)
        # converted at up to twice the size asked for, then scaled down: converted at the
        # final size, each 2x2 block would share one chroma sample (at 48x27: mean error 5
        # levels against swscale's picture, 0.9 this way)
        we = max(width, min(2 * width, y.shape[1]))
        he = max(height, min(2 * height, y.shape[0]))
        we, he = we + we % 2, he + he % 2  # I420 wants even sizes
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
        return sum(a.nbytes for a in made)


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
    arrays); 0.75 MB more per queued 1080x1920 frame, counted in queued_bytes."""
    cw, ch = (coded[0] + 1) // 2, (coded[1] + 1) // 2
    w, h = kept
    while cw >= 2 * w and ch >= 2 * h and cw % 2 == 0 and ch % 2 == 0:
        cw, ch = cw // 2, ch // 2  # the 2:1 steps _area takes (a 3840x2160 frame kept at 960x540)
    return (cw, ch) == (w, h)


def planes_size(info: SourceInfo, requests: list[FrameRequest]) -> tuple[int, int]:
    """The luma size kept per frame (coded orientation): the largest request, at most the
    coded picture. An RGB picture is converted at up to twice its size (see _Planes.rgb), up to
    half the coded size: a 48x27 picture of 360x640 video keeps 96x54, while a 416x740 one of
    1080x1920 keeps 540x960, whose 2:1 reduction is the cheapest to make."""
    turned = info.rotation in (90, 270)
    cw, ch = info.coded_width or 2, info.coded_height or 2
    w = h = 2
    for r in requests:
        r = r.resolved(info)
        rw, rh = (r.height, r.width) if turned else (r.width, r.height)
        if r.pix_fmt == "rgb24":
            rw, rh = max(rw, min(2 * rw, (cw + 1) // 2)), max(rh, min(2 * rh, (ch + 1) // 2))
        w, h = max(w, rw), max(h, rh)
    return min(w, info.coded_width or w), min(h, info.coded_height or h)


def queued_bytes(info: SourceInfo, requests: list[FrameRequest]) -> int:
    """About how many bytes one decoded frame holds while it waits for the analyzers."""
    w, h = planes_size(info, requests)
    full = 2 * w * h if keeps_chroma((info.coded_width or w, info.coded_height or h), (w, h)) else 0
    return max(1, w * h * 3 // 2 + full)


def _to_display(image: np.ndarray, rotation: int) -> np.ndarray:
    if rotation == 0:
        return image
    # np.rot90 turns counter-clockwise for k > 0; the display wants clockwise turns
    return np.ascontiguousarray(np.rot90(image, k=-(rotation // 90)))


# 8-bit formats whose first plane is the luma (Y) picture at full size
_LUMA_FIRST = frozenset({"yuv420p", "yuvj420p", "yuv422p", "yuvj422p", "yuv444p", "yuvj444p", "nv12", "nv21"})


def _gray_from_luma(frame, width: int, height: int) -> np.ndarray | None:
    """A gray picture straight from the decoder's Y plane: ``width`` x ``height`` in the
    frame's own (coded, unrotated) orientation, or None when the frame is not 8-bit YUV.

    Less than half the CPU of an swscale pass at 1080x1920 -> 540x960 (0.4 ms against 1.0 ms
    per frame; 60 s of 1080x1920 30 fps: +0.6 CPU-s against +1.3 to 2.0 through swscale):
    the luma is already the gray picture, only scaled and range-mapped.
    Like swscale (PyAV passes no source range), 'yuvj' formats are full range and the
    others limited, so gray agrees with the rgb path's luma.
    """
    import cv2

    name = frame.format.name
    if name not in _LUMA_FIRST:
        return None
    plane = frame.planes[0]
    y = np.frombuffer(plane, np.uint8).reshape(-1, plane.line_size)[: frame.height, : frame.width]
    scaled = (width, height) != (frame.width, frame.height)
    if scaled:
        y = cv2.resize(y, (width, height), interpolation=cv2.INTER_AREA)
    if name.startswith("yuvj"):
        return y if scaled else np.array(y)  # a copy: the decoder reuses its buffers
    # limited range (16..235) to full, rounded and clipped as a lookup table would (twice as fast)
    return cv2.addWeighted(y, 255.0 / 219.0, y, 0.0, -16.0 * 255.0 / 219.0)


def _derivable_from(req: FrameRequest, images: dict) -> np.ndarray | None:
    for have, image in images.items():
        if have.pix_fmt == req.pix_fmt and have.width >= req.width and have.height >= req.height:
            return image
    return None


def _raw_frames(container, stream, depth: int, notes: DecodeNotes | None = None, start_s: float = 0.0) -> Iterator:
    """The decoder's pictures, produced in a thread of their own.

    Scaling in the same thread as decoding stalls FFmpeg's frame-threaded decoder while
    Python scales; a small hand-off queue lets decoding and scaling overlap (decode alone
    3.5 s, serial decode + scale 5.0 s, overlapped 4.1 s for 60 s of 1080x1920).

    With ``notes``, damaged packets are dropped and concealed pictures counted (see
    demux.decoded_frames); without, the first rejected packet raises.
    """
    fan = FanOut(decoded_frames(container, stream, notes, start_s, count_concealed=True), 1, depth,
                 name="reelstudio-demux-decode")
    try:
        yield from fan.consumer(0)
    finally:
        fan.close()


class _PictureMaker:
    """Every requested picture of one decoded frame (see Pictures): made later from the
    kept planes for 8-bit 4:2:0 video, else at once through swscale."""

    def __init__(self, info: SourceInfo, requests: list[FrameRequest]):
        from av.video.reformatter import VideoReformatter

        # largest first, so smaller pictures can be derived from a larger one
        self.requests = sorted(dict.fromkeys(r.resolved(info) for r in requests), key=lambda r: -r.width * r.height)
        # one reformatter per picture size keeps its scaler context from frame to frame
        self.scalers = {req: VideoReformatter() for req in self.requests}
        self.lazy = [r for r in self.requests if r.interpolation == "AREA" and r.pix_fmt in ("gray", "rgb24")]
        self.rotation = info.rotation
        self.base_size = planes_size(info, self.requests)

    def _coded(self, req: FrameRequest) -> tuple[int, int]:
        """The request's size in the frame's own (coded, unrotated) orientation."""
        return (req.height, req.width) if self.rotation in (90, 270) else (req.width, req.height)

    def pictures(self, frame) -> Pictures:
        if frame.format.name in _PLANAR_420 and self.lazy:
            planes = _Planes(frame, *self.base_size)
            eager: dict = {}
            for req in self.requests:  # other interpolations still go through swscale
                if req not in self.lazy:
                    eager[req] = self._sws(frame, req, eager)
            return Pictures(self.requests, lambda req, p=planes: self._from_planes(p, req), eager,
                            sign=lambda p=planes: signature_of(p.y),
                            colour=lambda req, box, p=planes: self._colour(p, req, box))
        made: dict = {}
        for req in self.requests:
            made[req] = self._sws(frame, req, made)
        return Pictures(self.requests, made.__getitem__, made)

    def _sws(self, frame, req: FrameRequest, images: dict) -> np.ndarray:
        import cv2

        base = _derivable_from(req, images)
        if base is not None:
            # a smaller picture from one already scaled: cheaper than another swscale pass
            return cv2.resize(base, (req.width, req.height), interpolation=cv2.INTER_AREA)
        w, h = self._coded(req)
        arr = None
        if req.pix_fmt == "gray" and req.interpolation == "AREA":
            arr = _gray_from_luma(frame, w, h)
        if arr is None:
            out = self.scalers[req].reformat(frame, width=w, height=h, format=req.pix_fmt,
                                             interpolation=req.interpolation)
            arr = out.to_ndarray()
            if req.pix_fmt == "gray" and arr.ndim == 3:
                arr = arr[..., 0]
        return _to_display(arr, self.rotation)

    def _colour(self, planes: _Planes, req: FrameRequest, box: tuple[int, int, int, int]) -> np.ndarray:
        """Pictures.colour: the display ``box`` turned into the coded picture, made, turned back."""
        x0, y0, x1, y1 = box
        W, H = req.width, req.height
        coded = {0: box, 90: (y0, W - x1, y1, W - x0), 180: (W - x1, H - y1, W - x0, H - y0),
                 270: (H - y1, x0, H - y0, x1)}[self.rotation]
        u, v = (planes.u, planes.v) if planes.cu is None else (planes.cu, planes.cv)
        rgb = rgb_crop(planes.y, u, v, self._coded(req), coded, planes.matrix, planes.full_range)
        return _to_display(rgb, self.rotation)

    def _from_planes(self, planes: _Planes, req: FrameRequest) -> np.ndarray:
        w, h = self._coded(req)
        arr = planes.gray(w, h) if req.pix_fmt == "gray" else planes.rgb(w, h)
        return _to_display(arr, self.rotation)


def iter_frames(
    info: SourceInfo,
    requests: list[FrameRequest],
    *,
    fast_decode: bool = False,
    notes: DecodeNotes | None = None,
) -> Iterator[DecodedFrame]:
    """Decode the video stream once and yield every frame at every requested size.

    ``notes``: conceal damaged packets and count them there (see _raw_frames). A truncated
    source stops at its ``decode_limit`` (the frames after its first missing one).

    ``fast_decode`` lets the H.264/HEVC decoder skip its in-loop deblocking filter, which
    changes pixels only at block edges: harmless for the small analysis pictures, and
    ~20 % cheaper at 1080p. Never use it for a picture shown to a person.
    """
    import av

    maker = _PictureMaker(info, requests)
    frame_bytes = max(1, info.coded_width * info.coded_height * 3 // 2)
    depth = max(2, min(8, (48 << 20) // frame_bytes))  # <= ~48 MB of decoded pictures in flight
    container = open_container(info.path)
    frames = None
    try:
        stream = pick_video_stream(container)
        stream.thread_type = "AUTO"
        if fast_decode:
            stream.codec_context.options = {"skip_loop_filter": "all"}
        first_pts = None
        index = 0
        tb = stream.time_base
        frames = _raw_frames(container, stream, depth, notes, info.start_s)
        try:
            for frame in frames:
                if info.decode_limit is not None and index >= info.decode_limit:
                    break
                if first_pts is None:
                    first_pts = frame.pts if frame.pts is not None else 0
                pts_s = float((frame.pts - first_pts) * tb) if frame.pts is not None and tb else float(index / info.fps)
                images = maker.pictures(frame)
                del frame
                yield DecodedFrame(index, pts_s, images)
                index += 1
        except av.error.FFmpegError as exc:
            raise CorruptMedia(
                f"{info.path}: decoding stopped at frame {index} ({_ff_reason(exc)}); the file is damaged"
            ) from None
        if index == 0:
            raise CorruptMedia(f"{info.path}: no frame of the video stream can be decoded; the file is damaged")
    finally:
        if frames is not None:
            frames.close()
        container.close()
