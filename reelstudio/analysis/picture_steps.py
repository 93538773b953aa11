"""Picture steps for the cuts lane's step 6: how much the cut model's 48x27 picture changes
from one frame to the next once a small camera move is taken out, whole and by horizontal
thirds, against the steps around it; and whether a picture comes back, shifted, after a jolt.
Cuts the model does not see at all show here (see cuts.py, step 6)."""

from __future__ import annotations

import numpy as np

from .transitions import THUMB_SIZE, _zscored, gray

STEP_REACH = 2  # picture_step: camera moves up to 2 px of the 48x27 picture (~4 %) per frame
STEP_AROUND = 2  # step_contrast: the steps 1-2 frames before and after the one in question
STEP_FLOOR = 0.1  # step_contrast: a still neighbourhood does not make any change a cut
STEP_BANDS = 3  # picture_step: also the top, middle and bottom thirds on their own


def _band_edges(height: int) -> np.ndarray:
    return np.linspace(0, height, STEP_BANDS + 1).round().astype(int)


def zscored_gray(image: np.ndarray) -> np.ndarray:
    """float32 gray of one small RGB picture, each horizontal third z-scored on its own
    (brightness and contrast taken out; a caption over one third leaves the others alone)."""
    return zscored_gray_and_texture(image)[0]


def zscored_gray_and_texture(image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``zscored_gray`` and each third's gray std before it was taken out (float32 [top,
    middle, bottom]: how much the third holds; a plain bar or card ~0)."""
    z, texture = zscored_grays_and_textures(image[None])
    return z[0], texture[0]


def zscored_grays_and_textures(images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``zscored_gray_and_texture`` of several pictures [N, h, w, 3] at once: [N, h, w] and
    [N, 3], the same numbers (~7 against ~70 CPU-us a 48x27 picture in blocks of 32)."""
    g = gray(images)
    n = len(g)
    out = np.empty(g.shape, np.float32)
    texture = np.empty((n, STEP_BANDS), np.float32)
    e = _band_edges(g.shape[1])
    for k, (lo, hi) in enumerate(zip(e[:-1], e[1:])):
        band = g[:, lo:hi].reshape(n, -1)
        texture[:, k] = band.std(axis=1)
        z = (band - band.mean(axis=1, keepdims=True)) / (texture[:, k, None] + 4.0)  # +4: as _zscored
        out[:, lo:hi] = z.reshape(n, hi - lo, -1)
    return out, texture


def picture_step(prev: np.ndarray, cur: np.ndarray) -> np.ndarray:
    """How much the picture changed from ``prev`` to ``cur`` (``zscored_gray`` of the cut
    model's 48x27 pictures) once a camera move of up to ``STEP_REACH`` px is taken out:
    float32 [whole picture, top, middle, bottom third], each the smallest mean absolute
    difference over those shifts. A cut changes every third; a caption or a title that comes
    or goes changes one or two."""
    return picture_steps_between(np.stack([prev, cur]))[0]


def picture_steps_between(z: np.ndarray) -> np.ndarray:
    """``picture_step`` from each of ``z`` [N + 1, h, w] to the next at once: float32 [N, 4],
    the same numbers (~55 against ~110 CPU-us a step in blocks of 32)."""
    from numpy.lib.stride_tricks import sliding_window_view

    r = STEP_REACH
    n, h, w = len(z) - 1, z.shape[1], z.shape[2]
    a = z[1:, r : h - r, r : w - r]
    diff = sliding_window_view(z[:-1], a.shape[1:], axis=(1, 2)) - a[:, None, None]  # [step, shift y, shift x, ...]
    rows = np.abs(diff, out=diff).sum(axis=4)  # [step, shift y, shift x, row]
    e = np.clip(_band_edges(h) - r, 0, a.shape[1])
    e[-1] = a.shape[1]
    bands = np.add.reduceat(rows, e[:-1], axis=3) / (np.diff(e) * a.shape[2])
    out = np.empty((n, STEP_BANDS + 1), np.float32)
    out[:, 0] = rows.sum(axis=3).reshape(n, -1).min(axis=1) / a[0].size
    out[:, 1:] = bands.reshape(n, -1, STEP_BANDS).min(axis=1)
    return out


def block_steps(images: np.ndarray, last_z: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per picture of ``images`` [N, h, w, 3], consecutive frames: ``picture_step`` into it and
    its thirds' texture (float32 [N, 4], [N, 3]), and the last one's ``zscored_gray`` (the
    next block's ``last_z``). ``last_z``: the frame before the first's; None: the first frame
    of the clip, whose step is 0. The same numbers as one frame at a time, at under half the
    CPU in blocks of 32 (numpy's per-call cost shared)."""
    z, texture = zscored_grays_and_textures(images)
    run = z if last_z is None else np.concatenate([last_z[None], z])
    steps = picture_steps_between(run) if len(run) > 1 else np.zeros((0, STEP_BANDS + 1), np.float32)
    if last_z is None:
        steps = np.concatenate([np.zeros((1, STEP_BANDS + 1), np.float32), steps])
    return steps, texture, z[-1]


def moved_distance(thumbs: np.ndarray, first: int, reach: int = 2) -> float:
    """``blip_distance`` that forgives a camera move: the smallest mean absolute difference of
    z-scored gray thumbnails, over shifts of up to ``reach`` px (~8 % of the width), between
    the 2 frames before ``first`` and the 3 from it on. A jolt of a hand-held camera comes back
    once shifted, a cut does not. Evaluation corpus (tune): real cuts >= 0.42 but for one
    between two zooms of one photo (0.20); a synthetic shake of 2-6 px a frame at 48x27 <= 0.20."""
    n = len(thumbs)
    lo = [i for i in (first - 2, first - 1) if 0 <= i < n]
    hi = [i for i in (first, first + 1, first + 2) if 0 <= i < n]
    if not lo or not hi:
        return float("inf")
    z = _zscored(gray(thumbs[lo + hi])).reshape(len(lo) + len(hi), THUMB_SIZE[1], THUMB_SIZE[0])
    r = reach
    a, b = z[: len(lo)], z[len(lo):, r:-r, r:-r]
    best = np.inf
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            shifted = a[:, r + dy : THUMB_SIZE[1] - r + dy, r + dx : THUMB_SIZE[0] - r + dx]
            best = min(best, float(np.abs(shifted[:, None] - b[None]).mean(axis=(2, 3)).min()))
    return best


def step_contrasts(steps: np.ndarray) -> np.ndarray:
    """Per frame, ``picture_step`` into it (``steps[i]``: the step from frame i - 1 to i; 0 for
    frame 0) against the largest of the ``STEP_AROUND`` steps on each side of it (+
    ``STEP_FLOOR``); 0 for frame 0. Unlike ``cut_contrast`` it reads the 48x27 pictures,
    allows a 2 px shift and looks two steps each way, so hand-held motion, a whip pan or a
    body crossing, which move the picture on the steps around too, stay low (figures: the
    cuts lane's step 6)."""
    steps = np.asarray(steps, np.float32)
    n = len(steps)
    out = np.zeros(n, np.float32)
    if n < 2:
        return out
    around = np.zeros(n, np.float32)
    for k in range(1, STEP_AROUND + 1):
        around[k + 1 :] = np.maximum(around[k + 1 :], steps[1 : n - k])  # steps before (not frame 0's)
        around[: n - k] = np.maximum(around[: n - k], steps[k:])  # steps after
    out[1:] = steps[1:] / (around[1:] + STEP_FLOOR)
    return out
