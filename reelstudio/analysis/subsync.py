"""Subtitle-to-speech sync from the transcript: which captions are spoken, and when?

Runs after the text and speech lanes exist (``depends_on``). The whole sequence of on-screen
captions (in the order they appear) is aligned to the whole transcript (the speech lane's
words, in order) by one monotonic alignment over tokens (``align_sequences``):

- a caption token and a heard token match when they are the same word or spelled alike
  (OCR misreads: "disposédfyoung" is close to "disposed", "gather" to "rather"); accents,
  case, "ё" and punctuation do not count; Latin and Cyrillic alike;
- a match far in time from its caption loses points (a subtitle is rarely more than a
  second or two off its speech), so a phrase spoken twice matches the caption shown with
  each occurrence, not the first one twice;
- monotonic: caption k+1 cannot be matched to words before caption k's, so each subtitle's
  words are taken from the stretch of speech between its neighbours' words;
- caption tokens and heard tokens may stay unmatched (titles that nobody speaks; speech the
  video does not subtitle).

A caption is spoken when enough of its tokens matched (``spoken_enough``); when its text
and the speech disagree (an OCR misread, mostly), the entry carries what was heard
(``spoken_text``), which subtitle exports use instead of the misread. Its speech runs
from the heard word its first token stands for to the one its last token stands for (a
garbled first or last token takes the heard word next to its neighbour's match). Its offset
is caption time - speech time. The word times are the speech lane's: forced-aligned for
English, the recogniser's elsewhere (the lane says which, ``word_times``).

What the text lane read is not always one caption per read, and the sync allows for it:

- one caption read in pieces over time (the read of plain text over busy footage flickers:
  "Had he married a more" for 0.6 s, then "ad he married a more" for 0.2 s) is aligned once,
  as its fullest read over the time of all its pieces (``subsync_align.one_caption_reads``); its piece
  shown longest carries the caption's entry (``pieces``; its offsets measured from when it
  first showed), the others point to that one (``piece_of``) and share its role;
- a read that lost a caption's first or last words (a two-line caption read as "истему
  съели совы") is timed over the heard words it lost when there is evidence of the loss and
  the caption's two ends then agree (``_partial_read``; the entry says ``partial_read``);
- a caption word nobody was heard saying is given time only where no heard word is.

Roles: a spoken caption is a ``subtitle``, unless the text lane had placed it as an overlay
(a title up top) and the speech covers under half of its time on screen (a title that names
a word of the narration is still a title); a caption not spoken is an ``overlay``.
"""

from __future__ import annotations

import math
import re
import time
from difflib import SequenceMatcher

from .base import CAUSE_SKIPPED, AudioAnalyzer, Lane
from .subsync_align import (FAR_S, LATE_PER_S, SLACK_S, WORD_RE, align_sequences, one_caption_reads, reads_beside,
                            spoken_enough, tokens)

BLOCK = 400  # captions aligned per block (memory stays bounded on long videos)
UNHEARD_WORD_S = 0.25  # time allowed per caption word the recogniser did not hear at an edge
AGREE_S = 0.3  # a caption's start and end offsets agree within this when it moves as a whole

# what a caption holds besides words that no subtitle writer types: an OCR artefact ("was[not")
_ODD = re.compile(r"[^\s.,!?;:'\"’“”«»()\-–—…]")


