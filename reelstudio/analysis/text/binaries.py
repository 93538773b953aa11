"""Letters black on white for a doubtful read's second tries (reading.Reading._rescue): the
class another encloses, and what stands out of its own neighbourhood."""

from __future__ import annotations

import numpy as np

from .letters import clean_letters, enclosed_by, otsu, outlined_only


def enclosed_binary(big: np.ndarray, cut: float, bright: bool, lines: list | None = None,
                     grow: int = 0) -> np.ndarray:
    """Letters black on white: the pixels of one class (brighter than ``cut`` when
    ``bright``) that the other class encloses (above and below the box counting as it),
    as an outline or a box encloses the letters and not the picture around them; cleaned
    like the first read's letters (``lines``, ``grow``: :func:`clean_letters`), as bits of
    bright picture the outlines of two letters enclose are specks ('способ приготовить'
    over a white motorcycle part read 'способприготовить', 0.2 sure)."""
    import cv2

    cls = big > cut if bright else big <= cut
    letters = enclosed_by(np.pad(~cls, ((1, 1), (0, 0)), constant_values=True))[1:-1] & cls
    if lines is not None:
        letters = clean_letters(letters, lines, grow)
    letters = outlined_only(letters, big)
    return cv2.copyMakeBorder(np.where(letters, 0, 255).astype(np.uint8), 16, 16, 16, 16,
                              cv2.BORDER_CONSTANT, value=255)


def tophat_binary(big: np.ndarray, bright: bool, line_h: float) -> np.ndarray:
    """Letters black on white from what stands out of its own neighbourhood: the white
    (black, for dark letters) top-hat with a disc of 0.6 of the detector line's height
    ``line_h`` (the letters' own height, measured on a letter mask the busy picture broke,
    came out too small and left only the strokes' rims), split by Otsu."""
    import cv2

    k = max(3, int(round(0.6 * line_h)) | 1)
    hat = cv2.morphologyEx(big, cv2.MORPH_TOPHAT if bright else cv2.MORPH_BLACKHAT,
                           cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k)))
    letters = hat > otsu(hat)
    return cv2.copyMakeBorder(np.where(letters, 0, 255).astype(np.uint8), 16, 16, 16, 16,
                              cv2.BORDER_CONSTANT, value=255)
