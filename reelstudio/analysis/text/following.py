"""Following captions from frame to frame: a mixin of :class:`TextAnalyzer` (see the package
docstring's second step)."""

from __future__ import annotations

import numpy as np

from .letters import letters_mask

SAME_SHAPES = 0.6  # of the union of the letters then and now: the same letters
LETTERS_HELD = 0.9  # of the letters' own side of their edges: following kept the letters
LETTERS_LEFT = 0.5  # of the letters' own side lost at once: the letters left ...
OTHER_HELD = 0.9  # ... where the other side of their edges held this much
LETTERS_MOSTLY_LEFT = 0.35  # or this much of the letters' own side lost at once ...
OTHER_MOSTLY_HELD = 0.8  # ... where the other side held this much (and the letters' side had)


class Following:
    """Carrying each caption found on to the next frames, and ending it (it sets ``_active``,
    ``_captions``, ``info``, ``step``, ``crops`` and the parameters these methods use)."""

    def _matches(self, t, image: np.ndarray, refine: bool) -> bool:
        """The caption is still on ``image``: ``match`` of its caption pixels, and ``match``
        of its letter pixels themselves, within ``tolerance`` of the template. (The caption
        pixels alone held across a change of caption on a plain background: the background
        and outline around the letters matched whatever was written, and one "caption" ran
        over four subtitles, read as nothing.)"""
        import cv2

        close = cv2.absdiff(t.crop(image), t.template) <= self.tolerance
        n = int(np.count_nonzero(t.pixels))
        kept = close & t.pixels
        ok = n > 0 and np.count_nonzero(kept) >= self.match * n
        if ok and t.core is not None:
            nc = int(np.count_nonzero(t.core))
            kept_core = close & t.core
            nk = int(np.count_nonzero(kept_core))
            # (letters can have gone only where some of the core went)
            ok = nc > 0 and nk >= self.match * nc and (nk == nc or not _letters_gone(t, close))
            if ok and refine:
                t.core = kept_core
        if ok and refine:
            t.pixels = kept
        return ok

    def _keep_fine_crop(self, t, index: int) -> None:
        """Caption ``t``'s box at the source's full size on this frame, where the frame was
        kept whole (FINE_EVERY), spread over the caption's life as its crops are."""
        got = None if self._fine_of is None else self._fine_of(t.box)
        if got is not None:
            t.fine.append((index, t.box, got))
            if len(t.fine) > self.crops:
                del t.fine[1::2]

    def _follow(self, index: int, image: np.ndarray) -> list:
        """Carry each caption on to this frame; the captions that ended here."""
        ended = []
        for t in list(self._active):
            core_before = None if t.core is None else int(np.count_nonzero(t.core))
            if self._matches(t, image, refine=True) and t.pixels.sum() >= 0.25 * t.initial \
                    and (t.core is None or t.core.sum() >= 0.25 * t.core_initial):
                core_now = None if t.core is None else int(np.count_nonzero(t.core))
                if not core_before or core_now >= 0.9 * core_before:
                    t.sure_at, t.sure = index, (t.pixels, t.core)
                elif core_now < 0.8 * core_before:
                    t.dropped_at = index
                    if index - t.start >= 0.5 * float(self.info.fps):
                        t.fell_at = index
                # (no crop on a frame that lost a fifth of the letters at once, nor the next, after
                # the first half second (a pop-in word grows then): the caption may have gone, its
                # follow still matching; white letters over white snow lost their shadow, and the
                # crop of the snow lost 'my profile')
                if index - t.fell_at > 1:
                    self._keep_fine_crop(t, index)
                if index - t.last_crop_frame >= max(1, self.step // 2) and index - t.fell_at > 1:
                    t.crops.append(t.crop(image).copy())
                    t.colour.append(self._colour_crop(t.box))
                    t.last_crop_frame = index
                    self._keep_strip(t, image)
                    if len(t.crops) > self.crops:  # keep them spread over the caption's life
                        del t.crops[1::2]
                        del t.colour[1::2]
                continue
            t.end = index
            if t.sure is not None and t.start < t.sure_at < index - 1 <= t.sure_at + 2:
                # a frame or two that matched only part of the letters before the end: the
                # caption had left (a plate's dark side of the letters' edges matched a dark
                # picture) and those frames took its letters from its pixels: ended after the
                # last sure frame, with the pixels it had then
                t.end = t.sure_at + 1
                t.pixels, t.core = t.sure
                if t.last_crop_frame > t.sure_at and len(t.crops) > 1:
                    t.crops.pop()
                    del t.colour[len(t.crops):]  # and its colour
            self._ended(t)
            ended.append(t)
        return ended

    def _ended(self, t) -> None:
        """Caption ``t`` (its ``end`` set) is followed no more: read now."""
        self._active.remove(t)
        n = len(self._captions)
        self._read_whole(t)
        t.read = len(self._captions) > n

    def _replaced(self, t, index: int, image: np.ndarray) -> None:
        """Caption ``t`` was replaced in place by other text (``_parts_of``): ended at
        ``index``, without the crops it kept that look more like the new text now in its box
        than like its own first picture."""
        import cv2

        now = t.crop(image)
        keep = [k for k, c in enumerate(t.crops)
                if float(cv2.absdiff(c, t.template).mean()) <= float(cv2.absdiff(c, now).mean())]
        if keep:
            t.crops, t.colour = [t.crops[k] for k in keep], [t.colour[k] for k in keep]
        if t.strips:  # (and the rows it kept whole, alike: Widening)
            a = t.strip_rows[0]
            box = (slice(t.box[1] - a, t.box[3] - a), slice(t.box[0], t.box[2]))
            keep = [k for k, s in enumerate(t.strips) if s[box].shape == now.shape and
                    float(cv2.absdiff(s[box], t.template).mean()) <= float(cv2.absdiff(s[box], now).mean())]
            t.strips, t.strip_colour = [t.strips[k] for k in keep], [t.strip_colour[k] for k in keep]
        # where it lost a fifth of its letters' core at once since the last look, it left then
        # (the new text matched part of it there and was followed on: 'IT HAD' ran 6 frames
        # into 'A SHAPE' over a zebra's stripes)
        t.end = t.dropped_at if index - self.step - self.settle <= t.dropped_at < index else index
        self._ended(t)

    def _still_there(self, t, image: np.ndarray, block) -> bool:
        """The caption ``t`` follows is what the detector sees in ``block``: ``match`` of the
        block's letter pixels now are within ``tolerance`` of ``t``'s template. (Its own
        pixels there do not tell: letters over a texture change a quarter of them.)"""
        import cv2

        x0, y0 = max(int(block[0]), t.box[0]), max(int(block[1]), t.box[1])
        x1, y1 = min(int(np.ceil(block[2])), t.box[2]), min(int(np.ceil(block[3])), t.box[3])
        if x1 - x0 < 4 or y1 - y0 < 4:
            return True
        now = image[y0:y1, x0:x1]
        letters = letters_mask(now)
        n = int(np.count_nonzero(letters))
        if n < 16:
            return True
        then = t.template[y0 - t.box[1] : y1 - t.box[1], x0 - t.box[0] : x1 - t.box[0]]
        if np.count_nonzero((cv2.absdiff(now, then) <= self.tolerance) & letters) >= self.match * n:
            return True
        # or its letters' shapes are where they were, in another colour (a karaoke word turning
        # yellow: its levels changed, its letters did not)
        old = letters_mask(then)
        both = int(np.count_nonzero(old & letters))
        return both >= SAME_SHAPES * int(np.count_nonzero(old | letters))


def _letters_gone(t, close: np.ndarray) -> bool:
    """The letters' side of the caption's edges lost at once while the other side holds: the
    letters left their box, outline or plate (white subtitles on a black box over dark
    footage: the box's side of the old letters' edges matched whatever was written next, and
    one caption was followed over four subtitles). Only where an enclosure told the letters
    (:func:`letters.enclosed_letters`): a photo taken for the letters would leave so at a cut."""
    if t.letter_core is None:
        return False
    on, off = _letter_side(t), t.core & ~t.letter_core
    n_on, n_off = int(np.count_nonzero(on)), int(np.count_nonzero(off))
    if n_on < 0.1 * (n_on + n_off) or n_off < 16:
        return False
    k_on, k_off = int(np.count_nonzero(close & on)), int(np.count_nonzero(close & off))
    if k_on < 0.25 * n_on and k_off >= 0.75 * n_off:
        return True
    # or over half of it at once where it had held nearly whole and the other side holds:
    # white letters over a pale picture, whose letters' side of their edges is half the
    # picture's shade (the picture matched 0.44 of it and one caption was followed 85 frames
    # on, read as nothing); not a side worn away frame by frame (a photo's print under a pan)
    # (the whole letter side counted last: this runs on every frame a caption loses core pixels)
    if k_on < LETTERS_LEFT * n_on and k_off >= OTHER_HELD * n_off \
            and n_on >= OTHER_HELD * int(np.count_nonzero(t.letter_core)):
        return True
    # or most of it at once where the other side mostly holds, its letters worn a little by a
    # slow pan: a shadowed caption's shadow leaves with its letters (thin white serif letters
    # with a shadow over the Moon's pale craters kept a third of their side, the other side
    # 0.84 with the shadow gone, and one caption was followed over the next two, all lost)
    return k_on < LETTERS_MOSTLY_LEFT * n_on and k_off >= OTHER_MOSTLY_HELD * n_off \
        and n_on >= OTHER_MOSTLY_HELD * int(np.count_nonzero(t.letter_core))


def letters_held(t) -> bool:
    """Following kept nearly all (``LETTERS_HELD``) of the letters' own side of their edges,
    where an enclosure told the letters (``Track.letter_core``)."""
    if t.letter_core is None or t.core is None:
        return False
    n = int(np.count_nonzero(t.letter_core))
    return n >= 16 and np.count_nonzero(_letter_side(t)) >= LETTERS_HELD * n


def _letter_side(t) -> np.ndarray:
    """The pixels of the caption's letter core still followed that lie on the letters' side."""
    return t.core & t.letter_core
