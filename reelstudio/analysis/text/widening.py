"""A line of small type seen whole on its own median: a mixin of :class:`TextAnalyzer`.

Small subtitles over a busy picture (12-13 px plain white over bare branches, 12 px yellow
shadowed over a butterfly's wing) come out of the detector in pieces, or as one piece, on any
one frame: 'екрылись' of 'Пересаживайте ранней весной, пока не раскрылись почки'. The line
stands still while the picture under it moves (a pan, footage), so the median of the rows it
lies in, over its frames, keeps the letters and smooths the picture: there the detector, at
twice the size, sees the whole line. A caption of one line of small type in a frame that may
hold small type keeps those rows, the frame's whole width, beside its crops; when it ends, a
line found on their median that carries its own line on beyond a line's height at either end
is read too, and its read stands where it holds the piece's read and more. Where it is
less sure than the piece's, it still lends the piece's read its words beyond the piece's ends
and known words for the piece's unknown ones (merged_read).
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from .geometry import LARGER, SMALL_ROW_PX
from .letters import caption_parts, enclosed_letters
from .lexicon import main_script
from .ocr import script_of

WIDE_LINE_PX = 2 * SMALL_ROW_PX  # a followed line under this tall (analysis px) keeps its rows
WIDE_GAP = 1.5  # line heights between pieces of the line on the median (a word's space and more)
WIDE_HELD = 0.6  # of the piece's read (letters and digits, in order) the wider read must hold
WIDE_MIN_STRIPS = 3  # the median of fewer frames keeps the picture
WIDE_STEADY = 24  # levels a pixel of the line may move over its kept rows (noise, compression)
WIDE_NEW = 25  # levels it differs from the frame before the line came up
WIDE_LEVEL = 40  # levels from the piece's letters' own
WIDE_LOSS = 0.03  # the whole line's read may be this much less sure than the piece's
LEND_MIN_CONF = 0.5  # a less sure whole line's read this sure lends the piece's read words
LEND_LIKE = 0.6  # a known word stands for an unknown one of the piece's read this alike (difflib)
LEND_WORD = 3  # letters of the longest word lent beyond an end of the piece


class Widening:
    """The rows of a small line kept over its life, and the line read whole on their median
    (it uses ``aw``, ``ah``, ``crops``, ``tolerance``, ``detect`` and ``_read``)."""

    def _wide_rows(self, t) -> tuple[int, int] | None:
        """The rows (analysis px) a followed caption keeps whole: one line of small type, in a
        frame where type of 2 % of the height is under SMALL_ROW_PX; a line's height (at least
        SMALL_ROW_PX) either side: a piece may be a word's x-height only."""
        if len(t.lines) != 1 or 0.02 * self.ah >= SMALL_ROW_PX:
            return None
        y0, y1 = t.box[1] + t.lines[0][1], t.box[1] + t.lines[0][3]
        h = y1 - y0
        if not 0 < h < WIDE_LINE_PX:
            return None
        m = max(h, SMALL_ROW_PX)
        return max(0, y0 - m), min(self.ah, y1 + m)

    def _keep_strip(self, t, image: np.ndarray) -> None:
        """Keep caption ``t``'s rows of ``image`` (and their colour) beside its newest crop."""
        rows = self._wide_rows(t)
        if rows is None:
            return
        a, z = rows
        t.strips.append(image[a:z].copy())
        t.strip_colour.append(self._colour_crop((0, a, self.aw, z)))
        t.strip_rows = rows
        if len(t.strips) > self.crops:  # spread over the caption's life, as its crops are
            del t.strips[1::2]
            del t.strip_colour[1::2]

    def _keep_before(self, t, before: list) -> None:
        """Keep caption ``t``'s rows as the newest of the frames ``before`` it came up shows them."""
        if t.strip_rows is not None and before:
            a, z = t.strip_rows
            t.strip_before = before[-1][a:z].copy()

    def _read_whole(self, t) -> None:
        """Read caption ``t``; then, where its rows' median shows its line going on beyond the
        piece followed, the whole line, whose read stands where it holds the piece's."""
        n = len(self._captions)
        self._read(t)
        wide = self._widened(t)
        if wide is None:
            return
        piece = self._captions[n:]
        del self._captions[n:]
        self._read(wide)
        whole = self._captions[n:]
        # (as sure as the piece's read, near enough: the picture beside a line read as letters
        # made it less so, 'a Sa an Day one of sea kayaking lessons. .' 0.69 for 0.93)
        if not (len(whole) == 1 and _holds(whole[0]["text"], [c["text"] for c in piece])
                and all(whole[0]["confidence"] >= c["confidence"] - WIDE_LOSS for c in piece)):
            del self._captions[n:]
            self._captions.extend(self._lent(piece, whole))
        else:
            whole[0]["wide"] = True

    def _lent(self, piece: list[dict], whole: list[dict]) -> list[dict]:
        """The piece's read with what the whole line's less sure read lends it (merged_read):
        over the whole line's box where it lent words beyond the piece's ends."""
        if len(piece) != 1 or len(whole) != 1 or whole[0]["confidence"] < LEND_MIN_CONF:
            return piece
        got = merged_read(piece[0]["text"], whole[0]["text"], self.reader.knows)
        if got is None:
            return piece
        text, lent = got
        if not lent:
            return [dict(piece[0], text=text)]
        # how sure its least sure word is (the readable flag): the whole read's least sure word
        # may be one the piece's read stands for; words the dictionary knows lent beyond its ends
        # leave the piece's figure, an unknown one takes the lower of the two ('uecr')
        known = all(self.reader.knows(_core(w)) for w in lent if _core(w))
        weakest = piece[0]["weakest"] if known else min(piece[0]["weakest"], whole[0]["weakest"])
        return [dict(whole[0], text=text, wide=True, weakest=weakest)]

    def _widened(self, t):
        """Caption ``t`` over its whole line, as its rows' median shows it, or None."""
        if len(t.strips) < WIDE_MIN_STRIPS or t.strip_rows is None or len(t.lines) != 1:
            return None
        a, z = t.strip_rows
        if any(s.shape != t.strips[0].shape for s in t.strips):
            return None
        med = np.median(np.stack(t.strips), axis=0).astype(np.uint8)
        x0, y0, x1, y1 = t.rows_abs()[0]
        h = y1 - y0
        came = _came_up(t, med, y0 - a, y1 - a, int(x0), int(np.ceil(x1)))
        if came is None:  # nothing came up with it: picture the detector took for text
            return None
        self._band_detections += 1
        found = came + [r for _, rs in self.detect(med, scale=LARGER) for r in rs]
        # (the line's rows on the median may be taller than the piece's: a word's x-height, 6 px
        # of a 14 px line)
        same = [r for r in found if min(r[3] + a, y1) - max(r[1] + a, y0) > 0.5 * h and 0.6 < (r[3] - r[1]) / h < 2.5]
        lo, hi, took, gap = float(x0), float(x1), [], WIDE_GAP * max(h, SMALL_ROW_PX)
        for r in sorted(same, key=lambda r: -r[2]):  # leftwards from the line's start
            if r[0] < lo and r[2] >= lo - gap:
                lo = float(r[0])
                took.append(r)
        for r in sorted(same, key=lambda r: r[0]):  # rightwards from its end
            if r[2] > hi and r[0] <= hi + gap:
                hi = float(r[2])
                took.append(r)
        if x0 - lo < h and hi - x1 < h:
            return None
        y0, y1 = min([y0] + [r[1] + a for r in took]), max([y1] + [r[3] + a for r in took])
        h = y1 - y0
        pad_x, pad = max(2, int(round(0.5 * h))), max(2, int(round(0.15 * h)))
        box = (max(0, int(lo) - pad_x), max(a, int(y0) - pad), min(self.aw, int(np.ceil(hi)) + pad_x),
               min(z, int(np.ceil(y1)) + pad))
        sl = (slice(box[1] - a, box[3] - a), slice(box[0], box[2]))
        crops = [s[sl].copy() for s in t.strips]
        template = med[sl].copy()
        line = (int(lo) - box[0], int(y0) - box[1], int(np.ceil(hi)) - box[0], int(np.ceil(y1)) - box[1])
        _, pixels, core = caption_parts(template, [line], self.tolerance)
        if pixels.sum() < 16:
            return None
        enclosed = enclosed_letters(template)
        colour = [None if c is None or c.shape[:2] != (z - a, self.aw) else c[sl] for c in t.strip_colour]
        return replace(t, box=box, template=template, pixels=pixels, initial=int(pixels.sum()), first=pixels,
                       crops=crops, colour=colour, lines=[line], core=core, core_initial=int(core.sum()),
                       grow=pad_x, letter_core=None if enclosed is None else core & enclosed,
                       sure=None, strips=[], strip_colour=[], strip_rows=None)


