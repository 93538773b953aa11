"""Where a subtitle cue's text breaks: sentence and clause ends, the words that bind to the
next, and the best one- or two-line layout of a cue's words within :class:`CueRules`
(42 characters a line, 2 lines). Used by report/subtitles.py to cut the transcript into cues.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Sequence


@dataclass(frozen=True)
class CueRules:
    """Subtitle timing and layout (common broadcast/streaming practice: 42 characters a line,
    2 lines, 5/6 s to 7 s a cue, about 17 characters a second)."""

    max_line_chars: int = 42
    max_lines: int = 2
    max_duration_s: float = 7.0
    min_duration_s: float = 5 / 6  # 20 frames at 24 fps; held into the following gap when there is room
    max_chars_per_s: float = 17.0  # reading speed: a cue is held on screen long enough for it, when there is room
    pause_s: float = 0.6  # a gap this long between words is a natural place to end a cue
    max_inner_gap_s: float = 1.5  # a cue never spans a silence this long


# -- words and punctuation ---------------------------------------------------------------
_CLOSERS = "\"'»”’)]}›」』"
_SENTENCE_END = (".", "?", "!", "。", "？", "！", "‽", "؟", "।")
_ELLIPSIS = ("…", "...")
_CLAUSE = (",", ";", ":", "–", "—", "，", "、", "；", "：", "-")
# "Mr." does not end a sentence
_ABBREVIATIONS = frozenset({
    "mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "vs.", "e.g.", "i.e.", "jr.", "sr.", "approx.",
    "т.е.", "т.к.", "ул.", "им.",
})
# Words that bind to the word after them: a line or cue should not end on one
# (articles, prepositions, possessives, conjunctions; English and Russian).
_BINDING = frozenset("""
a an the of to in on at for with from by into onto about over under as than via per
my your his its our their this these those and or but nor if i we they he she
very some every each no not
в во на с со к ко у о об обо от до по за из изо без для при про над под перед через между
и а но или не ни что чтобы как если когда где мой моя моё мои твой наш ваш их этот эта это эти
""".split())
# Words that start a clause: a cue or a line may begin with one
_CLAUSE_START = frozenset("""
and but or so because which who whom whose that when while where if although though then
until unless since whereas how what why
и а но или что чтобы потому поэтому который которая которое которые когда если хотя пока где почему зачем
""".split())
_NO_SPACE_LANGUAGES = ("zh", "ja", "yue", "th", "lo", "km", "my")


def _bare(token: str) -> str:
    """The word without punctuation around it, lower case ("Hello," -> "hello")."""
    return token.strip(_CLOSERS + "".join(_SENTENCE_END + _ELLIPSIS + _CLAUSE) + "«“‘([{¿¡\"'").lower()


def _tail(token: str) -> str:
    return token.rstrip(_CLOSERS)


def ends_sentence(token: str) -> bool:
    t = _tail(token)
    if t.endswith(_ELLIPSIS) or not t.endswith(_SENTENCE_END):
        return False
    return t.lower().lstrip("«“‘([{\"'") not in _ABBREVIATIONS


def _ends_ellipsis(token: str) -> bool:
    return _tail(token).endswith(_ELLIPSIS)


def _ends_clause(token: str) -> bool:
    return _tail(token).endswith(_CLAUSE)


def _is_punctuation(token: str) -> bool:
    return bool(token) and all(unicodedata.category(ch).startswith("P") for ch in token)


def _binds_forward(token: str) -> bool:
    """A word that belongs with the next one ("the", "of", "в"), unless punctuation follows it."""
    return token == token.rstrip(_CLOSERS + "".join(_SENTENCE_END + _CLAUSE) + "…") and _bare(token) in _BINDING


def _starts_clause(token: str) -> bool:
    return _bare(token) in _CLAUSE_START


def _word_break_cost(tokens: Sequence[str], k: int) -> float:
    """How bad it is to end a line or a cue after token ``k`` (0 = a sentence end)."""
    t = tokens[k]
    if ends_sentence(t):
        return 0.0
    if _ends_ellipsis(t):
        c = 1.0
    elif _ends_clause(t):
        c = 2.0
    elif k + 1 < len(tokens) and _starts_clause(tokens[k + 1]):
        c = 4.0
    elif k + 1 < len(tokens) and _binds_forward(tokens[k + 1]):
        c = 6.0  # before a preposition or an article: a phrase boundary
    else:
        c = 8.0
    if _binds_forward(t):
        c += 12.0
    if k + 1 < len(tokens) and _is_punctuation(tokens[k + 1]):
        c += 20.0  # never leave a lone dash or quote at the start of the next cue
    return c


# -- lines -------------------------------------------------------------------------------
def _join(tokens: Sequence[str], sep: str) -> str:
    return sep.join(tokens)


def layout(tokens: Sequence[str], rules: CueRules = CueRules(), sep: str = " ") -> tuple[list[str], float] | None:
    """The cue's lines and how awkward they are (0 = one line or a break after punctuation).

    One line when it fits; else two lines of at most ``max_line_chars``, as balanced as
    possible, broken after a sentence end or a comma rather than mid-phrase, before
    "and"/"which" rather than elsewhere, and not after an article or a preposition when a
    break of similar balance exists (that costs as much as 10 characters of imbalance).
    ``None`` when no two lines fit; a token longer than a line sits alone on its line.
    """
    width = rules.max_line_chars
    text = _join(tokens, sep)
    if len(text) <= width or len(tokens) == 1:
        return [text], 0.0
    if rules.max_lines < 2:
        return None
    best: tuple[float, int, float] | None = None
    total, la = len(text), -len(sep)
    for i in range(1, len(tokens)):
        la += len(tokens[i - 1]) + len(sep)  # len(_join(tokens[:i])), without building it
        lb = total - la - len(sep)
        if la > width and i > 1:
            break
        if lb > width and i < len(tokens) - 1:
            continue
        k = i - 1
        score = float(max(la, lb))
        awkward = 1.0
        if ends_sentence(tokens[k]):
            score -= 12
            awkward = 0.0
        elif _ends_clause(tokens[k]) or _ends_ellipsis(tokens[k]):
            score -= 8
            awkward = 0.0
        if _starts_clause(tokens[i]):
            score -= 3
            awkward = min(awkward, 0.5)
        elif _binds_forward(tokens[i]):
            score -= 1
            awkward = min(awkward, 0.75)
        if _binds_forward(tokens[k]):
            score += 10
            awkward = 8.0
        if _is_punctuation(tokens[i]):
            score += 30
            awkward = 8.0
        if best is None or score < best[0]:
            best = (score, i, awkward)
    if best is None:
        return None
    return [_join(tokens[:best[1]], sep), _join(tokens[best[1]:], sep)], best[2]


def wrap_lines(tokens: Sequence[str], rules: CueRules = CueRules(), sep: str = " ") -> list[str] | None:
    """The lines of :func:`layout`, or ``None`` when no layout fits."""
    lay = layout(tokens, rules, sep)
    return lay[0] if lay else None
