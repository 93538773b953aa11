"""Reading a followed caption (the lane's third step, see the package docstring): the median
picture of its kept crops, its letters and their contrast, Tesseract's reads and the doubtful
reads' further tries, the guards that keep texture out, and the finished captions' merge and
roles. A mixin of :class:`TextAnalyzer`, which holds the reader and the parameters."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from .contrast import crops_levels, glyph_contrast, lines_letters, shown_contrast
from .binaries import enclosed_binary, tophat_binary
from .fine import fine_shown
from .letters import (HELD, SURE, cap_height, fill_cut, glyph_height,
                      letters_split_told, otsu, outlined_only, read_held, read_quality, split_letters)
from .ocr import LANG_OF_SCRIPT, apply_case, fix_scripts, lookalikes_only, own_letters, script_of, tidy
from .following import letters_held
from .sequences import chunk_before, text_script
from .scraps import STARK_CONTRAST, STARK_LETTERS, STARK_MIN_CONF, small_faint_scrap, unsure_scrap
from .geometry import (REACH_TAIL, REACH_WHOLE, TAIL_LINE, consensus, joined_pieces, keys_alike, one_letter_word,
                       overlap_smaller, read_key, read_reach, refound)


def _same_read(a: str, b: str, at_least: float = 0.8) -> bool:
    """Two reads of one caption: their letters and digits (any case) alike by at least
    ``at_least`` (difflib's ratio): a full stop or a letter read apart, not another line."""
    a, b = read_key(a), read_key(b)
    return bool(a) and bool(b) and keys_alike(a, b) >= at_least


# a caption whose steady pixels showed no letters is read again on its lines' own split where
# those letters stand out from their surround at least this much (WCAG ratio; karaoke)
LINES_CLEAR = 7.0
# ... and whose steady pixels are still this share of those it was found with (karaoke 0.36-0.38)
KEPT_SHARE = 0.15
CORE_KEPT = 0.4  # of a karaoke caption's letter core, following kept 0.72-0.77
GLYPH_SURE = 0.75  # a lone letter's read this sure is a word of one letter (a clean 'и' read 0.75-0.88)


def _fuller(a: dict, b: dict) -> bool:
    """Read ``a`` of a caption shows more letters than read ``b`` of it, nearly as surely
    (karaoke: 'high' for 'step up high', then the whole line)."""
    na, nb = (sum(ch.isalnum() for ch in c["text"]) for c in (a, b))
    return na > nb and read_quality(a["confidence"], a["lexical"]) >= 0.9 * read_quality(b["confidence"], b["lexical"])


def _surer(a: dict, b: dict) -> bool:
    """Read ``a`` of a caption is more like words than read ``b`` of it, as full."""
    na, nb = (sum(ch.isalnum() for ch in c["text"]) for c in (a, b))
    return na >= 0.8 * nb and read_quality(a["confidence"], a["lexical"]) > read_quality(b["confidence"], b["lexical"])


def _letters_alike(a: str, b: str) -> bool:
    """Two reads with as many letters and digits, within a tenth."""
    na, nb = (sum(ch.isalnum() for ch in x) for x in (a, b))
    return abs(na - nb) <= 0.1 * max(na, nb)


def _life(cap: dict) -> int:
    """The frames of the longest single follow behind a caption (:meth:`Reading._merge`)."""
    return cap.get("followed", cap["end_frame"] - cap["start_frame"])


class Reading:
    """The reading half of :class:`TextAnalyzer` (it sets ``reader``, ``info``, ``ah`` and
    the parameters these methods use)."""

    def _read(self, t) -> None:
        """Read the caption (:meth:`_read_block`); a block of several lines that reads as
        nothing is read again line by line. The detector groups a photo's pattern above a
        pop-in word with it when their heights match (parrot feathers over 'TAKES': the two
        'lines' read '%'): the word alone reads."""
        n = len(self._captions)
        self._read_block(t)
        if len(t.lines) < 2 or t.end is None:
            return
        whole = self._captions[n:]
        # (or as a line of the pattern's marks and the word: '%' over 'TAKES', in a box five
        # times the word's; or as fewer lines than the block has: the word alone, in that box)
        if whole and all(re.search(r"\w", ln) for c in whole for ln in c["text"].split("\n")) \
                and all(c["lines"] >= len(t.lines) for c in whole):
            return
        del self._captions[n:]
        for row in sorted(t.lines, key=lambda r: r[1]):
            sub = self._line_of(t, row)
            if sub is not None:
                self._read_block(sub)
        # one line read alone is the caption; more are the block's own lines, read whole
        if len(self._captions) == n or (whole and len(self._captions) > n + 1):
            del self._captions[n:]
            self._captions.extend(whole)

    @staticmethod
    def _line_of(t, row):
        """The part of ``t`` that holds its detector line ``row`` (crop pixels), padded as
        :meth:`TextAnalyzer._new_track` pads a block: a caption of its own over the same frames."""
        x0, y0, x1, y1 = row
        lh = max(1, y1 - y0)
        pad_x, pad = max(2, int(round(0.5 * lh))), max(2, int(round(0.15 * lh)))
        hh, ww = t.template.shape[:2]
        bx0, by0, bx1, by1 = max(0, x0 - pad_x), max(0, y0 - pad), min(ww, x1 + pad_x), min(hh, y1 + pad)
        if bx1 - bx0 < 6 or by1 - by0 < 4:
            return None
        sl = (slice(by0, by1), slice(bx0, bx1))
        pixels = t.pixels[sl]
        if pixels.sum() < 16:
            return None
        core = None if t.core is None else t.core[sl]
        box = (t.box[0] + bx0, t.box[1] + by0, t.box[0] + bx1, t.box[1] + by1)
        return replace(t, box=box, template=t.template[sl], pixels=pixels, initial=int(pixels.sum()),
                       first=None if t.first is None else t.first[sl],
                       crops=[c[sl] for c in t.crops], colour=[c if c is None else c[sl] for c in t.colour],
                       lines=[(x0 - bx0, y0 - by0, x1 - bx0, y1 - by0)], core=core,
                       core_initial=0 if core is None else int(core.sum()), grow=pad_x,
                       letter_core=None if t.letter_core is None else t.letter_core[sl])

    def _read_block(self, t) -> None:
        if (t.end - t.start) < max(1, int(round(self.min_s * float(self.info.fps)))):
            return
        n = len(self._captions)
        self._read_gray(t)
        self._read_in_yellow(t, n)  # (yellow.YellowReading)

    def _read_gray(self, t) -> None:
        seen = self._letters_of(t)
        if seen is None:
            # (the steady pixels are the letters alone, no split parts them: white on a see-through
            # box over moving footage, its surround trimmed; the lines' own split may)
            seen = self._letters_again(t, None, False)
            if seen is None:
                return
        n = len(self._captions)
        took = self._read_seen(t, seen)
        # (a doubtful read asks for the second as a dropped one does: karaoke whose steady
        # pixels were the outlines alone read 'вр: ггукне blade!' 0.48 sure; and so does one
        # over a small part of its lines: 'move the knight' read '1', 0.9 sure)
        doubtful = took and any(c["confidence"] < SURE or c["reach"] < REACH_WHOLE for c in self._captions[n:])
        again = self._letters_again(t, seen, took and not doubtful)
        if again is None:
            return
        first = self._captions[n:]
        del self._captions[n:]
        if self._read_seen(t, again) and first and not _fuller(self._captions[n], first[0]) \
                and not (doubtful and _surer(self._captions[n], first[0])):
            del self._captions[n:]  # the first read stays: the second is no fuller, nor surer
        if len(self._captions) == n and took:
            self._captions.extend(first)

    def _read_seen(self, t, seen) -> bool:
        """Read caption ``t`` on the letters ``seen`` (:meth:`_letters_of`); whether it was
        taken for a caption (the guards against texture and scraps passed)."""
        stack, med, region, threshold, bright, contrast, shown, glyph_h, told = seen
        # (a lone letter, twice as large: Tesseract read a clean 32 px 'и' as nothing in every
        # page mode, and at 64 px 0.84 sure)
        scale = float(np.clip((64.0 if t.glyph else 32.0) / max(1.0, glyph_h), 1.0, 6.0))
        if scale <= 1.2:
            scale = 1.0
        self.reader.hints.clear()
        self.reader.gaps.clear()
        text, conf, lines, binary, lexical, weakest, read_bright = self._ocr(t, med, region, threshold, bright, scale)
        text = self.reader.mend(apply_case(fix_scripts(tidy(text)), self.reader.hints.get(text)), text)
        scripts = [script_of(ch) for ch in text]
        counts = {s: scripts.count(s) for s in ("latin", "cyrillic", "other")}
        main = max(counts, key=counts.get)
        alone = LANG_OF_SCRIPT.get(main)
        guessed, there, alts = lookalikes_only(text, lexical), 0.0, {}
        if len(self.languages) > 1 and ((counts["latin"] and counts["cyrillic"]) or guessed):
            # words read in the other script amid a caption in one: read again in each script's
            # language alone; the read most like words wins, if it is nearly as sure as the mixed
            # one. (By letter count alone, 'Самый простой' read 'Самый npoctTon' was taken for
            # Latin and read again in English.)
            langs = [alone] + [LANG_OF_SCRIPT[s] for s in ("latin", "cyrillic") if s != main]
            best = None
            for lang in dict.fromkeys(langs):
                if lang not in self.languages:
                    continue
                *got, text2 = self._read_in(binary, lang, len(t.lines) == 1)
                conf2, alts[lang] = got[1], (got[0], got[1], got[3], got[4])
                # (a read of look-alikes only is outdone by one that shows letters no look-alike
                # has, nearly half as sure: 'TEXTUREIGHANGES"IN' for 'ТЕХТОВЕСНАМСЕ$ М')
                if (read_quality(conf2, self.reader.lexical) >= 0.9 * read_quality(conf, lexical)
                        or (guessed and conf2 >= 0.5 * conf and own_letters(text2) >= 3)) \
                        and re.search(r"\w\w", text2):
                    shows = guessed and conf2 >= 0.5 * conf and own_letters(got[0]) >= 3
                    if best is None or (shows and own_letters(best[0]) < 3) \
                            or read_quality(got[1], got[3]) > read_quality(best[1], best[3]):
                        best = got
            if best is not None:
                # a look-alike read's confidence says letters are there, its script a guess: the
                # read in the other script keeps that evidence for being a caption at all
                there = conf if guessed else 0.0
                text, conf, lines, lexical, weakest = best
        # letters as stark against what is around them as an outline's or a box's, read doubtfully
        # but as letters, are text, shown as unreadable: Tesseract read black outlined 'Life
        # jackets on before we cast off' 0.47 sure, heavy 'трассам а потом' 0.41 ('трассам:а‘потом');
        # the texture the guard is for stood at most 12:1 from its surround (the tuning parts)
        stark = (shown >= STARK_CONTRAST and conf >= STARK_MIN_CONF
                 and sum(ch.isalpha() for ch in text) >= STARK_LETTERS)
        if t.glyph and not (one_letter_word(text) and conf >= GLYPH_SURE):
            return False  # (a lone letter is a word of one letter or nothing: a glass front's frames)
        # (a lone letter's shape found by the detector too: 'I' in slab type, 0.80 sure)
        lone = t.glyph or (len(t.lines) == 1 and t.lines[0][2] - t.lines[0][0] <= t.lines[0][3] - t.lines[0][1])
        if not (re.search(r"\w\w", text) or (one_letter_word(text) and conf >= (GLYPH_SURE if lone else SURE))) \
                or (max(conf, there) < self.min_confidence and not stark):
            return False  # (a lone letter stays if a pop-in sequence holds it: finish, in_a_sequence)
        if contrast < self.min_contrast and conf < 0.8:
            return False  # letters no one can see: detector texture, not a caption
        if contrast < self.min_contrast and read_held(stack, med, binary, lines, scale,
                                                      2 * self.steady) < HELD:
            # letters that neither stand out nor stay put: a photo's texture, or the letters of
            # a caption that came up part-way through a texture's life inside its box, read
            # by a rescue ('ry' 176 px, 'all', 'es late |' over the checks' moving cat photo)
            return False
        lang = LANG_OF_SCRIPT.get(main, self.languages[0])
        self._read_as_before(t, binary, lang, alts)
        heights_px = [lh / scale for (_, _, _, lh) in lines] or [glyph_h]
        cap = cap_height(binary == 0, lines, text)
        cap = glyph_h if cap is None else cap / scale
        if small_faint_scrap(text, cap / self.ah, shown) or unsure_scrap(text, conf, shown):  # (cap: analysis px)
            return False
        figure = self._figure_shown(t, seen, read_bright)
        self._captions.append({
            "start_frame": t.start, "end_frame": t.end, "box": t.box, "text": text, "lang": lang,
            "lines": max(1, len(lines)), "height": float(np.median(heights_px)), "cap_height": cap,
            "contrast": figure, "confidence": conf, "lexical": lexical, "weakest": weakest,
            "reach": read_reach(t.lines, lines, scale), "alts": alts,
        })
        return True

    def _figure_shown(self, t, seen, read_bright: bool) -> float:
        """The contrast caption ``t`` is given: its letters' (``seen``, :meth:`_letters_of`),
        measured at full size where it can be (fine_shown); or the other side's, where the read
        Tesseract was surest of took the letters as that side (``read_bright``) and either the
        split was a near tie (the enclosure did not tell it) or the other side stands out more.

        The read's side was the letters' for 292 of 298 captions the enclosure did not tell, the
        split's for 232 (the tuning parts, by the truth's glyph and surround levels): white words
        over a busy photo, whose picture had the thicker strokes ('Look down the slope' 20.6:1
        for 6.4, plain). Where the enclosure told it, an outline's own ring reads as letters too,
        so the other side is taken only where it stands out more, as shown_contrast takes the
        higher of two splits ('The kitchen smells like a bake', outlined, 10.6:1 for 21)."""
        stack, med, region, threshold, bright, _, shown, _, told = seen
        scale = self.info.height / self.ah
        fine = fine_shown(t, seen, scale)
        figure = shown if fine is None else fine
        if read_bright == bright or told is None:  # (None: yellow letters, split on their yellowness)
            return figure
        other = self._seen_on(t, stack, med, region, threshold, read_bright, told)
        if other is None:
            return figure
        fine = fine_shown(t, other, scale)
        flipped = other[6] if fine is None else fine
        return flipped if (not told or flipped > figure) else figure

    def _read_in(self, binary, lang: str, one_line: bool) -> tuple:
        """``binary`` read in ``lang`` alone and tidied as a first read is: (text, confidence,
        lines, dictionary share, weakest word's confidence, Tesseract's text as it came)."""
        text, conf, lines = self.reader.read(binary, lang, single_line=one_line)
        self._ocr_calls += 1
        return (self.reader.mend(apply_case(fix_scripts(tidy(text)), self.reader.hints.get(text)), text),
                conf, lines, self.reader.lexical, self.reader.weakest, text)

    def _read_as_before(self, t, binary, lang: str, alts: dict) -> None:
        """Where the pop-in chunk just before ``t`` at its rows is in the other script, ``t`` read
        in its language too, into ``alts`` (for finish: sequences.script_of_sequence)."""
        before = chunk_before(t.start, t.box, self._captions, float(self.info.fps))
        other = None if before is None else LANG_OF_SCRIPT.get(text_script(before["text"]) or "")
        if len(self.languages) > 1 and other not in (None, lang, *alts) and other in self.languages:
            got = self._read_in(binary, other, len(t.lines) == 1)
            alts[other] = (got[0], got[1], got[3], got[4])

    def _letters_of(self, t):
        """(stack of kept crops, their median, the caption's steady pixels, the letters' split
        threshold and polarity, contrast on that split (it also tells letters from texture), the
        contrast shown (shown_contrast), glyph height), or None when no letters part."""
        stack = np.stack(t.crops)
        med = np.median(stack, axis=0).astype(np.uint8)
        # the caption's steady pixels (following keeps those within ``tolerance`` of the template),
        # tightened to those that hardly moved across the kept crops: letters and their
        # decoration stay put, the picture behind them drifts
        region = t.pixels
        if len(t.crops) >= 3:
            still = region & (np.ptp(stack, axis=0) <= 2 * self.steady)
            if still.sum() >= 64:
                region = still
        split = letters_split_told(med, region)
        if split is None:
            return None
        threshold, bright, told = split
        return self._seen_on(t, stack, med, region, threshold, bright, told)

    def _seen_on(self, t, stack, med, region, threshold: float, bright: bool, told: bool):
        """:meth:`_letters_of`'s answer for the letters of polarity ``bright`` (``told``: the
        enclosure told it), or None when that side holds no letters part."""
        lit = (med > threshold) if bright else (med <= threshold)
        letters = split_letters(lit & region, ~lit, t.lines, t.grow)
        if letters.sum() < 8:
            return None
        scale = self.info.height / self.ah
        # on the reading's own split: besides the figure shown, it tells letters from texture
        levels = crops_levels(t.crops, t.colour)
        contrast = glyph_contrast(t.crops, letters, bright, scale, levels=levels)
        shown = shown_contrast(med, t, letters, contrast,
                               lambda found, lit: glyph_contrast(t.crops, found, lit, scale, levels=levels),
                               rgbs=levels[1])
        return stack, med, region, threshold, bright, contrast, shown, glyph_height(letters), told

    def _letters_again(self, t, seen, took: bool = True):
        """Letters for a second read of caption ``t`` (as :meth:`_letters_of` gives them)
        where the first found none that stand out among its steady pixels, or None.

        Each word of a karaoke caption changes colour in turn, so following trims every letter
        from the steady pixels, and their split found the outline's rim or the letters' own
        shades ('chalk your hands' in heavy type read as nothing, 1.0-1.2:1). On the median
        crop each letter shows its usual colour: the split over the text lines, letters and
        what surrounds them, where its letters stand out clearly (LINES_CLEAR). The second
        read is kept where the first was dropped, or where it shows more letters nearly as
        surely (_fuller: 'high' for 'step up high'). A first read of one line that was dropped
        asks for it whatever its split's contrast: the outline's rim alone, split from the
        letters' trimmed shades, stands out too ('cast it softly' in heavy type read '| | | | |',
        0.94 sure). (A block of lines read as nothing is read line by line: _read.)"""
        if seen is None:  # (no split of the steady pixels parted letters)
            stack = np.stack(t.crops)
            med, region, contrast = np.median(stack, axis=0).astype(np.uint8), t.pixels, 0.0
        else:
            stack, med, region, _, _, contrast, _, _, _ = seen
        if (contrast >= self.min_contrast and (took or len(t.lines) > 1)) or t.first is None \
                or t.first.sum() <= region.sum():
            return None
        if (region.sum() < KEPT_SHARE * t.first.sum() or (
                t.core is not None and t.core.sum() < CORE_KEPT * t.core_initial)) and not letters_held(t):
            # following let nearly all of it go, or most of its letters' core: its picture changed
            # (a follow that ran from one caption into the next read 'rest for an'; a flashing
            # picture, a quarter of the core left, read 'Ga'), not the colour of its letters;
            # unless the letters' own side of their edges held (the picture behind a see-through
            # box moved, and the box's side went)
            return None
        got = lines_letters(med, t)
        if got is None:
            return None
        area, threshold, bright, letters = got
        if letters.sum() < 8:
            return None
        measured = glyph_contrast(t.crops, letters, bright, self.info.height / self.ah, t.colour)
        if measured < LINES_CLEAR:
            return None
        return stack, med, area, threshold, bright, measured, measured, glyph_height(letters), False

    def _ocr(self, t, med: np.ndarray, region: np.ndarray, threshold: float, bright: bool, scale: float):
        """The read: (text, confidence, line boxes, the binary read, dictionary share, the
        least sure word's confidence); a doubtful one tried again (see :meth:`_rescue`)."""
        import cv2

        lines_up = [tuple(int(round(v * scale)) for v in ln) for ln in t.lines]
        big = cv2.resize(med, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC) if scale > 1 else med

        def binary_of(region: np.ndarray, bright: bool, threshold: float = threshold) -> np.ndarray:
            """Letters black on white, ~32 px tall: the gray median is enlarged first and split
            there (small text keeps the shape of its strokes, which a blown-up binary loses)."""
            letters = big > threshold if bright else big <= threshold
            if scale > 1:
                region = cv2.resize(region.view(np.uint8), (big.shape[1], big.shape[0]),
                                    interpolation=cv2.INTER_NEAREST) > 0
            other = big <= threshold if bright else big > threshold  # the whole crop: a ring cut by
            # the caption's pixels' edge still encloses its letters
            letters = outlined_only(split_letters(letters & region, other, lines_up, int(round(t.grow * scale))), big)
            return cv2.copyMakeBorder(np.where(letters, 0, 255).astype(np.uint8), 16, 16, 16, 16,
                                      cv2.BORDER_CONSTANT, value=255)

        binary, polarity = binary_of(region, bright), bright
        text, conf, lines = self.reader.read(binary, single_line=len(t.lines) == 1)
        lexical, weakest = self.reader.lexical, self.reader.weakest
        self._ocr_calls += 1
        if conf < 0.8:
            # a doubtful read: the caption's pixels without their outer rim (picture pixels
            # beside an outline that happened to stay put), and the other polarity; the
            # read Tesseract is surest of wins
            inner = cv2.erode(region.view(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
            variants = [(inner, bright), (region, not bright)]
            # and the letters' flat fill alone, when picture of their class lies beside them
            cut = fill_cut(med[region & ((med > threshold) if bright else (med <= threshold))], bright)
            if cut is not None:
                variants.append((region, bright, cut))
            for variant in variants:
                if variant[0].sum() < 16:
                    continue
                other = binary_of(*variant)
                got = self.reader.read(other, single_line=len(t.lines) == 1)
                self._ocr_calls += 1
                if got[1] > conf:
                    (text, conf, lines), binary, polarity = got, other, variant[1]
                    lexical, weakest = self.reader.lexical, self.reader.weakest
        read = (text, conf, lines, binary, lexical, weakest, polarity)
        long_line = len(t.lines) == 1 and t.lines[0][2] - t.lines[0][0] >= TAIL_LINE * (t.lines[0][3] - t.lines[0][1])
        short = long_line and read_reach(t.lines, lines, scale) < REACH_TAIL  # (its end lost: REACH_TAIL)
        if (read_quality(conf, lexical) < 0.8 and conf < 0.9) or short:
            read = self._rescue(t, read, big, bright, scale)
        return read

    def _rescue(self, t, first: tuple, big: np.ndarray, bright: bool, scale: float) -> tuple:
        """A doubtful read (a sure one with names in it is not: 35 captions of a reel cost 20
        more reads for nothing), tried two more ways, in the split's polarity first (the other
        if still doubtful): outlined letters over a picture as bright as they are (white
        letters outlined black over a white cup, a word turning yellow every 8 frames: 'stir
        it slowly' read '~~ VT”'), as the class the other one encloses over the whole box;
        plain letters over a busy or light picture, which no one threshold parts from it
        ('Unless to be rather cold' over grey fur, read as nothing), as what stands out of its
        own neighbourhood (a top-hat). Judged by confidence and words together (on confidence
        alone 'Honest review after one month' lost to 'Fionest-review after-oneamonth'), and
        by how much is read ('The quick brown' without its line 'fox jumps', 'is to be ill di'
        for '... disposed')."""
        reads = [first]
        lines = first[2]

        def score(r) -> float:
            most = max(sum(ch.isalnum() for ch in q[0]) for q in reads) or 1
            return read_quality(r[1], r[4]) * min(1.0, sum(ch.isalnum() for ch in r[0]) / most)

        cut = otsu(big)
        lines_up = [tuple(int(round(v * scale)) for v in ln) for ln in t.lines]
        for polarity in (bright, not bright):
            for other in (enclosed_binary(big, cut, polarity, lines_up, int(round(t.grow * scale))),
                          tophat_binary(big, polarity, t.line_height() * scale)):
                got = self.reader.read(other, single_line=len(t.lines) == 1)
                self._ocr_calls += 1
                reads.append((*got, other, self.reader.lexical, self.reader.weakest, polarity))
            if max(score(r) for r in reads) >= 0.8:
                break
        best = max(reads, key=lambda r: (score(r), len(r[2]) >= len(lines)))
        if len(best[2]) >= len(lines) or best is reads[0]:
            return best
        return first

    # -- tidy ------------------------------------------------------------------------------

    @staticmethod
    def _merge(caps: list[dict], gap: int = 0) -> list[dict]:
        """The finished captions (sorted by start) with one caption found twice made one: the
        same text at the same place ending where the next starts, and a caption followed twice
        over the same frames at the same place with nearly the same read (a list line found as
        it settled, lost at a cut under it and found again, its start traced back over the
        first: '2 Post every single day' 104-120 beside '2. Post every single day' 110-196,
        flagged as on screen 0.5 s), or followed on where the other's follow broke (overlapping
        it or within a frame of its end): the longer-lived follow's read over both's frames.
        Text is never on screen twice at one place; a caption that changes there (word by word,
        a karaoke word turning yellow) does so between frames, not over the same ones."""
        out: list[dict] = []
        for c in caps:
            for i, o in enumerate(out):
                if overlap_smaller(o["box"], c["box"]) <= 0.7:
                    continue
                if o["text"] == c["text"] and 0 <= c["start_frame"] - o["end_frame"] <= 1:
                    o["end_frame"] = c["end_frame"]
                    break
                # (or, nearly the same read, followed on where the other's follow broke: a
                # shadowed handle over moving footage came as four reads back to back or
                # overlapping by a few frames, '@pedal and pick', 'pedal and pick', ...; not
                # a caption growing word by word, which reads longer: 'he was not an' ... ill')
                near = c["start_frame"] - o["end_frame"] <= 1 and _same_read(o["text"], c["text"], 0.9) \
                    and _letters_alike(o["text"], c["text"])
                reads = o.get("reads", [o])  # (found again: the read most like the others, any read alike)
                if near or refound(o, c, gap, [r["text"] for r in reads]):
                    longer = (c if _life(c) > _life(o) else o) if near else consensus(reads + [c])
                    out[i] = dict(longer, start_frame=min(o["start_frame"], c["start_frame"]), reads=reads + [c],
                                  end_frame=max(o["end_frame"], c["end_frame"]), followed=max(_life(o), _life(c)))
                    break
            else:
                out.append(dict(c))
        return joined_pieces(out)

    def _roles(self, caps: list[dict], fps: float) -> None:
        gap = 1.5 * fps
        for c in caps:
            cy = (c["box"][1] + c["box"][3]) / 2 / self.ah
            h = c["box"][3] - c["box"][1]
            seq = False
            for o in caps:
                if o is c:
                    continue
                oy = (o["box"][1] + o["box"][3]) / 2 / self.ah
                near_time = (o["start_frame"] - c["end_frame"] <= gap and c["start_frame"] - o["end_frame"] <= gap)
                if near_time and abs(oy - cy) * self.ah < 1.5 * h + 0.05 * self.ah and o["text"] != c["text"]:
                    seq = True
                    break
            c["role"] = "subtitle" if cy > 0.35 and seq else "overlay"
