"""The text analyzer: finding captions and following them frame by frame (the following:
:mod:`.following`; reading them: :mod:`.reading`). See the package docstring."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import numpy as np

from ...media.video import FrameRequest
from ..base import Lane, Tuned, VideoAnalyzer, frame_intervals
from .geometry import (REFOUND_S, Detecting, _stacked, box_area, box_iou, in_a_sequence, letter_as_in, merge_bands,
                       one_letter_word, one_line_pieces, overlap_smaller, whole_line_of)
from .following import Following
from .letters import (CAP_PER_EM, READABLE, SURE, WORD_SURE, caption_parts, enclosed_letters, garbled, glyph_height, letters_mask,
                      read_quality)
from .ocr import Reader, mixed_scripts
from .reading import Reading
from .sequences import case_of_sequence, script_of_sequence
from .settling import Settling, outlined_reach
from .widening import Widening, one_per_line
from .yellow import YellowReading

MODEL = "ppocr_det_gray"  # ppocr_det.onnx with the same arithmetic in less work (models/_fold_ppocr.py)
DET_ENGINE = "PP-OCRv4 det (ONNX Runtime)"
# every how many frames the decoder keeps one whole at full size for a downscaled source: the
# contrast shown is measured on its captions' boxes there (fine.fine_shown; 3.1 MB a frame
# of 1080x1920, counted in the frames in flight: video.queued_bytes)
FINE_EVERY = 6
BRIEF_S = 1.0  # a caption that ended after at most this long is a pop-in chunk: its rows get the enlarged look


@dataclass
class Track:
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in analysis pixels
    start: int
    template: np.ndarray
    pixels: np.ndarray  # caption pixels still trusted (bool, crop shape)
    initial: int
    first: np.ndarray | None = None  # the caption pixels as found, before following trimmed them
    end: int | None = None
    crops: list[np.ndarray] = field(default_factory=list)
    colour: list[np.ndarray | None] = field(default_factory=list)  # each crop's RGB, when the frame had it
    last_crop_frame: int = -1
    lines: list[tuple[int, int, int, int]] = field(default_factory=list)  # detector rows, crop pixels
    core: np.ndarray | None = None  # the letter pixels themselves (bool, crop shape)
    core_initial: int = 0
    letter_core: np.ndarray | None = None  # the core's letter side, when an enclosure told the letters
    grow: int = 0  # px a letter may reach beyond the ends of its detector line
    sure_at: int = -1  # the last frame that matched nearly all its letter pixels
    sure: tuple | None = None  # (pixels, core) as they were then
    fell_at: int = -10  # the last frame that lost a fifth of its letter core at once
    dropped_at: int = -10  # ... at any age (a pop-in word's first frames too)
    read: bool = False  # it read as a caption (when it ended)
    glyph: bool = False  # found as a lone letter (Settling._lone_glyphs): a word of one letter or nothing
    strips: list[np.ndarray] = field(default_factory=list)  # a small line's rows, the frame's width (Widening)
    strip_colour: list[np.ndarray | None] = field(default_factory=list)
    strip_rows: tuple[int, int] | None = None
    strip_before: np.ndarray | None = None  # those rows on the frame before it came up
    # (frame, box, media.video.FineCrop): ``box`` at the source's full size, where the frame was
    # kept whole (a downscaled source: the contrast shown, fine.fine_crops)
    fine: list = field(default_factory=list)

    def line_height(self) -> float:
        """The smallest detector row's height (analysis pixels)."""
        return float(min((r[3] - r[1] for r in self.lines), default=self.box[3] - self.box[1])) or 1.0

    def rows_abs(self) -> list[tuple[int, int, int, int]]:
        """Its detector lines in analysis pixels."""
        x, y = self.box[0], self.box[1]
        return [(r[0] + x, r[1] + y, r[2] + x, r[3] + y) for r in self.lines]

    def lines_box(self) -> tuple[int, int, int, int]:
        """The box of its detector lines (its own box is padded), analysis pixels."""
        rows = self.rows_abs() or [self.box]
        return (min(r[0] for r in rows), min(r[1] for r in rows), max(r[2] for r in rows), max(r[3] for r in rows))

    def crop(self, image: np.ndarray) -> np.ndarray:
        x0, y0, x1, y1 = self.box
        return image[y0:y1, x0:x1]


def _glyphs(image: np.ndarray, box) -> float:
    """The typical letter height in ``box`` of ``image`` (letters.glyph_height), at least 1
    (a box of under two pixels either way inside the picture: its height)."""
    h, w = image.shape[:2]
    x0, y0 = min(max(0, int(box[0])), w), min(max(0, int(box[1])), h)
    x1, y1 = min(max(x0, int(np.ceil(box[2]))), w), min(max(y0, int(np.ceil(box[3]))), h)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return max(1.0, float(box[3] - box[1]))
    return max(1.0, glyph_height(letters_mask(image[y0:y1, x0:x1])))


