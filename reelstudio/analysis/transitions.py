"""Classical checks around TransNetV2 in the cuts lane, on tiny per-frame thumbnails.

TransNetV2 finds hard cuts and dissolves, but it was trained on those: it fires on sudden
lighting changes, and it does not see wipes (its ``many`` head stays below 0.4 on linear
wipes and at 0 on circle and clock wipes). The analyzer makes one 24x14 RGB thumbnail per
frame (1008 bytes) and uses these tools from here; it keeps the last ~1,350 in a
``ThumbWindow`` and copies out the few the end-of-clip steps read, while ``WipeSearch`` looks
for wipes as the frames come (every frame kept would be 218 MB for 2 hours at 30 fps).

``blip_distance``: did the picture come back?
    The smallest mean absolute difference between z-scored gray thumbnails of the 3 frames
    before a candidate boundary and the 4 frames from it on. After a flash or a lighting
    change the picture equals the one before once brightness and contrast are normalised;
    after a cut it does not, even after a jump cut or a punch-in within one source: it is
    pixel structure, not a histogram. Evaluation corpus (tests/corpus/cuts.py): lighting
    changes 0.03 / 0.08, real cuts >= 0.56, real gradual transitions >= 0.70.

``cut_contrast`` / ``colour_contrast``: does a faint model peak stand out of the motion
    around it? The change into a frame against the changes one frame before and after it:
    z-scored gray thumbnails after the best small shift (camera motion), or colour
    histograms. Only evaluated at faint model peaks (a few per minute of footage).

``flat``: near-uniform frames (gray std < ``FLAT_STD``), the bottom of a fade through black.

``find_wipes``: wipes (linear, soft-edged, circle, clock) between two different shots
    1. Candidates: pairs of frames (a, a + 2w), w in ``WIPE_WIDTHS``, whose thumbnails
       differ (mean channel difference > ``TAU``) on at least ``WIPE_MIN_CHANGED`` of the
       pixels, at a local maximum of that share (one pair per plateau, which keeps the
       search to ~0.05 ms per frame on busy footage).
    2. The wipe model, with A = frame a and B = frame b: every frame in between shows, at
       each pixel where A and B differ, A's or B's value (residual under 15 % of the A-B
       difference, on at least ``WIPE_MIN_EXPLAINED`` of those pixels); the share of B
       pixels rises steadily (at least 3 frames strictly between 0.1 and 0.9, no step over
       0.5, no drop over 0.1); and each pixel switches from A to B once (at most
       ``WIPE_MAX_RESWITCH`` switch back and forth). A dissolve fails it (pixels in
       between), a pan or a zoom mostly fails it (pixels match neither), a hard cut fails
       it (one step), a subject moving in place fails it (pixels switch back). The pair is
       tightened to where the share leaves 0.1 / 0.9, then widened (up to ``WIPE_REACH``
       frames per side) to the shortest pair whose ends differ on as many pixels as any
       nearby pair: the last frame before the wipe and the first one after it.
    3. Stable shots on both sides (the 3 frames before A match A and the 3 after B match B
       on ``WIPE_MIN_STABLE`` of the differing pixels) whose colours differ (64-bin RGB
       histogram distance >= ``WIPE_MIN_HIST``).
    4. Two different shots, not one scene changing (a person walking out of the picture,
       a passing van, a zoomed face turning can pass 1-3): TransNetV2 is asked whether the
       splice "frames up to A | frames from B" (8 each side, thumbnails scaled back to
       48x27) is a cut: probability >= ``WIPE_MIN_SPLICE``.
    Figures. The corpus' 7 wipes (tests/corpus/cuts.py): found, their accepted pairs at
    changed >= 0.69, explained >= 0.64, stable >= 0.73, histogram >= 0.37, re-switch <=
    0.09, splice >= 0.88. Within-shot candidates on real footage (corpus clips, sample
    reel, bikes, a 60 s benchmark clip; also played backwards and mirrored; 54 pairs):
    none passes; those with splice >= 0.8 fail on explained (<= 0.43), histogram (<= 0.28)
    or re-switch (0.31). 400 synthetic wipes of 8-24 frames between random shots of the
    corpus clips: 74 % found (misses: similar shots, busy motion on both sides).
    Slides (both pictures move) fail the wipe model: not found.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from .base import Blocks

THUMB_SIZE = (24, 14)  # width, height
TAU = 20.0  # a pixel "differs" when its mean channel difference exceeds this (0-255)
FLAT_STD = 5.0  # gray standard deviation of a flat (black, white, uniform) frame
BLIP_MAX_BEFORE = 3  # compare frames 1..3 before a candidate boundary ...
BLIP_MAX_AFTER = 3  # ... with frames 0..3 after it
SHIFT_REACH = 1  # cut_contrast: camera moves up to 1 thumbnail pixel (~4 % of the width) per frame
CONTRAST_FLOOR = 0.1  # cut_contrast: a still neighbourhood does not make any change a cut
COLOUR_FLOOR = 0.05  # colour_contrast: the same for histogram distances
WIPE_WIDTHS = (4, 8, 16)  # candidate pairs are 2w frames apart
WIPE_REACH = 8  # how far a candidate pair may widen on each side
WIPE_MIN_CHANGED = 0.5  # share of pixels that differ between the two ends
WIPE_MIN_EXPLAINED = 0.55  # each frame in between: share of differing pixels that are A or B
WIPE_MIN_STABLE = 0.6  # share of differing pixels unchanged 1-3 frames outside the ends
WIPE_MIN_HIST = 0.3  # colour histogram distance between the ends (0..1)
WIPE_MAX_RESWITCH = 0.18  # share of differing pixels that switch between A and B more than once
WIPE_MIN_SPLICE = 0.83  # TransNetV2 cut probability of the splice A | B
SPLICE_CONTEXT = 8  # frames on each side of the splice
SPLICE_TRIES = 3  # candidates tested per group of overlapping ones


# ----------------------------------------------------------------------------- thumbnails

def thumbnail(image: np.ndarray) -> np.ndarray:
    """The 24x14 RGB thumbnail of an RGB frame (area average)."""
    import cv2

    return cv2.resize(image, THUMB_SIZE, interpolation=cv2.INTER_AREA)


class ThumbWindow:
    """The thumbnails the cuts lane still needs, as frames stream through: the last ``window``
    frames in a ring, the frames ``keep`` copied out of it (around model peaks and wipe
    candidates: a few per minute of footage), and every frame's ``flat`` flag (1 byte). Read
    like an array of every frame's thumbnail (an int, a slice, a list of frames); a frame that
    left the ring unkept raises KeyError. Memory is the ring (~1 KB a frame) and what is kept,
    not 1 KB for every frame of the clip (218 MB for 2 hours at 30 fps)."""

    def __init__(self, window: int):
        self.window = window
        self._ring = np.empty((window, THUMB_SIZE[1], THUMB_SIZE[0], 3), np.uint8)
        self._n = 0
        self._kept: dict[int, np.ndarray] = {}
        self._keep_until = 0  # frames not in yet that a keep asked for
        self.flat = Blocks(bool)

    def __len__(self) -> int:
        return self._n

    def append(self, thumb: np.ndarray) -> None:
        i = self._n
        self._ring[i % self.window] = thumb
        self._n += 1
        if i < self._keep_until:
            self._kept[i] = self._ring[i % self.window].copy()
        self.flat.append(bool(flat(self._ring[i % self.window][None])[0]))

    def keep(self, start: int, end: int) -> None:
        """Keep frames [start, end) after they leave the ring (those not in yet as they come)."""
        for i in range(max(0, start), min(end, self._n)):
            if i not in self._kept:
                if i < self._n - self.window:
                    raise RuntimeError(f"thumbnail {i} asked for after it left the ring")
                self._kept[i] = self._ring[i % self.window].copy()
        self._keep_until = max(self._keep_until, end)

    def kept(self) -> int:
        return len(self._kept)

    def _one(self, i: int) -> np.ndarray:
        if not 0 <= i < self._n:
            raise IndexError(i)
        if i >= self._n - self.window:
            return self._ring[i % self.window]
        return self._kept[i]

    def __getitem__(self, key) -> np.ndarray:
        if isinstance(key, (int, np.integer)):
            return self._one(int(key)).copy()
        frames = range(*key.indices(self._n)) if isinstance(key, slice) else np.asarray(key).reshape(-1).tolist()
        out = np.empty((len(frames), THUMB_SIZE[1], THUMB_SIZE[0], 3), np.uint8)
        for k, i in enumerate(frames):
            out[k] = self._one(int(i))
        return out


def gray(thumbs: np.ndarray) -> np.ndarray:
    """float32 gray (BT.601 luma) of RGB thumbnails [..., 3]."""
    rgb = thumbs.astype(np.float32)
    return rgb[..., 0] * np.float32(0.299) + rgb[..., 1] * np.float32(0.587) + rgb[..., 2] * np.float32(0.114)


def flat(thumbs: np.ndarray, chunk: int = 1024) -> np.ndarray:
    """Per frame: True when the picture is near-uniform (black, white or one colour)."""
    out = np.zeros(len(thumbs), bool)
    for i in range(0, len(thumbs), chunk):
        g = gray(thumbs[i : i + chunk])
        out[i : i + chunk] = g.reshape(len(g), -1).std(axis=1) < FLAT_STD
    return out


# ----------------------------------------------------------------------------- blips

BAR_RANGE = 6.0  # without_bars: a bar's gray levels over its cells and frames span less than this


def _zscored(g: np.ndarray) -> np.ndarray:
    flat_g = g.reshape(len(g), -1)
    mean = flat_g.mean(axis=1, keepdims=True)
    std = flat_g.std(axis=1, keepdims=True)
    return (flat_g - mean) / (std + 4.0)  # +4: noise on a flat picture stays small


def blip_distance(thumbs: np.ndarray, before: int, after: int) -> float:
    """Brightness-normalised difference across a boundary: small = the picture came back.

    ``before``: the last frame of the old picture, ``after``: the first frame of the new
    one. Compares frames ``before - 0..2`` with ``after + 0..3`` (clamped to the clip) and
    returns the smallest mean absolute difference of their z-scored gray thumbnails.
    """
    n = len(thumbs)
    lo = [i for i in range(before - BLIP_MAX_BEFORE + 1, before + 1) if 0 <= i < n]
    hi = [i for i in range(after, after + BLIP_MAX_AFTER + 1) if 0 <= i < n]
    if not lo or not hi:
        return float("inf")
    z = _zscored(without_bars(gray(thumbs[lo + hi])))
    a, b = z[: len(lo)], z[len(lo):]
    return float(np.abs(a[:, None, :] - b[None, :, :]).mean(axis=2).min())


def without_bars(g: np.ndarray) -> np.ndarray:
    """Gray thumbnails [k, H, W] without the plain bars along their edges that every one of
    them shares (landscape footage letterboxed in a vertical frame, pillarboxed, ...): with
    the bars two thirds of a 16:9 picture in a 9:16 frame, a cut between two shots measured
    0.27 and was taken for a flash (``blip_max`` 0.3); 0.63 without them."""
    ys, xs = bar_crop(g)
    return g[:, ys, xs]


def bar_crop(g: np.ndarray, keep: int = 4) -> tuple[slice, slice]:
    """The rows and columns of gray thumbnails [k, H, W] inside the plain bars along their
    edges: lines at least half of whose cells are one shade, the same in every frame (a caption
    set in the bar, coming or going, leaves the rest of it plain); the whole picture when it is
    plain or less than ``keep`` rows or columns would be left."""
    def plain(lines: np.ndarray) -> np.ndarray:  # [k, n, m] -> [n]
        still = np.ptp(lines, axis=0) < BAR_RANGE  # [n, m]: cells the same in every frame
        out = np.zeros(lines.shape[1], bool)
        for i in np.flatnonzero(still.mean(axis=1) >= 0.5):
            out[i] = np.ptp(lines[0, i][still[i]]) < BAR_RANGE
        return out

    rows, cols = plain(g), plain(g.transpose(0, 2, 1))
    h, w = g.shape[1:]
    top, bottom = _edge_run(rows), _edge_run(rows[::-1])
    left, right = _edge_run(cols), _edge_run(cols[::-1])
    if h - top - bottom < keep or w - left - right < keep:
        return slice(0, h), slice(0, w)
    return slice(top, h - bottom), slice(left, w - right)


def _edge_run(flags: np.ndarray) -> int:
    """How many of ``flags`` from the start are True in a row."""
    return int(np.argmin(flags)) if not flags.all() else len(flags)


# ----------------------------------------------------------------------------- cut contrast

def cut_contrast(thumbs: np.ndarray, first: int, reach: int = 1) -> float:
    """How much more the picture changes into frame ``first`` than in the frame steps on either
    side of it, with small camera moves taken out.

    Each step's difference is the smallest mean absolute difference of z-scored gray
    thumbnails over shifts of up to ``SHIFT_REACH`` pixels. Returns step(first - 1 -> first) /
    (max(step(first - 2 -> first - 1), step(first -> first + 1)) + ``CONTRAST_FLOOR``). A cut
    between two moving shots stands out of the motion around it; a whip pan, shake or a body
    crossing changes the picture about as much on the neighbouring steps. Evaluation corpus
    (tune), at TransNetV2 peaks of 0.04-0.5: real cuts 0.9-3.4 (1.8 and up but for two, which
    ``colour_contrast`` takes: 2.5 and 3.2), whip pans, crossings, flashes and lighting
    changes 0.2-1.1 (1.4-1.6 on two peaks that are not one-frame spikes). ``reach`` 2 sets
    the step against the largest of the two steps on either side: a source with repeated
    frames moves every other step.
    """
    n = len(thumbs)
    lo, hi = max(0, first - 1 - reach), min(n, first + 1 + reach)
    if first < 1 or first >= n:
        return 0.0
    g = without_bars(gray(thumbs[lo:hi]))  # letterbox bars would water the steps down
    z = _zscored(g).reshape(g.shape)
    r = SHIFT_REACH
    a = z[1:, r:-r, r:-r]
    step = np.full(len(a), np.inf, np.float32)
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            b = z[:-1, r + dy : z.shape[1] - r + dy, r + dx : z.shape[2] - r + dx]
            step = np.minimum(step, np.abs(a - b).mean(axis=(1, 2)))
    across = first - 1 - lo  # step k goes from frame lo + k to lo + k + 1
    around = [step[k] for d in range(1, reach + 1) for k in (across - d, across + d) if 0 <= k < len(step)]
    return float(step[across] / ((max(around) if around else 0.0) + CONTRAST_FLOOR))


def colour_contrast(thumbs: np.ndarray, first: int) -> float:
    """``cut_contrast`` on colour: the 64-bin RGB histogram distance (0..1) into frame ``first``
    against the distances one step before and after it (+ ``COLOUR_FLOOR``). Motion that keeps
    the same things in view keeps the histogram; a lighting change does not (``blip_distance``
    catches those)."""
    n = len(thumbs)
    if first < 1 or first >= n:
        return 0.0
    frames = range(max(0, first - 2), min(n, first + 2))
    ys, xs = bar_crop(gray(thumbs[list(frames)]))  # letterbox bars would water the distances down
    hist = {i: _histogram(thumbs[i][ys, xs]) for i in frames}

    def step(i: int) -> float:
        return 0.5 * float(np.abs(hist[i] - hist[i - 1]).sum())

    around = [step(i) for i in (first - 1, first + 1) if i - 1 in hist and i in hist]
    return step(first) / ((max(around) if around else 0.0) + COLOUR_FLOOR)


# ----------------------------------------------------------------------------- wipes

def _diff(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Mean absolute channel difference of uint8 pictures -> [..., H, W] float32."""
    return np.abs(x.astype(np.int16) - y).mean(axis=-1, dtype=np.float32)


