"""The contrast of a followed caption: its letters against what immediately surrounds them
(an outline or a box where there is one, else the picture right beside them), as a WCAG 2.x
ratio (issue 12). Kept apart from the reading, which only needs the figure.

Measured as the captions corpus defines it (tests/corpus/captions_styles.py): the letters'
fill against the outline's pixels for outlined text, else against the pixels 2-4 source px
from the letters (a box, a shadow, the picture); the levels are medians over the caption's
kept crops, the ratio taken last. Where the lane kept a crop's colour (Pictures.colour), a
coloured pixel counts by its WCAG relative luminance (sRGB -> linear, 0.2126 R + 0.7152 G +
0.0722 B), a nearly neutral one by the gray (its luma is its luminance, and the 4:2:0
chroma's fringe round white or black letters stays out): in the gray alone, yellow letters
counted as their luma (~13.3:1 over black for 15.6:1). Where the letters lie (the split, the
masks) is still the gray's. What no reader of the decoded frames can undo: the encoder's blur
right beside small letters (bench/contrast_floor.py measures that floor).

A source the lane reads downscaled (1080x1920 and 1920x1080 at half size) has its contrast
shown measured again at full size, on the caption's box in the frames the decoder kept whole
(fine_crops, fine_measure); the analysis size's figure stays where there are none, for
coloured letters, and for the lane's own decisions (texture, scraps).
"""

from __future__ import annotations

import numpy as np

from .letters import enclosed_by, letters_split, otsu, split_letters, wcag_contrast

GLYPH_Q = 90  # the letters' fill: this percentile of their eroded pixels, toward their own side
# bright coloured letters (this share of their eroded pixels coloured): the fill at this lower
# percentile, unless it lies more than COLOURED_GAP levels under GLYPH_Q's (thin strokes the
# encoder blurred into their box, whose fill only the upper decile shows). Thick yellow letters
# over a black outline read 16.0-16.7:1 for 15.6 at the upper decile: the 4:2:0 chroma's
# overshoot lifts a tenth of their pixels above the fill
COLOURED_SHARE, COLOURED_Q, COLOURED_GAP = 0.8, 70, 10.0
# strokes about one analysis px wide (small type in a downscaled source: a 1920x1080 subtitle of
# 15-18 px capitals read at 960x540): the eroded letters are a few blurred pixels (6 of 450
# for 'Guess how many tacos we sold', white on an opaque box: 5.3:1 for 21), so where erosion
# keeps under THIN_CORE of them the fill is the letters' own THIN_Q-th percentile
THIN_CORE, THIN_Q = 0.05, 97
NEAR_PX = 3.0  # analysis px from the letters an outline may reach (5 px at full size is 2.5 at half)
SURROUND_SRC_PX = (2.0, 4.0)  # the surround of text without an outline, in source px
OUTLINE_STEP = 1.5  # an outline: a band beside the letters this far (WCAG ratio) beyond the picture
# ... or at the far end of the scale, within this many levels of black (white, for dark
# letters): a black outline round white letters over a dark picture (16-45) stood only
# 1.1-1.3x beyond it, and was measured against the picture 2-4 px out (14.9-18.7:1 for 21).
# Where the picture itself is that black (a night scene, an opaque box) either measure gives it
OUTLINE_END = 4.0
# the outline's level: this percentile of the pixels beside the letters, away side. A thin
# outline at half size is one pixel wide and blurred into the letters and the picture: its
# 5th percentile read 8-13 levels for black (19.4-20.0:1 for 21), its 1st the outline's own
OUTLINE_Q = 1
# below this, the figure also tells letters from texture (the reader's ``min_contrast`` 1.5,
# set on the ring right beside the letters): there the lower of the two measures is given
TEXTURE_BELOW = 2.0
# a pixel whose R'G'B' channels lie less than this apart counts by its gray level (luma): the
# chroma of 4:2:0 video round white or black letters (bench/contrast_floor.py's mixed@lane)
NEUTRAL = 32

_c = np.arange(256, dtype=np.float64) / 255.0
_LIN = np.where(_c <= 0.04045, _c / 12.92, ((_c + 0.055) / 1.055) ** 2.4)
# each channel's share of the relative luminance, by its 8-bit value
_R, _G, _B = (np.float32(k) * _LIN.astype(np.float32) for k in (0.2126, 0.7152, 0.0722))


