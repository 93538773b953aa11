"""The word lists inside Tesseract's language data (text.lexicon) and the mends they allow: a
lost breve ('Этои' for 'Этой') and a lost space the picture shows ('AFULL' for 'A FULL')."""

from __future__ import annotations

import numpy as np

from reelstudio.analysis.text import find_tessdata
from reelstudio.analysis.text.lexicon import lexicon, mend
from reelstudio.analysis.text.ocr import stray_marks, without_marks, word_gaps


def _lexicons():
    folder = find_tessdata(("eng", "rus"))
    return {"latin": lexicon(str(folder / "eng.traineddata")), "cyrillic": lexicon(str(folder / "rus.traineddata"))}


def test_the_language_data_word_lists_are_read():
    lex = _lexicons()
    for word in ("bearings", "knight", "Full", "FULL"):
        assert lex["latin"].knows(word), word
    for word in ("прошёл", "Этой", "ЭТОЙ", "испанский", "работу"):
        assert lex["cyrillic"].knows(word), word
    for word in ("AFULL", "thebearings", "Этои", "испанскии", "наработу", "qzxv"):
        assert not lex["latin"].knows(word) and not lex["cyrillic"].knows(word), word


def test_a_missing_or_damaged_language_file_knows_no_words(tmp_path):
    broken = tmp_path / "eng.traineddata"
    broken.write_bytes(b"\x17\x00\x00\x00" + b"\xff" * 40)
    for path in (broken, tmp_path / "none.traineddata"):
        lex = lexicon(str(path))
        assert not lex and not lex.knows("the")
        assert mend("AFULL Этои", {"latin": lex, "cyrillic": lex}) == "AFULL Этои"


def test_a_lost_breve_is_mended_where_one_word_is_known():
    lex = _lexicons()
    assert mend("Этои зимои", lex) == "Этой зимой"
    assert mend("Учу испанскии!", lex) == "Учу испанский!"
    # a known word stays as read ('простои' is one), and so does a word no mend makes known
    assert mend("Самыи простои", lex) == "Самый простои"
    assert mend("запястии", lex) == "запястии"


def test_a_plural_imperative_whose_breve_was_lost_is_mended_though_the_list_lacks_it():
    """Russian imperatives are mostly missing from the language data's word list, so 'Этои' ->
    'Этой' (the list knows it) cannot mend 'Подрезаите': an ending of 'а', 'я' or 'у' and
    'ите' (or 'итесь') is always 'йте' but in 'таить' ('вы таите')."""
    lex = _lexicons()
    assert not lex["cyrillic"].knows("Подрезайте")
    for read, meant in (("Подрезаите ветки", "Подрезайте ветки"), ("Сначала толкаите ногами", "Сначала толкайте ногами"),
                        ("Центруите", "Центруйте"), ("ОТТАЛКИВАИТЕСЬ сильнее", "ОТТАЛКИВАЙТЕСЬ сильнее"),
                        ("Угадаите, сколько", "Угадайте, сколько")):
        assert mend(read, lex) == meant, read
    for read in ("вы таите", "Утаите", "строите дом", "мои свои", "Подрезаиte"):
        assert mend(read, lex) == read, read


def test_a_latin_letter_read_as_its_look_alike_is_put_back_where_one_known_word_comes_of_it():
    """The tuning reads that had one letter read for another in caption type (a heavy 'C'
    closed into 'G', an outline hiding an 'L''s foot, an 'l' cut short, an open 'o', a 'u'
    read as 'ti'), and what must stay: known words, words under four letters, a 'T' that starts
    a word ('Tamp' is no 'Lamp'), two words one letter away, Cyrillic (whose inflected forms
    the list lacks: 'Замочите' is no 'Замочить'), handles."""
    lex = _lexicons()
    for read, meant in (("KITGHEN DRAWER WAS", "KITCHEN DRAWER WAS"), ("TURN MY SHOUTDERS", "TURN MY SHOULDERS"),
                        ("bishops, usuaily", "bishops, usually"),
                        ("with ccffee?", "with coffee?"), ("SO WATCH GLOSELY", "SO WATCH CLOSELY"),
                        ("him frem the highway", "him from the highway"), ("sound holiow", "sound hollow"),
                        ("two hotirs", "two hours"), ("ONE RATNY SUMMER", "ONE RAINY SUMMER"), ("DIVF 4", "DIVE 4"),
                        ("WITOLE MINUTES", "WHOLE MINUTES"), ("and kiek", "and kick"), ("Keep vour arms", "Keep your arms")):
        assert mend(read, lex) == meant, read
    for read in ("Tamp the coffee", "the dewy grass", "Slew it", "cidth", "Замочите солому", "@scoby.and.spokes",
                 "nighth", "Gin"):
        assert mend(read, lex) == read, read


