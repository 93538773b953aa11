"""Reading heavy outlined captions (session 13): the picture bits outlines leave between
letters, whether a read held when its fill changes colour, and one caption followed twice."""

from __future__ import annotations

import numpy as np

from corpus import text as corpus
from reelstudio.analysis.text import Reader, TextAnalyzer, find_tessdata
from reelstudio.analysis.text.letters import outlined_only, read_held


def _outlined(text: str, size: int = 44, stroke: int = 5, picture: int = 90):
    """White letters outlined black over a flat picture, with a bright patch of picture
    (a bit of sky) between the first two words; (gray, the patch's mask)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(f"{corpus.FONTS}/DejaVuSans-Bold.ttf", size)
    img = Image.new("L", (560, 90), picture)
    d = ImageDraw.Draw(img)
    d.text((20, 15), text, font=font, fill=255, stroke_width=stroke, stroke_fill=0)
    gray = np.asarray(img).copy()
    # the gap between the words: the first column after the first word's outline
    first = d.textbbox((20, 15), text.split()[0], font=font, stroke_width=stroke)
    patch = np.zeros(gray.shape, bool)
    patch[40:52, first[2] + 1 : first[2] + 8] = True
    gray[patch] = 250
    return gray, patch


def test_outlined_letters_lose_the_picture_bits_between_them():
    gray, patch = _outlined("THE CALLUSES")
    letters = gray > 128
    kept = outlined_only(letters, gray)
    assert not (kept & patch).any()  # the bright bit beside the outline is gone
    assert (kept == (letters & ~patch)).all()  # every letter stays
    # and the read no longer has a mark between the words (real Tesseract)
    reader = Reader(("eng",))
    binary = np.pad(np.where(kept, 0, 255).astype(np.uint8), 16, constant_values=255)
    text, conf, _ = reader.read(binary, single_line=True)
    assert text.strip() == "THE CALLUSES" and conf > 0.8


def test_plain_letters_and_their_marks_are_left_alone():
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(f"{corpus.FONTS}/DejaVuSans-Bold.ttf", 40)
    img = Image.new("L", (420, 80), 40)
    ImageDraw.Draw(img).text((10, 10), "Wait, it's here.", font=font, fill=230)  # no outline
    gray = np.asarray(img)
    letters = gray > 128
    assert (outlined_only(letters, gray) == letters).all()
    # outlined punctuation has its own outline around it: kept
    gray, patch = _outlined("NO, IT'S: OK.")
    gray = gray.copy()
    gray[patch] = 90  # no patch this time
    letters = gray > 128
    assert (outlined_only(letters, gray) == letters).all()


def test_a_read_holds_by_its_outline_when_its_fill_changes_colour():
    gray, _ = _outlined("mute the strings")
    ink = gray > 128
    binary = np.pad(np.where(ink, 0, 255).astype(np.uint8), 16, constant_values=255)
    lines = [(0, 0, binary.shape[1], binary.shape[0])]
    # a karaoke word turns yellow (luma ~206 for 255) under its still outline
    crops = []
    for k in range(6):
        c = gray.copy()
        if k % 2:
            c[:, 150:330][ink[:, 150:330]] = 206
        crops.append(c)
    stack = np.stack(crops)
    med = np.median(stack, axis=0).astype(np.uint8)
    assert read_held(stack, med, binary, lines, 1.0, 20) > 0.9
    # texture: ink and surround both change from crop to crop
    rng = np.random.default_rng(3)
    moving = np.stack([rng.integers(0, 256, gray.shape, dtype=np.uint8) for _ in range(6)])
    assert read_held(moving, np.median(moving, axis=0).astype(np.uint8), binary, lines, 1.0, 20) < 0.3
    # a speck too small to tell does not pass as held
    speck = np.full((40, 40), 255, np.uint8)
    speck[20:22, 20:22] = 0
    assert read_held(stack[:, :8, :8], med[:8, :8], speck, [(0, 0, 40, 40)], 1.0, 20) == 0.0


def test_nearly_the_same_read_followed_on_where_the_follow_broke_is_one_caption():
    box = (200, 35, 325, 61)

    def cap(a, b, text):
        return {"start_frame": a, "end_frame": b, "box": box, "text": text}

    caps = [cap(130, 158, "@pedal and pick"), cap(159, 188, "pedal and pick"), cap(188, 233, "@pedal and pick"),
            cap(228, 240, "@pedal and pick")]
    out = TextAnalyzer._merge(caps)
    assert [(c["start_frame"], c["end_frame"], c["text"]) for c in out] == [(130, 240, "@pedal and pick")]
    # other words at the same place, back to back, stay apart (pop-in chunks)
    out = TextAnalyzer._merge([cap(10, 18, "NOBODY TELLS YOU"), cap(18, 24, "THAT THE HARDEST")])
    assert len(out) == 2


def test_tessdata_for_these_tests():
    assert find_tessdata(("eng",)).is_dir()


def test_two_small_faint_letters_are_picture_not_a_caption():
    """'it I' and 'ur' read off a photo's shelves (capitals 1.2 % of the frame height, 2.4:1)
    made three flags on a reel of well-set subtitles; pop-in words of one or two letters are
    set large, small credits have more letters, faint captions are larger: all kept."""
    from reelstudio.analysis.text.scraps import small_faint_scrap

    assert small_faint_scrap("it I", 0.012, 2.44) and small_faint_scrap("ur", 0.013, 2.34)
    assert not small_faint_scrap("IF", 0.04, 21.0)  # a pop-in word
    assert not small_faint_scrap("IF", 0.04, 2.0)  # a large faint one: the contrast check's business
    assert not small_faint_scrap("@pedal.and.pick", 0.012, 2.0)  # a small handle
    assert not small_faint_scrap("ur", 0.012, 4.5)  # small but plain to see


def test_a_few_letters_read_doubtfully_without_stark_contrast_are_picture():
    """Session 25's false captions on the tuning parts ('154' 0.55 sure at 11.9:1 off a bridge's
    truss, 'ПГ' 0.78 at 11.1:1, 'my' 0.58 at 5.5:1) are picture; a pop-in word outlined at 21:1
    read doubtfully, a short plain read made surely, and a doubtful read of a whole sentence
    stay captions."""
    from reelstudio.analysis.text.scraps import unsure_scrap

    assert unsure_scrap("154", 0.55, 11.88) and unsure_scrap("ПГ", 0.78, 11.11) and unsure_scrap("my", 0.58, 5.49)
    assert not unsure_scrap("NEVER", 0.61, 21.0)  # an outlined pop-in word
    assert not unsure_scrap("ты рек", 0.96, 8.32)  # read surely
    assert not unsure_scrap("Keep your hips close", 0.6, 8.0)  # a sentence, doubtful: not a scrap


def test_a_read_of_look_alike_capitals_only_is_a_script_guess():
    """'TEXTURE CHANGES IN' came back 'ТЕХТОВЕСНАМСЕ$ М' (0.74 sure, no dictionary word): every
    letter a Latin/Cyrillic look-alike, so its script is a guess; the English read shows U, R,
    G, N, S, which no Cyrillic capital looks like. A real word of look-alikes is no guess."""
    from reelstudio.analysis.text.ocr import lookalikes_only as _lookalikes_only, own_letters as _own_letters

    assert _lookalikes_only("ТЕХТОВЕСНАМСЕ$ М", 0.07)
    assert not _lookalikes_only("ТЕХТОВЕСНАМСЕ$ М", 1.0)  # dictionary words: no guess
    assert not _lookalikes_only("МОТ", 0.0)  # too short to tell
    assert not _lookalikes_only("Начните с этих аккордов", 0.0)  # letters only Cyrillic has
    assert _own_letters('TEXTUREIGHANGES"IN') >= 3 and _own_letters("ТЕХТОВЕСНАМСЕ") == 0


def test_a_read_in_two_scripts_is_not_quoted():
    """Every read of the caption parts holding words in both Latin and Cyrillic was a misread
    ('хемы Taken' for 'Схемы такелажа', 0.88 sure): such a read is not readable. Handles,
    links and numbers do not count, nor do one-letter words."""
    from reelstudio.analysis.text.ocr import mixed_scripts

    assert mixed_scripts("хемы Taken") and mixed_scripts("„Кёер yourhips:\nClose to the wall")
    assert mixed_scripts("Мой новый iPhone")  # (shown as text the app could not read)
    assert not mixed_scripts("Схемы такелажа") and not mixed_scripts("Keep your hips close")
    assert not mixed_scripts("Подпишись на @nordic.trails") and not mixed_scripts("Глава 3")
    assert not mixed_scripts("I и")

def test_an_unpaired_mark_at_a_word_edge_is_an_outline_corner():
    """Tesseract read the corner of a heavy outline beside a pop-in word as a quote mark or a
    bracket ('“MY', 'STAKES)' for 'TAKES', 'Send this to an artist friend)'): a quote mark or
    bracket without its pair is dropped where it starts or ends a word; paired ones stay. A
    word whose capitals turn small inside it ('HOMep' for Cyrillic 'номер' in Latin
    look-alikes) is not quoted."""
    from reelstudio.analysis.text.letters import garbled
    from reelstudio.analysis.text.ocr import tidy

    assert tidy("“MY\n") == "MY" and tidy("STAKES)") == "STAKES" and tidy('"НМ разу') == "НМ разу"
    assert tidy("Send this to an artist friend)") == "Send this to an artist friend"
    assert tidy("“Hello” said he") == "“Hello” said he" and tidy("«Привет» мир") == "«Привет» мир"
    assert tidy("(a) b") == "(a) b" and tidy("Hi  \"there\"\n\n") == 'Hi "there"'
    assert garbled("HOMep Ha") and not garbled("URLs and PDFs") and not garbled("iPhone")
    assert not garbled("NASA photos") and not garbled("McDonald")



def test_no_second_read_where_the_follow_lost_the_letters_core():
    """The first 18 frames of the held-out flashing reel of the checks corpus (Big Buck Bunny
    b-roll; tests/data/text/LICENSES.md): picture the detector took for text, whose follow kept
    a quarter of its letters' core. The karaoke second read (v23) read it 'Ga', flagged as
    unreadable text on screen too briefly; a karaoke caption's follow keeps 0.72-0.77 of it."""
    from pathlib import Path

    from reelstudio.pipeline import analyze

    clip = Path(__file__).parent / "data" / "text" / "broll_texture_bbb.mp4"
    lane = analyze(clip, cache=False, analyzers=[TextAnalyzer()]).lanes["text"]
    assert lane.data["intervals"] == [], [(c["text"], c["start_frame"]) for c in lane.data["intervals"]]


