"""The letters in a caption's pixels: the split from the picture, clean-up, how far a read
held, how sure a read is of being words, type size and WCAG contrast."""

from __future__ import annotations

import re

import numpy as np

def otsu(values: np.ndarray) -> float:
    hist = np.bincount(values.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128.0
    w0 = np.cumsum(hist)
    m = np.cumsum(hist * np.arange(256))
    w1 = total - w0
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (m[-1] * w0 / total - m) ** 2 / (w0 * w1)
    between[~np.isfinite(between)] = 0
    return float(np.argmax(between)) + 0.5


def fill_cut(values: np.ndarray, bright: bool) -> float | None:
    """A cut between the letters' fill and picture of the same class (``values``: the gray
    levels of the class the letters are in, brighter when ``bright``), or None when that class
    is one level: a caption's fill is one flat colour, so a second, well-apart level beside it
    is picture (a white parrot's face behind outlined 'теперь' came out as letters at 170-220
    against their 255, and the word read as blots)."""
    if values.size < 64:
        return None
    cut = otsu(values)
    v = values.astype(np.float64)
    fill, rest = (v[v > cut], v[v <= cut]) if bright else (v[v <= cut], v[v > cut])
    if fill.size < 0.3 * v.size or rest.size < 0.05 * v.size:
        return None
    if abs(fill.mean() - rest.mean()) < 40 or fill.std() > 15:
        return None
    return cut


def enclosed_by(cls: np.ndarray) -> np.ndarray:
    """Pixels outside ``cls`` that cannot reach the crop's edge without crossing ``cls``."""
    import cv2

    free = (~cls).astype(np.uint8)
    n, labels = cv2.connectedComponents(free, connectivity=4)
    edge = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    return (labels > 0) & ~np.isin(labels, edge[edge > 0])


def letters_mask(crop: np.ndarray, region: np.ndarray | None = None) -> np.ndarray:
    """See :func:`letters_split`: the letter pixels of ``crop`` (within ``region``)."""
    split = letters_split(crop, region)
    if split is None:
        return np.zeros(crop.shape, bool)
    t, bright = split
    cls = crop > t if bright else crop <= t
    return cls & region if region is not None else cls


def letters_split(crop: np.ndarray, region: np.ndarray | None = None) -> tuple[float, bool] | None:
    """How the letters of a gray caption crop stand out: (Otsu's threshold over ``region``,
    the whole crop when None; True when the letters are the brighter class), or None when
    ``region`` is nearly empty. Of the two classes, the letters are the one enclosed by the
    other: an outline, a shadow's rim or a box surrounds the letters, so most letter pixels
    cannot reach the crop's edge without crossing the other class, while the decoration's
    pixels can (only the counters of letters like 'o' enclose some). On a near tie, the
    class with the thicker strokes."""
    split = _split(crop, region)
    return None if split is None else split[:2]


def letters_split_told(crop: np.ndarray, region: np.ndarray | None = None) -> tuple[float, bool, bool] | None:
    """:func:`letters_split`'s answer and whether the enclosure told it (False: a near tie,
    told by the strokes' thickness)."""
    return _split(crop, region)


def caption_parts(template: np.ndarray, lines, tolerance: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What a new caption is followed by (:meth:`TextAnalyzer._new_track`, and a line read
    whole in ``widening``): its letters (``letters_mask``), its caption pixels (the letters
    grown by two pixels, so an outline, a shadow or a box belong to it) and its core, the
    letters' edges (3x3 gray range over ``tolerance``) inside its detector ``lines`` (crop
    px): whichever class the letters are (a white shadowed caption over a grey photo was split
    with the photo as its "letters", and a caption change under it went unseen for 100
    frames), their strokes' edges move when the words change."""
    import cv2

    letters = letters_mask(template)
    pixels = cv2.dilate(letters.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    edges = cv2.morphologyEx(template, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) > tolerance
    core = np.zeros_like(letters)
    for x0, y0, x1, y1 in lines:
        core[max(0, y0):y1, max(0, x0):x1] = edges[max(0, y0):y1, max(0, x0):x1]
    return letters, pixels, core


def enclosed_letters(crop: np.ndarray) -> np.ndarray | None:
    """The letter pixels of ``crop`` when the enclosure alone tells them (an outline, a
    shadow's rim or a box all round them), else None (a near tie: told by the strokes'
    thickness, which a photo behind plain letters can have too)."""
    split = _split(crop, None)
    if split is None or not split[2]:
        return None
    t, bright, _ = split
    return crop > t if bright else crop <= t


def _split(crop: np.ndarray, region: np.ndarray | None) -> tuple[float, bool, bool] | None:
    """:func:`letters_split`'s answer and whether the enclosure decided it."""
    import cv2

    if region is None:
        region = np.ones(crop.shape, bool)
    vals = crop[region]
    if vals.size < 8:
        return None
    t = otsu(vals)
    classes = [(crop > t) & region, (crop <= t) & region]
    enclosed = []
    for k, cls in enumerate(classes):
        other = classes[1 - k]
        enclosed.append(float((cls & enclosed_by(other)).sum()) / max(1, int(cls.sum())))
    if abs(enclosed[0] - enclosed[1]) > 0.15:
        return t, enclosed[0] > enclosed[1], True
    thick = []
    for cls in classes:
        d = cv2.distanceTransform(np.pad(cls, 1).astype(np.uint8), cv2.DIST_L2, 3)[1:-1, 1:-1]
        thick.append(float(d[cls].mean()) if cls.any() else 0.0)
    return t, thick[0] >= thick[1], False


def clean_letters(letters: np.ndarray, lines: list[tuple[int, int, int, int]], grow: int = 0) -> np.ndarray:
    """Letters kept only inside the detector's text lines (x0, y0, x1, y1), without specks
    (pieces much smaller than a letter) and without hairlines (pieces far thinner than the
    letters' strokes: a rim of bright picture left around an outline). A piece that the end
    of a line cuts is kept up to ``grow`` px beyond it (the detector ends lines short of a
    faint first or last letter); one lying wholly beyond the line (a box's edge, picture) is
    not."""
    import cv2

    inside = None
    if lines:
        keep = np.zeros(letters.shape, bool)
        inside = np.zeros(letters.shape, bool)
        for x0, y0, x1, y1 in lines:
            keep[max(0, y0) : y1, max(0, x0 - grow) : x1 + grow] = True
            inside[max(0, y0) : y1, max(0, x0) : x1] = True
        letters = letters & keep
    n, labels, stats, _ = cv2.connectedComponentsWithStats(letters.astype(np.uint8), connectivity=8)
    if n <= 1:
        return letters
    if inside is not None and grow > 0:
        touches = np.zeros(n, bool)
        touches[np.unique(labels[inside & letters])] = True
        letters = letters & touches[labels]
        n, labels, stats, _ = cv2.connectedComponentsWithStats(letters.astype(np.uint8), connectivity=8)
        if n <= 1:
            return letters
    areas = stats[1:, cv2.CC_STAT_AREA]
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    big = areas >= max(3, 0.5 * np.median(areas))
    ref_h = float(np.median(heights[big])) if big.any() else 0.0
    ok = (areas >= max(3.0, 0.02 * areas.max())) & (heights >= 0.25 * ref_h)
    # stroke thickness of each piece: the largest distance from its inside to its edge
    dist = cv2.distanceTransform(np.pad(letters, 1).view(np.uint8), cv2.DIST_L2, 3)[1:-1, 1:-1]
    thick = np.zeros(n, np.float32)
    np.maximum.at(thick, labels.ravel(), dist.ravel())
    thick = thick[1:]
    if big.any():
        stroke = thick >= 0.4 * float(np.median(thick[big]))
        ok &= stroke
        # the dots and marks over letters (i, j, ё, й) are small but no specks: a dotless
        # 'is' was read '1$', 'daily' 'dally', 'тёплой' 'теплои'
        ok |= stroke & ~ok & _marks_over(stats[1:], ok, ref_h)
    return ok[labels - 1] & (labels > 0)


def _marks_over(stats: np.ndarray, kept: np.ndarray, ref_h: float) -> np.ndarray:
    """Pieces (connected-component stats rows) lying just over a kept letter: less than 0.4
    of a letter's height above its top, centred over its columns and no wider than it,
    smaller than half a letter and not flat like a hairline."""
    import cv2

    x, y = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    out = np.zeros(len(stats), bool)
    if ref_h <= 0 or not kept.any():
        return out
    small = (h <= 0.5 * ref_h) & (w <= 0.8 * ref_h) & (np.maximum(w, h) <= 4 * np.minimum(w, h))
    for i in np.flatnonzero(small & ~kept):
        cx = x[i] + w[i] / 2
        # over one letter (not a piece of several joined, which has room for any speck), close above it
        below = kept & (x <= cx) & (cx <= x + w) & (w <= ref_h) & (w[i] <= 1.2 * w) \
            & (y >= y[i] + h[i]) & (y - (y[i] + h[i]) <= 0.4 * ref_h)
        out[i] = bool(below.any())
    return out


def enclosed_only(letters: np.ndarray, other: np.ndarray, span: tuple[int, int] | None = None) -> np.ndarray:
    """Letters of outlined or boxed text without the picture beside them: when most letter
    pixels are enclosed by the other class (an outline, a box), a piece of the letter class
    that is not (bright picture just beyond the outline, joined to the caption's pixels:
    "WAIT UNTIL YOU" ended in a blob read as "YOUS") is dropped. Plain text, where little
    is enclosed, is left alone. With ``span`` (the text line's first and last column),
    such a piece cut at those columns keeps its letter-sized parts that are enclosed then."""
    import cv2

    if not letters.any():
        return letters
    # above and below the crop counts as the other class: a line of letters touching the
    # crop's top or bottom edge is not "reaching the picture" ('Let me show you\nhow it
    # works' lost its second line); beyond its ends, where picture joins the caption, it is
    enc = enclosed_by(np.pad(other, ((1, 1), (0, 0)), constant_values=True))[1:-1] & letters
    if enc.sum() < 0.6 * letters.sum():
        return letters
    n, labels = cv2.connectedComponents(letters.astype(np.uint8), connectivity=8)
    if n <= 2:
        return letters
    total = np.bincount(labels.ravel(), minlength=n)
    inside = np.bincount(labels[enc], minlength=n)
    keep = inside >= 0.3 * np.maximum(total, 1)
    keep[0] = False
    out = keep[labels]
    if span is not None and not keep[1:].all():
        # letters joined to a bright patch of picture beside them, the patch reaching past
        # the end of the text line (``span``, the detector's columns): the piece is not
        # dropped whole; cut at the line's ends, what lies inside the line, away from the
        # cut, and is enclosed by the other class is kept ('Вот и всё, спасибо за
        # просмотр' over a bright sky was read 'Воти всё, спасибо за п')
        x0, x1 = max(0, span[0]), min(letters.shape[1], span[1])
        cut = other.copy()
        cut[:, :x0] = True
        cut[:, x1:] = True
        enc2 = enclosed_by(np.pad(cut, ((1, 1), (0, 0)), constant_values=True))[1:-1] & letters & ~cut
        n2, labels2 = cv2.connectedComponents((letters & ~cut & ~out).astype(np.uint8), connectivity=8)
        total2 = np.bincount(labels2.ravel(), minlength=n2)
        inside2 = np.bincount(labels2[enc2 & ~out], minlength=n2)
        keep2 = inside2 >= 0.9 * np.maximum(total2, 1)
        keep2[0] = False
        # not what the cut itself made: a piece of the patch inside the line's ends
        keep2[np.unique(labels2[:, [max(0, x0), max(0, x1 - 1)]])] = False
        if keep2.any() and out.any():
            # a letter, not a sliver of picture left along an outline ('WHEN!', 'HAPPENS]'):
            # as large and as thick-stroked as the letters kept
            _, lab_k, st_k, _ = cv2.connectedComponentsWithStats(out.astype(np.uint8), connectivity=8)
            dist = cv2.distanceTransform(np.pad(out | (labels2 > 0), 1).view(np.uint8), cv2.DIST_L2, 3)[1:-1, 1:-1]
            thick_k = np.zeros(st_k.shape[0], np.float32)
            np.maximum.at(thick_k, lab_k.ravel(), dist.ravel())
            thick2 = np.zeros(n2, np.float32)
            np.maximum.at(thick2, labels2.ravel(), dist.ravel())
            area_k = float(np.median(st_k[1:, cv2.CC_STAT_AREA]))
            width_k = float(np.median(st_k[1:, cv2.CC_STAT_WIDTH]))
            _, _, st2, _ = cv2.connectedComponentsWithStats((labels2 > 0).astype(np.uint8), connectivity=8)
            wide = np.zeros(n2, bool)  # (a narrow sliver before a line read as '(respectable')
            wide[1:] = st2[1:, cv2.CC_STAT_WIDTH] >= 0.5 * width_k
            keep2 &= (total2 >= 0.5 * area_k) & (thick2 >= 0.7 * float(np.median(thick_k[1:]))) & wide
        out |= keep2[labels2]
    return out


def read_held(stack: np.ndarray, med: np.ndarray, binary: np.ndarray, lines: list[tuple[int, int, int, int]],
              scale: float, tolerance: int) -> float:
    """How far the letters Tesseract read stayed put over a caption's life: the lowest share,
    over its kept crops ``stack``, of the read's ink (``binary``'s black pixels inside its line
    boxes, the 16 px border and ``scale`` undone) within ``tolerance`` of the median picture
    ``med``, or of the ring 1-2 px around that ink, whichever held better. A caption's letters
    (or their outline) stay; the texture of a moving picture does not, nor do the letters of a
    caption that came up inside a texture's box part-way through its life."""
    import cv2

    ink = np.zeros(binary.shape, bool)
    for x, y, w, h in lines:
        ink[y : y + h, x : x + w] = True
    ink &= binary == 0
    ink = ink[16:-16, 16:-16]
    if scale > 1:
        ink = cv2.resize(ink.view(np.uint8), (med.shape[1], med.shape[0]), interpolation=cv2.INTER_AREA) > 0
    if len(stack) < 2:
        return 1.0
    if int(np.count_nonzero(ink)) < 8:
        return 0.0  # a speck read as letters ('ve' from an 11x7 px detector line over a photo)
    # or the ring just around it: a karaoke word turns yellow under its still outline ('mute
    # the strings', read 0.96 sure, was dropped as texture); a texture's surround moves with it
    ring = cv2.dilate(ink.view(np.uint8), np.ones((5, 5), np.uint8)).astype(bool) & ~ink
    held = 0.0
    for part in (ink, ring):
        if np.count_nonzero(part) >= 8:
            close = np.abs(stack[:, part].astype(np.int16) - med[part].astype(np.int16)) <= tolerance
            held = max(held, float(np.min(close.mean(axis=1))))
    return held


# a read less sure to be seen than min_contrast must hold (read_held) at least this: on the
# checks' clips texture reads held 0.02-0.34; on the captions corpus's tune part real captions
# at contrast under 1.5 held 0.92-0.99 and a second read of a handle beside its caption 0.68
HELD = 0.75


def glyph_height(letters: np.ndarray) -> float:
    """The typical letter height of a letter mask: the median height of its pieces that are
    not specks (area at least a quarter of the 90th percentile piece's)."""
    import cv2

    n, _, stats, _ = cv2.connectedComponentsWithStats(letters.astype(np.uint8), connectivity=8)
    if n <= 1:
        return float(letters.shape[0])
    areas, heights = stats[1:, cv2.CC_STAT_AREA], stats[1:, cv2.CC_STAT_HEIGHT]
    keep = areas >= max(3.0, 0.25 * float(np.percentile(areas, 90)))
    return float(np.median(heights[keep])) if keep.any() else float(np.median(heights))


# a caption is shown as unreadable (its box, not its text quoted) when Tesseract is less sure
# than SURE and its read_quality is under READABLE. On the captions corpus's tune part: garbled
# reads 'Самый npoctTon' (0.64, 38 % dictionary words) and '06 эгоя"'НИКто не рассказывает'
# (0.75, 56 %) fall under it; right reads with names ('THE DASHWOODS', 0.95, none in the
# dictionary) or with a slip ('Honestureview after one month', 0.82, 50 %) do not.
SURE, READABLE = 0.85, 0.6
# ... and never when one of its words (two letters or more) is read less sure than WORD_SURE: a
# sure line can hold one misread word ('Big Bick Bunny (<) Blender Foundation', 0.83 sure, the
# word 0.57; 'unless to be father', 0.44), which a flag must not quote. On the tune part it also
# hides 'Honestureview after one month' (0.43) and 'Part two 1$ already up' (0.45); right words
# were read at 0.72 or surer.
WORD_SURE = 0.6
# ... and never when it holds a mark no caption sets among words: a bracket, a backslash, a
# brace, an angle bracket, a tilde or a caret are a stroke or an outline's corner read as a
# mark ('he was[not\\' over the sample reel's mission patch, 0.89 sure; 'Big Bick Bunny (<)
# Blender Foundation'). (A bar, '@', '#', '_' and '$' are left: credits, handles, prices.)
_STRAY_MARKS = re.compile(r"[\[\]{}\\<>~^]")
_CAPS_THEN_SMALL = re.compile(r"[A-ZА-ЯЁ]{2,}[a-zа-яё]{2,}")  # (see garbled)


def garbled(text: str) -> bool:
    """Whether a read holds a mark no caption sets (``_STRAY_MARKS``) or a word whose capitals
    turn small inside it (``_CAPS_THEN_SMALL``: 'HOMep' for Cyrillic 'номер', each letter a
    Latin look-alike): not words to quote."""
    return bool(_STRAY_MARKS.search(text) or _CAPS_THEN_SMALL.search(text))



def read_quality(confidence: float, lexical: float) -> float:
    """How far a read is words: Tesseract's mean confidence, halved when none of its letters
    are in dictionary words (handles, links and numbers left out of that share)."""
    return confidence * (0.5 + 0.5 * lexical)


CAP_PER_EM = 0.71  # capital height / font size: 0.69-0.73 in DejaVu, Liberation, Open Sans, Roboto
X_PER_CAP = 0.74  # x-height / capital height in the same families (0.72-0.77)
# letters that reach the capital line: capitals, digits, Latin and Cyrillic ascenders
_TALL = re.compile(r"[A-ZА-ЯЁ0-9bdfhklбф]")
_DESCENDING = re.compile(r"[gjpqyрудфцщ]")  # letters reaching below the baseline


def cap_height(ink: np.ndarray, lines: list[tuple[int, int, int, int]], text: str) -> float | None:
    """The height of capitals above the baseline in an ink mask (True = letter), whichever
    letters the text holds: per line (x, y, w, h), the baseline is the median bottom of the
    letter-sized pieces (dots, commas, quotes and hyphens left out) and each piece's height
    above it is taken; capitals, digits and ascenders form the top cluster. Text without any
    of those (read as such by ``text``: 'one more run') shows only the x-height, scaled by
    ``X_PER_CAP``. (The ink's height moves with descenders: 60 px Liberation Sans was 44 px
    tall without and 48-50 px with them.) None when there is too little ink to tell."""
    import cv2

    tops: list[float] = []
    # the share of pieces hanging below the baseline, from the text ('jumpy gypsy pig': most)
    letters = sum(ch.isalnum() for ch in text)
    hanging = len(_DESCENDING.findall(text)) / letters if letters else 0.0
    for x, y, w, h in lines or [(0, 0, ink.shape[1], ink.shape[0])]:
        part = ink[max(0, y) : y + h, max(0, x) : x + w]
        n, _, stats, _ = cv2.connectedComponentsWithStats(part.astype(np.uint8), connectivity=8)
        if n <= 1:
            continue
        top, hgt = stats[1:, cv2.CC_STAT_TOP], stats[1:, cv2.CC_STAT_HEIGHT]
        big = hgt >= 0.5 * float(np.percentile(hgt, 90))
        if big.sum() < 2:
            continue
        bottom = np.sort(top[big] + hgt[big])
        base = float(np.median(bottom[: max(1, len(bottom) - int(round(hanging * len(bottom))))]))
        # pieces standing on the baseline (a descender's piece starts at the x-height, so it counts too)
        above = base - top[big]
        tops += [float(v) for v in above if v > 0]
    if len(tops) < 2:
        return None
    tops_a = np.sort(np.asarray(tops))[::-1]
    # the text says how many pieces reach the capital line: the median of that many tallest
    # (a lone capital in 'Once more, every summer' is 1 piece of 20)
    tall = len(_TALL.findall(text))
    if tall:
        return float(np.median(tops_a[: max(1, min(tall, len(tops_a)))]))
    return float(np.median(tops_a)) / X_PER_CAP  # only x-height letters in the text


_c = np.arange(256, dtype=np.float64) / 255.0
_LIN = np.where(_c <= 0.04045, _c / 12.92, ((_c + 0.055) / 1.055) ** 2.4)


def wcag_contrast(a: float, b: float) -> float:
    """WCAG 2.x contrast ratio of two sRGB-encoded gray levels (0..255)."""
    la, lb = _LIN[int(round(a))], _LIN[int(round(b))]
    hi, lo = max(la, lb), min(la, lb)
    return float((hi + 0.05) / (lo + 0.05))


def outlined_only(letters: np.ndarray, gray: np.ndarray) -> np.ndarray:
    """Letters of outlined text without the bits of picture the outlines leave between them:
    when the ring just around the letter-sized pieces is one flat level (the outline), a
    small piece whose ring is mostly not that level is picture (bright sky between heavy
    outlined words read as marks: 'TEXTURE.CHANGES'IN', '‚MOMTH', '-THE CALLUSES'). A
    punctuation mark has its own outline around it and stays. Text without an outline is
    left alone: a ring near its letters' level (plain white letters over light fur: 138
    against 254) or a ring whose flat level goes on beyond it (a flat dark patch), and so
    are pieces as large as a letter."""
    import cv2

    n, labels, stats, _ = cv2.connectedComponentsWithStats(letters.astype(np.uint8), connectivity=8)
    if n <= 3:
        return letters
    k = np.ones((5, 5), np.uint8)
    # each ring pixel goes to a piece beside it (the largest label near it: good enough to judge)
    near = cv2.dilate(labels.astype(np.float32), k).astype(np.int32)
    ring = (near > 0) & (labels == 0)
    areas = stats[:, cv2.CC_STAT_AREA]
    big = np.zeros(n, bool)
    big[1:] = areas[1:] >= 0.5 * float(np.median(areas[1:]))
    on_big = ring & big[near]
    if on_big.sum() < 32:
        return letters
    level = float(np.median(gray[on_big]))
    if abs(level - float(np.median(gray[letters]))) < 150:
        return letters  # a caption's outline stands far from its letters (black on white: 250)
    flat = np.abs(gray.astype(np.int16) - level) <= 40
    total = np.bincount(near[ring], minlength=n)
    share = np.bincount(near[ring & flat], minlength=n) / np.maximum(total, 1)
    if np.median(share[big]) < 0.8:
        return letters  # no outline around the letters
    # an outline is a band: further out (4-6 px, 7-10 px) the picture is mostly not its level (plain
    # letters over a flat dark patch have a flat "ring" too: 'Keep the shutter open longer'
    # lost 'tter o' as "picture")
    grown = [cv2.dilate(letters.view(np.uint8), np.ones((k, k), np.uint8)).astype(bool) for k in (7, 13, 21)]
    near_band, far_band = grown[1] & ~grown[0], grown[2] & ~grown[1]
    if not far_band.any() or flat[near_band].mean() > 0.75 or flat[far_band].mean() > 0.5:
        return letters
    # (specks and slivers only: a piece as large as a letter is left to the reader)
    drop = (share < 0.6) & (areas < float(np.median(areas[big])))
    drop[0] = False
    return letters & ~drop[labels]


def lines_span(lines: list) -> tuple[int, int] | None:
    """The columns the detector's text lines (x0, y0, x1, y1) cover, first to last."""
    return (min(ln[0] for ln in lines), max(ln[2] for ln in lines)) if lines else None


def split_letters(side: np.ndarray, other: np.ndarray, lines: list, grow: int = 0) -> np.ndarray:
    """The letters on one side of a caption's split (``side``: that side's pixels inside the
    caption, ``other``: the other side): clean_letters within the detector's ``lines``, then,
    for outlined or boxed text, without the picture beside them (enclosed_only)."""
    return enclosed_only(clean_letters(side, lines, grow), other, lines_span(lines))