def luminance_levels(gray: np.ndarray, rgb: np.ndarray) -> np.ndarray:
    """``gray`` (uint8) as float levels, its coloured pixels replaced by the sRGB gray level of
    the same WCAG relative luminance as their colour in ``rgb`` (uint8, same size): the scale
    the gray measures are taken on, so a gray crop's levels are its own."""
    import cv2

    levels = gray.astype(np.float32)
    r, g, b = cv2.split(rgb)
    spread = cv2.subtract(cv2.max(cv2.max(r, g), b), cv2.min(cv2.min(r, g), b))
    coloured = spread >= NEUTRAL
    if coloured.any():
        lum = _R[r[coloured]] + _G[g[coloured]] + _B[b[coloured]]
        enc = np.where(lum <= 0.0031308, 12.92 * lum, 1.055 * np.power(lum, np.float32(1 / 2.4)) - 0.055)
        levels[coloured] = 255.0 * enc
    return levels


def crops_levels(crops: list[np.ndarray], colour: list | None) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The crops whose colour was kept, on luminance levels (luminance_levels), and that
    colour; all the gray crops and no colour when none was (a source that is not 8-bit 4:2:0,
    a caption fed gray pictures). (The crops taken from the frames before the caption was
    found have no colour: counted with the others, they would pull yellow letters back toward
    their luma.) What glyph_contrast measures on: made once where a caption's letters are
    measured on several splits (its ``levels=``)."""
    pairs = [(c, rgb) for c, rgb in zip(crops, colour or ()) if rgb is not None and rgb.shape[:2] == c.shape]
    if not pairs:
        return crops, []
    return [luminance_levels(c, rgb) for c, rgb in pairs], [rgb for _, rgb in pairs]


def glyph_contrast(crops: list[np.ndarray], letters: np.ndarray, bright: bool, scale: float = 1.0,
                   colour: list | None = None, levels: tuple | None = None, apart_outline: bool = True,
                   out: dict | None = None) -> float:
    """WCAG 2.x contrast of the letters ``letters`` (bool, crop shape; bright letters when
    ``bright``) against their surround, over the caption's gray ``crops``; ``scale``: source
    pixels per analysis pixel; ``colour``: each crop's RGB (uint8) or None, beside ``crops``;
    ``levels``: crops_levels(crops, colour), when already made; ``apart_outline``: whether a
    band beside the letters standing apart from the picture makes an outline (else only one
    at the scale's far end does: _outlined); ``out``: given, its "kind" is set to the kind of
    surround measured against (_against_surround)."""
    if letters.all() or not crops:
        return 1.0
    crops, rgbs = levels if levels is not None else crops_levels(crops, colour)
    measured = _against_surround(crops, letters, bright, scale, rgbs, apart_outline=apart_outline, out=out)
    if measured < TEXTURE_BELOW:
        # a photo's texture split as "letters" measured 1.50-1.68 here for 1.37 and under 1.5
        # beside them ('ae' over the motorcycle photo, read as a caption)
        return min(measured, _beside(crops, letters, bright))
    if scale > 1.0 and _thin(letters):
        # (only past the texture line: the figure that tells letters from texture stays)
        return _against_surround(crops, letters, bright, scale, rgbs, thin=True, apart_outline=apart_outline)
    return measured


def _eroded(letters: np.ndarray) -> np.ndarray:
    import cv2

    return cv2.erode(letters.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)


def _thin(letters: np.ndarray) -> bool:
    """Letters whose strokes erosion nearly wipes out (see THIN_CORE)."""
    return int(_eroded(letters).sum()) < THIN_CORE * int(letters.sum())


def _beside(crops: list[np.ndarray], letters: np.ndarray, bright: bool) -> float:
    """The letters' upper quartile (lower, for dark letters) against the pixels 1-2.5 px from
    them, per crop over four crops, the median ratio: the lane's measure up to version 7."""
    import cv2

    core = cv2.erode(letters.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    if core.sum() < 4:
        core = letters
    dist = cv2.distanceTransform((~letters).view(np.uint8), cv2.DIST_L2, 3)
    ring = (dist > 0.9) & (dist <= 2.5)
    if ring.sum() < 8:
        ring = ~letters
    q = 75 if bright else 25
    picked = crops[:: max(1, len(crops) // 4)]
    return float(np.median([wcag_contrast(float(np.percentile(c[core], q)), float(np.median(c[ring])))
                            for c in picked]))


def coloured_share(rgbs: list[np.ndarray], mask: np.ndarray) -> float:
    """The share of ``mask``'s pixels that are coloured (channels NEUTRAL or more apart) in the
    crops' colour ``rgbs``, over six of them (a caption keeps dozens: 10 ms a caption)."""
    import cv2

    picked = rgbs[:: max(1, len(rgbs) // 6)]
    coloured = 0
    for rgb in picked:
        r, g, b = cv2.split(rgb)
        spread = cv2.subtract(cv2.max(cv2.max(r, g), b), cv2.min(cv2.min(r, g), b))
        coloured += int(np.count_nonzero(spread[mask] >= NEUTRAL))
    return coloured / max(1, int(mask.sum()) * len(picked))


def _glyph_q(stack: np.ndarray, core: np.ndarray, rgbs: list[np.ndarray], bright: bool) -> float:
    """The percentile of the letters' eroded pixels ``core`` that is their fill, over the
    crops' levels ``stack`` (see COLOURED_SHARE)."""
    if not bright or not rgbs or core.sum() < 4 or coloured_share(rgbs, core) <= COLOURED_SHARE:
        return GLYPH_Q
    fill = stack[:, core]
    upper, lower = (float(np.median(np.percentile(fill, q, axis=1))) for q in (GLYPH_Q, COLOURED_Q))
    return GLYPH_Q if upper - lower > COLOURED_GAP else COLOURED_Q


def _against_surround(crops: list[np.ndarray], letters: np.ndarray, bright: bool, scale: float,
                      rgbs: list[np.ndarray] = (), thin: bool = False, apart_outline: bool = True,
                      out: dict | None = None) -> float:
    """The letters against an outline, else the box or picture 2-4 source px out (see the
    module docstring); ``rgbs``: the crops' colour, where kept (_glyph_q); ``thin``: the fill
    from the letters themselves (THIN_Q); ``apart_outline``: see _outlined. The surround is
    one of three kinds, set in ``out["kind"]``: "fill" (the split took a thin outline for the
    letters: their fill against it), "outline", or "plain" (the box or picture)."""
    import cv2

    out = {} if out is None else out
    stack = np.stack(crops).astype(np.float32)
    core = _eroded(letters)
    glyph_q = _glyph_q(stack, core, list(rgbs), bright)
    if thin:
        core, glyph_q = letters, THIN_Q
    elif core.sum() < 4:
        core = letters
    dist = cv2.distanceTransform((~letters).view(np.uint8), cv2.DIST_L2, 3)

    def ring(a: float, b: float) -> np.ndarray:
        return (dist > a) & (dist <= b)

    def level(mask: np.ndarray, q: float) -> float:
        """The ``q``-th percentile (toward the letters' own side) of ``mask``'s pixels in each
        crop, the median over the crops (a percentile of 50 is the median)."""
        return float(np.median(np.percentile(stack[:, mask], q if bright else 100 - q, axis=1)))

    def apart(v: float, picture: float) -> bool:
        """Level ``v`` lies beyond the ``picture``'s, away from the letters, by OUTLINE_STEP."""
        return (v < picture if bright else v > picture) and wcag_contrast(v, picture) >= OUTLINE_STEP

    # the letters' fill: eroded, their strokes are still partly anti-aliased and blurred by
    # the encoder at analysis size; the upper decile (lower, for dark letters) is their fill
    glyph = level(core, glyph_q)
    lo, hi = SURROUND_SRC_PX[0] / scale, SURROUND_SRC_PX[1] / scale
    far = ring(lo, hi)
    if far.sum() < 8:
        far = ~letters
    # the split may have taken a thin outline for the letters (white letters outlined black
    # over a light picture, at half size): then what it encloses, more than its own area and
    # further from it than the picture outside, is the letters' fill, and the outline is
    # measured as below (the fill against the outline's band was 12:1 for 21:1)
    holes = _enclosed(letters)
    if holes.sum() >= letters.sum():
        fill, outside = level(holes, 100 - GLYPH_Q), level(~letters & ~holes, 50)
        if apart(fill, outside):
            out["kind"] = "fill"
            return wcag_contrast(fill, level(letters, 100 - OUTLINE_Q))
    # an outline: one of the bands right beside the letters stands out from the picture
    # beyond it, away from the letters (a box or plain text over the picture does not: there
    # the surround is the box or picture 2-4 px out, as the corpus measures it). Against the
    # pixels 1.5-3 px out, thin outlines at half size were measured against the picture
    # beyond them (5-15:1 for 21:1), and against 2-4 px, thick ones' blurred inner rim.
    bands = [b for b in (ring(0.5, 1.01), ring(1.01, 1.5), ring(1.5, NEAR_PX)) if b.sum() >= 8]
    beyond = ring(max(NEAR_PX, hi), max(NEAR_PX, hi) + 2.0)
    if beyond.sum() < 8:
        beyond = far
    if bands and _outlined(bands, level, level(beyond, 50), bright, apart if apart_outline else None):
        # its pixels at full cover: the far end of everything beside the letters
        out["kind"] = "outline"
        return wcag_contrast(glyph, level(ring(0.5, NEAR_PX), OUTLINE_Q))
    out["kind"] = "plain"
    return wcag_contrast(glyph, level(far, 50))


def _outlined(bands: list[np.ndarray], level, picture: float, bright: bool, apart) -> bool:
    """Whether one of the ``bands`` beside the letters is an outline: the one furthest from the
    letters' side stands beyond the ``picture`` by OUTLINE_STEP (``apart``; None: not asked),
    or within OUTLINE_END of the scale's far end (_against_surround)."""
    levels = [level(b, 50) for b in bands]
    side = min(levels) if bright else max(levels)  # the band furthest from the letters' side
    return (apart is not None and apart(side, picture)) or (side <= OUTLINE_END if bright else side >= 255.0 - OUTLINE_END)


# the letters of a caption cover this share of its text lines' area at the least (bold
# captions ~0.3-0.5, thin ones ~0.15): a split of the steady pixels giving less found no letters
LETTERS_MIN_SHARE = 0.08


# ... and at the most (a split giving more took the picture beside them with them: white
# letters over a pale wall with a dark arm beside it, 'letters' = wall and letters, 77 % of the
# lines, measured against the arm at 8.3:1 for 1.8), unless they enclose a fill (an outline's
# letters over a bright picture: the outline and the fill it rings, 0.56-0.79 of the lines)
LETTERS_MAX_SHARE = 0.6
COLOURED_STANDS = 4.5  # see shown_contrast
ENCLOSED_MIN = 0.25  # see _took_picture


def _enclosed(letters: np.ndarray) -> np.ndarray:
    """The other class's parts that ``letters`` enclose (not reaching the crop's edge)."""
    import cv2

    _, label = cv2.connectedComponents((~letters).view(np.uint8), connectivity=4)
    edge = np.unique(np.concatenate([label[0], label[-1], label[:, 0], label[:, -1]]))
    return ~letters & ~np.isin(label, edge)


def _encloses_fill(letters: np.ndarray) -> bool:
    """Whether what ``letters`` enclose is as large as they are (as _against_surround takes an
    outline's fill)."""
    return int(_enclosed(letters).sum()) >= int(letters.sum())


def _inner_class(med: np.ndarray, area: np.ndarray, found: np.ndarray, lit: bool, t) -> np.ndarray:
    """The letters of a split that took picture with them: Otsu's split within ``found``, its
    class toward the letters' side (brighter when ``lit``)."""
    cut = otsu(med[found])
    inner = found & ((med > cut) if lit else (med <= cut))
    return split_letters(inner & area, ~inner, t.lines, t.grow)


def _took_picture(found: np.ndarray, letters: np.ndarray, other: np.ndarray) -> bool:
    """Whether the pixels a second split ``found`` beyond the reading's ``letters`` (a pixel
    away) are mostly picture: under ENCLOSED_MIN of them enclosed by the split's ``other``
    class (an outline or a box encloses letters; a sky between two lines reaches the crop's
    edge: 0 % enclosed, a karaoke line's other words 46-85 %)."""
    import cv2

    extra = found & ~cv2.dilate(letters.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    return bool(extra.any()) and int((extra & enclosed_by(other)).sum()) < ENCLOSED_MIN * int(extra.sum())


def lines_letters(med: np.ndarray, t):
    """Otsu's split of the median crop ``med`` over caption ``t``'s text lines themselves,
    letters and what surrounds them: (the lines' area, the threshold, True for bright
    letters, the letters), or None."""
    area = np.zeros(med.shape, bool)
    for x0, y0, x1, y1 in t.lines:
        area[max(0, y0):y1, max(0, x0):x1] = True
    split = letters_split(med, area) if area.any() else None
    if split is None:
        return None
    threshold, lit = split
    other = (med <= threshold) if lit else (med > threshold)
    return area, threshold, lit, split_letters(~other & area, other, t.lines, t.grow)


def shown_contrast(med: np.ndarray, t, letters: np.ndarray, contrast: float, measure,
                   rgbs: list[np.ndarray] = ()) -> float:
    """The contrast the lane gives a caption: ``contrast`` (``measure(letters, bright)`` on the
    reading's split of its steady pixels) or the same measure on a split of the median crop
    over the text lines themselves, letters and what surrounds them, whichever is higher; the
    latter alone where the reading's letters cover under LETTERS_MIN_SHARE of the lines.

    Over footage moving behind a see-through box, or words changing colour (karaoke), the
    steady pixels are the letters alone, and their split split the letters' own shades: a few
    specks, measured 1.0-3.6:1 for white letters boxed or outlined in black (12-21:1). A split
    that mixes letters with their surround can only bring the two levels together, so of the
    two splits the higher figure is the one that kept them apart (thin outlines at half size
    are the lines split's weak point: 9-10:1 for 21:1, where the reading's split gave 20).
    The reading keeps its own split, and so does the texture gate (``contrast``): it reads
    those captions right, and a second split must not let texture in.

    ``rgbs``: the crops' colour, where kept. Coloured letters standing out as text does
    (COLOURED_STANDS) whose lines split is not coloured, and took what no outline or box
    encloses with them (_took_picture), keep the reading's figure: that split took a pale
    picture between the lines (yellow letters outlined black over a white-grey sky, 20.8:1 for
    15.6). (A karaoke word's colour split from the others' measured 1.0-3.6:1 or 9.9-17.6, its
    lines split the other words' outlined letters as well; a split of a see-through box's
    coloured picture as dark "letters" 1.3.)"""
    got = lines_letters(med, t)
    if got is None:
        return contrast
    area, cut, lit, found = got
    if found.sum() > LETTERS_MAX_SHARE * area.sum() and not _encloses_fill(found):
        found = _inner_class(med, area, found, lit, t)
    if found.sum() < max(8, LETTERS_MIN_SHARE * area.sum()):
        return contrast
    if rgbs and lit and contrast >= COLOURED_STANDS and coloured_share(rgbs, _eroded(letters)) > COLOURED_SHARE \
            and coloured_share(rgbs, _eroded(found)) <= COLOURED_SHARE \
            and _took_picture(found, letters, area & ~(med > cut)):
        return contrast
    measured = measure(found, lit)
    return measured if letters.sum() < LETTERS_MIN_SHARE * area.sum() else max(contrast, measured)


def tinted_levels(gray: np.ndarray, rgb: np.ndarray, mask: np.ndarray, tint: np.ndarray) -> np.ndarray:
    """luminance_levels(gray, rgb), ``mask``'s pixels taken as their luma tinted by ``tint``
    (fine.tint_of): R'G'B' = luma x (1 + tint). A full-size crop's chroma has half its luma's
    resolution and bleeds from the box into thin coloured strokes."""
    lut = _tint_lut(tuple(np.round(tint, 4).tolist()))
    levels = luminance_levels(gray, rgb)
    levels[mask] = lut[gray[mask]]
    return levels


def _tint_lut(tint: tuple) -> np.ndarray:
    y = np.arange(256, dtype=np.float64)[:, None]
    rgb = np.clip(np.rint(y * (1.0 + np.asarray(tint)[None, :])), 0, 255).astype(np.intp)
    lum = _R[rgb[:, 0]] + _G[rgb[:, 1]] + _B[rgb[:, 2]]
    enc = np.where(lum <= 0.0031308, 12.92 * lum, 1.055 * np.power(lum, np.float32(1 / 2.4)) - 0.055)
    return (255.0 * enc).astype(np.float32)
