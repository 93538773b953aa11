"""Yellow letters read on their yellowness: a mixin of :class:`TextAnalyzer` beside
:class:`.reading.Reading`.

The reading splits a caption's letters from what surrounds them on the gray picture, where
yellow is nearly as light as white (luma 226 of 255). Yellow subtitles with a dark shadow
over a bright or busy picture then split badly: over the white body of a rocket and a dark
sky at once the split took the shadow for the letters ('Этот вид стоил подъёма', read
without its first word and dropped at 1.1:1), over a mid-gray town the highlights alone
('Учу испанский с нуля' read 'L'). On ``min(R, G) - B`` (yellowness) the same letters are
the only bright thing there: white, gray, black and blue all come out 0. So a caption whose
kept colour crops show yellow letters and that read as nothing, or doubtfully, is read
again on the median of that yellowness; the read that is more like words stays. Its
contrast is measured on the crops' own levels (contrast.glyph_contrast), as any other's.
"""

from __future__ import annotations

import numpy as np

from .contrast import glyph_contrast
from .geometry import REACH_WHOLE, widened
from .letters import SURE, glyph_height, otsu, read_quality, split_letters

YELLOW_MIN = 96  # min(R, G) - B of a yellow letter's fill (pure yellow 255; white, gray, black 0)
YELLOW_SHARE = 0.05  # of the caption's steady pixels that must be that yellow


def yellowness(rgb: np.ndarray) -> np.ndarray:
    """``min(R, G) - B`` of an RGB crop (uint8), clipped at 0."""
    rg = np.minimum(rgb[..., 0], rgb[..., 1]).astype(np.int16)
    return np.clip(rg - rgb[..., 2], 0, 255).astype(np.uint8)


def _yellow_letters(rgb: np.ndarray) -> np.ndarray:
    """Pixels of a yellow letter's fill: yellow (``YELLOW_MIN``), red and green alike and light.
    (Orange is yellow by ``min(R, G) - B`` too: the lit folds of the sample reel's orange
    spacesuit under its white credit line passed for yellow letters.)"""
    r, g = rgb[..., 0].astype(np.int16), rgb[..., 1].astype(np.int16)
    return (yellowness(rgb) >= YELLOW_MIN) & (np.abs(r - g) <= 64) & (np.minimum(r, g) >= 150)


class YellowReading:
    """:meth:`_read_in_yellow`, called by :meth:`.reading.Reading._read_block`."""

    def _read_in_yellow(self, t, n: int) -> None:
        """Caption ``t`` read again on its yellowness when its reads (``self._captions[n:]``)
        are none or doubtful; the new read replaces them when it is more like words."""
        taken = self._captions[n:]
        short = taken and min(c["reach"] for c in taken) < REACH_WHOLE
        if taken and min(c["confidence"] for c in taken) >= SURE and not short:
            return
        seen = self._letters_in_yellow(t)
        if seen is None:
            return
        m = len(self._captions)
        if not self._read_seen(t, seen):
            return
        new = self._captions[m:]
        del self._captions[m:]
        quality = lambda c: read_quality(c["confidence"], c["lexical"])  # noqa: E731
        letters = lambda cs: sum(ch.isalnum() for c in cs for ch in c["text"])  # noqa: E731
        # (karaoke: one word yellow at a time, its read 'hand' is surer than the whole caption's
        # 'shifti\your, handg' but not the caption)
        # (or a sure read of part of the line, where this one, sure too, reads it whole: 'вид
        # стоил подъёма', its first word's yellow over a white rocket taken for the picture;
        # a word lost costs more than a letter misread)
        if not taken or (max(quality(c) for c in new) > max(quality(c) for c in taken)
                         and letters(new) >= 0.8 * letters(taken)) \
                or (short and len(new) == len(taken) == 1 and new[0]["reach"] >= REACH_WHOLE
                    and new[0]["confidence"] >= SURE and letters(new) > letters(taken)):
            del self._captions[n:]
            self._captions.extend(new)

    def _yellow_reach(self, block, rows) -> tuple[tuple, list]:
        """``block`` and its ``rows`` (a new caption's, analysis px) with each yellow line's ends
        where the detector sees them on the yellowness of the frame's colour: on the gray
        picture the ends of yellow letters over a bright picture (white water, sky) fade into
        it and the line ends short ('My first trout took two ha'). Other lines as found."""
        out = []
        for r in rows:
            h = r[3] - r[1]
            a, z = max(0, int(r[1] - h)), min(self.ah, int(np.ceil(r[3] + h)))
            rgb = self._colour_crop((0, a, self.aw, z)) if h >= 4 else None
            if rgb is None or rgb.shape[:2] != (z - a, self.aw):
                out.append(r)
                continue
            yel = yellowness(rgb)
            # (yellow letters, not a yellow picture: the sample reel's white credit over sunlit
            # grass is a line on the grass's yellowness too, and its read changed)
            lit = _yellow_letters(rgb[:, int(r[0]):int(np.ceil(r[2]))])
            p, q = int(r[1]) - a, int(np.ceil(r[3])) - a
            own, around = lit[p:q], np.concatenate([lit[:p], lit[q:]])
            if not own.size or np.mean(own) < YELLOW_SHARE or (around.size and np.mean(own) < 3 * np.mean(around)):
                out.append(r)
                continue
            self._band_detections += 1
            seen = [q for _, qs in self.detect(yel, scale=float(np.clip(24.0 / h, 1.0, 2.0))) for q in qs]
            # (the same line: over most of the row found, at about its height, not a yellow thing
            # of the picture beside a white line; the whole line's row is up to 1.5x a piece's,
            # whose letters lack the descenders: 'to the net' of 'My first serve went straight
            # into the net', 14 rows against 21)
            w = r[2] - r[0]
            same = [q for q in seen if q[0] <= r[0] + 0.2 * w and q[2] >= r[2] - 0.2 * w and 0.7 < (q[3] - q[1]) / h < 1.7
                    and min(q[3] + a, r[3]) - max(q[1] + a, r[1]) > 0.5 * h]
            out.append((min([r[0]] + [q[0] for q in same]), r[1], max([r[2]] + [q[2] for q in same]), r[3]))
        return widened(block, rows, out)

    def _letters_in_yellow(self, t):
        """The letters of ``t`` on the median yellowness of its colour crops, as
        :meth:`.reading.Reading._letters_of` gives them, or None when they are not yellow."""
        pairs = [(c, rgb) for c, rgb in zip(t.crops, t.colour) if rgb is not None and rgb.shape[:2] == c.shape]
        if len(pairs) < 2:
            return None
        stack = np.stack([yellowness(rgb) for _, rgb in pairs])
        med = np.median(stack, axis=0).astype(np.uint8)
        region = t.pixels
        if not region.any() or np.mean(med[region] >= YELLOW_MIN) < YELLOW_SHARE:
            return None
        # (the letters are the bright class here, whatever encloses what: letters.letters_split
        # took the black around them for the letters)
        threshold = otsu(med[region])
        letters = split_letters((med > threshold) & region, med <= threshold, t.lines, t.grow)
        if letters.sum() < 8:
            return None
        # lighter or darker than what surrounds them: yellow over a dark sky, or over white
        gray = np.median(np.stack([c for c, _ in pairs]), axis=0)
        around = region & ~letters
        lit = not around.any() or float(np.median(gray[letters])) >= float(np.median(gray[around]))
        measured = glyph_contrast([c for c, _ in pairs], letters, lit, self.info.height / self.ah,
                                  [rgb for _, rgb in pairs])
        return stack, med, region, threshold, True, measured, measured, glyph_height(letters), None
