"""The detector's boxes: DB post-processing, lines grouped into caption blocks, overlaps."""

from __future__ import annotations

import numpy as np

from .ocr import in_cyrillic, script_of

# the words of one letter (and the digits) a pop-in caption may show alone: 'I' in 'I / USED TO /
# THINK', Russian 'и', 'в', 'я'...; any other lone letter is read as texture
ONE_LETTER_WORDS = frozenset("IAaАаВвИиКкОоСсУуЯя0123456789")


def one_letter_word(text: str) -> bool:
    """A word of one letter, or a Latin look-alike of a Cyrillic one (Tesseract read a lone 'к'
    'K', 0.92 sure: :func:`letter_as_in`)."""
    w = text.strip()
    return len(w) == 1 and (w in ONE_LETTER_WORDS or in_cyrillic(w) in ONE_LETTER_WORDS)


def letter_as_in(c: dict, caps: list[dict], fps: float) -> None:
    """A caption of one letter written as the pop-in chunk shown just before or after it at its
    rows is: in its script (a lone 'к' among Russian words read as Latin 'K') and, when that
    chunk has small letters and this one stands under 0.65 of its line height (an x-height),
    small. Its read alone cannot tell 'K' from 'К' or 'к'."""
    def apart(o: dict) -> int:  # frames between the two
        return min(abs(c["start_frame"] - o["end_frame"]), abs(o["start_frame"] - c["end_frame"]))

    w = c["text"].strip()
    near = [o for o in caps if o is not c and sum(ch.isalnum() for ch in o["text"]) >= 2
            and min(c["box"][3], o["box"][3]) - max(c["box"][1], o["box"][1]) > 0 and apart(o) <= 0.25 * fps]
    if not near:
        return
    o = min(near, key=apart)
    letters = [ch for ch in o["text"] if ch.isalpha()]
    if sum(script_of(ch) == "cyrillic" for ch in letters) > len(letters) / 2:
        w = in_cyrillic(w)
    if any(ch.islower() for ch in letters) and c["height"] < 0.65 * o["height"]:
        w = w.lower()
    c["text"] = w


def same_rows(a, b) -> bool:
    """Boxes ``a`` and ``b`` (x0, y0, x1, y1) share over half the smaller one's rows."""
    return min(a[3], b[3]) - max(a[1], b[1]) > 0.5 * min(a[3] - a[1], b[3] - b[1])


def widened(block, rows: list, out: list) -> tuple[tuple, list]:
    """``block`` and its ``rows`` with the rows' ends moved to ``out`` (the same rows, their
    x0 and x1 changed; yellow.YellowReading._yellow_reach, settling.outlined_reach)."""
    if out == list(rows):
        return block, rows
    return (min(block[0], *(q[0] for q in out)), block[1], max(block[2], *(q[2] for q in out)), block[3]), out


def in_a_sequence(c: dict, caps: list[dict], fps: float) -> bool:
    """Caption ``c`` is a chunk of a pop-in sequence: another caption of two or more letters, in
    type of its size at the same rows and over its columns, ends within 0.25 s before it starts
    or starts within 0.25 s after it ends (a lone letter elsewhere is a pole or an edge of
    picture read as 'I'). A small letter alone ('и', 'a') stands as tall as its x-height: from
    0.45 of the other's line height (with ascenders and descenders: 16.5 px against 27.6)."""
    gap = 0.25 * fps
    low = 0.45 if len(c["text"].strip()) == 1 and c["text"].strip().islower() else 0.6
    x0, _, x1, _ = c["box"]
    for o in caps:
        if o is c or sum(ch.isalnum() for ch in o["text"]) < 2:
            continue
        ox0, _, ox1, _ = o["box"]
        rows = same_rows(c["box"], o["box"])
        near = -gap <= c["start_frame"] - o["end_frame"] <= gap or -gap <= o["start_frame"] - c["end_frame"] <= gap
        if rows and near and ox0 <= (x0 + x1) / 2 <= ox1 and low < c["height"] / max(1e-6, o["height"]) < 1.6:
            return True
    return False


def db_boxes(prob: np.ndarray, threshold: float, box_threshold: float, unclip: float,
             min_height: float) -> list[tuple[float, float, float, float, float]]:
    """DB probability map -> text line boxes (x0, y0, x1, y1, score) in map pixels."""
    import cv2

    mask = (prob > threshold).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=4)
    out = []
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if h < min_height or area < 4:
            continue
        region = labels[y : y + h, x : x + w] == i
        score = float(prob[y : y + h, x : x + w][region].mean())
        if score < box_threshold:
            continue
        d = area * unclip / max(1.0, 2.0 * (w + h))
        out.append((x - d, y - d, x + w + d, y + h + d, score))
    return out