def _histogram(img: np.ndarray) -> np.ndarray:
    q = (img.astype(np.int32) >> 6).reshape(-1, 3)  # 4 levels per channel
    h = np.bincount(q[:, 0] * 16 + q[:, 1] * 4 + q[:, 2], minlength=64).astype(np.float64)
    return h / h.sum()


def _share(g: np.ndarray, a: int, b: int) -> np.ndarray | None:
    """Per frame strictly between a and b: share of differing pixels closer to frame b."""
    dab = _diff(g[a], g[b])
    differ = dab > TAU
    if not differ.any():
        return None
    mid = g[a + 1 : b]
    closer_b = _diff(mid, g[b]) < _diff(mid, g[a])
    return closer_b[:, differ].mean(axis=1)


def _progressive(share: np.ndarray | None) -> bool:
    if share is None or len(share) < 3:
        return False
    steps = np.diff(np.concatenate(([0.0], share, [1.0])))
    return bool(((share > 0.1) & (share < 0.9)).sum() >= 3 and steps.min() >= -0.1 and steps.max() <= 0.5)


def _widen(g: np.ndarray, a: int, b: int) -> tuple[int, int]:
    """The shortest pair around (a, b) whose ends differ on (nearly) the most pixels nearby."""
    n = len(g)
    left = np.arange(max(0, a - WIPE_REACH), a + 1)
    right = np.arange(b, min(n, b + WIPE_REACH + 1))
    changed = (_diff(g[left][:, None], g[right][None, :]) > TAU).mean(axis=(2, 3))
    ok = changed >= changed.max() - 0.03
    li, ri = np.nonzero(ok)
    k = int(np.argmin(right[ri] - left[li]))
    return int(left[li[k]]), int(right[ri[k]])