def _came_up(t, med: np.ndarray, y0: int, y1: int, x0: int, x1: int) -> list | None:
    """Rows (strip px) of what came up with caption ``t`` at its line's rows ``y0..y1`` and held
    still since: pixels its kept rows all show alike (within WIDE_STEADY) and unlike the frame
    before it came up (by WIDE_NEW), at the level its letters came up at in the piece ``x0..x1``
    (within WIDE_LEVEL: where the caption before it at its place left, the picture that came
    up is not its letters), in runs of columns with a word's gaps closed. Plain white
    letters over bare white branches, which the detector saw nothing of even on the median,
    stand whole there while the picture pans. None where nothing came up with the piece itself
    (a texture the detector took for text: no second look at it)."""
    import cv2

    if t.strip_before is None or t.strip_before.shape != med.shape:
        return []  # (found long after it came up: the frame before is not kept)
    stack = np.stack(t.strips).astype(np.int16)
    h = max(y1 - y0, SMALL_ROW_PX)  # (the piece may be a word's x-height only)
    p, q = max(0, y0 - int(0.3 * h)), min(med.shape[0], y1 + int(0.3 * h))
    steady = (stack.max(axis=0) - stack.min(axis=0))[p:q] <= WIDE_STEADY
    new = np.abs(med.astype(np.int16) - t.strip_before.astype(np.int16))[p:q] > WIDE_NEW
    came = steady & new
    levels = med[p:q, x0:x1][came[:, x0:x1]]
    if levels.size < 8:
        return None
    fill = int(np.median(levels))
    came &= np.abs(med[p:q].astype(np.int16) - fill) <= WIDE_LEVEL
    # (beside an edge: the letters' strokes, not the flat inside of a box that came up with
    # them, which carried a boxed line on to the box's ends, to be read again for nothing)
    came &= cv2.dilate((cv2.morphologyEx(med, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) > WIDE_NEW)[p:q]
                       .view(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    cols = np.count_nonzero(came, axis=0) >= 2
    runs, gap = [], max(1, int(round(0.5 * h)))
    xs = np.flatnonzero(cols)
    for k in xs:
        if runs and k - runs[-1][1] <= gap:
            runs[-1][1] = k + 1
        else:
            runs.append([k, k + 1])
    runs = [(a, b) for a, b in runs if b - a >= h]
    if not runs:
        return []
    # (the letters' own rows: the piece may be a word's x-height only)
    span = np.zeros(med.shape[1], bool)
    for a, b in runs:
        span[a:b] = True
    held = np.flatnonzero(np.count_nonzero(came[:, span], axis=1) >= max(2, 0.05 * span.sum()))
    top, bottom = (p + held[0], p + held[-1] + 1) if held.size else (y0, y1)
    return [(float(a), float(min(y0, top)), float(b), float(max(y1, bottom))) for a, b in runs]


def one_per_line(caps: list[dict]) -> list[dict]:
    """The finished captions without those a line read whole holds: another piece of that line
    followed over the same frames (read whole too, the surer read stays; 'Пересаживайте ранней
    весной, пока не раскрылись почки' was followed as two pieces, each read whole)."""
    from .geometry import overlap_smaller

    def over(c, w):
        both = min(c["end_frame"], w["end_frame"]) - max(c["start_frame"], w["start_frame"])
        return both >= 0.5 * (c["end_frame"] - c["start_frame"]) and overlap_smaller(c["box"], w["box"]) > 0.7

    drop = set()
    for i, w in enumerate(caps):
        if not w.get("wide") or i in drop:
            continue
        for j, c in enumerate(caps):
            if j == i or j in drop or not over(c, w):
                continue
            if c.get("wide") and c["confidence"] > w["confidence"]:
                drop.add(i)
                break
            drop.add(j)
    return [c for k, c in enumerate(caps) if k not in drop]


def _key(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _core(word: str) -> str:
    return re.sub(r"^\W+|\W+$", "", word)


def merged_read(piece: str, whole: str, knows) -> tuple[str, list[str]] | None:
    """The read of a piece of a line of small type with what a less sure read of the whole
    line adds to it: (text, the words added beyond the piece's ends), None if nothing. The
    words of the two reads are matched in order (by their letters and digits); beyond the
    piece's first and last matched words (the piece's own first and last), the
    whole line's words are added (``_beyond``); and where a word of the piece no dictionary
    knows is matched one for one with a known word of the whole read as much alike
    (LEND_LIKE), the known word stands. The piece's read is the surer where both read the
    same letters: 'the racket loosely and' 0.94 sure, 'd the rasket loosely and keep uecr
    wrist free' 0.75 for 'Hold the racket loosely and keep your wrist free' (plain white
    over bread: the piece ended where the bread's crust began); 'a wedqe with the tips to
    slow down' 0.93, 'Mark a wedge ...' 0.88 for 'Make a wedge ...'."""
    from difflib import SequenceMatcher

    pw, ww = piece.split(), whole.split()
    pk, wk = [_key(t) for t in pw], [_key(t) for t in ww]
    sm = SequenceMatcher(None, pk, wk, autojunk=False)
    pairs = [(a + k, b + k) for a, b, size in sm.get_matching_blocks() for k in range(size) if pk[a + k]]
    if not pairs:
        return None
    out = list(pw)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "replace" or i2 - i1 != j2 - j1:
            continue
        for i, j in zip(range(i1, i2), range(j1, j2)):
            p, w = _core(pw[i]), _core(ww[j])
            if p and w and not knows(p) and knows(w) \
                    and SequenceMatcher(None, p.lower(), w.lower()).ratio() >= LEND_LIKE:
                out[i] = ww[j]
    script = main_script(piece)
    keyed = [i for i, k in enumerate(pk) if k]
    (p0, w0), (p1, w1) = pairs[0], pairs[-1]
    left = _beyond(ww[:w0][::-1], script)[::-1] if p0 == keyed[0] else []
    right = _beyond(ww[w1 + 1:], script) if p1 == keyed[-1] else []
    text = " ".join(left + out + right)
    return None if text == piece else (text, left + right)


def _beyond(words: list[str], script: str | None) -> list[str]:
    """The words of a whole line's read beyond a piece's end that it lends the piece (nearest
    first): those before the first with letters of another script (picture read as letters,
    'Пропорции MOTORS'); the farthest dropped while it has under two letters ('d' of 'Hold',
    '=' and '3' read from the picture); none unless one has LEND_WORD letters or more
    ('storms ns', 'food? ro': picture beside the line)."""
    took = []
    for w in words:
        if any(script_of(ch) != script for ch in w if ch.isalpha()):
            break
        took.append(w)
    while took and sum(ch.isalpha() for ch in took[-1]) < 2:
        took.pop()
    return took if any(sum(ch.isalpha() for ch in w) >= LEND_WORD for w in took) else []


def _holds(whole: str, piece: list[str]) -> bool:
    """``whole`` holds the piece's reads (WIDE_HELD of their letters and digits, in order) and more."""
    from difflib import SequenceMatcher

    w, p = _key(whole), _key(" ".join(piece))
    if len(w) < len(p) + 3:  # (more: a word's worth, not a stray mark read as 'I')
        return False
    if not p:
        return True
    held = sum(b.size for b in SequenceMatcher(None, p, w, autojunk=False).get_matching_blocks())
    return held >= WIDE_HELD * len(p)
