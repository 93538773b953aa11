"""Video frames in presentation order, each scaled in the decoder to the sizes asked for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Mapping

import numpy as np

from ..errors import CorruptMedia
from .demux import decoded_frames
from .fanout import FanOut
from .colour import rgb_crop
from .planes import _Planes, _area, keeps_chroma, whole_planes
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
    # keep every ``fine_every``-th frame whole at the source's full size too (0: none), where the
    # source is larger than this picture: Pictures.fine (the text lane's contrast of small type)
    fine_every: int = 0

    def resolved(self, info: SourceInfo) -> "FrameRequest":
        w, h = self.width, self.height
        if w <= 0 and h <= 0:
            w, h = info.width, info.height
        elif w <= 0:
            w = max(2, round(h * info.width / info.height))
        elif h <= 0:
            h = max(2, round(w * info.height / info.width))
        return FrameRequest(int(w), int(h), self.pix_fmt, self.interpolation, self.fine_every)


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

    __slots__ = ("_requests", "_make", "_made", "_sign", "_signature", "_colour", "_fine")

    def __init__(self, requests, make, made=None, sign=None, colour=None, fine=None):
        self._requests = tuple(requests)
        self._make = make
        self._made: dict = dict(made or {})
        self._sign = sign
        self._signature = None
        self._colour = colour
        self._fine = fine

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

    def fine(self, req: FrameRequest, box: tuple[int, int, int, int]) -> "FineCrop | None":
        """``box`` (x0, y0, x1, y1 in picture ``req``'s pixels) at the source's full size: a
        FineCrop (its gray and RGB pictures; ``scale``, the source pixels per pixel of ``req``);
        None unless the frame was kept whole (FrameRequest.fine_every: an 8-bit 4:2:0 frame,
        one in so many)."""
        if req not in self._requests:
            raise KeyError(req)
        return None if self._fine is None else self._fine(req, tuple(int(v) for v in box))

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

    def fine(self, box: tuple[int, int, int, int]):
        """``Pictures.fine`` of this picture's ``box``."""
        return self._pictures.fine(self._req, box)

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
    """About how many bytes one decoded frame holds while it waits for the analyzers (a frame
    kept whole for Pictures.fine counted in its share)."""
    w, h = planes_size(info, requests)
    full = 2 * w * h if keeps_chroma((info.coded_width or w, info.coded_height or h), (w, h)) else 0
    every = fine_every(info, requests)
    whole = (info.coded_width * info.coded_height * 3 // 2) // every if every else 0
    return max(1, w * h * 3 // 2 + full + whole)


def fine_every(info: SourceInfo, requests: list[FrameRequest]) -> int:
    """Every how many frames one is kept whole at full size for Pictures.fine (0: none): the
    smallest FrameRequest.fine_every of a request the source is larger than (1.2x or more
    each way), for a source of at most FINE_MAX_PX."""
    w, h = info.coded_width, info.coded_height
    if not w or not h or w * h > FINE_MAX_PX:
        return 0
    asked = [r.resolved(info) for r in requests if r.fine_every > 0]
    return min((r.fine_every for r in asked if w * h >= 1.4 * r.width * r.height), default=0)


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


# a frame kept whole at full size for Pictures.fine: up to 1920x1080 (3.1 MB, ~0.3 CPU-ms to
# copy); a 3840x2160 frame (12.4 MB) is not kept
FINE_MAX_PX = 1920 * 1088


class FineCrop:
    """A box of a frame kept whole at the source's full size (Pictures.fine): its luma and
    chroma as decoded, made into pictures only when asked (a caption keeps a dozen and
    measures on a few)."""

    __slots__ = ("y", "u", "v", "box", "matrix", "full_range", "rotation", "scale")

    def __init__(self, y, u, v, box, matrix, full_range: bool, rotation: int, scale: float):
        self.y, self.u, self.v, self.box = y, u, v, box
        self.matrix, self.full_range, self.rotation = matrix, full_range, rotation
        self.scale = scale  # source px per px of the picture the box was asked in

    def gray(self) -> np.ndarray:
        """The box in full-range gray, as the gray pictures are (display orientation)."""
        import cv2

        x0, y0, x1, y1 = self.box
        gray = self.y[y0:y1, x0:x1]
        gray = gray.copy() if self.full_range else cv2.addWeighted(gray, 255.0 / 219.0, gray, 0.0,
                                                                    -16.0 * 255.0 / 219.0)
        return _to_display(gray, self.rotation)

    def rgb(self) -> np.ndarray:
        """The box in R'G'B' by the source's matrix, as Pictures.colour makes it."""
        h, w = self.y.shape
        return _to_display(rgb_crop(self.y, self.u, self.v, (w, h), self.box, self.matrix, self.full_range),
                           self.rotation)


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
        self.coded_full = (info.coded_width, info.coded_height)
        self._fine_every = fine_every(info, self.requests)  # (Pictures.fine)
        self._count = 0

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
            every = self._fine_every
            self._count += 1
            if every and self._count % every == 0 and (frame.width, frame.height) == self.coded_full:
                planes.whole = whole_planes(frame)
            return Pictures(self.requests, lambda req, p=planes: self._from_planes(p, req), eager,
                            sign=lambda p=planes: signature_of(p.y),
                            colour=lambda req, box, p=planes: self._colour(p, req, box),
                            fine=lambda req, box, p=planes: self._fine(p, req, box))
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

    def _coded_box(self, req: FrameRequest, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        """A display ``box`` of picture ``req`` turned into the coded picture's pixels."""
        x0, y0, x1, y1 = box
        W, H = req.width, req.height
        return {0: box, 90: (y0, W - x1, y1, W - x0), 180: (W - x1, H - y1, W - x0, H - y0),
                270: (H - y1, x0, H - y0, x1)}[self.rotation]

    def _colour(self, planes: _Planes, req: FrameRequest, box: tuple[int, int, int, int]) -> np.ndarray:
        """Pictures.colour: the display ``box`` turned into the coded picture, made, turned back."""
        u, v = (planes.u, planes.v) if planes.cu is None else (planes.cu, planes.cv)
        rgb = rgb_crop(planes.y, u, v, self._coded(req), self._coded_box(req, box), planes.matrix, planes.full_range)
        return _to_display(rgb, self.rotation)

    def _fine(self, planes: _Planes, req: FrameRequest, box: tuple[int, int, int, int]):
        """Pictures.fine: the display ``box`` of picture ``req`` in the frame kept whole, its
        coded full-size pixels rounded outwards, with a chroma sample round it from an even row
        and column (the chroma's grid)."""
        if planes.whole is None:
            return None
        y, u, v = planes.whole
        cx0, cy0, cx1, cy1 = self._coded_box(req, box)
        cw, ch = self._coded(req)
        sx, sy = y.shape[1] / cw, y.shape[0] / ch
        x0, y0, x1, y1 = (int(np.floor(cx0 * sx)), int(np.floor(cy0 * sy)), int(np.ceil(cx1 * sx)),
                          int(np.ceil(cy1 * sy)))
        lx0, ly0 = max(0, x0 - 2) // 2 * 2, max(0, y0 - 2) // 2 * 2
        lx1, ly1 = min(y.shape[1], x1 + 2), min(y.shape[0], y1 + 2)
        cs = (slice(ly0 // 2, (ly1 + 1) // 2), slice(lx0 // 2, (lx1 + 1) // 2))
        return FineCrop(np.array(y[ly0:ly1, lx0:lx1]), np.array(u[cs]), np.array(v[cs]),
                        (x0 - lx0, y0 - ly0, x1 - lx0, y1 - ly0), planes.matrix, planes.full_range,
                        self.rotation, (sx + sy) / 2)

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