def wipe_features(g: np.ndarray, a: int, b: int) -> dict:
    """The wipe model's figures for the transition strictly between frames a and b."""
    n = len(g)
    A, B = g[a], g[b]
    dab = _diff(A, B)
    differ = dab > TAU
    mid = g[a + 1 : b]
    da, db = _diff(mid, A), _diff(mid, B)
    residual = np.maximum(np.minimum(da, db) - 8.0, 0.0) / np.maximum(dab, 1.0)
    explained = (residual[:, differ] < 0.15).mean(axis=1)
    closer_b = (db < da)[:, differ]
    share = closer_b.mean(axis=1)
    # a wipe switches each pixel from A to B once; motion makes pixels go back and forth
    switches = np.abs(np.diff(closer_b.astype(np.int8), axis=0)).sum(axis=0)
    tol = np.maximum(8.0, 0.3 * dab[differ])

    def stable(ref: np.ndarray, frames: range) -> float:
        vals = [float((_diff(g[i], ref)[differ] < tol).mean()) for i in frames if 0 <= i < n]
        return min(vals) if vals else 1.0

    return {
        "changed": float(differ.mean()),
        "explained": float(explained.min()),
        "stable": min(stable(A, range(a - 3, a)), stable(B, range(b + 1, b + 4))),
        "hist": float(0.5 * np.abs(_histogram(A) - _histogram(B)).sum()),
        "reswitch": float((switches >= 2).mean()),
        "progressive": _progressive(share),
        "takeover": a + 1 + int(np.argmax(share >= 0.5)) if (share >= 0.5).any() else b,
    }


