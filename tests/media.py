"""Test media made with the real encoder (PyAV / FFmpeg): frames that show their own number.

Each picture carries its frame number twice: as large digits for a person looking at it,
and as a 16-bit barcode (black/white cells on a mid-height row) that a test reads back.
"""

from __future__ import annotations

import subprocess
from fractions import Fraction
from pathlib import Path

import numpy as np

BITS = 16


def numbered_picture(n: int, width: int, height: int) -> np.ndarray:
    """An RGB picture showing ``n``: a colour gradient, big digits and a barcode row."""
    import cv2

    y, x = np.mgrid[0:height, 0:width]
    img = np.empty((height, width, 3), np.uint8)
    img[..., 0] = (x * 255 // max(1, width - 1) + n * 7) % 256
    img[..., 1] = (y * 255 // max(1, height - 1)) % 256
    img[..., 2] = 128
    scale = width / 160
    cv2.putText(img, str(n), (int(width * 0.08), int(height * 0.3)), cv2.FONT_HERSHEY_SIMPLEX, scale,
                (255, 255, 255), max(2, int(scale * 3)), cv2.LINE_AA)
    cell_w = width // (BITS + 2)
    top, bottom = int(height * 0.55), int(height * 0.65)
    for b in range(BITS):
        on = (n >> (BITS - 1 - b)) & 1
        x0 = (b + 1) * cell_w
        img[top:bottom, x0 : x0 + cell_w] = 255 if on else 0
    return img


def read_number(img: np.ndarray) -> int:
    """The barcode value of a display-oriented picture (RGB or gray, any scale)."""
    gray = img if img.ndim == 2 else img.mean(axis=2)
    height, width = gray.shape
    cell_w = width / (BITS + 2)
    y = int(height * 0.60)
    value = 0
    for b in range(BITS):
        x = int((b + 1.5) * cell_w)
        patch = gray[y - 2 : y + 3, max(0, x - 2) : x + 3]
        value = (value << 1) | int(patch.mean() > 127)
    return value


def write_numbered_clip(path: Path, *, frames: int = 60, width: int = 360, height: int = 640,
                        fps: Fraction = Fraction(30), pts_ms: list[int] | None = None,
                        rotation: int = 0, codec: str = "libx264", bframes: bool = True,
                        audio: bool = False) -> Path:
    """Encode a clip whose frame N shows N.

    ``width`` x ``height`` is the display size. ``pts_ms`` gives each frame's time in ms
    (variable frame rate). ``rotation`` stores the picture turned and tags the stream so a
    player turns it back clockwise by that many degrees (as phones do).
    """
    import av

    path = Path(path)
    container = av.open(str(path), mode="w")
    rate = fps if pts_ms is None else Fraction(1000)
    stream = container.add_stream(codec, rate=rate)
    coded_w, coded_h = (height, width) if rotation in (90, 270) else (width, height)
    stream.width, stream.height = coded_w, coded_h
    stream.pix_fmt = "yuv420p"
    if pts_ms is not None:
        stream.time_base = Fraction(1, 1000)
        stream.codec_context.time_base = Fraction(1, 1000)
    opts = {"crf": "18", "preset": "ultrafast" if not bframes else "veryfast", "g": "24"}
    if not bframes:
        opts["bf"] = "0"
    stream.options = opts
    if rotation:
        # the display matrix angle is counter-clockwise; a player turns the picture back
        stream.set_display_rotation(-rotation)
    if audio:
        astream = container.add_stream("aac", rate=48000)
        astream.layout = "stereo"
    for n in range(frames):
        pic = numbered_picture(n, width, height)
        coded = np.ascontiguousarray(np.rot90(pic, k=rotation // 90)) if rotation else pic
        frame = av.VideoFrame.from_ndarray(coded, format="rgb24")
        frame.pts = pts_ms[n] if pts_ms is not None else n
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)
    if audio:
        total_s = frames / float(fps) if pts_ms is None else (pts_ms[-1] + 33) / 1000
        n = int(total_s * 48000)
        t = np.arange(n) / 48000
        tone = (0.25 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
        block = 1024
        for i in range(0, n, block):
            chunk = np.stack([tone[i : i + block]] * 2)
            af = av.AudioFrame.from_ndarray(np.ascontiguousarray(chunk), format="fltp", layout="stereo")
            af.sample_rate = 48000
            af.pts = i
            for packet in astream.encode(af):
                container.mux(packet)
        for packet in astream.encode():
            container.mux(packet)
    container.close()
    return path


def write_pictures(path: Path, pictures, fps: int = 30, crf: int = 20) -> Path:
    """Encode RGB pictures (an iterable of H x W x 3 uint8) as H.264 at a constant rate."""
    import av

    container = av.open(str(path), "w")
    stream = container.add_stream("libx264", rate=fps)
    stream.pix_fmt = "yuv420p"
    stream.options = {"crf": str(crf), "preset": "veryfast"}
    for i, picture in enumerate(pictures):
        if i == 0:
            stream.height, stream.width = picture.shape[:2]
        frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(picture), format="rgb24")
        frame.pts = i
        for packet in stream.encode(frame):
            container.mux(packet)
    for packet in stream.encode():
        container.mux(packet)
    container.close()
    return Path(path)


def ffmpeg_frame(path: Path, index: int) -> np.ndarray:
    """Frame ``index`` as FFmpeg's command line shows it (autorotated), RGB."""
    import cv2

    png = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-vf", f"select=eq(n\\,{index})", "-vsync", "0",
         "-frames:v", "1", "-f", "image2pipe", "-vcodec", "png", "-"],
        check=True, capture_output=True).stdout
    bgr = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR)
    return bgr[..., ::-1].copy()
