"""The word lists inside Tesseract's language data, to ask whether a string is a word.

tesserocr tells whether a word it read came from a dictionary, but cannot be asked about a
word it did not read ('запястии' read: is 'запястий' a word?). The LSTM models' data files
(``<lang>.traineddata``) hold that list as a DAWG of letters: read here from the file's
table of parts (``lstm-word-dawg``, whose letters are ids into ``lstm-unicharset``), walked
edge by edge. A file without those parts gives an empty lexicon (every answer no).

The layout (Tesseract's tessdatamanager and SquishedDawg): the file starts with the number
of parts and a table of their int64 offsets (-1: absent); a DAWG part is an int16 magic, the
int32 size of its letter set, the int32 number of edges and then the edges, each a uint64
holding its letter id in the low ``ceil(log2(size))`` bits, three flags above them (last
edge of its node, backward, end of a word) and the index of the next node's first edge
above those. A node's edges lie together, the last one flagged.
"""

from __future__ import annotations

import itertools
import math
import re
import struct
from functools import lru_cache
from pathlib import Path

import numpy as np

from .ocr import _CYR2LAT, script_of

WORD_DAWG, UNICHARSET = 19, 21  # the parts' places in the table (tessdatamanager.h)
_LAST, _BACKWARD, _END = 1, 2, 4


class Lexicon:
    """Words of one language's data file; ``knows(word)`` in any of its usual cases."""

    def __init__(self, letters: dict[str, int], edges: list[int], bits: int = 0):
        self.ids = letters
        self.edges = edges  # as stored: unpacked when walked (all ~450k at load: 0.1 CPU-s)
        self.bits, self.mask = bits, (1 << bits) - 1

    def __bool__(self) -> bool:
        return bool(self.edges)

    def _has(self, word: str) -> bool:
        node, edges, bits, mask = 0, self.edges, self.bits, self.mask
        for k, ch in enumerate(word):
            want = self.ids.get(ch)
            if want is None or not edges:
                return False
            i = node
            while True:
                e = edges[i]
                letter, flags, nxt = e & mask, (e >> bits) & 7, e >> (bits + 3)
                if letter == want and not flags & _BACKWARD:
                    break
                if flags & _LAST or i + 1 >= len(edges):
                    return False
                i += 1
            if k == len(word) - 1:
                return bool(flags & _END)
            if not nxt:
                return False
            node = nxt
        return False

    def knows(self, word: str) -> bool:
        """Whether ``word`` is in the list as written, in lower case, or capitalised."""
        if not word:
            return False
        return any(self._has(w) for w in dict.fromkeys((word, word.lower(), word[:1].upper() + word[1:].lower())))


def _parts(blob: bytes) -> dict[int, bytes]:
    n = struct.unpack_from("<i", blob, 0)[0]
    if not 0 < n < 100:
        return {}
    offsets = struct.unpack_from(f"<{n}q", blob, 4)
    present = sorted((o, i) for i, o in enumerate(offsets) if 0 < o <= len(blob))
    ends = [o for o, _ in present[1:]] + [len(blob)]
    return {i: blob[o:e] for (o, i), e in zip(present, ends)}


def _letters(blob: bytes) -> dict[str, int]:
    lines = blob.decode("utf-8", "replace").split("\n")
    out = {}
    for i, line in enumerate(lines[1: int(lines[0]) + 1]):
        ch = line.split(" ")[0] if not line.startswith(" ") else " "
        out.setdefault(ch, i)
    return out


def _edges(blob: bytes) -> tuple[list[int], int]:
    """The edges and the bits of a letter id in each (under its three flags and the next node)."""
    _magic, size, n = struct.unpack_from("<hii", blob, 0)
    if size < 2 or n <= 0 or 10 + 8 * n > len(blob):
        return [], 0
    return list(struct.unpack_from(f"<{n}Q", blob, 10)), math.ceil(math.log2(size))


@lru_cache(maxsize=8)
def lexicon(path: str) -> Lexicon:
    """The word list of the language data file at ``path`` (read once a process); empty when
    the file cannot be read or holds no LSTM word list."""
    try:
        parts = _parts(Path(path).read_bytes())
        if WORD_DAWG not in parts or UNICHARSET not in parts:
            return Lexicon({}, [])
        return Lexicon(_letters(parts[UNICHARSET]), *_edges(parts[WORD_DAWG]))
    except (OSError, ValueError, struct.error, UnicodeError):
        return Lexicon({}, [])