def group_lines(lines: list[tuple[float, float, float, float, float]]) -> list[tuple[tuple, list]]:
    """Line boxes -> caption blocks: boxes on one row close side by side, then rows stacked
    closely with overlapping columns and similar heights. Each block: ((x0, y0, x1, y1),
    [its rows (x0, y0, x1, y1)])."""
    rows: list[list[float]] = []
    for x0, y0, x1, y1, _ in sorted(lines, key=lambda b: b[0]):
        h = y1 - y0
        for r in rows:
            rh = r[3] - r[1]
            vov = min(r[3], y1) - max(r[1], y0)
            if vov > 0.5 * min(h, rh) and x0 - r[2] < 1.5 * max(h, rh):
                r[:] = [min(r[0], x0), min(r[1], y0), max(r[2], x1), max(r[3], y1)]
                break
        else:
            rows.append([x0, y0, x1, y1])
    blocks: list[list[float]] = []
    for r in sorted(rows, key=lambda b: b[1]):
        h = r[3] - r[1]
        for b in blocks:
            last_h = b[5]
            gap = r[1] - b[3]
            hov = min(b[2], r[2]) - max(b[0], r[0])
            if gap < 0.6 * max(h, last_h) and hov > 0.3 * min(r[2] - r[0], b[2] - b[0]) \
                    and 0.6 < h / last_h < 1.6:
                b[:4] = [min(b[0], r[0]), min(b[1], r[1]), max(b[2], r[2]), max(b[3], r[3])]
                b[5] = h
                b[4].append(tuple(r))
                break
        else:
            blocks.append([r[0], r[1], r[2], r[3], [tuple(r)], h])
    return [(tuple(b[:4]), b[4]) for b in blocks]


def box_area(b) -> float:
    """The area of an (x0, y0, x1, y1) box (0 when it is empty)."""
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def overlap_smaller(a, b) -> float:
    """Intersection over the smaller area of two (x0, y0, x1, y1) boxes."""
    iw = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    small = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return iw * ih / small if small > 0 else 0.0


def _stacked(a, b, line_h: float) -> bool:
    """Two boxes one above the other (neither holds the other's rows: a speck inside a
    caption's box is not a line stacked on it; 'TAKES' was re-formed around a 16 px speck
    inside it and read as 'В'), less than a line's height apart, their columns overlapping
    by half the narrower one."""
    if not ((a[1] < b[1] and a[3] < b[3]) or (a[1] > b[1] and a[3] > b[3])):
        return False
    gap = max(a[1], b[1]) - min(a[3], b[3])
    cols = min(a[2], b[2]) - max(a[0], b[0])
    return -0.5 * line_h < gap < 1.0 * line_h and cols > 0.5 * min(a[2] - a[0], b[2] - b[0])


