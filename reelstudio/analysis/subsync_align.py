"""The words of captions and of the transcript, their alignment, and which reads of the text
lane are one caption: the parts of the subtitle sync (``subsync``) that see tokens and
boxes, not lanes.

Tokens: a caption's words and a heard word's, normalised (case, accents, "ё", apostrophes),
Latin and Cyrillic alike. ``align_sequences``: one monotonic alignment of every caption
token to the heard tokens, fuzzy (OCR and recogniser errors) and weighted by time (see
``subsync``). ``one_caption_reads`` and ``reads_beside``: the text lane reads a caption in
pieces at times, over time (a flicker) or side by side (a two-line caption read in part).
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

import numpy as np

# scores of the alignment
MATCH = 2.0  # same token
NEAR = 1.2  # spelled alike (OCR or recogniser error)
SUBST = -0.6  # a caption token against a different heard token, one for one
SKIP_CAPTION = -0.4  # a caption token nobody said (or OCR invented)
SKIP_HEARD = -0.15  # a heard token no caption shows
SLACK_S = 1.5  # a match this close to its caption's time on screen costs nothing
LATE_PER_S = 0.35  # beyond that, points lost per second
FAR_S = 12.0  # never matched further than this from the caption
TOUCH_S = 0.1  # reads of one caption in pieces over time touch within this
PIECE_S = 0.7  # ... and one of two touching pieces is shorter than this (no subtitle is)

WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def normalise(token: str) -> str:
    t = unicodedata.normalize("NFKD", token.lower().replace("ё", "е").replace("’", "'"))
    return "".join(ch for ch in t if not unicodedata.combining(ch))  # й -> и too, on both sides


def tokens(text: str) -> list[str]:
    """Words of a caption or a heard word, normalised: 'Ill-disposed,' -> ['ill', 'disposed']."""
    return [normalise(m) for m in WORD_RE.findall(text)]


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    """MATCH for the same token, NEAR for tokens spelled alike, else SUBST."""
    if a == b:
        return MATCH
    if min(len(a), len(b)) < 3:
        if len(a) + len(b) >= 4 and (a.startswith(b) or b.startswith(a)):
            return NEAR * 0.5
        return SUBST
    m = SequenceMatcher(None, a, b, autojunk=False)
    if m.real_quick_ratio() < 0.6 or m.quick_ratio() < 0.6:
        return SUBST
    r = m.ratio()
    if r >= 0.75:
        return NEAR
    # an OCR token that ran two words together ("disposedfyoung") holds the heard one
    if len(b) >= 4 and b in a or len(a) >= 4 and a in b:
        return NEAR * 0.75
    return SUBST


def spoken_enough(matched: int, total: int) -> bool:
    """One matched token for a caption of one or two, else at least 2 and 40 %."""
    if total <= 0:
        return False
    return matched >= (1 if total <= 2 else max(2, math.ceil(0.4 * total)))


def align_sequences(cap_tokens: list[str], cap_times: list[tuple[float, float]], heard: list[str],
                    heard_times: list[float]) -> list[tuple[int, int]]:
    """Monotonic alignment; returns (caption token index, heard token index) for every match.

    ``cap_times[i]``: the (start, end) seconds its caption is on screen; ``heard_times[j]``:
    the heard token's start. Needleman-Wunsch with free skips at both ends, vectorised per
    caption token (the heard-skip chain is a running maximum)."""
    n, m = len(cap_tokens), len(heard)
    if not n or not m:
        return []
    ht = np.asarray(heard_times, np.float64)
    score = np.zeros((n + 1, m + 1))
    score[0, :] = 0.0  # heard tokens before the first caption: free
    move = np.zeros((n + 1, m + 1), np.int8)  # 1 diagonal, 2 caption skip, 3 heard skip
    move[0, 1:] = 3
    idx = np.arange(m + 1, dtype=np.float64)
    for i in range(1, n + 1):
        cs, ce = cap_times[i - 1]
        dist = np.maximum(0.0, np.maximum(cs - ht, ht - ce))  # seconds outside the caption's time
        sim = np.full(m, -1e6)  # never matched further than FAR_S: only the near tokens are compared
        near = np.flatnonzero(dist <= FAR_S)
        sim[near] = [similarity(cap_tokens[i - 1], heard[j]) for j in near]
        sim = np.where(sim > 0, sim - LATE_PER_S * np.maximum(0.0, dist - SLACK_S), sim)
        diag = score[i - 1, :-1] + sim
        up = score[i - 1, 1:] + SKIP_CAPTION
        best = np.maximum(diag, up)
        first = np.where(diag >= up, 1, 2).astype(np.int8)
        row = np.empty(m + 1)
        row[0] = score[i - 1, 0] + SKIP_CAPTION
        row[1:] = best
        mv = np.empty(m + 1, np.int8)
        mv[0] = 2
        mv[1:] = first
        # heard skips along the row: row[j] = max(row[j], row[k] + SKIP_HEARD * (j - k))
        shifted = row - SKIP_HEARD * idx
        run = np.maximum.accumulate(shifted)
        chain = run + SKIP_HEARD * idx
        take = chain > row + 1e-12
        row = np.where(take, chain, row)
        mv = np.where(take, 3, mv).astype(np.int8)
        score[i] = row
        move[i] = mv
    # free heard tokens after the last caption token: end anywhere on the last row
    j = int(np.argmax(score[n]))
    i = n
    pairs = []
    while i > 0 and j > 0:
        mv = move[i, j]
        if mv == 1:
            if similarity(cap_tokens[i - 1], heard[j - 1]) > 0:
                pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif mv == 2:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def same_place(a: dict, b: dict) -> bool:
    """Two reads' boxes overlap on both axes (x, y, w, h); no box: not known to be apart."""
    ba, bb = a.get("box"), b.get("box")
    if not ba or not bb:
        return True
    return (min(ba[0] + ba[2], bb[0] + bb[2]) > max(ba[0], bb[0])
            and min(ba[1] + ba[3], bb[1] + bb[3]) > max(ba[1], bb[1]))