def test_a_lost_space_is_mended_only_where_the_picture_shows_one():
    lex = _lexicons()
    wide = [("AFULL", [15, 4, 6, 4], None)]  # a blank after the A three times the others
    even = [("AFULL", [5, 4, 6, 4], None)]
    assert mend("AFULL", lex, wide) == "A FULL"
    assert mend("AFULL", lex, even) == "AFULL"
    assert mend("AFULL", lex) == "AFULL"
    # two words of one letter and a word, in a read of one word
    assert mend("икосени", lex, [("икосени", [19, 14, 3, 2, 5, 7], None)]) == "и к осени"
    # against the read's own spaces: 'on a small' where the blanks are as wide as them
    gaps = [("Day", [5, 9], 18), ("one", [6, 12], 17), ("onasmall", [10, 20, 18, 9, 7, 5, 14], 17),
            ("sailing", [9, 11, 10, 10, 14, 9], 17), ("dinghy", [8, 3, 13, 6, 7], None)]
    assert mend("Day one onasmall sailing dinghy", lex, gaps) == "Day one on a small sailing dinghy"
    # a split leaves no pair of letters that is only in the dictionary because some text had
    # it ('Ti'), and a word the dictionary knows is never split ('Anew')
    assert mend("Tivats", lex, [("Tivats", [3, 16, 4, 3, 4], None)]) == "Tivats"
    assert mend("Anew", lex, [("Anew", [16, 4, 4], None)]) == "Anew"


def test_the_blanks_between_letters_are_measured_on_the_picture_read():
    binary = np.full((40, 120), 255, np.uint8)
    for x0, x1 in ((10, 20), (22, 32), (60, 70), (72, 82)):  # letters: 2 px apart, 28 between words
        binary[10:30, x0:x1] = 0
    # Tesseract's guesses of the letters' boxes overlap the blanks; the columns without ink count
    symbols = [("a", 20, True, (9, 10, 23, 30)), ("b", 20, False, (21, 10, 34, 30)),
               ("c", 20, True, (58, 10, 71, 30)), ("d", 20, False, (70, 10, 84, 30))]
    assert word_gaps(symbols, binary) == [("ab", [2], 28), ("cd", [2], None)]


def test_an_outline_corner_read_between_two_words_is_a_space():
    lex = _lexicons()
    # heavy outlines meet between words; their corners are read as a mark or a narrow letter
    assert mend("The squarejisjnearlyfempty at ten", lex) == "The square is nearly empty at ten"
    assert mend("за.один вечер", lex) == "за один вечер"
    assert mend("трассам:а‘потом", lex) == "трассам а потом"
    # any mark but those that join words ('¥', '*', '"' read where a thin outline's corners meet)
    assert mend("clear¥your*mask", lex) == "clear your mask"
    assert mend('Stretch your legs"before the first run', lex) == "Stretch your legs before the first run"
    # not where a piece would be no word, nor a 't' (the commonest narrow letter in words), nor
    # in a handle, a tag or a link, nor an apostrophe's or a hyphen's word
    for read in ("atter just as much", "yourtouch", "@blades.and.trout", "#tacos.and.nibs",
                 "bakery.com", "don't", "it's", "self-care", "U.S.A", "rock&roll", "and/or"):
        assert mend(read, lex) == read, read


def test_a_two_letter_word_capitalised_inside_a_sentence_is_lower_case():
    lex = _lexicons()
    assert mend("Учусь играть На гитаре с нуля", lex) == "Учусь играть на гитаре с нуля"
    assert mend("My emergency fund Is finally full", lex) == "My emergency fund is finally full"
    assert mend("Route map In\nmy profile", lex) == "Route map in\nmy profile"
    # a sentence's first word, and Title Case, stay as read
    for read in ("Route Map In My Profile", "I love it. So good", "На каяке"):
        assert mend(read, lex) == read, read


def test_a_word_read_in_the_other_scripts_shapes_is_written_in_the_captions_script():
    """'Замочите солому заранее' read 'Замочите conomy заранее' (fresh15's boxed subtitle): 'л'
    read 'n', a loose look-alike fix_scripts does not turn. Amid a Russian caption, a Latin word
    no English list knows becomes the one Russian word its loose look-alikes spell; a word
    English knows, or one whose readings spell no word or two, stays as read."""
    lex = _lexicons()
    assert mend("Замочите conomy заранее с вечера", lex) == "Замочите солому заранее с вечера"
    assert mend("Купил новый iPhone вчера", lex) == "Купил новый iPhone вчера"
    assert mend("Смотрите вместе с mom", lex) == "Смотрите вместе с mom"
    assert mend("Watch this conomy trick", lex) == "Watch this conomy trick"