def _holds_more(block, lines) -> bool:
    """``block`` holds the box of a caption's detector lines ``lines`` and half again as much."""
    return overlap_smaller(block, lines) > 0.7 and box_area(block) > 1.5 * box_area(lines)


@dataclass(frozen=True)
class TextParams:
    """The text lane's parameters (the lane's ``params``, in this order)."""

    width: int = 540
    det_width: int = 288
    sample_fps: float = 8.0
    settle_s: float = 0.16
    languages: tuple[str, ...] = ("eng", "rus")
    det_threshold: float = 0.3
    box_threshold: float = 0.5
    tolerance: int = 40
    match: float = 0.6
    crops: int = 7
    min_s: float = 0.15
    min_confidence: float = 0.55
    min_contrast: float = 1.5
    steady: int = 10
    full_band: float = 0.4


class TextAnalyzer(Tuned, Detecting, Following, Reading, YellowReading, Widening, Settling, VideoAnalyzer):
    name = "text"
    models = (MODEL,)
    version = 82  # 4: font_px, cap_height_px; 5: the reading changes of v4 taken back (cached v4 lanes may hold them); 6: re-applied, with a guard against texture; 7: a line seen whole re-forms its piece's caption, mixed scripts re-read per script, bars and small letters read as capitals; 8 (two branches): contrast against the outline, or the box or picture 2-4 source px out (text/contrast.py), and a speck inside a caption or a pattern of another size is no stacked line, a block that reads as nothing (or with a line of marks) read line by line, a pop-in word's band searched again at full size; 9-10: unmerged trials whose lanes may sit in local caches; 11: both 8s together; 13: a caption's end after its last sure frame, doubtful reads tried on the letters' flat fill; 12: contrast from the kept crops' colour (yellow counted by its luminance, not its luma); 14: 12 and 13 together, a caption followed twice over the same frames made one, reads with stray marks not readable; 15: heavy type searched again enlarged where a caption ended, pop-in rechecks sooner, outlined letters without the picture bits between them, a karaoke read held by its outline, a follow-on read merged; 16: contrast also on a split over the text lines, the higher figure (the steady pixels of a see-through box or karaoke are the letters alone); 17: 15 and 16 together; 18: a read of two or three small faint letters is picture, not a caption; 19: a read of look-alike capitals only is read again in each language, and one showing letters no look-alike has wins; 20: bright coloured letters' fill at their 70th percentile where it lies near the upper decile (thick yellow over black read 16.0-16.7:1 for 15.6); 21: the kept crops' colour from the frame's own chroma where the frame is kept at half size (media.planes.keeps_chroma); 22: an outline's level at its 1st percentile, and a band beside the letters within 4 levels of black (white) counts as an outline; 23: a caption whose steady pixels showed no letters (karaoke in heavy type) read again on its lines' own split; 24: the enlarged second look only where a caption on screen for at most BRIEF_S ended; 25: a surely read word of one letter kept where a pop-in sequence holds it; 26: no second read (23) where following kept under CORE_KEPT of the letters' core; 27: no crop on a frame that lost a fifth of the letters' core at once (after the first half second), nor the next; 28: a band showing small rows (under 12 px, a word's piece) searched again at 1.5x around them; 29: yellow letters read as nothing or doubtfully read again on min(R, G) - B (text/yellow.py); 30: where type of 2 % of the height is under 12 px, a band around one or two rows of cells that shows nothing searched again at 1.5x; 31: pieces of one line read side by side over the same frames joined into one caption (geometry.joined_pieces); 32: small rows looked at 1.5x and 2x, the look with the most whole line standing, a block over three times a followed box it half covers is new text, letters as stark as an outline's read doubtfully kept as unreadable text; 33: a lone glyph of new steady cells where a pop-in chunk just ended is looked at as a word of one letter (Settling._lone_glyphs), a lone small letter in a sequence is of its size at its x-height; 34: a caption replaced in place by other text of its size (a block over its box whose letters are not its letters) is ended there (following.py); 35: a read holding both Latin and Cyrillic words is not readable (ocr.mixed_scripts); 36: a lone letter drawn in a just-ended outlined chunk's style at its place (fill ringed by outline, not the picture the chunk showed) looked at as a word of one letter, read enlarged and taken from 0.75 sure, a lone Latin look-alike written in its sequence's script and case (geometry.letter_as_in); 37: a block holding a caption found moments ago with a line more is measured against that caption's detector lines, not its padded box; 38: a one-line caption whose first read was dropped is read again on its lines' own split whatever its first split's contrast (karaoke: the outline's rim split from the letters' trimmed shades); 39: the small-type band rule (30) counts a band of two cell rows whose margins rounded outwards (50 rows at 540) as thin; 40: a quote mark or bracket without its pair dropped at a word's edge (ocr.tidy), a word whose capitals turn small inside it not quoted (letters.garbled); 41: a word no dictionary knows mended where one mend makes words of it (text.lexicon: an 'и' that lost its breve, a space lost where the picture shows one, an outline's corner between two words read as a mark or a narrow letter); 42: a new yellow line's ends where the detector sees them on the frame's yellowness (yellow.YellowReading._yellow_reach); 43: a two-letter word of the language capitalised inside a sentence put in lower case (lexicon._small_words_small); 44: 42 only for letters that are yellow (red and green alike and light) where the picture around the line is not; 45: a lone dash, star or dot at a line's start or end dropped (ocr.tidy); 46: rows the whole picture's shrunk search saw count as seen only where it found something, a caption whose letters' own side of their edges goes at once while the other side holds has left (following._letters_gone), a sure read spanning under REACH_WHOLE of its yellow line read on yellowness too and the whole line's sure read taken; 47: a word of the other script amid a caption read in that script's loose look-alikes ('conomy' for 'солому', lexicon._loose), a lone bar at a Cyrillic line's end or start dropped; 48: a doubtful read asks for the second read on the lines' own split as a dropped one does, and the read more like words, as full, stays (reading._surer); 49: a caption whose steady pixels no split parts (the letters alone, a see-through box's side trimmed by the footage moving behind it) read on its lines' own split, and the core rule for that second read waived where following kept the letters' own side of their edges (following.letters_held); 50: a read spanning under REACH_WHOLE of its lines asks for the second read as a doubtful one does; 51: in a downscaled source, letters whose strokes erosion nearly wipes out (under THIN_CORE left) measured by their own upper end (contrast.THIN_Q), past the texture line only; 52: pieces of one line of small type found by one search followed as one caption (geometry.one_line_pieces), a yellow line's reach taken from a row up to 1.7x the piece's height; 53: a sure read of one long line spanning under REACH_TAIL of it tried the rescue's ways too (a line's end lost over a pale picture); 54: a caption replaced in place told by its lines' height (not its padded box) and by its letters' shapes as well as their levels (a karaoke word turning yellow is the same letters), and ended where it lost a fifth of its letters' core at once since the last look; 55: a pop-in chunk or karaoke line whose neighbours shown at once before and after it at its rows are plainly in one script, its read not, written in theirs (text.sequences); 56: any mark but a hyphen between two letters may be an outline's corner read where a space is (lexicon._stray: 'clear¥your*mask'); 57: a one-letter read of a single detector line no wider than tall (a lone letter's shape) taken from GLYPH_SURE, as a lone glyph's is (a pop-in sequence's first word 'I'), and a read of one letter with marks after it the letter (ocr.tidy: 'I.'); 58: a new outlined line's ends where blobs of its fill ringed by its outline go on beside it (settling.outlined_reach); 59: a caption whose letters' own side of their edges loses over half at once, where it had held nearly whole, while the other side holds has left (following._letters_gone: white letters leaving a pale picture); 60: a caption found after frames that match it starts after the last jump of its box that stands out, not the largest (TextAnalyzer._appeared_at: the caption before it at the same place left just before); 61: a block is a line stacked on a caption found moments ago only where their letters are of one size too (analyzer._glyphs: a 9 px line under an 18 px caption); 62: lines of one caption read apart (over the same frames, one size, one under the other under 1.5 line heights apart, centred on each other) made one caption (geometry._lines_of_one); 63: a pop-in chunk read in capitals no taller than its small-lettered neighbours' x-height written in small letters (sequences.case_of_sequence); 64: a short row in a block with a long outlined line extended in that line's style as the long line is (settling.outlined_reach: a piece of a caption's other line); 65: where small type may be (a frame under 600 rows), a band whose full-size look shows specks only is looked at enlarged too, and a line it shows there is taken (geometry.Detecting._search_band); 66: a doubtful read (under SURE) of six letters and digits or fewer, standing out less than an outline or a box makes letters (under STARK_CONTRAST), is picture texture (scraps.unsure_scrap); 67: where small type may be, a band that shows no line at full size or 1.5x is looked at 2x too, and a caption of one line of small type is read again whole where the median of its rows over its frames, enlarged 2x, shows its line going on beyond the piece followed (text.widening); 68: where the rows asked for cover much of the picture and the whole picture is searched shrunk, the rows it found nothing in are searched at full size as asked, the smallest first, not as merged (a subtitle's rows went into a texture's whole-picture rows and were never looked at); 69: 67's 2x look at bands left out (45 % more detector runs on landscape and square clips for one subtitle), what came up with a small line carries it on only beside edges (not a box's flat inside), and a line with which nothing came up is not looked at again (a texture); 70: a caption whose letters' own side of their edges loses nearly two thirds at once, where the other side holds 0.8 and its letters' side had held as much, has left (following._letters_gone: a shadowed line's shadow leaves with it, and a slow pan wears its side); 71: where no chunk was before and nothing is followed at its rows, a sequence's first word of one letter the detector never sees (a heavy outlined 'I') looked for around new steady cells, drawn outlined in the style their own box shows, as tall as a pop-in word's letter (Settling._first_glyphs); 72: a caption lost and found again at its place within REFOUND_S, read alike (0.75) and about as long, and not grown by a word, is one caption with its surest read (geometry.refound: a small handle over footage enlarged eightfold came as up to six captions); 73: of three or more reads of a caption found again, the one most like the others (geometry.consensus), not the surest alone; 74: a mark Tesseract read where the picture shows only a speck or a sliver, thinner or smaller than the letters' strokes make a mark, dropped (ocr.stray_marks); 75: a small line's piece whose whole line read less surely takes from that read the words beyond its ends and known words for its unknown ones (widening.merged_read); 76: such a piece lent only known words keeps its own least sure word's figure (the readable flag); 77: a Latin word no dictionary knows with one letter (or pair) read as another caption type makes it look like ('KITGHEN', 'usuaily', 'hotirs') put right where one such letter put back makes the only known word (lexicon._confused); 78: a Cyrillic word no dictionary knows ending in 'а', 'я' or 'у' and 'ите' (or 'итесь') written with 'й' (lexicon._imperative: the list lacks most imperatives); 79: a split over the text lines whose letters cover over LETTERS_MAX_SHARE of them and enclose no fill took the picture beside them with them: the contrast shown is measured on its own split's class toward the letters' side (contrast._inner_class: white letters over a pale wall read 8.3:1 for 1.8); 80: the contrast shown of a downscaled source's caption measured on full-size crops of its box (the decoder keeps every FINE_EVERY-th frame whole at full size: media.video.FrameRequest.fine_every, fine.fine_measure; a regular 22 px subtitle on an opaque box at 1920x1080 read 9.1:1 for 20.5); 81: coloured letters in a downscaled source measured at full size on their luma tinted by their analysis-size colour (fine.tint_of: yellow on an opaque box at 1920x1080 read 9.3:1 for 15.6), and the lines' split not taken for coloured letters where its letters are not coloured (it took a pale sky between yellow lines: 20.8:1 for 15.6), and at full size a figure the lines' split gave at analysis size comes from that split alone (the reading's split, of the dark picture under a 60 % box, measured the letters as its outline there: 18.9:1 for 13.6; 82: the contrast shown measured on the side the surest read took for the letters, where the split's side was a near tie or the read's side stands out more (reading._figure_shown: white words over a busy photo, whose picture had the thicker strokes, read 20.6:1 for 6.4)

    Params = TextParams
    lazy_picture = True  # feed gets the frame's picture maker: the gray, and colour for the kept crops

    def __init__(self, params: TextParams | None = None, /, *, threads: int = 1, **kw):
        if "languages" in kw:
            kw["languages"] = tuple(kw["languages"])
        super().__init__(params, **kw)
        self.threads = threads

    def params(self) -> dict:
        return {**super().params(), "languages": list(self.languages)}

    def extra_params(self) -> dict:
        return {"model": MODEL}

    def _size(self, info) -> tuple[int, int]:
        """The analysis picture: its shorter side ``width`` px (the source's own size when
        smaller), so a landscape frame is seen as large as a vertical one. (By its width, a
        1920x1080 frame was analysed at 540x304: a caption of 3 % of the height was 9 px.)"""
        scale = min(1.0, self.width / max(1, min(info.width, info.height)))
        return max(2, round(info.width * scale)), max(2, round(info.height * scale))

    def frame_request(self, info):
        w, h = self._size(info)
        return FrameRequest(w, h, "gray", fine_every=FINE_EVERY)

    def step_for(self, fps: float) -> int:
        return max(1, int(round(fps / self.sample_fps))) if self.sample_fps > 0 else 1

    # -- life cycle ------------------------------------------------------------------------

    def start(self, info) -> None:
        from ...resources import onnx_session

        super().start(info)
        self.session = onnx_session(MODEL, self.threads)  # ModelError -> lane unavailable
        self._input = self.session.get_inputs()[0].name
        self.reader = Reader(self.languages)  # OcrUnavailable -> lane unavailable
        self.aw, self.ah = self._size(info)
        self._det_scale = min(1.0, self.det_width / min(self.aw, self.ah))  # the whole picture's search
        self.step = self.step_for(float(info.fps))
        # frames since the previous sample, and since the frame before it a caption found
        # by the settling test may have appeared on
        self.settle = max(2, int(round(self.settle_s * float(info.fps))))
        self._recent: deque[tuple[int, np.ndarray]] = deque(maxlen=self.step + self.settle + 1)
        self._active: list[Track] = []
        self._done: list[Track] = []
        self._captions: list[dict] = []
        self._detections = 0
        self._band_detections = 0
        self._detector_px = 0  # pixels the detector has looked at (its cost)
        self._ocr_calls = 0
        self._last_index = -1
        self._ref: np.ndarray | None = None  # each row as the last detection covering it saw it
        self._recheck = -1  # a frame to look for new steady text on besides the samples
        self._pending_at = -1  # the sample that set it
        self._expected: list[tuple[int, int]] = []  # rows where a caption has just ended (Detecting)
        self._chunks: list = []  # pop-in chunks just ended (settling.Chunk, for Settling._lone_glyphs)
        self._hot_now: tuple[int, np.ndarray | None] = (-1, None)  # the settling test's last cells
        self._pending: np.ndarray | None = None  # the cells to look at then
        self._retry: list[tuple[int, tuple[int, int, float]]] = []  # (frame, band) to search again
        self._fine_of = None  # the frame's full-size crops, where it was kept whole (FINE_EVERY)

    def feed(self, index: int, image) -> None:
        """``image``: the gray picture, or (from the pipeline) a callable that makes it and
        whose ``colour(box)`` gives the RGB of a box of it: the kept crops' colour (contrast)."""
        self._colour_of = None if isinstance(image, np.ndarray) else getattr(image, "colour", None)
        if not isinstance(image, np.ndarray):  # (a frame kept whole at full size gives its boxes)
            self._fine_of = getattr(image, "fine", None)
        image = image if isinstance(image, np.ndarray) else image()
        try:
            self._feed(index, image)
        finally:
            self._colour_of = self._fine_of = None  # the frame's planes are not held past its turn

    def _colour_crop(self, box) -> np.ndarray | None:
        return None if self._colour_of is None else self._colour_of(box)

    def _feed(self, index: int, image: np.ndarray) -> None:
        self._last_index = index
        ended = self._follow(index, image)
        # the replacement comes at the same place, mostly in the same type size: searched at a
        # scale that shows lines of that height >= 20 px
        # (widened by a line more either side: the next caption may have a line more)
        # (a look that lived a frame or two is a pop-in word growing: its next look, larger, at
        # full size; shrunk to half, heavy type was found in pieces: 'FORM' read 'al')
        bands = [self._band(t.box[1], t.box[3], 1.0 if t.end - t.start <= 2 else
                            float(np.clip(20.0 / t.line_height(), 0.5, 1.0)),
                            margin=1.2 * t.line_height()) for t in ended]
        replaced = bands[:]
        # (a caption's, or a pop-in look's: not a texture's that read as nothing; and a brief one's:
        # the heavy pop-in words the enlarged second look is for are on screen 6-12 frames, and
        # after each of the bench reel's 1-3 s subtitles it cost a third of the detector's pixels
        # and found nothing the next sample did not)
        brief = BRIEF_S * float(self.info.fps)
        self._expected = [(a, z) for (a, z, _), t in zip(replaced, ended)
                          if (t.read or t.end - t.start <= 2) and t.end - t.start <= brief]
        self._note_chunks(index, [t for t in ended if t.read and t.end - t.start <= brief])
        bands += [b for k, b in self._retry if k == index]
        self._retry = [(k, b) for k, b in self._retry if k > index]
        if index % self.step == 0 or index == self._recheck:
            bands += self._new_steady_bands(index, image)
        if bands:
            before = {id(t) for t in self._active}
            self._find(index, image, merge_bands(bands), asked=bands)
            # a pop-in word grows over its first frames: when the look that lived a frame or two
            # gives way to nothing found (the next size missed at the shrunk scale: 'NINE' was
            # lost for good), its band is searched again at full size on the next frame
            new = [t for t in self._active if id(t) not in before]
            for (a, z, _), t in zip(replaced, ended):
                if t.end - t.start <= 2 and not any(a <= (n.box[1] + n.box[3]) / 2 < z for n in new):
                    self._retry.append((index + 1, (a, z, 1.0)))
        # the pipeline hands each frame its own fresh picture: kept without a copy
        self._recent.append((index, image))

    def finish(self, frame_times: np.ndarray) -> list[Lane]:
        n = len(frame_times)
        for t in self._active:
            t.end = n
            self._read_whole(t)
        self._active = []
        try:
            self.reader.close()
        except Exception:  # noqa: BLE001
            pass
        fps = float(self.info.fps)
        caps = self._merge(sorted(one_per_line(self._captions), key=lambda c: (c["start_frame"], c["box"][1])),
                           int(round(REFOUND_S * fps)))
        min_frames = max(1, int(round(self.min_s * fps)))
        caps = [c for c in caps if c["end_frame"] - c["start_frame"] >= min_frames]
        script_of_sequence(caps, fps)
        for c in caps:
            if one_letter_word(c["text"]):
                letter_as_in(c, caps, fps)
        caps = [c for c in caps if not one_letter_word(c["text"]) or in_a_sequence(c, caps, fps)]
        case_of_sequence(caps, fps)
        self._roles(caps, fps)
        sx, sy = self.info.width / self.aw, self.info.height / self.ah
        out = []
        for c in caps:
            iv = frame_intervals([(c["start_frame"], min(c["end_frame"], n))], frame_times, self.info.duration_s)[0]
            x0, y0, x1, y1 = c["box"]
            iv.update({
                "box": [round(x0 * sx, 1), round(y0 * sy, 1), round((x1 - x0) * sx, 1), round((y1 - y0) * sy, 1)],
                "text": c["text"], "role": c["role"], "lang": c["lang"],
                "height_px": round(c["height"] * sy, 1), "lines": c["lines"],
                "cap_height_px": round(c["cap_height"] * sy, 1),
                "font_px": round(c["cap_height"] * sy / CAP_PER_EM, 1),
                "contrast": round(c["contrast"], 2), "confidence": round(c["confidence"], 3),
                "dictionary_share": round(c["lexical"], 3),
                "readable": c["weakest"] >= WORD_SURE and not garbled(c["text"]) and not mixed_scripts(c["text"])
                and (c["confidence"] >= SURE or read_quality(c["confidence"], c["lexical"]) >= READABLE),
                "duration_s": round(iv["end_s"] - iv["start_s"], 6),
            })
            out.append(iv)
        return [Lane("text", {
            "engine": f"{DET_ENGINE} + Tesseract {self.reader.version} (tesserocr)",
            "intervals": out,
            "sampled_frames": self._detections,
            "band_detections": self._band_detections,
            "detector_px": self._detector_px,
            "ocr_calls": self._ocr_calls,
            "sample_step": self.step,
            "params": self.params(),
        })]

    # -- find ------------------------------------------------------------------------------

    def _band(self, y0: float, y1: float, scale: float = 1.0, margin: float = 0.0) -> tuple[int, int, float]:
        """Rows y0..y1 widened by ``margin``, at least 3 % of the picture, either side (a band
        that cuts text grows), to be searched at ``scale``."""
        m = max(margin, 0.03 * self.ah)
        return max(0, int(y0 - m)), min(self.ah, int(np.ceil(y1 + m))), scale

    def _find(self, index: int, image: np.ndarray, bands: list[tuple[int, int, float]], asked: list | None = None) -> None:
        """Detect text in the row bands (the whole picture when they cover much of it) and
        start following each new caption. A band searched at full size counts as seen (the
        settling test looks for what is new against it); one searched smaller does not, so
        small text it missed is still found. ``asked``: the bands before they were merged."""
        blocks, lone = [], []
        if self._ref is None:  # the first frame: searched whole at full size, small text included
            self._ref = image.copy()
            self._detections += 1
            bands = [(0, self.ah, 1.0)]
        elif sum(b - a for a, b, _ in bands) > self.full_band * self.ah:
            self._detections += 1
            found = self.detect(image)
            before, self._ref = self._ref, image.copy()
            if self._det_scale < 1:  # seen shrunk: only the rows of what it found count as seen
                seen = np.zeros(self.ah, bool)
                for b, _ in found:
                    seen[max(0, int(b[1])):int(np.ceil(b[3]))] = True
                self._ref[~seen] = before[~seen]
            # small text: the shrunk picture shows it a few pixels tall; read its rows again at full size
            small = [b for b, rows in found if min(r[3] - r[1] for r in rows) * self._det_scale < 12]
            fine = [self._band(b[1], b[3]) for b in small] if self._det_scale < 1 else []
            # and the new rows where it found nothing, as far as the cost of one more search allows;
            # the rest stay unseen, to be searched when they are new again
            budget = self.full_band * self.ah - sum(z - a for a, z, _ in fine)
            # (each band as asked, the smallest first: merged, the rows of a subtitle just come
            # up in a 540x540 frame went into the whole picture's rows a texture followed since
            # the first frame left at once, over the budget, and were never searched at full size)
            for a, z, _ in sorted(asked or bands, key=lambda b: b[1] - b[0]):
                if any(a <= (b[1] + b[3]) / 2 < z for b, _ in found):
                    continue
                if z - a <= budget:
                    fine.append((a, z, 1.0))
                    budget -= z - a
                else:
                    self._ref[a:z] = before[a:z]
            fine = merge_bands(fine)
            blocks = [(b, rows) for b, rows in found if not any(a <= (b[1] + b[3]) / 2 < z for a, z, _ in fine)]
            bands = fine
        for a, z, scale in bands:
            a, z, found = self._search_band(image, a, z, scale)
            for b, rows in found:
                blocks.append(((b[0], b[1] + a, b[2], b[3] + a), [(r[0], r[1] + a, r[2], r[3] + a) for r in rows]))
            if not found:  # a word of one letter, which the detector never sees
                glyphs = self._lone_glyphs(index, a, z, image, cells=scale >= 1.0)
                blocks += glyphs
                lone += [b for b, _ in glyphs]
            if scale >= 1.0:
                self._ref[a:z] = image[a:z]
        blocks = one_line_pieces(blocks, lone)
        for block, rows in blocks:
            found = self._parts_of(index, image, block, rows)
            if found is None:
                continue
            parts, whole = found
            for t in parts + whole:
                self._active.remove(t)
                old = t.rows_abs()
                # (of two nested rows the larger stays: the whole line over its piece, and a
                # caption's line over a speck found inside it)
                both = list(rows) + old
                rows = [r for i, r in enumerate(both) if not any(
                    j != i and overlap_smaller(r, q) > 0.5 and (box_area(q), -j) > (box_area(r), -i)
                    for j, q in enumerate(both))]
                # (a piece's lines, not its padded box: the box would grow at each re-forming)
                ref = t.box if t in parts else t.lines_box()
                block = (min(block[0], ref[0]), min(block[1], ref[1]), max(block[2], ref[2]), max(block[3], ref[3]))
            block, rows = outlined_reach(image, *self._yellow_reach(block, rows))
            track = self._new_track(index, image, block, rows)
            if track is not None:
                track.glyph = block in lone
                if whole:  # a line seen whole after a piece of it: begun then (the largest piece's)
                    track.start = min(track.start, max(whole, key=lambda t: box_area(t.box)).start)
                self._active.append(track)

    def _parts_of(self, index: int, image: np.ndarray, block, rows) -> tuple[list, list] | None:
        """The captions followed that a block found re-forms (found moments ago and held with
        more lines or a line stacked on; holding a piece of its line: :func:`whole_line_of`),
        or None when it is a caption already followed, found again."""
        # a caption found moments ago that this block holds with more lines, or a line stacked on
        # it, is that caption's other line (one line's edges settled a sample before the other's:
        # 'Let me show you' / 'how it works' came out as two captions): followed as one block
        # (a stacked line is of the caption's type size, as group_lines asks: a photo's pattern
        # above a pop-in word, twice its height, was taken for its first line and 'THAT' lost)
        line_h = float(np.median([r[3] - r[1] for r in rows])) if rows else block[3] - block[1]
        # (and of its letters' size: detector rows pad small type more, and a 9 px line under an
        # 18 px caption, its rows 15 and 21 px tall, was read as its third line)
        parts = [t for t in self._active if index - t.start <= self.step + self.settle and (
            (_stacked(block, t.box, t.line_height()) and 0.6 < line_h / t.line_height() < 1.6
             and 0.6 < _glyphs(image, block) / _glyphs(image, t.lines_box()) < 1.6)
            or _holds_more(block, t.lines_box()))]
        whole = [t for t in self._active if t not in parts and whole_line_of(rows, t.rows_abs())
                 and self._still_there(t, image, block)]
        # else the caption already followed (found again), not a line inside a larger box - unless
        # what that box followed there is gone: a caption that appeared inside the box of a texture
        # ('Unless it is rather cold' over a cat's eyes, swallowed for 3 s), or a piece re-formed;
        # and a block over three times the box it half covers is new text over it (outlined 'The
        # Milky' over the '106' painted on a tower that was being followed)
        if not parts and not whole:
            # a caption replaced in place: a block over a followed caption's box, of one size with
            # it, whose letters now are not its letters (small white subtitles over dark grass: the
            # dark side of the old letters' edges matched whatever was written, and one caption
            # was followed over three subtitles); not in its first moments (a pop-in word grows)
            for t in list(self._active):
                lb = t.lines_box()  # (its lines, not its padded box: a block is not padded)
                if box_iou(block, t.box) > 0.3 and 0.7 < (block[3] - block[1]) / max(1, lb[3] - lb[1]) < 1.4 \
                        and index - t.start > self.step + self.settle and not self._still_there(t, image, block):
                    self._replaced(t, index, image)
        if not parts and not whole and any(overlap_smaller(block, t.box) > 0.3 and (
                box_iou(block, t.box) > 0.3 or (any(overlap_smaller(block, r) > 0.5 for r in t.rows_abs())
                                                 and box_area(block) <= 3 * box_area(t.box)
                                                 and self._still_there(t, image, block)))
                for t in self._active):
            return None
        return parts, whole

    def _new_track(self, index: int, image: np.ndarray, block, rows) -> Track | None:
        x0, y0, x1, y1 = block
        pad = 2
        # the detector's lines end short of the first and last letters where they are faint
        # against the picture (plain text over grass: "Unless" read "Jnless", "cold" "colc"):
        # half a line's height more either side
        line_h = float(np.median([r[3] - r[1] for r in rows])) if rows else y1 - y0
        pad_x = max(pad, int(round(0.5 * line_h)))
        pad = max(pad, int(round(0.15 * line_h)))  # and descenders ("caption" read "ca tion")
        box = (max(0, int(x0) - pad_x), max(0, int(y0) - pad), min(self.aw, int(np.ceil(x1)) + pad_x),
               min(self.ah, int(np.ceil(y1)) + pad))
        if box[2] - box[0] < 6 or box[3] - box[1] < 4:
            return None
        template = image[box[1] : box[3], box[0] : box[2]].copy()
        lines = [(int(r[0]) - box[0], int(r[1]) - box[1], int(np.ceil(r[2])) - box[0], int(np.ceil(r[3])) - box[1])
                 for r in rows]
        letters, pixels, core = caption_parts(template, lines, self.tolerance)
        if pixels.sum() < 16:
            return None
        if core.sum() < 8:
            core = letters
        enclosed = enclosed_letters(template)
        t = Track(box=box, start=index, template=template, pixels=pixels, initial=int(pixels.sum()), first=pixels,
                  lines=lines, core=core, core_initial=int(core.sum()), grow=pad_x,
                  letter_core=None if enclosed is None else core & enclosed)
        t.crops.append(template)
        t.colour.append(self._colour_crop(box))
        self._keep_fine_crop(t, index)
        t.last_crop_frame = index
        self._keep_strip(t, image)
        # the exact first frame: back over the frames kept since the previous detection
        run = []
        for k, old in reversed(self._recent):
            if old is image:
                continue
            if self._matches(t, old, refine=False):
                run.append((k, old))
            else:
                break
        # the letters may match the picture they appeared over (white letters over light
        # fur: 'Unless to be rather cold' was found 6 frames early): the run starts after
        # the frame where the caption's box jumped, if one jump stands out and the picture
        # around the box did not jump with it (a cut behind a caption that stays)
        run = run[::-1]
        if run:
            run = run[self._appeared_at(t, [old for _, old in run] + [image]):]
        if run:
            t.start = run[0][0]
        earlier = [old for _, old in run[::-1]]
        # the frames it was already on give the median picture more crops to work with
        gap = max(1, self.step // 2)
        t.crops[:0] = [t.crop(old).copy() for old in earlier[::-1][::gap] if old is not image][:self.crops // 2]
        t.colour[:0] = [None] * (len(t.crops) - len(t.colour))  # (the frames before this one kept no colour)
        self._keep_before(t, [old for k, old in self._recent if k < t.start])
        return t

    def _appeared_at(self, t, seq: list) -> int:
        """Where in ``seq`` (the frames back to the previous detection that match caption ``t``,
        then this one) the caption came up: after the last jump of its box that stands out, if
        the picture around the box did not jump with it (a cut behind a caption that stays);
        else 0. (The last: a caption gone from the same place just before this one came up is
        a jump too; 'Придавите капусту ...', small over dark moss, was taken from there, 3
        frames early, and the picture there did not hold its letters.)"""
        import cv2

        box = t.box
        jumps = np.array([float(np.mean(cv2.absdiff(t.crop(a), t.crop(b)))) for a, b in zip(seq[:-1], seq[1:])])
        out = [k for k in range(len(jumps))
               if jumps[k] > max(12.0, 3.0 * (float(np.median(np.delete(jumps, k))) if len(jumps) > 1 else 0.0))]
        if not out:
            return 0
        j = out[-1]
        h = box[3] - box[1]
        y0, y1 = max(0, box[1] - h), min(self.ah, box[3] + h)
        around = np.ones((y1 - y0, self.aw), bool)
        around[box[1] - y0 : box[3] - y0, box[0] : box[2]] = False
        moved = float(np.mean(cv2.absdiff(seq[j][y0:y1], seq[j + 1][y0:y1])[around]))
        return j + 1 if moved < 0.5 * jumps[j] else 0

    # -- follow ----------------------------------------------------------------------------
