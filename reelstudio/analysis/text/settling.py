"""Where new text may have settled (the lane's first step, see the package docstring): the
rows the detector is asked to search between samples. A mixin of :class:`TextAnalyzer`."""

from __future__ import annotations

import numpy as np

CHUNK_REACH_S = 0.5  # how long after a pop-in chunk ended a lone glyph at its rows is looked at


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
        self._chunks = [c for c in self._chunks if c[0] >= index] + [
            (until, t.box[1], t.box[3], t.line_height()) for t in ended]

    def _lone_glyphs(self, index: int, a: int, z: int) -> list:
        """Blocks for what the detector never sees: a word of one letter ('и', 'I', 'a') that a
        pop-in sequence puts where its last chunk was. In rows ``a``..``z`` of the frame the
        settling test has just looked at (``index``), at the rows of a chunk that ended within
        ``CHUNK_REACH_S``, each group of its new steady cells as tall as a letter of that chunk
        (0.5-1.6 of its line height) and at most twice as wide as tall is a block of one line
        (the detector gave a 22 px outlined 'и' over a photo of trees no response at any size).
        Whether it is a caption the read decides (a lone letter must be read surely and sit in
        a sequence: ``geometry.in_a_sequence``)."""
        import cv2

        at, hot = self._hot_now
        if at != index or hot is None:
            return []
        out = []
        for until, y0, y1, lh in self._chunks:
            if until < index or y1 <= a or y0 >= z:
                continue
            r0 = max(0, y0 // 8 - 1)
            n, _, st, _ = cv2.connectedComponentsWithStats(hot[r0 : -(-y1 // 8) + 1].astype(np.uint8), connectivity=8)
            for x, y, w, h in st[1:n, :4].tolist():
                box = (x * 8, (r0 + y) * 8, (x + w + 1) * 8, (r0 + y + h) * 8)  # (a hot cell is a pair)
                if 0.5 * lh <= box[3] - box[1] <= 1.6 * lh and box[2] - box[0] <= 2 * (box[3] - box[1]) \
                        and all(box != b for b, _ in out):  # (chunks one after another share rows)
                    out.append((box, [box]))
        return out

    def _hot_cells(self, mask: np.ndarray) -> np.ndarray:
        """Text is strokes: cells of 8x8 px with a sixth or more of their pixels in ``mask``,
        two side by side."""
        import cv2

        ch, cw = self.ah // 8, self.aw // 8
        cells = cv2.resize(mask[: ch * 8, : cw * 8].view(np.uint8) * np.uint8(255), (cw, ch),
                           interpolation=cv2.INTER_AREA)
        hot = cells >= 40
        return hot[:, 1:] & hot[:, :-1]


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