def test_pieces_of_one_line_are_one_caption():
    """The detector saw a subtitle in a see-through box as pieces (fresh10: 'то' and 'пал в
    гавань' of 'Сегодня никто не упал в гавань'): reads side by side on one row, over the same
    frames, in type of one size, a few box heights apart at most, are one caption, left to
    right; words shown at other frames, on other rows or in type of another size are not."""
    from reelstudio.analysis.text.geometry import joined_pieces

    def cap(text, box, start=95, end=104, height=9.0):
        return {"text": text, "box": box, "start_frame": start, "end_frame": end, "lines": 1, "height": height,
                "confidence": 0.9, "lexical": 1.0, "weakest": 0.8, "contrast": 15.0}

    right, left = cap("пал в гавань", (284, 426, 364, 438)), cap("то", (251, 427, 270, 436))
    out = joined_pieces([right, left])
    assert [c["text"] for c in out] == ["то пал в гавань"] and out[0]["box"] == (251, 426, 364, 438)
    assert len(joined_pieces([right, cap("то", (251, 427, 270, 436), start=104, end=112)])) == 2  # popped in later
    assert len(joined_pieces([right, cap("то", (251, 470, 270, 479))])) == 2  # another row
    assert len(joined_pieces([right, cap("то", (251, 400, 270, 450), height=30.0)])) == 2  # type of another size
    assert len(joined_pieces([right, cap("то", (100, 427, 119, 436))])) == 2  # far off