# words of one letter, by script (a split leaves one only where the language has it), and the
# words of two a split may leave: the dictionaries hold every pair of letters some text had
# ('Ti', 'sa', 'AF': 'Tivats' for 'Treats' is no 'Ti vats')
ONE_LETTER = {"latin": set("AaI"), "cyrillic": set("АаВвИиКкОоСсУуЯя")}
TWO_LETTERS = {"latin": set("am an as at be by do go he if in is it me my no of oh on or so to up us we".split()),
               "cyrillic": set("бы во вы да до её ей ею же за из им их ко ли мы на не ни но ну об он от "
                               "по со то ты уж".split())}
SPACE_SHARE = 0.6  # a lost space's blank: at least this share of the read's spaces
LETTER_GAPS = 1.5  # and this many times its blanks between letters (2 in a read of one word)
_TOKEN = re.compile(r"^(\W*)(.*?)(\W*)$")
_NAME_LIKE = re.compile(r"[@#/]|\.(com|net|org|ru|рф|io|co|me|tv|app|ly|gg|info|uk|de)\b", re.I)


def main_script(text: str) -> str | None:
    """The script ('latin' or 'cyrillic') most of ``text``'s letters are in; None without letters."""
    scripts = [script_of(ch) for ch in text if ch.isalpha()]
    return max(("latin", "cyrillic"), key=scripts.count) if scripts else None


def known(word: str, lexicons: dict[str, Lexicon]) -> bool:
    """Whether the lexicon of the script of ``word``'s letters (all of one script) has it."""
    scripts = {script_of(ch) for ch in word if ch.isalpha()}
    lex = lexicons.get(next(iter(scripts))) if len(scripts) == 1 else None
    return bool(lex) and lex.knows(word)


def mend(text: str, lexicons: dict[str, Lexicon], gaps: list | None = None) -> str:
    """``text`` with the words no dictionary knows mended where one mend makes words of them:
    a Cyrillic 'и' that was 'й' (Tesseract loses the breve: 'Этои' for 'Этой'), or words whose
    space was lost where the picture shows one ('AFULL' for 'A FULL', 'икосени' for 'и к
    осени'): a blank between two of its letters as wide as the read's spaces (``gaps``:
    ocr.word_gaps of the read); or a word of the other script amid the caption's, read in that
    script's loose look-alikes ('conomy' for 'солому': _loose); or a Latin letter read for
    another that caption type makes it look like ('KITGHEN', 'usuaily': _confused).
    ``lexicons``: by script."""
    blanks = _blanks(gaps or [])
    amid = main_script(text)
    text = "\n".join(" ".join(_mend_word(w, lexicons, blanks, amid) for w in line.split(" "))
                     for line in text.split("\n"))
    return _small_words_small(text)


def _small_words_small(text: str) -> str:
    """``text`` with a two-letter word of the language capitalised inside a sentence in lower
    case ('Учусь играть На гитаре', 'fund Is finally full'): its capital is its small letter
    read a little tall. Not after a sentence's end, nor in a caption whose longer words are
    capitalised (Title Case: 'Route Map In My Profile')."""
    words = re.findall(r"\S+", text)
    longer = [w for w in words[1:] if sum(ch.isalpha() for ch in w) >= 3]
    if not longer or sum(w[:1].isupper() for w in longer) >= 0.5 * len(longer):
        return text
    out, k = [], 0
    for piece in re.split(r"(\s+)", text):
        if piece and not piece.isspace():
            if k > 0 and not re.search(r"[.!?:…]$", words[k - 1]) and len(piece) == 2 and piece[0].isupper() \
                    and piece[1].islower() and any(piece.lower() in two for two in TWO_LETTERS.values()):
                piece = piece.lower()
            k += 1
        out.append(piece)
    return "".join(out)


def _blanks(gaps: list) -> tuple[dict[str, list[int]], float]:
    """The blanks inside each word read (by its letters' key), and the least blank a lost space
    leaves (0: none can be told)."""
    inside = [g for _, gs, _ in gaps for g in gs if g >= 0]
    spaces = [a for _, _, a in gaps if a is not None]
    if len(inside) < 2:
        return {}, 0.0
    least = (max(SPACE_SHARE * float(np.median(spaces)), LETTER_GAPS * float(np.median(inside))) if spaces
             else 2.0 * float(np.median(inside)))
    words = {}
    for word, gs, _ in gaps:
        lead = len(word) - len(word.lstrip("\"'“”„«»([.,:;!?-"))
        core = word.strip("\"'“”„«»()[].,:;!?-")
        if core.isalpha():
            words.setdefault(_key(core), gs[lead:lead + len(core) - 1])
    return words, max(least, 3.0)