class SubtitleSyncAnalyzer(AudioAnalyzer):
    name = "subtitle_sync"
    version = 6  # 3: captions aligned to the transcript as one sequence, any language; 4-5: spoken_text;
    # 6: a caption read in pieces over time synced once; partial reads extended; unheard words fit in gaps
    lanes = ("subtitle_sync", "text")
    depends_on = ("text", "speech")

    def params(self) -> dict:
        return {"method": "monotonic alignment of the captions to the transcript", "slack_s": SLACK_S,
                "late_per_s": LATE_PER_S, "far_s": FAR_S}

    def start(self, info) -> None:
        super().start(info)
        self._has_audio = False

    def feed(self, chunk) -> None:
        if chunk.mono16k.size:
            self._has_audio = True

    def finish(self) -> list[Lane]:
        if not self._has_audio:
            reason = "no audio track" if not self.info.has_audio else "the audio track holds no samples"
            return [Lane.unavailable("subtitle_sync", reason, "no_input")]
        return []  # the work is in finish_with, once the text and speech lanes exist

    def finish_with(self, lanes: dict[str, Lane]) -> list[Lane]:
        text = lanes.get("text")
        if text is None or text.status != "ok":
            why = text.reason if text is not None else "no text lane"
            return [Lane.unavailable("subtitle_sync", f"no on-screen text to sync ({why})", _cause_of(text))]
        speech = lanes.get("speech")
        if speech is None or speech.status != "ok":
            return [Lane.unavailable("subtitle_sync",
                                     f"speech lane unavailable ({speech.reason if speech else 'missing'})",
                                     _cause_of(speech))]
        if speech.data.get("words_status", "ok") != "ok":
            off = speech.data.get("words_cause") == CAUSE_SKIPPED
            return [Lane.unavailable("subtitle_sync", f"no recognised words ({speech.data.get('words_status')})",
                                     "skipped" if off else "failed")]
        t0 = time.thread_time()
        try:
            return sync(text, speech, self.params())
        finally:
            self.cpu_seconds = time.thread_time() - t0


def _cause_of(lane: Lane | None) -> str:
    """An input lane's cause carried over: nothing to sync when it had no input, skipped
    when it was skipped; a model missing under it is its input's failure, said there (the
    CLI's exit 9 names the lane whose model it is, not this one)."""
    cause = (lane.cause or "failed") if lane is not None else "failed"
    return "failed" if cause == "model" else cause


class _Heard:
    """The transcript as tokens: each token's text, the index of the word it is part of, and
    its start and end (a word of several tokens shares its time among them by letters)."""

    def __init__(self, speech: Lane):
        self.words = speech.data.get("words", [])
        self.intervals_s = [(float(i["start_s"]), float(i["end_s"])) for i in speech.data.get("intervals", [])]
        self.tok: list[str] = []
        self.word: list[int] = []
        self.start: list[float] = []
        self.end: list[float] = []
        for k, w in enumerate(self.words):
            # a written word of several tokens ("cold-hearted") shares its time among them by
            # letters: a caption that starts at "hearted" starts part-way through the word
            toks = tokens(str(w.get("text", "")))
            ws, we = float(w["start_s"]), float(w["end_s"])
            parts = w.get("token_times") or []
            total = sum(len(t) for t in toks) or 1
            before = 0
            for n, t in enumerate(toks):
                self.tok.append(t)
                self.word.append(k)
                if len(parts) == len(toks):  # aligned part by part
                    self.start.append(float(parts[n][0]))
                    self.end.append(float(parts[n][1]))
                    continue
                self.start.append(ws + (we - ws) * before / total)
                before += len(t)
                self.end.append(ws + (we - ws) * before / total)


def _caption_tokens(captions: list[dict]) -> tuple[list[int], list[str], list[int], list[int], list[tuple]]:
    """The captions in reading order (time, then top to bottom) and their tokens: each token,
    its caption, its place in that caption, and the caption's times."""
    order = sorted(range(len(captions)), key=lambda c: (float(captions[c]["start_s"]),
                                                       (captions[c].get("box") or [0, 0])[1]))
    cap_tok: list[str] = []
    cap_of: list[int] = []
    cap_pos: list[int] = []
    for c in order:
        for p, t in enumerate(tokens(str(captions[c].get("text", "")))):
            cap_tok.append(t)
            cap_of.append(c)
            cap_pos.append(p)
    cap_times = [(float(captions[c]["start_s"]), float(captions[c]["end_s"])) for c in cap_of]
    return order, cap_tok, cap_of, cap_pos, cap_times


