"""The contrast of a followed caption: its letters against what immediately surrounds them
(an outline or a box where there is one, else the picture right beside them), as a WCAG 2.x
ratio (issue 12). Kept apart from the reading, which only needs the figure."""

from __future__ import annotations

import numpy as np

from .letters import wcag_contrast


def glyph_contrast(crops: list[np.ndarray], letters: np.ndarray, bright: bool) -> float:
    """WCAG 2.x contrast of the letters ``letters`` (bool, crop shape; bright letters when
    ``bright``) against their surround, over a few of the caption's gray ``crops``."""
    import cv2

    # contrast: eroded letters against the other pixels of the box, per crop
    core = cv2.erode(letters.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    if core.sum() < 4:
        core = letters
    # what immediately surrounds the letters: the pixels 1.5-3 px from them (the first,
    # anti-aliased pixel skipped) - an outline or a box where there is one, else the
    # picture right beside them. (Against every other pixel of the box, outlined text
    # was measured against the picture beyond its outline: 2-5:1 for 21:1.)
    dist = cv2.distanceTransform((~letters).view(np.uint8), cv2.DIST_L2, 3)
    ring = (dist > 0.9) & (dist <= 2.5)
    if ring.sum() < 8:
        ring = ~letters
    # the letters' fill: the upper (lower, for dark letters) quartile of their eroded
    # pixels, as small letters' strokes are mostly anti-aliased edge at analysis size
    q = 75 if bright else 25
    picked = crops[:: max(1, len(crops) // 4)]  # a few, spread over its life
    contrasts = [wcag_contrast(float(np.percentile(c[core], q)), float(np.median(c[ring])))
                 for c in picked if ring.any()]
    return float(np.median(contrasts)) if contrasts else 1.0
