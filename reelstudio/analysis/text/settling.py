"""Where new text may have settled (the lane's first step, see the package docstring): the
rows the detector is asked to search between samples. A mixin of :class:`TextAnalyzer`."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .geometry import TAIL_LINE, widened

CHUNK_REACH_S = 0.5  # how long after a pop-in chunk ended a lone glyph at its rows is looked at
OUTLINE_STEP = 120  # gray levels between an outlined chunk's fill and its outline
MIN_SEEN = 10  # pixels of a lone letter over picture its chunk showed, to tell it is new
GLYPHS_AT_MOST = 2  # lone letters of a chunk's style at its place at once (more: the picture)
FIRST_GLYPH = (0.035, 0.1)  # of the picture's height: a pop-in word's letter (its cells' box)


class Chunk(NamedTuple):
    """A read pop-in chunk that has just ended (:meth:`Settling._note_chunks`)."""

    until: int  # the last frame a lone letter is looked for at its place
    box: tuple[int, int, int, int]
    lh: float  # its line height
    style: tuple[float, float] | None  # (fill, outline) gray levels when outlined
    marks: np.ndarray  # where its letters and their outline lay in its first crop (bool)
    template: np.ndarray  # its first crop


class Settling:
    """The settling test of :class:`TextAnalyzer` (it sets ``_ref``, ``_recent``,
    ``_active``, ``_recheck``, ``_pending``, the picture size and the parameters)."""

    def _new_steady_bands(self, index: int, image: np.ndarray) -> list[tuple[int, int]]:
        """Rows where something new has settled since the last detection there: pixels that
        stayed within ``steady`` gray levels over the last ``settle`` frames (~0.2 s), lie on an
        edge (a 3x3 gray range over ``tolerance``) and lie more than ``tolerance`` outside the
        gray range of the 3x3 neighbourhood the last detection covering them saw, outside the
        captions being followed. Text
        that appears stays put, with sharp edges, over a moving picture too; a moving picture
        is not steady where it has edges, and a still one is not new. What has been steady
        for two frames only (text that has just appeared) is looked at again half of
        ``settle`` frames later (at least 2), so brief captions are not left until the next sample."""
        import cv2

        if self._ref is None or len(self._recent) < 2:
            return [(0, self.ah, 1.0)]
        # new: outside the gray range of the reference's 3x3 neighbourhood by over ``tolerance``
        # (a picture that only drifted by a pixel, a slow pan or zoom, is nothing new)
        k3 = np.ones((3, 3), np.uint8)
        new = (cv2.subtract(image, cv2.dilate(self._ref, k3)) > self.tolerance) | \
              (cv2.subtract(cv2.erode(self._ref, k3), image) > self.tolerance)
        new &= cv2.morphologyEx(image, cv2.MORPH_GRADIENT, k3) > self.tolerance
        new &= cv2.absdiff(image, self._recent[-2][1]) <= self.steady
        for t in self._active:  # its own pixels, not its box: a caption may appear inside the box
            x0, y0, x1, y1 = t.box  # of a texture the detector took for text (a photo's pattern)
            new[y0:y1, x0:x1] &= ~cv2.dilate(t.pixels.view(np.uint8), k3).astype(bool)
        # steady over ``settle`` frames; at a recheck, since the sample that saw it appear
        back = min(self.settle if index != self._recheck else index - self._pending_at, len(self._recent))
        settled = new & (cv2.absdiff(image, self._recent[-back][1]) <= self.steady)
        hot_new, hot = self._hot_cells(new), self._hot_cells(settled)
        if index == self._recheck:  # only what had just appeared at the sample
            hot &= cv2.dilate(self._pending.view(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
        else:
            # (a word, not a speck of moving picture: three cells side by side; a recheck is
            # one more detector run, and on moving footage most found nothing)
            self._pending = _in_runs(hot_new & ~hot, 3)
            for t in self._active:  # not inside a caption being followed (its own edges' shimmer)
                x0, y0, x1, y1 = t.box
                self._pending[y0 // 8 : -(-y1 // 8), x0 // 8 : -(-x1 // 8)] = False
            if self._pending.any():
                # half the settling time later: a pop-in word is on screen 6-12 frames, and one
                # that came up just before a sample was gone by the full time ('NOBODY TELLS YOU',
                # 6 frames from frame 6: pending at 8, looked at again at 13)
                self._recheck, self._pending_at = index + max(2, self.settle // 2), index
        self._hot_now = (index, hot)
        rows = np.flatnonzero(hot.any(axis=1))
        if rows.size == 0:
            return []
        bands = []
        start = prev = int(rows[0])
        for r in rows[1:]:
            if r - prev > 2:
                bands.append(self._band(start * 8, (prev + 1) * 8))
                start = int(r)
            prev = int(r)
        bands.append(self._band(start * 8, (prev + 1) * 8))
        return bands

    def _note_chunks(self, index: int, ended: list) -> None:
        """Keeps, for ``CHUNK_REACH_S``, the rows of read pop-in chunks that have just ended:
        the next chunk comes there (:meth:`_lone_glyphs`)."""
        if not ended and not self._chunks:
            return
        until = index + int(round(CHUNK_REACH_S * float(self.info.fps)))
        self._chunks = [c for c in self._chunks if c.until >= index] + [
            Chunk(until, t.box, t.line_height(), *_outlined(t.template), t.template) for t in ended]

    def _lone_glyphs(self, index: int, a: int, z: int, image: np.ndarray, cells: bool) -> list:
        """Blocks for what the detector never sees: a word of one letter ('и', 'I', 'a') that a
        pop-in sequence puts where its last chunk was. In rows ``a``..``z`` of ``image``, at the
        rows of a chunk that ended within ``CHUNK_REACH_S``: the lone letters of an outlined
        chunk's style (:func:`_glyphs_of_style`), and, when ``cells`` (a band searched at full
        size) and the settling test has just looked at this frame (``index``), each group of
        its new steady cells as tall as a letter of that chunk (0.5-1.6 of its line height) and
        at most twice as wide as tall; each a block of one line (the detector gave a 22 px
        outlined 'и' over a photo of trees no response at any size). Whether it is a caption
        the read decides (a lone letter is a word of one letter or nothing, and must sit in a
        sequence: ``geometry.in_a_sequence``)."""
        at, hot = self._hot_now
        out = []
        for c in self._chunks:
            y0, y1, lh = c.box[1], c.box[3], c.lh
            if c.until < index or y1 <= a or y0 >= z:
                continue
            if c.style is not None:
                for box in _glyphs_of_style(image, c):
                    if all(box != b for b, _ in out):
                        out.append((box, [box]))
            if not cells or at != index or hot is None:
                continue
            for box in _cell_groups(hot, max(0, y0 // 8 - 1), -(-y1 // 8) + 1):
                if 0.5 * lh <= box[3] - box[1] <= 1.6 * lh and box[2] - box[0] <= 2 * (box[3] - box[1]) \
                        and all(box != b for b, _ in out):  # (chunks one after another share rows)
                    out.append((box, [box]))
        if not out and cells and at == index and hot is not None \
                and not any(c.until >= index and c.box[1] < z and c.box[3] > a for c in self._chunks) \
                and not any(t.box[1] < z and t.box[3] > a for t in self._active):
            out = self._first_glyphs(a, z, image, hot)
        return out

    def _first_glyphs(self, a: int, z: int, image: np.ndarray, hot: np.ndarray) -> list:
        """A sequence's first word of one letter, where no chunk was before it: around each
        group of new steady cells in rows ``a``..``z``, the lone letters drawn outlined in the
        style found there (:func:`_glyphs_of_style`, against the rows as last seen: ``_ref``) of
        the size of a pop-in word's letter (FIRST_GLYPH of the picture's height); no more than
        ``GLYPHS_AT_MOST`` of them (more: the picture). A heavy outlined 'I' opening 'I / NEVER
        THOUGHT' was never looked at: the detector sees no lone letter, and there was no chunk
        before it to look for one where it had been."""
        lo, hi = FIRST_GLYPH[0] * self.ah, FIRST_GLYPH[1] * self.ah
        out: list = []
        for gx0, gy0, gx1, gy1 in _cell_groups(hot, max(0, a // 8), -(-z // 8)):
            gh = gy1 - gy0
            box = (max(0, gx0 - gh), max(0, gy0 - gh), min(self.aw, gx1 + gh), min(self.ah, gy1 + gh))
            # (the style on the cells' own box: around it, a zebra's stripes split as the letters)
            style = _outlined(image[gy0:gy1, gx0:gx1])[0]
            if style is None or box[2] - box[0] > 6 * gh:
                continue
            template = self._ref[box[1]:box[3], box[0]:box[2]]
            c = Chunk(0, box, max(1.5 * gh, lo), style, np.zeros(template.shape, bool), template)
            for g in _glyphs_of_style(image, c):
                if lo <= g[3] - g[1] <= hi and all(g != b for b, _ in out):
                    out.append((g, [g]))
        return out if len(out) <= GLYPHS_AT_MOST else []

    def _hot_cells(self, mask: np.ndarray) -> np.ndarray:
        """Text is strokes: cells of 8x8 px with a sixth or more of their pixels in ``mask``,
        two side by side."""
        import cv2

        ch, cw = self.ah // 8, self.aw // 8
        cells = cv2.resize(mask[: ch * 8, : cw * 8].view(np.uint8) * np.uint8(255), (cw, ch),
                           interpolation=cv2.INTER_AREA)
        hot = cells >= 40
        return hot[:, 1:] & hot[:, :-1]


def _cell_groups(hot: np.ndarray, r0: int, r1: int) -> list[tuple[int, int, int, int]]:
    """The boxes (analysis px) of the groups of hot cells (:meth:`Settling._hot_cells`) in cell
    rows ``r0``..``r1``; a hot cell is a pair, so a group reaches a cell further right."""
    import cv2

    n, _, st, _ = cv2.connectedComponentsWithStats(hot[r0:r1].astype(np.uint8), connectivity=8)
    return [(x * 8, (r0 + y) * 8, (x + w + 1) * 8, (r0 + y + h) * 8) for x, y, w, h in st[1:n, :4].tolist()]


def _outlined(crop: np.ndarray) -> tuple[tuple[float, float] | None, np.ndarray]:
    """The (fill, outline) gray levels of an outlined caption's crop (letters of one level ringed
    by another at least ``OUTLINE_STEP`` away; None for any other style), and where its letters
    and their outline lie."""
    import cv2

    from .letters import letters_mask

    letters = letters_mask(crop)
    marks = cv2.dilate(letters.view(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    ring = cv2.dilate(letters.view(np.uint8), np.ones((3, 3), np.uint8)).astype(bool) & ~letters
    if letters.sum() < 16 or ring.sum() < 16:
        return None, marks
    fill, outline = float(np.median(crop[letters])), float(np.median(crop[ring]))
    return ((fill, outline) if abs(fill - outline) >= OUTLINE_STEP else None), marks


def _glyphs_of_style(image: np.ndarray, c: Chunk) -> list:
    """Boxes of lone letters drawn as a just-ended outlined chunk ``c`` was, where it was: blobs
    of its fill level as tall as one of its letters (0.4-1.6 of its line height), at most twice
    as wide as tall, ringed by its outline's level, centred over its columns and not there when
    it came up (the settling test misses a letter that comes up where the chunk's own letters
    were: that picture is not new there). More than ``GLYPHS_AT_MOST`` such blobs are the
    picture's pattern (a glass front's window frames), none a word."""
    import cv2

    (fill, outline), (x0, y0, x1, y1), lh = c.style, c.box, c.lh
    m = int(round(0.5 * lh))
    r0, r1 = max(0, y0 - m), min(image.shape[0], y1 + m)
    rows = image[r0:r1]
    blobs = (np.abs(rows.astype(np.int16) - int(fill)) <= 45).astype(np.uint8)
    dark = np.abs(rows.astype(np.int16) - int(outline)) <= 0.45 * abs(fill - outline)
    n, lab, st, _ = cv2.connectedComponentsWithStats(blobs, connectivity=8)
    out = []
    for k in range(1, n):
        x, y, w, h, area = st[k].tolist()
        if not (0.4 * lh <= h <= 1.6 * lh and 0.15 * h <= w <= 2 * h and area >= 0.15 * w * h):
            continue
        sl = (slice(max(0, y - 3), y + h + 3), slice(max(0, x - 3), x + w + 3))
        comp = lab[sl] == k
        ring = cv2.dilate(comp.view(np.uint8), np.ones((5, 5), np.uint8)).astype(bool) & ~comp
        if not (x0 <= x + w / 2 <= x1) or not ring.sum() or dark[sl][ring].mean() < 0.7:
            continue
        # (new: most of its pixels unlike the picture the chunk's first crop showed there; where
        # the chunk's own letters were, no one can tell: 'к' after 'и' in its place)
        ys, xs = np.nonzero(comp)  # (in its own slice, not the whole rows)
        ys, xs = ys + sl[0].start, xs + sl[1].start
        ty, tx = ys + r0 - y0, xs - x0
        seen = (ty >= 0) & (ty < c.template.shape[0]) & (tx >= 0) & (tx < c.template.shape[1])
        seen[seen] = ~c.marks[ty[seen], tx[seen]]
        if seen.sum() >= MIN_SEEN:
            was = c.template[ty[seen], tx[seen]].astype(np.int16)
            if (np.abs(was - rows[ys[seen], xs[seen]]) > 40).mean() < 0.5:
                continue
        out.append((max(0, x - 2), r0 + max(0, y - 2), min(image.shape[1], x + w + 2), r0 + min(r1 - r0, y + h + 2)))
    return out if len(out) <= GLYPHS_AT_MOST else []


RING_DARK = 0.6  # share of a letter's one-pixel ring at its outline's level (outlined_reach)


def outlined_reach(image: np.ndarray, block, rows) -> tuple[tuple, list]:
    """``block`` and its ``rows`` (a new caption's, analysis px) with each outlined line's ends
    where letters of its style go on beside it: the detector loses the part of a line that
    lies over a bright, busy picture ('олько минут я держу этот темп' for 'Угадайте, сколько
    ...', white outlined over sunlit stones, 90 px of the line unseen). Blobs of the line's
    fill level, as tall as its letters, ringed by its outline's level, centred on its rows,
    each within a line height of the last, extend it; other lines as found."""
    import cv2

    out = []
    # (a line of a sentence, not a pop-in chunk: pieces of the picture ringed dark beside a
    # chunk read as a letter or a mark, 'FORA', 'I Cash envelopes'; a short row under or over
    # a long one is a piece of a caption's other line: 'перед' of 'перед каждой репетицией')
    # in the long line's style: over white water the piece's own split took its outline for
    # the fill
    styles = [_outlined(image[int(r[1]):int(np.ceil(r[3])), int(r[0]):int(np.ceil(r[2]))])[0]
              if r[3] - r[1] >= 6 and r[2] - r[0] >= TAIL_LINE * (r[3] - r[1]) else None for r in rows]
    long = next((st for st in styles if st is not None), None)
    for r, own in zip(rows, styles):
        x0, y0, x1, y1 = (int(r[0]), int(r[1]), int(np.ceil(r[2])), int(np.ceil(r[3])))
        h = y1 - y0
        style = own if own is not None else (long if h >= 6 else None)
        if style is None:
            out.append(r)
            continue
        fill, outline = style
        a, z = max(0, y0 - 2), min(image.shape[0], y1 + 2)
        band = image[a:z].astype(np.int16)
        lit = (np.abs(band - int(fill)) <= 45).astype(np.uint8)
        dark = np.abs(band - int(outline)) <= 0.45 * abs(fill - outline)
        n, lab, st, cen = cv2.connectedComponentsWithStats(lit, connectivity=8)
        spans = []
        for k in range(1, n):
            x, y, w, bh, _ = st[k].tolist()
            if not (0.3 * h <= bh <= 1.4 * h and w <= 2 * bh and y0 <= cen[k][1] + a <= y1):
                continue
            sl = (slice(max(0, y - 1), y + bh + 1), slice(max(0, x - 1), x + w + 1))
            comp = lab[sl] == k
            ring = cv2.dilate(comp.view(np.uint8), np.ones((3, 3), np.uint8)).astype(bool) & ~comp
            if ring.any() and dark[sl][ring].mean() >= RING_DARK:
                spans.append((x, x + w))
        lo, hi, left, right = float(r[0]), float(r[2]), 0, 0
        for x, e in sorted(spans, reverse=True):  # leftwards from the line's start
            if x < lo and e >= lo - h:
                lo, left = float(x), left + 1
        for x, e in sorted(spans):  # rightwards from its end
            if e > hi and x <= hi + h:
                hi, right = float(e), right + 1
        # (letters, not a speck: two or more on a side, as far as a line height)
        out.append((lo if left >= 2 and r[0] - lo >= h else r[0], r[1], hi if right >= 2 and hi - r[2] >= h else r[2], r[3]))
    return widened(block, rows, out)


def _in_runs(cells: np.ndarray, n: int) -> np.ndarray:
    """The cells of ``cells`` that lie in a run of at least ``n`` side by side in a row."""
    run = cells.copy()
    for k in range(1, n):  # run: cells starting a run of n
        run[:, :-k] &= cells[:, k:]
        run[:, -k:] = False
    out = run.copy()
    for k in range(1, n):  # and the cells that run covers
        out[:, k:] |= run[:, :-k]
    return out