def _key(word: str) -> str:
    return word.translate(_CYR2LAT).lower()


def _mend_word(token: str, lexicons: dict[str, Lexicon], blanks: tuple, amid: str | None = None) -> str:
    lead, core, tail = _TOKEN.match(token).groups()
    if _NAME_LIKE.search(token):
        return token  # a handle, a tag, a link: its dots are its own
    if len(core) < 2 or not core.isalpha():
        return lead + _strays(core, lexicons) + tail if len(core) > 2 else token
    script = _one_script(core)
    lex = lexicons.get(script)
    if not lex or lex.knows(core):
        return token
    if amid and script != amid and len(core) >= 3:
        other = [w for w in _loose(core, amid) if lexicons.get(amid) and lexicons[amid].knows(w)]
        if len(other) == 1:
            return lead + other[0] + tail
    options = ([w for w in _breves(core) if lex.knows(w)] or _imperative(core)) if script == "cyrillic" \
        else _confused(core, lex)
    if not options:
        options = _splits(core, lex, script, *blanks)
    if not options:
        return lead + _strays(core, lexicons) + tail
    return lead + options[0] + tail if len(options) == 1 else token


# what an outline's corners between two words are read as: a mark, or a narrow letter (not
# 't', the commonest of them in words: 'yourtouch' read for 'you touch' is no 'your ouch')
STRAYS = set(".,;:'’‘`|!{}[]()_") | set("ijlf1y")
MAX_STRAYS = 4


def _stray(ch: str) -> bool:
    """An outline's corner read between two letters: a STRAYS mark or letter, or any other mark
    but those that join words ('clear¥your*mask' for 'clear your mask'; not 'self-care',
    'rock&roll', 'and/or', 'salt+pepper')."""
    return ch in STRAYS or not (ch.isalnum() or ch in "-‐&/+")


def _one_script(text: str) -> str | None:
    """The script of all of ``text``'s characters ('latin', 'cyrillic'), None if they are of more."""
    scripts = {script_of(ch) for ch in text}
    return next(iter(scripts)) if len(scripts) == 1 else None


def _strays(core: str, lexicons: dict[str, Lexicon]) -> str:
    """``core`` (a word read between spaces) with the fewest of its inner marks and narrow
    letters taken for a space that leave only words of one script ('squarejisjnearlyfempty' ->
    'square is nearly empty', 'за.один' -> 'за один'): heavy outlines meet between two words
    and their corners are read. As read when no such choice or two of them."""
    at = [k for k in range(1, len(core) - 1) if _stray(core[k]) and core[k - 1].isalpha() and core[k + 1].isalpha()]
    for n in range(1, min(MAX_STRAYS, len(at)) + 1):
        found = []
        for cut in itertools.combinations(at, n):
            if any(b - a < 2 for a, b in zip(cut, cut[1:])):
                continue
            parts = [core[a + 1:b] for a, b in zip((-1, *cut), (*cut, len(core)))]
            script = _one_script("".join(parts))
            lex = lexicons.get(script)
            if lex and all(p.isalpha() and _may_be(p, lex, script) for p in parts):
                found.append(" ".join(parts))
        if found:
            return found[0] if len(found) == 1 else core
    return core


def _splits(core: str, lex: Lexicon, script: str, words: dict, least: float) -> list[str]:
    """``core`` split into words at blanks as wide as a space: the split with most words."""
    gs = words.get(_key(core))
    if not gs or len(gs) != len(core) - 1 or not least:
        return []
    at = [k + 1 for k, g in enumerate(gs) if g >= least]
    best: list[str] = []
    for n in range(min(3, len(at)), 0, -1):
        for cut in itertools.combinations(at, n):
            parts = [core[a:b] for a, b in zip((0, *cut), (*cut, len(core)))]
            if all(_may_be(p, lex, script) for p in parts):
                best.append(" ".join(parts))
        if best:
            return best
    return []


def _may_be(part: str, lex: Lexicon, script: str) -> bool:
    """Whether a split may leave ``part`` as a word."""
    if len(part) == 1:
        return part in ONE_LETTER.get(script, ())
    if len(part) == 2:
        return part.lower() in TWO_LETTERS.get(script, ())
    return lex.knows(part)