def alike(a: str, b: str) -> bool:
    ta, tb = " ".join(tokens(a)), " ".join(tokens(b))
    if not ta or not tb:
        return False
    return ta in tb or tb in ta or SequenceMatcher(None, ta, tb, autojunk=False).ratio() >= 0.7


def one_caption_reads(captions: list[dict]) -> list[list[int]]:
    """Reads of one caption shown once, in pieces over time (the text lane's read of plain
    text over busy footage flickers: 'Had he married a more' for 0.6 s, then 'ad he married
    a more' for 0.2 s): at the same place, with alike text, overlapping or touching in time,
    and one of two touching pieces too short to be a subtitle of its own (a phrase said twice
    back to back is two captions of the same text, each on for a while). Returns groups of
    caption indices in time order; most are one read."""
    order = sorted(range(len(captions)), key=lambda c: float(captions[c]["start_s"]))
    groups: list[list[int]] = []
    ends: list[float] = []
    recent: list[int] = []  # groups still on screen (or just gone) when the next read starts
    for c in order:
        cap = captions[c]
        start = float(cap["start_s"])
        recent = [g for g in recent if ends[g] >= start - TOUCH_S]
        for g in recent:
            last = captions[groups[g][-1]]
            gap = start - ends[g]
            short = min(float(cap["end_s"]) - start, ends[g] - float(captions[groups[g][0]]["start_s"]))
            if (gap < -TOUCH_S or short < PIECE_S) and same_place(last, cap) \
                    and alike(str(last.get("text", "")), str(cap.get("text", ""))):
                groups[g].append(c)
                ends[g] = max(ends[g], float(cap["end_s"]))
                break
        else:
            groups.append([c])
            ends.append(float(cap["end_s"]))
            recent.append(len(groups) - 1)
    return groups


def reads_beside(reads: list[dict], groups: list[list[int]]) -> list[tuple[bool, bool]]:
    """Per caption (group): is another read shown over the same time on its lines, before
    it (left, or the line above) / after it (right, or the line below)? Pieces of one
    caption the text lane read apart ('зам', 'рове' beside 'ключ / торите попытку')."""
    by_start = sorted(range(len(reads)), key=lambda m: float(reads[m]["start_s"]))
    starts = [float(reads[m]["start_s"]) for m in by_start]
    out = []
    for g in groups:
        before = after = False
        for k in g:
            a, ba = reads[k], reads[k].get("box")
            if not ba:
                continue
            for m in by_start[:bisect.bisect_right(starts, float(a["end_s"]))]:  # began before it ended
                b, bb = reads[m], reads[m].get("box")
                if m in g or not bb or b.get("role") == "overlay" or float(b["end_s"]) <= float(a["start_s"]):
                    continue
                both = min(float(a["end_s"]), float(b["end_s"])) - max(float(a["start_s"]), float(b["start_s"]))
                if both < 0.5 * (float(a["end_s"]) - float(a["start_s"])):
                    continue
                if min(ba[1] + ba[3], bb[1] + bb[3]) - max(ba[1], bb[1]) < -0.5 * max(ba[3], bb[3]):
                    continue  # not on its lines (nor the line next to them)
                if bb[1] + bb[3] <= ba[1] or bb[1] >= ba[1] + ba[3]:  # the line above / below
                    before |= bb[1] < ba[1]
                    after |= bb[1] > ba[1]
                else:  # on its lines: left / right of it
                    before |= bb[0] + bb[2] / 2 < ba[0] + ba[2] / 2
                    after |= bb[0] + bb[2] / 2 > ba[0] + ba[2] / 2
        out.append((before, after))
    return out