def _passes(f: dict) -> bool:
    return (f["progressive"] and f["changed"] >= WIPE_MIN_CHANGED and f["explained"] >= WIPE_MIN_EXPLAINED
            and f["stable"] >= WIPE_MIN_STABLE and f["hist"] >= WIPE_MIN_HIST
            and f["reswitch"] <= WIPE_MAX_RESWITCH)


def _overlaps(a: int, b: int, spans: list[tuple[int, int]], margin: int = 2) -> bool:
    """Does the pair (a, b) reach into any [start, end] span (frames), give or take ``margin``?"""
    return any(a - margin < e and s <= b + margin for s, e in spans)


def _running_max(x: np.ndarray, w: int) -> np.ndarray:
    """Maximum over [i - w, i + w], the ends repeated (scipy.ndimage.maximum_filter1d with
    mode "nearest", without scipy's 0.2-0.3 CPU-s import)."""
    padded = np.concatenate([np.repeat(x[:1], w), x, np.repeat(x[-1:], w)])
    return np.lib.stride_tricks.sliding_window_view(padded, 2 * w + 1).max(axis=1)


CHUNK = 1024  # frames per step of the candidate search


class WipeSearch:
    """Steps 1-3 of ``find_wipes`` over a clip's thumbnails, in chunks of ``CHUNK`` candidate
    frames per pair width. ``advance`` searches each chunk as soon as its frames, and the
    frames its pairs' figures and splice read, are in, so a streaming analyzer holds a bounded
    window of thumbnails (``ThumbWindow``); ``candidates`` searches the rest once the clip's
    length is known. The search runs without the model's events: ``candidates(exclude)`` then
    keeps what a search skipping pairs that reach into ``exclude`` would have found (the
    pairs each tightened pair came from are recorded), so the result does not depend on
    when each chunk was searched."""

    def __init__(self, thumbs, keep: Callable[[int, int], None] | None = None):
        self.thumbs = thumbs
        self.keep = keep  # called with [start, end) frames a found pair's splice reads
        self._next = {w: 0 for w in WIPE_WIDTHS}
        self._origins: dict[tuple[int, int], list[tuple[int, int]]] = {}  # tightened pair -> (a, b)s
        self._widened: dict[tuple[int, int], tuple[int, int]] = {}  # tightened pair -> widened pair
        self._features: dict[tuple[int, int], dict | None] = {}  # widened pair -> figures if it passes

    def advance(self) -> None:
        n = len(self.thumbs)
        for w in WIPE_WIDTHS:
            # a pair of this chunk widened and given its splice reads up to a + 2w + reach + context
            while self._next[w] + CHUNK + 2 * w + WIPE_REACH + SPLICE_CONTEXT + 1 <= n:
                self._search(w, self._next[w], self._next[w] + CHUNK)
                self._next[w] += CHUNK

    def candidates(self, exclude: list[tuple[int, int]] = ()) -> list[dict]:
        n = len(self.thumbs)
        for w in WIPE_WIDTHS:
            span = 2 * w
            for start in range(self._next[w], max(0, n - span), CHUNK):
                self._search(w, start, min(n - span, start + CHUNK))
            self._next[w] = max(self._next[w], n)
        out: dict[tuple[int, int], dict] = {}
        for tight, pair in self._widened.items():
            f = self._features[pair]
            if f is None or pair in out or _overlaps(*pair, exclude):
                continue
            if any(not _overlaps(a, b, exclude) for a, b in self._origins[tight]):
                out[pair] = f
        return sorted(out.values(), key=lambda f: (f["a"], f["b"]))

    def _search(self, w: int, start: int, stop: int) -> None:
        g = self.thumbs
        span = 2 * w
        changed = (_diff(g[start + span : stop + span], g[start:stop]) > TAU).mean(axis=(1, 2))
        # local maxima only (within +-w): one pair per plateau of change
        peak = changed >= _running_max(changed, w)
        for a in (start + np.flatnonzero((changed >= WIPE_MIN_CHANGED) & peak)).tolist():
            b = a + span
            share = _share(g, a, b)
            if not _progressive(share):
                continue
            inside = np.arange(a + 1, b)
            tight = (int(inside[share > 0.1][0]) - 1, int(inside[share < 0.9][-1]) + 1)
            self._origins.setdefault(tight, []).append((a, b))
            if tight in self._widened:
                continue
            pair = self._widened[tight] = _widen(g, *tight)
            if pair in self._features:
                continue
            f = wipe_features(g, *pair)
            self._features[pair] = {"a": pair[0], "b": pair[1], **f} if _passes(f) else None
            if self._features[pair] is not None and self.keep is not None:
                self.keep(pair[0] - SPLICE_CONTEXT, pair[1] + SPLICE_CONTEXT + 1)