def _match(order: list[int], cap_tok: list[str], cap_of: list[int], cap_times: list[tuple],
           heard: _Heard) -> list[tuple[int, int]]:
    """(caption token, heard token) pairs: blocks of captions, each against its stretch of speech."""
    pairs: list[tuple[int, int]] = []
    for b in range(0, len(order), BLOCK):
        ids = set(order[b:b + BLOCK])
        sel = [i for i, c in enumerate(cap_of) if c in ids]
        if not sel:
            continue
        lo = min(cap_times[i][0] for i in sel) - FAR_S
        hi = max(cap_times[i][1] for i in sel) + FAR_S
        hsel = [j for j, t in enumerate(heard.start) if lo <= t <= hi and (not pairs or j > pairs[-1][1])]
        got = align_sequences([cap_tok[i] for i in sel], [cap_times[i] for i in sel],
                              [heard.tok[j] for j in hsel], [heard.start[j] for j in hsel])
        pairs += [(sel[i], hsel[j]) for i, j in got]
    return pairs


def sync(text: Lane, speech: Lane, params: dict | None = None) -> list[Lane]:
    """The subtitle_sync lane and the text lane with roles, from the two lanes."""
    reads = text.data.get("intervals", [])
    heard = _Heard(speech)
    # a caption read in pieces over time is aligned once, as its fullest read over all its time
    groups = one_caption_reads(reads)
    captions = []
    for g in groups:
        best = max(g, key=lambda k: (len(tokens(str(reads[k].get("text", "")))),
                                     float(reads[k]["end_s"]) - float(reads[k]["start_s"])))
        first = min(g, key=lambda k: float(reads[k]["start_s"]))
        last = max(g, key=lambda k: float(reads[k]["end_s"]))
        captions.append({**reads[best], "start_s": reads[first]["start_s"], "start_frame": reads[first]["start_frame"],
                         "end_s": reads[last]["end_s"], "end_frame": reads[last]["end_frame"]})
    siblings = reads_beside(reads, groups)
    order, cap_tok, cap_of, cap_pos, cap_times = _caption_tokens(captions)
    by_caption: dict[int, list[tuple[int, int]]] = {}
    for i, j in _match(order, cap_tok, cap_of, cap_times, heard):
        by_caption.setdefault(cap_of[i], []).append((cap_pos[i], j))
    n_tokens = {c: len(tokens(str(captions[c].get("text", "")))) for c in range(len(captions))}

    # heard-token bounds each caption's speech may use: after the previous spoken caption's
    # last match, before the next one's first
    spoken = [c for c in order if spoken_enough(len(by_caption.get(c, [])), n_tokens[c])]
    subtitles, intervals = [None] * len(captions), [dict(cap) for cap in captions]
    for rank, c in enumerate(spoken):
        lo_j = by_caption[spoken[rank - 1]][-1][1] + 1 if rank > 0 else 0
        hi_j = by_caption[spoken[rank + 1]][0][1] - 1 if rank + 1 < len(spoken) else len(heard.tok) - 1
        subtitles[c] = _matched_subtitle(c, captions[c], by_caption[c], n_tokens[c], heard, lo_j, hi_j,
                                         siblings[c])
    for c, cap in enumerate(captions):
        if subtitles[c] is None:
            n = n_tokens[c]
            reason = "the caption has no words" if n == 0 else "the caption's words are not in the transcript near it"
            subtitles[c] = _entry(c, cap, len(by_caption.get(c, [])), n, "transcript") | {"reason": reason}
        intervals[c]["role"] = _role(cap, subtitles[c])
        intervals[c]["role_from"] = "speech"
        if subtitles[c].get("spoken_text"):  # flags and exports quote this, not the misread
            intervals[c]["spoken_text"] = subtitles[c]["spoken_text"]
    # back to the reads: a caption read in pieces has one entry, on its piece shown longest,
    # with the caption's offsets (from when it first showed to when it last did) and its
    # pieces; the other pieces point to it (``piece_of``: one caption, counted and flagged
    # once) and share its role; a piece whose own text is not what was heard quotes what was
    entries, out_intervals = [None] * len(reads), [dict(r) for r in reads]
    for g, sub, iv in zip(groups, subtitles, intervals):
        said = sub.pop("_said", None)
        sub.pop("_phrase", None)
        main = max(g, key=lambda k: (float(reads[k]["end_s"]) - float(reads[k]["start_s"]), -k))
        for k in g:
            own = {"caption": k, "start_frame": reads[k]["start_frame"], "end_frame": reads[k]["end_frame"],
                   "text": reads[k].get("text", "")}
            if k == main:
                entries[k] = {**sub, **own} | ({"pieces": sorted(g)} if len(g) > 1 else {})
            else:
                entries[k] = _entry(k, reads[k], sub["matched_words"], sub["total_words"], sub["method"]) | {
                    "piece_of": main, "reason": "a piece of another read's caption, read apart over time"}
            out_intervals[k]["role"], out_intervals[k]["role_from"] = iv["role"], iv["role_from"]
            spoken_text = iv.get("spoken_text")
            if len(g) > 1 and said and not spoken_text and tokens(str(reads[k].get("text", ""))) != tokens(said):
                spoken_text = said
            if spoken_text:
                out_intervals[k]["spoken_text"] = entries[k]["spoken_text"] = spoken_text
    subtitles, intervals = entries, out_intervals
    data = {"engine": "captions aligned to the transcript (monotonic, fuzzy)", "subtitles": subtitles,
            "language": speech.data.get("language"), "word_times": speech.data.get("word_times"),
            "params": params or {},
            "offset_note": "offset = caption time - speech time; positive: the caption is late"}
    return [Lane("subtitle_sync", data), Lane("text", {**text.data, "intervals": intervals})]


