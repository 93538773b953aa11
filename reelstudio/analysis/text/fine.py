"""The contrast shown of a caption in a source the text lane reads downscaled, measured on
the source's own pixels: the decoder keeps every ``FINE_EVERY``-th frame whole at full size
(media.video.FrameRequest.fine_every) and following keeps each caption's box from those frames
(``Track.fine``). At half size a regular 22-32 px subtitle's strokes are a pixel wide and
blurred into their box (text.contrast measures them there for everything the lane decides by).
"""

from __future__ import annotations

import numpy as np

from .contrast import (
    COLOURED_SHARE,
    _eroded,
    _thin,
    coloured_share,
    crops_levels,
    glyph_contrast,
    shown_contrast,
    tinted_levels,
)
from .letters import otsu, split_letters

FINE_MIN = 1  # full-size crops a caption needs for its contrast to be measured on them
# a figure this high at analysis size stands (21:1 is white on black: the blur of the half-size
# picture only brings letters and surround together, and the bench reel's outlined subtitles,
# all at 21:1, cost the text lane 1.3 CPU-s more measured again)
FINE_TOP = 20.5


def fine_crops(t, scale: float) -> tuple[list[np.ndarray], list[np.ndarray]] | None:
    """Caption ``t``'s box (analysis px) in the full-size crops its frames kept (``t.fine``:
    frame, box, media.video.FineCrop), those of its own frames whose box holds its box: the
    gray crops and their colour, or None with fewer than FINE_MIN. ``scale``: source px per
    analysis px."""
    x0, y0, x1, y1 = t.box
    end = t.end if t.end is not None else 1 << 60
    grays, rgbs = [], []
    for index, (a, b, c, d), crop in t.fine:
        if not (t.start <= index < end and a <= x0 and b <= y0 and x1 <= c and y1 <= d):
            continue
        fx, fy = int(np.floor(x0 * scale)) - int(np.floor(a * scale)), int(np.floor(y0 * scale)) - int(np.floor(b * scale))
        fw, fh = int(np.ceil(x1 * scale)) - int(np.floor(x0 * scale)), int(np.ceil(y1 * scale)) - int(np.floor(y0 * scale))
        g = crop.gray()[fy:fy + fh, fx:fx + fw]
        if g.shape == (fh, fw):
            grays.append(g)
            rgbs.append(crop.rgb()[fy:fy + fh, fx:fx + fw])
    return (grays, rgbs) if len(grays) >= FINE_MIN else None


def tint_of(crops: list[np.ndarray], colour: list | None, letters: np.ndarray) -> np.ndarray | None:
    """The colour of bright coloured letters ``letters`` as a tint of their luma: R'G'B' minus
    luma over luma (three ratios), the median over the eroded letters' brightest tenth (luma at
    or over their 90th percentile) in the gray ``crops`` whose ``colour`` was kept (beside
    them, None where not). Blurred into a black box at half size, thin yellow strokes keep their
    tint where their luma and chroma both fell: (31, 7, -102) over a luma of 101 at 960x540
    for (49, 15, -206) over 206. Thin letters (_thin) count whole. None under 4 pixels."""
    core = letters if _thin(letters) else _eroded(letters)  # (strokes about a pixel wide: the letters)
    pairs = [(c, rgb) for c, rgb in zip(crops, colour or ()) if rgb is not None and rgb.shape[:2] == c.shape]
    if core.sum() < 4 or not pairs:
        return None
    y = np.concatenate([g[core] for g, _ in pairs]).astype(np.float32)
    rgb = np.concatenate([c[core] for _, c in pairs]).astype(np.float32)
    top = y >= np.percentile(y, 90)
    if top.sum() < 4 or float(np.median(y[top])) < 16.0:
        return None
    return np.median((rgb[top] - y[top, None]) / y[top, None], axis=0)


