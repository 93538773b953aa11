"""On-screen text: captions found by PP-OCRv4 detection (ONNX Runtime), followed frame by
frame by their pixels, read once each by Tesseract.

The pipeline hands every frame as a gray picture whose shorter side is ``width`` px (display
aspect; the source's own size when smaller: 540x960 for a vertical reel, 960x540 for a
landscape one), made from the decoder's luma plane. Three steps:

1. **Find.** Text that appears stays put, with sharp edges. On every ``step``-th frame
   (``step`` = round(fps / ``sample_fps``)) the lane looks for *new settled edges*: pixels
   on an edge (3x3 gray range over ``tolerance``) that stayed within ``steady`` gray levels
   over the last ``settle`` frames (~0.2 s) and lie more than ``tolerance`` outside the 3x3
   gray range of what the last detection covering them saw (a picture that drifted by a
   pixel is nothing new), outside the captions being followed. Cells of 8x8 px with a sixth
   of such pixels, two side by side, mark rows; only those row bands (widened by 3 % of the
   height) go through the PP-OCRv4 mobile detector (``models/ppocr_det_gray.onnx``: the same
   arithmetic as ``ppocr_det.onnx`` on one gray channel, see ``models/_fold_ppocr.py``) at the full
   analysis size, so small text is seen at its real size; a band whose edge cuts a text line
   grows until the line is inside. Edges steady for two frames only (text that has just
   appeared), outside the captions being followed, are looked at again half of ``settle``
   frames later (at least 2). When the new
   rows cover more than ``full_band`` of the picture (a cut to a still shot) the whole picture is shrunk to
   ``det_width`` px on its shorter side and searched; lines it shows under 12 px tall, and new rows where
   it found nothing (each as asked, the smallest first, as far as the cost of one more search
   allows), are searched again at full size. The first frame is searched whole at full size. When a followed caption ends,
   its rows are searched on that very frame (its replacement often appears there), at a
   scale showing lines of its height >= 20 px (at full size after a look that lived a frame
   or two: a pop-in word growing). Where a caption shown for at most a second (a pop-in
   chunk) has just ended, a band in which the detector finds nothing is searched once more at
   1.5x: heavy type 20-30 px tall (and a heavy two-letter word) goes unseen in a band a few
   lines tall. A band that shows rows under 12 px, each at least twice as wide as tall (a
   word's piece: the detector sees a line of 12 px capitals as pieces), is searched again
   at 1.5x around them, and what that look finds stands for what it overlaps; where type
   of 2 % of the height is under 12 px (a frame analysed under 600 rows high), so is a band
   around one or two rows of 8 px cells that shows nothing at full size. The
   detector's probability map is cut at
   ``det_threshold``; each connected region whose mean probability exceeds
   ``box_threshold`` is a text line, grown back by the DB "unclip" distance (area x 1.6 /
   perimeter). Lines side by side on one row, and rows stacked closely with overlapping
   columns, form one caption block. A new line of yellow letters (``yellow``) reaches as far
   as the detector sees it on the frame's yellowness, ``min(R, G) - B``, in a strip around it:
   on the gray picture yellow letters over white water or blossom fade into it and the line
   ends short. A block that overlaps a caption already followed is
   that caption, unless it is a line inside a larger box whose template there no longer
   matches the block's letters (a caption appearing over a texture taken for text); a block
   that holds a piece of a followed caption's line and reaches beyond it (a band that cut
   the line, a bright patch that hid its end) re-forms that caption with the whole line. On 60 s of 1080x1920 footage with 34 subtitle cues the detector looks at
   about a fifth of the pixels it would searching every sample whole.
2. **Follow.** A new caption's *template* is its box in the frame where it was found. Its
   *caption pixels* start as the letters (Otsu's class deeper inside the box) grown by two
   pixels, so an outline, a shadow or a box around the letters belong to it too; pixels
   that change while the caption stays are dropped from the set (the busy picture behind
   the letters). On every frame, a caption is still on screen when at least ``match`` of
   its caption pixels are within ``tolerance`` gray levels of the template. The first frame
   below that (or where fewer than a quarter of the original caption pixels are left) is
   its exact ``end_frame`` (after one or two frames that matched only part of its letters:
   the frame after the last that matched nearly all), as is the first frame where, the
   letters told by what encloses them, their own side of the letters' edges goes at once
   while the other side holds (the next subtitle on the same black box). Its exact ``start_frame`` is found by
   the same test on the frames kept since the previous sample (``step`` + ``settle``
   pictures): the earliest frame of the unbroken run of matching frames before the
   detection, cut after the frame where
   the box's pixels jumped when one jump stands out and the picture around the box did not
   jump with it (letters can match the picture they appear on: white over light fur).
3. **Read.** Each caption is read once, when it ends: the per-pixel median of up to
   ``crops`` copies of its box taken across its life, the frames it was on before it was
   found included (the letters stay, the moving picture behind them averages out; none from a
   frame that lost a fifth of the letters at once, nor the next, after its first half second:
   the caption may have gone, its follow still matching white letters over white snow), within
   its caption pixels that hardly moved across those copies; split by Otsu (polarity from
   which class the other encloses), enlarged so the letters are ~32 px tall *before* the
   split (small text keeps the shape of its strokes), specks and hairlines dropped, letters
   black on white, padded, and handed to Tesseract (tesserocr, Tesseract's C API; LSTM, page
   segmentation "single block", languages ``languages``). tesserocr costs ~14 ms of CPU
   per caption line here against ~235 ms for the tesseract command line that pytesseract
   runs (measured on a 900x70 line, eng+rus). A read Tesseract is unsure of (mean
   confidence < 0.8) is tried again without the outer rim of the caption pixels, in the
   other polarity and, when picture of the letters' class lies beside them, with the
   letters' flat fill alone (``fill_cut``); the surest read wins. A read still doubtful
   (less sure than 0.9 and with
   confidence x (0.5 + 0.5 x its share of dictionary words) under 0.8) is tried as the
   letters an outline or box encloses over the whole box (karaoke words changing colour
   leave the still pixels) and as a top-hat (plain letters over a busy or light picture no
   one threshold parts), in both polarities; the read with the best confidence x words x
   share of the most letters read wins. Dots and marks just over a letter (i, j, ё, й) are
   kept with it; of outlined letters, a piece whose surrounding ring is not the outline's
   flat level is picture left between the outlines, and dropped. A word read with mostly
   Cyrillic letters has its Latin look-alikes (a, e, o, p, c, x, ...) turned Cyrillic and vice versa; a caption still
   mixing both scripts is read again in each script's language alone, and the read most like
   words wins if it is nearly as sure. A bar read alone in a Latin caption is 'I', one glued
   to the front of a word, or alone at a Cyrillic line's end or start, is dropped; the first letter of a word (not the caption's first)
   whose cases differ only in size (н/Н, s/S) and that Tesseract read as a capital is put in
   lower case when it is as tall as the read's x-height letters. A word Tesseract's own
   dictionary (its language data's word list, ``lexicon``) does not know is mended where one
   mend makes words of it: an 'и' that lost its breve ('Этои' -> 'Этой'), or a space lost
   where the picture shows a blank as wide as the read's spaces ('AFULL' -> 'A FULL', 'икосени'
   -> 'и к осени'; of two letters, only a short word of the language), or an outline's corner
   between two words read as a mark or a narrow letter ('squarejisjnearlyfempty' -> 'square
   is nearly empty'; handles, tags and links left as read), or a word of the other script
   amid the caption's, read in that script's loose look-alikes ('conomy' -> 'солому'). A
   caption whose steady pixels showed no letters, or a doubtful read of them (karaoke: the
   outlines alone, 'вр: ггукне blade!'), is read again on its text lines' own split of the
   median crop; the fuller read, or the one more like words, stays. Yellow letters read as
   nothing or doubtfully (or surely, but over less than 0.85 of the line) are read again on their yellowness, ``min(R, G) - B`` of the kept
   crops' colour, where white, gray, black and blue are all 0 (``yellow``): on the gray
   picture a dark shadow or a bright picture behind them can take the split. A caption of
   one line of small type (in a frame analysed under 600 rows high, the line under 24 px)
   keeps its rows, the frame's whole width, beside its crops, and those rows on the frame
   before it came up (``widening``): when it ends, the line is carried on to its ends on
   their median, where the detector looks at 2x, and where pixels that came up with the line,
   held still since and lie at the level its letters came up at beside an edge go on beside it
   (a word's gap closed; a line with which nothing came up is a texture, not looked at again);
   a line going on a line's height beyond the piece followed is read whole, and
   that read stands where it holds the piece's and three letters more, nearly as surely
   (small subtitles over a panned marsh or bare branches come out of the detector in pieces
   on any one frame).

Captions seen for less than ``min_s`` (0.15 s: word-by-word chunks are on screen 6-12
frames), read as fewer than two letters or digits (but a word of one letter read surely,
'I', 'и', '3', in a pop-in sequence: another caption at its rows, in type of its size, within
0.25 s of it), or read with a mean Tesseract confidence
under ``min_confidence`` (0.55), or nearly invisible (contrast under ``min_contrast``,
1.5:1) and read with confidence under 0.8, are dropped: texture the detector mistook for
text (on the sample reel: 0.52 and 0.67 with contrast 1.1; on a panned motorcycle photo
'ae' and '. гг' at 0.6 with 1.3-1.4, while a real caption badly read over a busy photo
still scores 0.63). Consecutive captions at the same place with the same text are one, and
pieces of one line read side by side over the same frames (single lines on one row, in type
of one size, at most three box heights apart) are one caption, joined left to right.

New text is looked for on every ``step``-th frame (8 a second); a line found just after
another one above or below it, or a block holding a caption found moments before with
more lines, is followed as one caption with it (two lines of a caption settle a sample
apart).

Per caption (``intervals``): half-open frames and seconds, ``box`` [x, y, w, h] in source
display pixels, ``text`` (lines joined by "\\n"), ``lang`` (the Tesseract language whose
script most of the letters are in), ``lines`` and ``height_px`` (median line height from
Tesseract's line boxes, display px: the ink's height, so it moves with descenders),
``cap_height_px`` (capitals' height above the baseline, whichever letters the text holds:
see :func:`cap_height`) and ``font_px`` (the font size it implies, cap height / 0.71: what
a creator sets in an editor, within 5-10 % in the common sans families), ``confidence``
(Tesseract's mean word confidence, 0..1), ``duration_s``, ``contrast`` and a provisional
``role``; ``dictionary_share`` (the share of its letters in words of Tesseract's
dictionaries, handles, links and numbers left out) and ``readable`` (False when Tesseract
is less sure than 0.85 and confidence x (0.5 + 0.5 x dictionary_share) < 0.6, or sure of
one of its words less than 0.6, or when it holds words in both Latin and Cyrillic, which every
such read of the caption parts was a misread: show its box as unreadable text, do not quote
``text``).

**Contrast** is the WCAG 2.x contrast ratio (L1 + 0.05) / (L2 + 0.05) between the letters
and what immediately surrounds them, measured as the captions corpus defines it
(``text/contrast.py``): the letters' fill (the 90th percentile, 10th for dark letters, of
their eroded pixels; in a downscaled source whose strokes are about one analysis pixel wide,
so that erosion leaves under 5 % of the letters, the 97th percentile of the letters themselves)
against the outline where a band beside the letters stands apart from
the picture further out, else against the pixels 2-4 source px from the letters (the box,
the shadow or the picture); each level a median over the caption's kept crops, the ratio
taken last; under 2:1, the lower of that and the ring right beside the letters (so texture
stays under the reader's 1.5:1 line). Each level is an sRGB-encoded gray value. The analysis
picture is luma only, so beside each kept crop the lane keeps that box in colour, made from the
frame's planes only then (``Pictures.colour``, by the source's matrix): a coloured pixel counts
by its WCAG relative luminance, a nearly neutral one by its gray (in the luma alone yellow
letters counted ~13.3:1 over black for a true 15.6:1). ``bench/contrast_floor.py`` measures
what a reader of the decoded frames can reach.

**Role** (provisional; the subtitle-sync step settles it with speech): ``subtitle`` when
the caption's centre lies in the lower two thirds of the frame (below 0.35 of the height)
and another caption at about the same height follows or precedes it within 1.5 s (a
sequence, as subtitles come); ``overlay`` otherwise (titles, labels, a lone caption).

If the detector model, tesserocr or the Tesseract language data is missing, the lane is
``unavailable`` with the reason.
"""

