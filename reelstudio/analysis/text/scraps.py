"""Reads that are picture, not captions: the texture guards a read passes before the text
lane takes it (:meth:`.reading.Reading._read_seen`), and the line that keeps a doubtful read of
stark letters as unreadable text."""

from __future__ import annotations

from .letters import SURE

# a read of this few letters and digits, with capitals under this share of the frame height
# (type under ~2 %) and a contrast under this, is a scrap of picture, not a caption
SCRAP_LETTERS, SCRAP_CAP, SCRAP_CONTRAST = 3, 0.014, 3.0
STARK_CONTRAST, STARK_MIN_CONF, STARK_LETTERS = 15.0, 0.35, 6  # a doubtful read kept as unreadable text
SCRAP_UNSURE_LETTERS = 6  # a doubtful read of this few letters and digits, not stark: texture (unsure_scrap)


def unsure_scrap(text: str, conf: float, contrast: float) -> bool:
    """A few letters (SCRAP_UNSURE_LETTERS letters and digits at most) read doubtfully (under
    SURE) that stand out less than an outline or a box makes letters (under STARK_CONTRAST):
    picture texture. On the twenty-five tuning parts every false caption was so ('еее', 'I
    pele', 'ит', 'ix', '154', 'ПГ', 'al', 'my', 'PAY' over crossings, fields, a lighthouse's
    truss and a venue's lights, 0.55-0.80 sure at 5.5-12.4:1); the captions read with so few
    letters are outlined pop-in words (20-21:1) or read surely (0.89-0.96)."""
    return sum(ch.isalnum() for ch in text) <= SCRAP_UNSURE_LETTERS and conf < SURE and contrast < STARK_CONTRAST


def small_faint_scrap(text: str, cap_share: float, contrast: float) -> bool:
    """Two or three letters, smaller than captions are set (capitals under 1.4 % of the frame
    height) and faint (under 3:1): the lane's reads of such were all picture texture ('it I'
    and 'ur' over a photo's shelves, 1.2 % tall at 2.4:1, each a flag of text too small, too
    faint and too brief on a reel of well-set subtitles). A caption of so few letters is a
    pop-in word, set large; small captions (credits, handles) have more letters."""
    return sum(ch.isalnum() for ch in text) <= SCRAP_LETTERS and cap_share < SCRAP_CAP and contrast < SCRAP_CONTRAST