def _matched_subtitle(c: int, cap: dict, matches: list[tuple[int, int]], n_tok: int, heard: _Heard,
                      lo_j: int, hi_j: int, beside: tuple[bool, bool] = (False, False)) -> dict:
    """The sync entry of a caption matched to speech: when its speech starts and ends (its
    unmatched first and last tokens placed from the words around them; a read that lost the
    caption's first or last words extended over them, ``_partial_read``) and, when the screen
    and the speech disagree, what was heard. ``lo_j``..``hi_j``: the heard tokens it may use;
    ``beside``: other reads at its time before it / after it on its lines."""
    words, heard_word, heard_t, heard_end = heard.words, heard.word, heard.start, heard.end
    (p0, j0), (p1, j1) = matches[0], matches[-1]
    s, e = heard_t[j0], heard_end[j1]
    cap_toks = tokens(str(cap.get("text", "")))
    j_said = j0  # the first heard token the caption's words stand for
    if p0 > 0 and heard_word[max(0, j0 - p0)] == heard_word[j0]:
        s = heard_t[max(0, j0 - p0)]  # the unmatched tokens are part of the same heard word
    elif p0 > 0:  # the caption's first tokens were not matched (misread, or not heard)
        k = max(lo_j, j0 - p0)
        if k < j0 and _runs_on(words[heard_word[k]], words[heard_word[j0]]):
            j_said = _more_heard(cap_toks[:p0], heard, k, j0, lo_j)
            s = heard_t[j_said]  # heard, but misread on screen
        else:  # not heard: about a short word's time each, within the voice activity, and
            # never over a word that was heard (a word said with no gap before it has no room)
            floor = max(_speech_start(heard.intervals_s, s), heard_end[j0 - 1] if j0 > 0 else 0.0)
            s = max(min(floor, s), s - UNHEARD_WORD_S * p0)
    tail = n_tok - 1 - p1
    if tail > 0 and heard_word[min(len(heard.tok) - 1, j1 + tail)] == heard_word[j1]:
        e = heard_end[min(len(heard.tok) - 1, j1 + tail)]
    elif tail > 0:
        k = min(hi_j, j1 + tail)
        if k > j1 and _runs_on(words[heard_word[j1]], words[heard_word[k]]):
            e = heard_end[k]
        else:
            ceil = min(_speech_end(heard.intervals_s, e), heard_t[j1 + 1] if j1 + 1 < len(heard.tok) else math.inf)
            e = min(max(ceil, e), e + UNHEARD_WORD_S * tail)
    s, first_j = _partial_read(cap, cap_toks, matches, heard, lo_j, hi_j, s, e, beside, head=True)
    e, last_j = _partial_read(cap, cap_toks, matches, heard, lo_j, hi_j, s, e, beside, head=False)
    out = _entry(c, cap, len(matches), n_tok, "transcript") | {
        "speech_start_s": round(s, 3), "speech_end_s": round(e, 3),
        "offset_start_s": round(float(cap["start_s"]) - s, 3), "offset_end_s": round(float(cap["end_s"]) - e, 3),
        "word_times": str(words[heard_word[j0]].get("time_source", "recogniser"))}
    said = " ".join(str(words[k]["text"]) for k in range(heard_word[min(j_said, first_j)],
                                                          max(heard_word[j1], heard_word[last_j]) + 1))
    if first_j < j0 or last_j > j1:
        out["partial_read"] = True  # the read lost words the caption shows: what was heard says them
    if len(matches) < len(cap_toks) or any(cap_toks[p] != heard.tok[j] for p, j in matches) \
            or _ODD.search(WORD_RE.sub("", str(cap.get("text", "")))) or first_j < j0 or last_j > j1:
        # the screen and the speech disagree (mostly an OCR misread, "disposédfyoung"):
        # what was heard, whole words from the first matched to the last
        out["spoken_text"] = said
    out["_said"] = said  # for the caption's other pieces (sync), not kept in the lane
    # every word of the caption heard, in a row (for its role; not kept in the lane)
    out["_phrase"] = len(matches) == len(cap_toks) >= 3 and all(
        b[1] == a[1] + 1 for a, b in zip(matches, matches[1:]))
    return out