from .analyzer import DET_ENGINE, MODEL, TextAnalyzer, Track
from .geometry import box_iou, db_boxes, group_lines, merge_bands, overlap_smaller
from .letters import (CAP_PER_EM, HELD, READABLE, SURE, WORD_SURE, X_PER_CAP, cap_height, clean_letters,
                      enclosed_by, enclosed_only, glyph_height, letters_mask, letters_split, otsu, read_held,
                      read_quality, wcag_contrast)
from .ocr import (LANG_OF_SCRIPT, TESSDATA_DIRS, OcrUnavailable, Reader, find_tessdata, fix_scripts,
                  installed_languages, script_of, tidy)

__all__ = [
    "CAP_PER_EM", "DET_ENGINE", "HELD", "LANG_OF_SCRIPT", "MODEL", "READABLE", "SURE", "TESSDATA_DIRS",
    "WORD_SURE", "X_PER_CAP", "OcrUnavailable", "Reader", "TextAnalyzer", "Track", "box_iou", "cap_height",
    "clean_letters", "db_boxes", "enclosed_by", "enclosed_only", "find_tessdata", "fix_scripts", "glyph_height",
    "group_lines", "installed_languages", "letters_mask", "letters_split", "merge_bands", "otsu",
    "overlap_smaller", "read_held", "read_quality", "script_of", "tidy", "wcag_contrast",
]