def box_iou(a, b) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def merge_bands(bands: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Row bands [a, b) with the scale to detect them at, merged where they overlap or touch
    (at the finer of their scales)."""
    out: list[list] = []
    for a, b, scale in sorted(bands):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
            out[-1][2] = max(out[-1][2], scale)
        else:
            out.append([a, b, scale])
    return [(a, b, scale) for a, b, scale in out]


def whole_line_of(lines, rows) -> bool:
    """One of the detector's text ``lines`` (x0, y0, x1, y1) is a line of which one of
    ``rows`` (a followed caption's lines) is a piece: it holds that row and reaches half its
    height beyond the row's ends, or is a third taller. A band that cut through a line shows
    the detector a fragment of it (the top line of 'Подпишись на / вторую часть' came as
    'одпишись н', 81 of its 330 px), and plain letters over a bright patch of a moving
    picture are found in part until it moves on ('Вот и всё, спасибо' of '... за
    просмотр'): the whole line, found later, re-forms that caption."""
    for q in lines:
        lh = q[3] - q[1]
        # (a piece is a few letters, twice as wide as tall: not a speck of texture beside the
        # line, whose earlier start the line would take: a repeated subtitle began 6 frames early)
        if any(overlap_smaller(r, q) > 0.7 and r[2] - r[0] >= 2 * (r[3] - r[1]) and (
                r[0] - q[0] > 0.5 * lh or q[2] - r[2] > 0.5 * lh or lh > 1.3 * (r[3] - r[1])) for r in rows):
            return True
    return False


UPSCALE = 1.5  # the second look at a band that showed nothing at full size
SMALL_ROW_PX = 12  # a band whose rows are shorter than this (analysis px) is looked at again enlarged
LINE_RATIO = 5.0  # a row this many times as wide as tall is a line of letters, not a speck
LARGER = 2.0  # small rows are also looked at this much enlarged: the most whole of the looks stands


class Detecting:
    """The detector's runs for :class:`TextAnalyzer` (it sets ``session``, ``_input``,
    ``_det_scale``, ``ah``, ``_expected`` and the parameters these methods use)."""

    def detect(self, image: np.ndarray, scale: float | None = None) -> list[tuple[tuple, list]]:
        """Caption blocks ((x0, y0, x1, y1), [rows]) in the gray picture's pixels. The picture
        is shrunk by ``scale`` (default: to ``det_width`` px wide) for the detector."""
        import cv2

        h, w = image.shape[:2]
        if scale is None:
            scale = self._det_scale
        dw, dh = max(1, round(w * scale)), max(1, round(h * scale))
        small = cv2.resize(image, (dw, dh), interpolation=cv2.INTER_AREA) if (dw, dh) != (w, h) else image
        ph, pw = -(-dh // 32) * 32, -(-dw // 32) * 32
        blob = np.zeros((1, 1, ph, pw), np.float32)  # one gray channel (the model's three, summed)
        blob[0, 0, :dh, :dw] = small.astype(np.float32) * (2.0 / 255.0) - 1.0
        prob = self.session.run(None, {self._input: blob})[0][0, 0, :dh, :dw]
        self._detector_px += ph * pw
        lines = db_boxes(prob, self.det_threshold, self.box_threshold, 1.6, min_height=2)
        sx, sy = w / dw, h / dh

        def clip(b):
            return (max(0.0, b[0] * sx), max(0.0, b[1] * sy), min(float(w), b[2] * sx), min(float(h), b[3] * sy))

        return [(clip(b), [clip(r) for r in rows]) for b, rows in group_lines(lines)]

    def _search_band(self, image: np.ndarray, a: int, z: int, scale: float) -> tuple[int, int, list]:
        """The caption blocks in rows a..z at ``scale``: (a, z as grown, blocks in band pixels)."""
        # a band around one or two rows of 8 px cells (_band's margins aside) holds small type only;
        # where type of 2 % of the height is under SMALL_ROW_PX (a frame analysed under 600 rows
        # high: landscape and square) the detector may see none of it at full size (a 12 px
        # yellow line over a rainy window: nothing at 1.0, the whole line at 1.5x, 0.96)
        # (each margin floored or ceiled to a whole row: a band of two cell rows is 48-50 rows at 540)
        small_type = 0.02 * self.ah < SMALL_ROW_PX
        thin = scale >= 1.0 and small_type and z - a <= 0.06 * self.ah + 2 * 8 + 2
        for _ in range(4):  # a band that cuts through text grows until the text lies inside
            self._band_detections += 1
            found = self.detect(image[a:z], scale=scale)
            grow = max(8, round(0.03 * self.ah))
            # a line cut by the band's edge ends a little short of it (its box is grown from a shrunk core)
            rows = [r for _, rs in found for r in rs]
            top = a > 0 and any(r[1] <= max(4.0, 0.3 * (r[3] - r[1])) for r in rows)
            bottom = z < self.ah and any(r[3] >= z - a - max(4.0, 0.3 * (r[3] - r[1])) for r in rows)
            if not (top or bottom):
                break
            a, z = (max(0, a - grow) if top else a), (min(self.ah, z + grow) if bottom else z)
        expected = thin or any(p < z and a < q for p, q in self._expected)
        # (specks alone: a 4x5 px blob of a two-line 18 px caption over blossom, whose lines the
        # detector sees only enlarged, kept the enlarged look away)
        specks = found and all(r[2] - r[0] < 2 * (r[3] - r[1]) and r[3] - r[1] < SMALL_ROW_PX
                               for _, rs in found for r in rs)
        if scale < UPSCALE and ((not found and expected) or (specks and small_type)):
            # the detector misses heavy type ~20-30 px tall in a band that a whole picture shows
            # it in (Cantarell ExtraBold 'через', white outlined black over a sky, 23 px: nothing
            # in 66-200 row bands at full size, found at 1.5x in each): where a caption is
            # expected (``_expected``: the rows of one that has just ended, its replacement
            # often comes there), a band that shows nothing is searched once more enlarged (a
            # shrunk one too: 'IS THE FIRST' popping in, missed at half size; the heavy 2-letter
            # 'IF', 52 px, is found at 1.5x and at no smaller scale); and where small type may be
            # (a frame under 600 rows), a band that shows specks only
            self._band_detections += 1
            look = self.detect(image[a:z], scale=UPSCALE)
            # (where specks called for it, a line: a castle's battlements enlarged showed rows 4-4.5
            # times as wide as tall, read 'dee')
            # (a look at 2x besides, where small type may be and 1.5x showed no line, found one
            # more subtitle on the tuning parts for 45 % more detector runs on every landscape
            # and square clip, and pieces read as extra captions: left out)
            if not found or any(r[2] - r[0] >= LINE_RATIO * (r[3] - r[1]) for _, rs in look for r in rs):
                found = look
        elif scale < UPSCALE:
            found = self._small_rows_enlarged(image, a, z, found)
        return a, z, found

    def _small_rows_enlarged(self, image: np.ndarray, a: int, z: int, found: list) -> list:
        """Small type looked at again enlarged: the detector sees a line of letters about 12 px
        tall as pieces (a 16 px subtitle over a rainy window, 12 px capitals: three pieces at
        full size, the whole line at 1.5x). Rows under ``SMALL_ROW_PX`` and at least twice as
        wide (a word's piece, not a speck of the picture) are searched again at ``UPSCALE`` and
        at ``LARGER`` in a band around them, and the look whose largest line over their span is
        largest stands: its blocks for what they overlap, unless what they overlap is larger (a
        pop-in word's piece seen enlarged is not the word). The detector's response is not
        monotonic in size: black letters with a thin white outline over stone ('Blunders
        happen to everyone', 20 px) came out in pieces at 1.0 and 1.5x and whole only at 2x;
        white letters half over a pale building ('Схемы такелажа') as a 10 px sliver of the
        line at 1.0 and 1.5x and 20 px tall at 2x."""
        small = [r for _, rs in found for r in rs if r[3] - r[1] < SMALL_ROW_PX and r[2] - r[0] >= 2 * (r[3] - r[1])]
        if not small:
            return found
        out = list(found)
        for p, q, _ in merge_bands([(max(0, int(r[1]) - SMALL_ROW_PX), min(z - a, int(np.ceil(r[3])) + SMALL_ROW_PX),
                                     UPSCALE) for r in small]):
            mine = [r for r in small if p <= r[1] and r[3] <= q]
            span = (min(r[0] for r in mine), p, max(r[2] for r in mine), q)
            best, most = None, _most_whole(out, span)
            for scale in (UPSCALE, LARGER):
                self._band_detections += 1
                look = [((b[0], b[1] + p, b[2], b[3] + p), [(r[0], r[1] + p, r[2], r[3] + p) for r in rs])
                        for b, rs in self.detect(image[a + p:a + q], scale=scale)]
                whole = _most_whole(look, span)
                if whole > most:
                    best, most = look, whole
            if best is not None:
                out = best + [(b, rs) for b, rs in out if not any(
                    overlap_smaller(b, c) > 0.5 and box_area(b) <= 1.2 * box_area(c) for c, _ in best)]
        return out


def _most_whole(blocks: list, span: tuple) -> float:
    """The area of the largest line of ``blocks`` that reaches into ``span`` (x0, y0, x1, y1)."""
    return max([box_area(r) for _, rs in blocks for r in rs
                if r[2] > span[0] and r[0] < span[2] and r[3] > span[1] and r[1] < span[3]] or [0.0])


def one_line_pieces(blocks: list, keep: list) -> list:
    """Blocks of one search that are pieces of one line of small type made one block, with one
    row spanning them (see _pieces_of_a_line). White subtitles of 11-15 px over white branches
    came out as five pieces, read as captions 'attise t', 'CW & TIAN I' and 'evening' for
    'Practise the forehand loop every evening'; the one block reads 'actise the forehand loop
    every evening' less a letter or two. Followed apart, pieces are joined only after each is
    read (joined_pieces). ``keep``: blocks left as they are (a lone glyph)."""
    out = [(b, list(rs)) for b, rs in blocks]
    k = 0
    while k < len(out):
        (a, ra), joined = out[k], False
        for j in range(k + 1, len(out)):
            b, rb = out[j]
            if a in keep or b in keep or not _pieces_of_a_line(ra, rb):
                continue
            p, q = ra[0], rb[0]
            out[k] = ((min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])),
                      [(min(p[0], q[0]), min(p[1], q[1]), max(p[2], q[2]), max(p[3], q[3]))])
            del out[j]
            joined = True  # (the joined block is tried against the rest again)
            break
        if not joined:
            k += 1
    return out


def _pieces_of_a_line(ra: list, rb: list) -> bool:
    """Two blocks' rows are pieces of one line: single rows under twice SMALL_ROW_PX (the
    detector sees larger type whole), side by side on the same row, of one height (within
    0.6-1.6) or the lower lying within the taller's rows (a piece of x-height letters), at most
    four row heights apart (letters between them the detector did not see)."""
    if len(ra) != 1 or len(rb) != 1:
        return False
    p, q = ra[0], rb[0]
    hp, hq = p[3] - p[1], q[3] - q[1]
    if max(hp, hq) >= 2 * SMALL_ROW_PX:
        return False
    left, right = (p, q) if p[0] <= q[0] else (q, p)
    small, large = (p, q) if hp <= hq else (q, p)
    inside = small[1] >= large[1] - 1 and small[3] <= large[3] + 1
    return (min(p[3], q[3]) - max(p[1], q[1]) > 0.6 * min(hp, hq)
            and (0.6 <= hp / max(hq, 1e-6) <= 1.6 or inside)
            and -0.3 * min(hp, hq) <= right[0] - left[2] <= 4 * max(hp, hq))


REFOUND_S = 0.3  # a caption lost and found again at its place within this long is one caption ...
REFOUND_ALIKE = 0.75  # ... where its reads' letters and digits are this alike (difflib's ratio)
REFOUND_LENGTH = 0.35  # ... and as many, within this share


def read_key(text: str) -> str:
    """A read's letters and digits, in small letters: what two reads of one caption share."""
    import re

    return re.sub(r"\W+", "", text.lower())


def keys_alike(a: str, b: str) -> float:
    """How alike two :func:`read_key` keys are (difflib's ratio, 0..1)."""
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def refound(o: dict, c: dict, gap: int, texts: list[str]) -> bool:
    """Caption ``c`` (starting no earlier than ``o``) is ``o`` lost and found again: at its place,
    starting at most ``gap`` frames after it ended (or before), and read alike one of ``texts``
    (``o``'s reads so far) and about as long, not grown from it by a word or more (a read that
    begins as the other's and goes on, 'he was not an' / 'he was not an ill'). A small shadowed
    handle over footage enlarged eightfold came as six reads 1-6 frames apart, '@finches and
    kilns', 'inches and kilns', 'Mfinches.ancd. kilns', each a caption of its own."""
    if c["start_frame"] - o["end_frame"] > gap or overlap_smaller(o["box"], c["box"]) <= 0.7:
        return False
    b = read_key(c["text"])
    for a in map(read_key, texts):
        if not a or not b or (a != b and (a.startswith(b) or b.startswith(a))):
            continue
        if abs(len(a) - len(b)) <= REFOUND_LENGTH * max(len(a), len(b)) and keys_alike(a, b) >= REFOUND_ALIKE:
            return True
    return False


def consensus(caps: list[dict]) -> dict:
    """Of the reads of one caption found again and again (:func:`refound`), the one most like
    the others (the sum of :func:`keys_alike` over them), the surest of those alike; of two, the
    surer. The surest alone took '@finches and. 1' (0.92) over '@finches and kilns' (0.90), which
    three of the handle's other four reads are closer to."""
    if len(caps) < 3:
        return max(caps, key=lambda x: x["confidence"])
    keys = [read_key(x["text"]) for x in caps]
    like = [sum(keys_alike(a, b) for j, b in enumerate(keys) if j != i) for i, a in enumerate(keys)]
    return caps[max(range(len(caps)), key=lambda i: (round(like[i], 6), caps[i]["confidence"]))]


def joined_pieces(caps: list[dict]) -> list[dict]:
    """One line of text the detector saw as pieces, read as captions side by side, made one
    caption: single lines shown over the same frames (within a frame at each end), on the
    same row (overlapping over 60 % of the lower one's height), in type of one size (line
    heights within 0.7-1.4 of each other) and at most three box heights apart (a word or two
    between them may be missing), joined left to right ('то' and 'пал в гавань', a subtitle
    in a see-through box that full size and 1.5x both saw in pieces). Words that pop in one
    by one are shown at other frames. And lines of one caption read apart made one, top to
    bottom (:func:`_lines_of_one`)."""
    out = sorted((dict(c) for c in caps), key=lambda c: (c["start_frame"], c["box"][0]))
    k = 0
    while k < len(out):
        a, joined = out[k], False
        for j in range(k + 1, len(out)):
            b = out[j]
            if b["start_frame"] - a["start_frame"] > 1:
                break
            left, right = (a, b) if a["box"][0] <= b["box"][0] else (b, a)
            ha, hb = a["box"][3] - a["box"][1], b["box"][3] - b["box"][1]
            rows = min(a["box"][3], b["box"][3]) - max(a["box"][1], b["box"][1])
            if abs(a["end_frame"] - b["end_frame"]) > 1 or not 0.7 <= a["height"] / max(b["height"], 1e-6) <= 1.4:
                continue
            if (a["lines"] == 1 and b["lines"] == 1 and rows > 0.6 * min(ha, hb)
                    and -0.3 * min(ha, hb) <= right["box"][0] - left["box"][2] <= 3 * max(ha, hb)):
                out[k] = _joined(left, right)
            elif _lines_of_one(a, b):
                out[k] = _joined(*sorted((a, b), key=lambda c: c["box"][1]), "\n")
            else:
                continue
            del out[j]
            joined = True
            break
        if not joined:  # (else the joined caption is tried against the rest again)
            k += 1
    return sorted(out, key=lambda c: (c["start_frame"], c["box"][1]))


def _lines_of_one(a: dict, b: dict) -> bool:
    """Captions ``a`` and ``b`` (shown over the same frames, in type of one size) are lines of
    one caption: one under the other, under 1.5 line heights apart, centred on each other (a
    two-line caption in a face with tall line spacing, its lines found and read apart)."""
    top, low = sorted((a, b), key=lambda c: c["box"][1])
    gap = low["box"][1] - top["box"][3]
    wa, wb = a["box"][2] - a["box"][0], b["box"][2] - b["box"][0]
    centres = abs((a["box"][0] + a["box"][2]) - (b["box"][0] + b["box"][2])) / 2
    return -0.2 * low["height"] <= gap <= 1.5 * min(a["height"], b["height"]) and centres <= 0.1 * max(wa, wb)


def _joined(left: dict, right: dict, sep: str = " ") -> dict:
    """Two pieces of a line (or two lines, ``sep`` a line break) as one caption (see joined_pieces)."""
    n_l, n_r = max(1, len(left["text"])), max(1, len(right["text"]))
    lines = left["lines"] + right["lines"] if sep == "\n" else left["lines"]
    return dict(left, text=left["text"].rstrip() + sep + right["text"].lstrip(), lines=lines,
                start_frame=min(left["start_frame"], right["start_frame"]),
                end_frame=max(left["end_frame"], right["end_frame"]),
                box=(min(left["box"][0], right["box"][0]), min(left["box"][1], right["box"][1]),
                     max(left["box"][2], right["box"][2]), max(left["box"][3], right["box"][3])),
                confidence=(left["confidence"] * n_l + right["confidence"] * n_r) / (n_l + n_r),
                lexical=(left["lexical"] * n_l + right["lexical"] * n_r) / (n_l + n_r),
                weakest=min(left["weakest"], right["weakest"]), contrast=min(left["contrast"], right["contrast"]))


# a read spanning less of its detector lines than this is looked at again (a word or more lost:
# yellow.YellowReading, Reading._read_gray)
REACH_WHOLE = 0.85
# a sure read of one long line (at least TAIL_LINE times as wide as tall: a subtitle, not a
# pop-in chunk, whose one-letter words' reads span less of their padded row) spanning less of it
# than REACH_TAIL is tried the rescue's ways too (Reading._rescue): the line's end over a pale
# part of the picture fell out of the letters' one threshold ('Keep the blade square as it
# enters the', 0.94 sure, for '... the water'; 'Keep your weight on the back foot alw')
REACH_TAIL, TAIL_LINE = 0.95, 8.0


def read_reach(rows: list, lines: list, scale: float) -> float:
    """The share of the detector's lines' width (``rows``, crop pixels) that the lines read
    (Tesseract's boxes in the binary read: 16 px of margin, enlarged ``scale`` times) span."""
    if not lines or not rows:
        return 0.0
    a, z = min(r[0] for r in rows), max(r[2] for r in rows)
    ra = (min(x for x, _, _, _ in lines) - 16) / scale
    rz = (max(x + w for x, _, w, _ in lines) - 16) / scale
    return float(np.clip((min(z, rz) - max(a, ra)) / max(1, z - a), 0.0, 1.0))