def _partial_read(cap: dict, cap_toks: list[str], matches: list[tuple[int, int]], heard: _Heard, lo_j: int,
                  hi_j: int, s: float, e: float, beside: tuple[bool, bool], head: bool) -> tuple[float, int]:
    """A read that lost the caption's first (``head``) or last words: the speech start (end)
    moved over the heard words it lost, and the heard token it now starts (ends) at.

    The text lane reads a two-line caption in part at times ("истему съели совы" of "Нашу
    телефонную систему съели совы"): timed from its first read word, the subtitle would be a
    second late. Moved only with evidence that words are missing, and only when it makes
    the two ends agree:
    - evidence: the read's edge token is cut inside the heard word ("истему" / "системы",
      "ключ" / "отключен") or runs the heard word before (after) it into itself
      ("нашутелефонную"), or another read lies beside it on its lines at its time;
    - the words taken: heard words no other caption took (``lo_j``..``hi_j``) said on
      with no pause (``_runs_on``) into the edge word;
    - agreement: a caption moves as a whole, so its start offset and end offset agree
      within ``AGREE_S`` once moved, and did not before; the read's other end, which it
      did read, anchors the caption's time."""
    (p0, j0), (p1, j1) = matches[0], matches[-1]
    j_edge, p_edge = (j0, p0) if head else (j1, p1)
    if (p_edge != 0) if head else (p_edge != len(cap_toks) - 1):
        return (s if head else e), j_edge  # its edge tokens are unmatched: placed above
    tok, word = cap_toks[p_edge], heard.tok[j_edge]
    if not (_cut_inside(tok, word, head) or beside[0 if head else 1]
            or _runs_together(tok, heard, j_edge, head)):
        return (s if head else e), j_edge
    words, hw = heard.words, heard.word
    chain = []  # heard tokens said on into the edge, nearest first
    j = j_edge
    while True:
        k = j - 1 if head else j + 1
        if not (lo_j <= k <= hi_j) or not (hw[k] == hw[j] or (_runs_on(words[hw[k]], words[hw[j]]) if head
                                                               else _runs_on(words[hw[j]], words[hw[k]]))):
            break
        chain.append(k)
        j = k
    if not chain:
        return (s if head else e), j_edge
    cs, ce = float(cap["start_s"]), float(cap["end_s"])
    if head:
        other = ce - e  # the end offset, read
        best = min(chain, key=lambda k: abs((cs - heard.start[k]) - other))
        before, after = abs((cs - s) - other), abs((cs - heard.start[best]) - other)
        return (heard.start[best], best) if after <= AGREE_S and after + AGREE_S <= before else (s, j_edge)
    other = cs - s
    best = min(chain, key=lambda k: abs((ce - heard.end[k]) - other))
    before, after = abs((ce - e) - other), abs((ce - heard.end[best]) - other)
    return (heard.end[best], best) if after <= AGREE_S and after + AGREE_S <= before else (e, j_edge)