def test_a_lone_dash_or_star_at_a_lines_end_is_a_speck():
    from reelstudio.analysis.text.ocr import tidy

    # a speck of the picture or an outline's edge beside the letters, read as a word of its own
    assert tidy("Пар в духовке делает корочку хрустящей *") == "Пар в духовке делает корочку хрустящей"
    assert tidy("STOPPING AND NOBODY -\n- AT ALL") == "STOPPING AND NOBODY\nAT ALL"
    # inside a line it stays, and a bar is left for fix_scripts ('| tried this' is 'I tried this')
    assert tidy("Price - 5 euros") == "Price - 5 euros"
    assert tidy("| tried this") == "| tried this"


def test_a_pop_in_chunk_is_written_in_its_sentences_script():
    """Tesseract read the pop-in chunk 'POT OF' as 'РОТ: ОЕ' (0.95 sure; its English read
    'POT OF' 0.67) and 'номер на' as 'HOMep Ha': the chunks shown just before and after it at
    its rows are plainly in one script, and it is written in theirs, from its read in their
    language or, where it has none, its look-alike letters. A chunk plainly in its own script
    and more like words that way (a Russian line between English ones) stays."""
    from reelstudio.analysis.text.sequences import script_of_sequence, text_script

    def cap(a, b, text, conf=0.9, lexical=1.0, alts=None):
        return {"start_frame": a, "end_frame": b, "box": (100, 440, 400, 510), "height": 60.0, "text": text,
                "confidence": conf, "lexical": lexical, "weakest": conf, "lang": "rus", "alts": alts or {}}

    pot = cap(94, 100, "РОТ: ОЕ", 0.95, 0.5, {"rus": ("РОТ: ОЕ", 0.95, 0.5, 0.9), "eng": ("POT OF", 0.67, 1.0, 0.6)})
    caps = [cap(88, 94, "AUNT MELTED A"), pot, cap(100, 108, "SOY")]
    script_of_sequence(caps, 30.0)
    assert (pot["text"], pot["lang"], pot["confidence"]) == ("POT OF", "eng", 0.67)

    ha = cap(20, 28, "HOMep Ha", 0.8, 0.0)
    caps = [cap(10, 20, "запомни"), ha, cap(28, 36, "удачи")]
    script_of_sequence(caps, 30.0)
    assert ha["text"] == "НОМер На" and ha["lang"] == "rus" and text_script("НОМер На") is None

    # a chunk in its own script, surer that way, stays; so does one whose neighbours disagree
    ru = cap(20, 28, "жду тебя", 0.9, 1.0, {"eng": ("xny Te6a", 0.4, 0.0, 0.3)})
    caps = [cap(10, 20, "WAIT FOR"), ru, cap(28, 36, "THE NIGHT")]
    script_of_sequence(caps, 30.0)
    assert ru["text"] == "жду тебя"
    lone = cap(20, 28, "Ha", 0.8, 0.0)
    caps = [cap(10, 20, "WAIT FOR"), lone, cap(28, 36, "удачи")]
    script_of_sequence(caps, 30.0)
    assert lone["text"] == "Ha"
    # a caption shown a moment after the last (a subtitle, 0.2 s later) is no piece of its sentence
    far = cap(25, 33, "HOMep Ha", 0.8, 0.0)
    caps = [cap(10, 20, "запомни"), far]
    script_of_sequence(caps, 25.0)
    assert far["text"] == "HOMep Ha"