def wipe_candidates(thumbs: np.ndarray, exclude: list[tuple[int, int]] = ()) -> list[dict]:
    """Pairs (a, b) around a transition that passes the wipe model (steps 1-3 above).

    ``exclude``: [start, end] frame spans already explained (TransNetV2's events); a pair
    reaching into one is skipped. Returns dicts with 'a', 'b' and the figures, sorted by a.
    """
    return WipeSearch(thumbs).candidates(exclude)


def find_wipes(thumbs: np.ndarray, splice_probability: Callable[[np.ndarray], float] | None,
               exclude: list[tuple[int, int]] = (), candidates: list[dict] | None = None) -> list[dict]:
    """Wipes as gradual events: {'frame', 'kind', 'start_frame', 'end_frame', 'confidence'}.

    ``splice_probability(frames)``: the cut probability TransNetV2 gives the middle of a
    uint8 [2 * SPLICE_CONTEXT + 2, 27, 48, 3] sequence (None: skip step 4, for tests).
    Candidates are tried best first (explained + stable); one overlapping an accepted wipe,
    or ``SPLICE_TRIES`` rejected candidates, is skipped. ``start_frame`` / ``end_frame``
    are the wipe's frames (half-open), ``frame`` the first frame mostly showing B.
    ``candidates``: ``wipe_candidates(thumbs, exclude)`` already found (a ``WipeSearch``).
    """
    import cv2

    n = len(thumbs)
    accepted: list[tuple[int, int]] = []
    rejected: list[tuple[int, int]] = []
    out = []
    # best first; a candidate overlapping an accepted wipe, or SPLICE_TRIES rejected ones, is skipped
    if candidates is None:
        candidates = wipe_candidates(thumbs, exclude)
    for c in sorted(candidates, key=lambda c: -(c["explained"] + c["stable"])):
        a, b = c["a"], c["b"]
        if _overlaps(a, b, accepted, 0) or sum(_overlaps(a, b, [r], 0) for r in rejected) >= SPLICE_TRIES:
            continue
        if splice_probability is None:
            p = 1.0
        else:
            idx = [min(max(i, 0), n - 1) for i in range(a - SPLICE_CONTEXT, a + 1)]
            idx += [min(max(i, 0), n - 1) for i in range(b, b + SPLICE_CONTEXT + 1)]
            frames = np.stack([cv2.resize(thumbs[i], (48, 27), interpolation=cv2.INTER_LINEAR) for i in idx])
            p = float(splice_probability(frames))
        if p >= WIPE_MIN_SPLICE:
            accepted.append((a, b))
            out.append({"frame": c["takeover"], "kind": "gradual", "start_frame": a + 1, "end_frame": b,
                        "confidence": round(p, 4)})
        else:
            rejected.append((a, b))
    return sorted(out, key=lambda ev: ev["frame"])