def fine_measure(grays: list[np.ndarray], rgbs: list[np.ndarray], scale: float, tint: np.ndarray | None = None):
    """``measure(letters, bright, kind)`` for letters found at analysis size, taken on the
    full-size crops ``grays`` (colour ``rgbs``): the letters' pixels there are the median
    crop's pixels on their side of Otsu's split within the letters' footprint (their analysis
    pixels, widened by a source pixel per analysis pixel). A band beside them that only stands
    apart from the picture is an outline where the analysis size found one (``kind``, as
    _against_surround set it), one at the scale's far end wherever it is. None where under 8
    letter pixels are left. Coloured letters (``tint``: tint_of their analysis-size crops,
    where COLOURED_SHARE of them are coloured there) are measured on their luma at full size
    tinted by it; letters coloured at full size without a tint give None. The chroma has half
    the luma's resolution, the analysis size's own (keeps_chroma), and at full size it bleeds
    from the box into thin strokes (yellow on an opaque box read 14.9-15.0:1 for 15.6 on the
    full-size chroma, and 13.3 where the bleeding left under COLOURED_SHARE of its letters
    coloured; 9.3-15.0 at analysis size).

    At half size a regular 22 px subtitle's strokes are a pixel wide and blurred into its
    box: white letters on an opaque black box measured 9.1:1 for 20.5, 13.5 for 21 (the upper
    decile of their pixels, 150-170 levels for 252). At full size the encoder's ringing beside
    white letters made a dark band that stood apart from a 60 % box over a bright picture as
    an outline does (19.6:1 for 6.8); a thin black outline that the half-size picture blurs
    into the picture beside it is found at full size (measured against the picture beyond it,
    9.2:1 for 21)."""
    import cv2

    stack = np.stack(grays)
    med = np.median(stack, axis=0).astype(np.uint8)
    h, w = med.shape
    reach = int(np.ceil(scale))
    kernel = np.ones((2 * reach + 1, 2 * reach + 1), np.uint8)
    levels = crops_levels(grays, rgbs)

    def measure(letters: np.ndarray, bright: bool, kind: str | None) -> float | None:
        """(``kind``: the surround the analysis size found: see above)"""
        foot = cv2.resize(letters.astype(np.uint8), (w, h), interpolation=cv2.INTER_NEAREST)
        foot = cv2.dilate(foot, kernel).astype(bool)
        if foot.sum() < 16:
            return None
        cut = otsu(med[foot])
        found = foot & ((med > cut) if bright else (med <= cut))
        if found.sum() < 8 or found.all():
            return None
        here = levels
        coloured = bool(levels[1]) and coloured_share(levels[1], found) > COLOURED_SHARE
        if tint is not None and bright:
            here = ([tinted_levels(g, c, found, tint) for g, c in zip(grays, rgbs)], levels[1])
        elif coloured:
            return None
        return glyph_contrast(grays, found, bright, 1.0, levels=here, apart_outline=kind == "outline")

    return measure


def fine_shown(t, seen, scale: float) -> float | None:
    """The contrast shown of caption ``t`` (shown_contrast), measured on the full-size crops of
    a downscaled source's frames (fine_measure), or None without them or where the analysis
    size's figure ``seen`` gives (reading.Reading._letters_of) is at FINE_TOP. Only the figure
    shown: the texture and scrap guards keep the analysis size's, on which they were set.
    ``scale``: source px per analysis px."""
    _, med, region, threshold, bright, contrast, shown, _, _ = seen
    if not t.fine or shown >= FINE_TOP:
        return None  # (a figure at the top of the scale: the half-size picture lost nothing)
    got = fine_crops(t, scale)
    if got is None:
        return None
    levels = crops_levels(t.crops, t.colour)
    lit = (med > threshold) if bright else (med <= threshold)
    letters = split_letters(lit & region, ~lit, t.lines, t.grow)
    # (coloured as the analysis size shows them: at full size the box's chroma bleeds into
    # thin strokes, and under COLOURED_SHARE of a 26 px yellow line's pixels looked coloured)
    coloured = bright and levels[1] and coloured_share(levels[1], letters if _thin(letters) else _eroded(letters)) > COLOURED_SHARE
    tint = tint_of(t.crops, t.colour, letters) if coloured else None
    measure = fine_measure(*got, scale, tint=tint)

    def at_full_size(found: np.ndarray, lit: bool) -> float:
        # (the surround's kind as the analysis size finds it: see fine_measure)
        out: dict = {}
        here = glyph_contrast(t.crops, found, lit, scale, levels=levels, out=out)
        fine = measure(found, lit, out.get("kind"))
        return here if fine is None else fine

    own = at_full_size(letters, bright)
    if shown == contrast:
        return own  # (the lines' split is asked again only where it gave the figure at analysis size)
    # where the lines' split gave it, that split alone: the reading's, weaker at analysis size,
    # may be of the wrong side (the dark picture under a 60 % box taken for the letters, 1.5:1
    # there) and at full size measure the letters as its outline (18.9:1 for 13.6)
    lines = shown_contrast(med, t, letters, 0.0, at_full_size, rgbs=levels[1])
    return lines if lines > 0.0 else own