def _line_with_marks():
    """Two words of blocks 20 px tall with 10 px strokes (a ring, so the letters are no blobs),
    and what a heavy outlined chunk leaves between them."""
    binary = np.full((60, 260), 255, np.uint8)
    letters = []
    for k, x0 in enumerate((10, 45, 80, 150, 185, 220)):
        binary[20:50, x0:x0 + 30] = 0
        binary[30:40, x0 + 10:x0 + 20] = 255
        letters.append((x0, 20, x0 + 29, 49))
    return binary, letters


def test_a_mark_read_from_a_speck_is_dropped_and_a_mark_as_heavy_as_the_letters_stays():
    binary, (a, b, c, d, e, f) = _line_with_marks()
    binary[45:48, 125:127] = 0  # a speck in the word space (3 x 2 px: an outline's corner)
    binary[40:50, 240:250] = 0  # a stop after the last letter, as heavy as the strokes
    symbols = [("a", 30, True, a), ("b", 30, False, b), ("c", 30, False, c), (",", 4, False, (122, 44, 129, 49)),
               ("d", 30, True, d), ("e", 30, False, e), ("f", 30, False, f), (".", 10, False, (239, 39, 251, 50))]
    stray, specks = stray_marks(symbols, binary)
    assert stray == {3} and specks[46, 126] and not specks[45, 245]
    text, kept = without_marks("abc, def.\n", symbols, stray)
    assert text == "abc def.\n" and [s[0] for s in kept] == list("abcdef.")
    # the mark between two letters with no space read: a word space Tesseract could not place
    symbols[4] = ("d", 30, False, d)
    text, kept = without_marks("abc,def.\n", symbols, stray)
    assert text == "abc def.\n" and [s[2] for s in kept] == [True, False, False, True, False, False, False]
    # the blanks measured without the speck: the word space is the whole gap again
    assert word_gaps(kept, np.where(specks, 255, binary).astype(np.uint8))[0][2] == 40


def test_a_mark_without_ink_of_its_own_or_in_a_handle_stays():
    binary, (a, b, c, d, e, f) = _line_with_marks()
    # an apostrophe's box over the letter beside it only ("Saturn's": its ink lay outside)
    symbols = [("a", 30, True, a), ("b", 30, False, b), ("c", 30, False, c), ("'", 10, False, (100, 20, 112, 30)),
               ("d", 30, False, d), ("e", 30, False, e), ("f", 30, False, f)]
    assert stray_marks(symbols, binary)[0] == set()
    binary[45:48, 125:127] = 0  # a speck read as a handle's dot ('@fixer.and.fido' in small type)
    symbols = [("@", 30, True, a), ("b", 30, False, b), ("c", 30, False, c), (".", 4, False, (122, 44, 129, 49)),
               ("d", 30, False, d), ("e", 30, False, e), ("f", 30, False, f)]
    assert stray_marks(symbols, binary)[0] == set()
    # where the text and its symbols do not pair up, both stay as read
    assert without_marks("abc def\n", symbols, {3})[0] == "abc def\n"


def test_a_less_sure_read_of_the_whole_line_lends_its_piece_known_words():
    """text.widening.merged_read: the piece's read keeps its own words where both reads have
    them; the whole line's read adds the words beyond the piece's ends (not a letter or a
    mark of picture, not two letters read from the picture beside the line, not words in
    another script), and a known word where the piece read one no dictionary knows."""
    from reelstudio.analysis.text.widening import merged_read

    lex = _lexicons()

    def knows(word):
        return lex["latin"].knows(word) or lex["cyrillic"].knows(word)

    # (the reads the lane made of fresh26 and fresh20's small plain lines)
    assert merged_read("the racket loosely and", "d the rasket loosely and keep uecr wrist free", knows) == \
        ("the racket loosely and keep uecr wrist free", ["keep", "uecr", "wrist", "free"])
    assert merged_read("a wedqe with the tips to slow down", "Mark a wedge with the tips to slow down", knows) == \
        ("Mark a wedge with the tips to slow down", ["Mark"])
    assert merged_read("Оставьте тесто на полнаса", "Оставьте тесто на полчаса", knows) == \
        ("Оставьте тесто на полчаса", [])
    # nothing lent: the piece's words known, picture read beside the line, another script,
    # the piece's last word not matched, a known word of the piece
    for piece, whole in (("Last clear night before the storms", "Last clearn ght before the storms ns"),
                         ("Would you grow your own food?", "Would you grow your own food? ro"),
                         ("Сегодня никто не упал в манеже", "t 3 Сегодня никто не упал в манеже"),
                         ("Пропорции м", "Пропорции MOTORS"),
                         ("Last cold evening on the pond", "SEF ast cold evening on the pond"),
                         ("Сегодня никто не провалился под лёд", "Сегодня никто не провалился под лед"),
                         ("nids", "cos and nibs")):
        assert merged_read(piece, whole, knows) is None, piece