# letters Tesseract reads in the other script's shapes, loosely (beyond the exact look-alikes
# ocr.fix_scripts turns: 'л' read 'n', 'т' read 'm', 'и' read 'u': 'солому' read 'conomy')
_LOOSE = {"cyrillic": {**{a: b for a, b in zip("aeopcxyABEKMHOPCTXy", "аеорсхуАВЕКМНОРСТХу")},
                       "k": "к", "m": "мт", "n": "пл", "u": "и", "r": "г", "b": "вь", "h": "н", "t": "т",
                       "N": "ИП", "U": "И"},
          "latin": {**{b: a for a, b in zip("aeopcxyABEKMHOPCTX", "аеорсхуАВЕКМНОРСТХ")},
                    "к": "k", "м": "m", "т": "tm", "п": "n", "л": "n", "и": "u", "г": "r", "в": "b", "н": "h",
                    "П": "N", "И": "N"}}
MAX_LOOSE = 64  # readings tried for a word


def _loose(word: str, script: str) -> list[str]:
    """``word`` (in one script, amid a caption in ``script``) written in ``script`` by its
    letters' loose look-alikes there, each way (none when a letter has none)."""
    table = _LOOSE[script]
    choices = [table.get(ch) for ch in word]
    if any(c is None for c in choices) or math.prod(len(c) for c in choices) > MAX_LOOSE:
        return []
    return ["".join(p) for p in itertools.product(*choices)]


# Latin letters Tesseract reads for others in caption type, with the letters they may be: the
# bowl of a heavy 'C' closed into 'G' ('KITGHEN', 'SEGONDS'), a capital 'L' whose foot the
# outline hides or an 'I' with serifs ('SHOUTDERS', 'RATNY'), an 'l' cut short ('usuaily',
# 'ciub'), an 'o' or a 'c' left open ('ccffee', 'frem', 'kiek'), an 'E' whose foot is lost
# ('DIVF'), a 'y' whose tail is ('vour'), a 'u' and an 'H' read as two ('hotirs', 'WITOLE').
# Not 't' for 'r' ('watet'): the list knows 'arter', and 'atter' (for 'matter') would be it
CONFUSED = {"G": "C", "T": "LI", "i": "l", "c": "o", "e": "oc", "F": "E", "v": "y", "ti": "u", "IT": "H"}
CONFUSED_MIN = 4  # letters of a word mended so (a short word has other words one letter away)


def _confused(word: str, lex: Lexicon) -> list[str]:
    """The words the dictionary knows that ``word`` (Latin, unknown) is with one CONFUSED
    letter or pair put back (not a capital 'T' that starts it: 'Tamp' is no 'Lamp')."""
    if len(word) < CONFUSED_MIN:
        return []
    out = []
    for read, meant in CONFUSED.items():
        k = word.find(read)
        while k >= 0:
            if not (k == 0 and read == "T"):
                for ch in meant:
                    w = word[:k] + ch + word[k + len(read):]
                    if lex.knows(w) and w not in out:
                        out.append(w)
            k = word.find(read, k + 1)
    return out


# a plural imperative whose 'й' lost its breve: a Russian word ends in 'ите' after 'а', 'я' or
# 'у' only as 'таить' does ('вы таите', 'утаите'), which the list does not know either
_IMPERATIVE = re.compile(r"(?<=[аяуАЯУ])([иИ])(?=(те|тесь|ТЕ|ТЕСЬ)$)")
_TAIT = re.compile(r"^(у|за|при|по)?таите(сь)?$", re.I)


def _imperative(word: str) -> list[str]:
    """``word`` with the 'и' of an ending '-аите', '-яите', '-уите' (or '-итесь') written 'й'
    ('Подрезаите', 'Центруите'): the language data's list lacks most imperatives, so the breve
    cannot be put back by asking it (_breves)."""
    if not _IMPERATIVE.search(word) or _TAIT.match(word):
        return []
    return [_IMPERATIVE.sub(lambda m: "й" if m.group(1) == "и" else "Й", word)]


def _breves(word: str) -> list[str]:
    """``word`` with one of its 'и' (or two) written 'й'."""
    at = [k for k, ch in enumerate(word) if ch in "иИ"]
    out = []
    for n in (1, 2):
        for ks in itertools.combinations(at, n):
            out.append("".join({"и": "й", "И": "Й"}[ch] if k in ks else ch for k, ch in enumerate(word)))
        if out:
            break
    return out