def _more_heard(head: list[str], heard: _Heard, k: int, j0: int, lo_j: int) -> int:
    """The first heard token a caption's unmatched first tokens stand for, from ``k`` (one
    heard token each) back by one more when the read ran two words together
    ('нашутелефонную' for 'наши телефонные'): their letters match the longer run better."""
    if k - 1 < lo_j or not _runs_on(heard.words[heard.word[k - 1]], heard.words[heard.word[k]]):
        return k
    read = "".join(head)
    one = SequenceMatcher(None, read, "".join(heard.tok[k:j0]), autojunk=False).ratio()
    two = SequenceMatcher(None, read, "".join(heard.tok[k - 1:j0]), autojunk=False).ratio()
    return k - 1 if two >= 0.75 and two >= one + 0.1 else k


def _cut_inside(tok: str, word: str, head: bool) -> bool:
    """The read token is the heard word with its beginning (``head``) or end cut off:
    'истему' of 'системы', 'ключ' of 'отключен' (at least 2 letters lost, 3 kept)."""
    if len(tok) < 3 or len(word) < len(tok) + 1:
        return False
    m = SequenceMatcher(None, tok, word, autojunk=False).find_longest_match(0, len(tok), 0, len(word))
    if m.size < max(3, int(0.6 * len(tok))):
        return False
    return (m.b - m.a >= 1) if head else (len(word) - (m.b + m.size) - (len(tok) - (m.a + m.size)) >= 2)


def _runs_together(tok: str, heard: _Heard, j: int, head: bool) -> bool:
    """The read token is two heard words run together ('нашутелефонную' = 'наши' +
    'телефонные'): it matches them joined better than the one it was matched to."""
    k = j - 1 if head else j + 1
    if not 0 <= k < len(heard.tok):
        return False
    joined = heard.tok[k] + heard.tok[j] if head else heard.tok[j] + heard.tok[k]
    one = SequenceMatcher(None, tok, heard.tok[j], autojunk=False).ratio()
    return len(heard.tok[k]) >= 2 and SequenceMatcher(None, tok, joined, autojunk=False).ratio() >= one + 0.1


def _runs_on(a: dict, b: dict, gap_s: float = 0.6) -> bool:
    """Word ``b`` follows word ``a`` with no pause over ``gap_s``, within 3 s."""
    return 0 <= float(b["start_s"]) - float(a["end_s"]) <= gap_s and float(b["end_s"]) - float(a["start_s"]) <= 3.0


def _speech_start(intervals: list[tuple[float, float]], t: float) -> float:
    """Where the voice activity holding ``t`` starts (``t`` itself outside any)."""
    return next((s for s, e in intervals if s <= t <= e), t)


def _speech_end(intervals: list[tuple[float, float]], t: float) -> float:
    return next((e for s, e in intervals if s <= t <= e), t)


def _entry(c: int, cap: dict, matched: int, total: int, method: str) -> dict:
    return {"caption": c, "start_frame": cap["start_frame"], "end_frame": cap["end_frame"],
            "text": cap.get("text", ""), "speech_start_s": None, "speech_end_s": None,
            "offset_start_s": None, "offset_end_s": None, "matched_words": matched, "total_words": total,
            "method": method}


def _role(cap: dict, entry: dict) -> str:
    """Subtitle when its words are spoken; but text the text lane placed as an overlay (a
    title up top, a lone label) stays one when the speech covers under half of the time it
    is shown: a title that names a word of the narration is still a title. A caption whose
    every word (three or more) is heard, one after another, is a subtitle wherever it was
    placed: a lone subtitle shown early ('Please enter your conference number' up 0.75 s
    before it is said, for 1.4 s) is not covered by its speech for half its time."""
    if entry["speech_start_s"] is None:
        return "overlay"
    if cap.get("role") == "overlay" and not entry.get("_phrase"):
        shown = max(1e-6, float(cap["end_s"]) - float(cap["start_s"]))
        spoken = min(cap["end_s"], entry["speech_end_s"]) - max(cap["start_s"], entry["speech_start_s"])
        if spoken / shown < 0.5:
            return "overlay"
    return "subtitle"
