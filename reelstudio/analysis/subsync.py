"""Subtitle-to-speech sync: when is each caption's text actually spoken?

Runs after the text and speech lanes exist (``depends_on``). For each caption of the text
lane:

1. find its words among the recognised words of the speech lane near it (the whole caption
   laid along a stretch of heard words; stretches ending over ``FAR_S`` from the caption
   lose points): this says whether the caption is spoken and roughly where;
2. force-align the caption's words (pocketsphinx en-us, asr.Aligner) on the audio of that
   stretch, widened by ``pad_s`` and by room for caption words the recogniser missed, but
   never past the heard words of the neighbouring speech. The grammar lets speech-noise
   soak up whatever surrounds the caption and offers the neighbouring captions' words as
   optional context, so music or run-on speech is not stretched into its first or last word;
3. when the recogniser heard too little (OCR or recognition errors), the aligner alone
   searches ``SEARCH_ALONE_S`` around the caption and the caption counts as spoken only if
   its words explain the audio clearly better than generic speech-noise (``MIN_GAIN``).

A caption whose words are not found is listed with ``speech_start_s`` null and becomes an
``overlay``; a spoken one becomes a ``subtitle`` unless the text lane called it an overlay
and the speech covers under half of its time on screen (a title naming a spoken word).
Captions in a language the aligner lacks are listed with method ``unavailable`` and keep
their provisional role.
"""

from __future__ import annotations

import math
import time
from difflib import SequenceMatcher
from functools import lru_cache

import numpy as np

from ..errors import ModelError
from ..media.audio import SPEECH_RATE
from .base import AudioAnalyzer, Lane

ENGLISH = {"en", "eng", "en-us", "en_us", "english"}
LEAD_WORD_S = 0.4  # room left per caption word missing before the first / after the last match
PAUSE_S = 0.2  # a gap between heard words this long ends a stretch of speech
NEIGHBOUR_S = 0.5  # captions this close may be one stretch of speech
FAR_S, FAR_PER_S = 1.0, 3.0  # heard words ending over 1 s from the caption's end: -3 points a second
SEARCH_ALONE_S = 1.2  # how far around the caption the aligner alone searches (words barely heard)
# A caption the recogniser barely heard still counts as spoken when its aligned words beat
# generic speech-noise by this much per 10 ms frame (pocketsphinx score units). Measured on
# the LibriVox track: the right sentence -1.2e-4 to -2.4e-4 in clean speech, down to -7.3e-4
# over music at -10 dB; a wrong sentence or a never-spoken title -8.2e-4 and below. The bar
# sits well inside the clean range: a caption that clears it only over music is placed
# too loosely (0.4 s off) to judge its sync, so it is better left unplaced.
# Since the aligner scores the Viterbi path instead of the lattice's best path (asr.ALIGN),
# re-measured with every sentence and two titles aligned over each sentence's speech +-1.2 s
# (tests/test_subsync.py's track): right sentences clean -1.8e-4 to -3.8e-4 (lattice: -1.8e-4
# to -3.8e-4), the highest wrong one clean -7.8e-4 (-8.2e-4), over music -6.9e-4 (-7.3e-4).
MIN_GAIN = -6e-4


@lru_cache(maxsize=4096)
def _similar(a: str, b: str) -> bool:
    """Same word, or spelled alike (difflib ratio >= 0.75). Cached, and the ratio's cheap
    upper bounds first: the same answers for a quarter of the CPU (on the reel 0.038 -> 0.010
    s; each caption is compared with the ~20 heard words around it, mostly pairs seen before)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 3:
        return False
    m = SequenceMatcher(None, a, b)
    return m.real_quick_ratio() >= 0.75 and m.quick_ratio() >= 0.75 and m.ratio() >= 0.75


def local_match(caption: list[str], heard: list[str], prefer: list[float] | None = None) -> list[tuple[int, int]]:
    """Pairs (caption index, heard index) of matching words when the whole caption is laid
    along a stretch of the heard words (+2 a match, -1 a substitution or a skipped word;
    heard words before and after the stretch are free). ``prefer[j]``: seconds between heard
    word j and the caption's end; a stretch ending more than FAR_S away loses FAR_PER_S
    points a second, and among equal scores the nearest wins."""
    n, m = len(caption), len(heard)
    if not n or not m:
        return []
    sim = np.array([[_similar(c, h) for h in heard] for c in caption], bool)
    score = np.zeros((n + 1, m + 1), np.int32)
    score[:, 0] = -np.arange(n + 1)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            score[i, j] = max(score[i - 1, j - 1] + (2 if sim[i - 1, j - 1] else -1),
                              score[i - 1, j] - 1, score[i, j - 1] - 1)

    def trace(j: int) -> list[tuple[int, int]]:
        i, pairs = n, []
        while i > 0 and j > 0:
            if score[i, j] == score[i - 1, j - 1] + (2 if sim[i - 1, j - 1] else -1):
                if sim[i - 1, j - 1]:
                    pairs.append((i - 1, j - 1))
                i, j = i - 1, j - 1
            elif score[i, j] == score[i - 1, j] - 1:
                i -= 1
            else:
                j -= 1
        return pairs[::-1]

    best, best_key = [], None
    for j in range(1, m + 1):
        pairs = trace(j)
        if not pairs:
            continue
        far = prefer[pairs[-1][1]] if prefer else 0.0  # from the last word actually matched
        key = (score[n, j] - FAR_PER_S * max(0.0, far - FAR_S), -far)
        if best_key is None or key > best_key:
            best, best_key = pairs, key
    return best


def words_needed(n: int) -> int:
    """Matched words that make a caption 'spoken': one for a caption of 1-2 words, else
    at least 2 and 30 % (the recogniser misses about a third of the words)."""
    return 1 if n <= 2 else max(2, math.ceil(0.3 * n))


class SubtitleSyncAnalyzer(AudioAnalyzer):
    name = "subtitle_sync"
    version = 2  # 2: the aligner's Viterbi path (asr.ALIGN): word ends up to 10 ms earlier, other gains
    lanes = ("subtitle_sync", "text")
    depends_on = ("text", "speech")

    def __init__(self, search_s: float = 2.5, pad_s: float = 0.6):
        self.search_s = search_s
        self.pad_s = pad_s

    def params(self) -> dict:
        return {"search_s": self.search_s, "pad_s": self.pad_s, "aligner": "pocketsphinx en-us"}

    def start(self, info) -> None:
        from .asr import Aligner

        super().start(info)
        self._pcm: list[np.ndarray] = []
        # the aligner's model loads now (0.12 CPU-s, beside the video pass), not at the end
        self._aligner, self._aligner_error = Aligner(), None
        try:
            self._aligner.load()
        except ModelError as exc:
            self._aligner, self._aligner_error = None, str(exc)

    def feed(self, chunk) -> None:
        if chunk.mono16k.size:
            self._pcm.append((np.clip(chunk.mono16k, -1.0, 1.0) * 32767).astype(np.int16))

    def finish(self) -> list[Lane]:
        if not self._pcm:
            reason = "no audio track" if not self.info.has_audio else "the audio track holds no samples"
            return [Lane.unavailable("subtitle_sync", reason)]
        return []  # the work is in finish_with, once the text and speech lanes exist

    def finish_with(self, lanes: dict[str, Lane]) -> list[Lane]:
        text = lanes.get("text")
        if text is None or text.status != "ok":
            why = text.reason if text is not None else "no text lane"
            return [Lane.unavailable("subtitle_sync", f"no on-screen text to sync ({why})")]
        if not self._pcm:
            return [Lane.unavailable("subtitle_sync", "no audio")]
        t0 = time.thread_time()
        try:
            return self._finish_with(text, lanes)
        finally:
            self.cpu_seconds = time.thread_time() - t0

    def _finish_with(self, text: Lane, lanes: dict[str, Lane]) -> list[Lane]:
        from .asr import Aligner

        pcm = np.concatenate(self._pcm)
        speech = lanes.get("speech")
        words = speech.data.get("words", []) if speech is not None and speech.status == "ok" else []
        words_note = None
        if speech is None or speech.status != "ok":
            words_note = f"speech lane unavailable ({speech.reason if speech else 'missing'})"
        elif speech.data.get("words_status", "ok") != "ok":
            words_note = f"no recognised words ({speech.data.get('words_status')})"
        aligner, aligner_error = getattr(self, "_aligner", None), getattr(self, "_aligner_error", None)
        if aligner is None and aligner_error is None:  # finish_with without start (tests)
            aligner = Aligner()
            try:
                aligner.load()
            except ModelError as exc:
                aligner, aligner_error = None, str(exc)
        subtitles, intervals = [], []
        captions = text.data.get("intervals", [])
        for index, cap in enumerate(captions):
            context = self._neighbours(cap, captions, aligner) if aligner else ([], [])
            try:
                entry = self._sync(index, cap, words, pcm, aligner, aligner_error or words_note, context)
            except ModelError as exc:  # one caption the aligner cannot take does not sink the rest
                entry = {"caption": index, "start_frame": cap["start_frame"], "end_frame": cap["end_frame"],
                         "text": cap.get("text", ""), "speech_start_s": None, "speech_end_s": None,
                         "offset_start_s": None, "offset_end_s": None, "matched_words": 0,
                         "total_words": 0, "method": "unavailable", "reason": str(exc)}
            subtitles.append(entry)
            new = dict(cap)
            if entry["method"] != "unavailable":
                new["role"] = self._role(cap, entry)
                new["role_from"] = "speech"
            intervals.append(new)
        data = {"engine": aligner.name if aligner else "pocketsphinx en-us forced alignment (unavailable)",
                "subtitles": subtitles, "params": self.params(),
                "offset_note": "offset = caption time - speech time; positive: the caption is late"}
        if words_note:
            data["words_note"] = words_note
        return [Lane("subtitle_sync", data), Lane("text", {**text.data, "intervals": intervals})]

    # ------------------------------------------------------------------------------------

    @staticmethod
    def _role(cap: dict, entry: dict) -> str:
        """Subtitle when its words are spoken; but text the text lane placed as an overlay
        (a title up top, a lone label) stays one when the speech covers under half of the
        time it is shown: a title that names a word of the narration is still a title."""
        if entry["speech_start_s"] is None:
            return "overlay"
        if cap.get("role") == "overlay":
            shown = max(1e-6, float(cap["end_s"]) - float(cap["start_s"]))
            spoken = min(cap["end_s"], entry["speech_end_s"]) - max(cap["start_s"], entry["speech_start_s"])
            if spoken / shown < 0.5:
                return "overlay"
        return "subtitle"

    def _neighbours(self, cap, captions, aligner) -> tuple[list[str], list[str]]:
        """The last words of the caption just before and the first words of the one just
        after (within ``NEIGHBOUR_S``), English and in the dictionary: speech often runs on
        from one subtitle into the next."""
        from .asr import tokens

        def known_words(c):
            if (c.get("lang") or "eng").lower() not in ENGLISH:
                return []
            return [t for t in tokens(c.get("text", "")) if aligner.known(t)]

        prev = [c for c in captions if c is not cap and 0 <= cap["start_s"] - c["end_s"] <= NEIGHBOUR_S
                and c["start_s"] < cap["start_s"]]
        nxt = [c for c in captions if c is not cap and 0 <= c["start_s"] - cap["end_s"] <= NEIGHBOUR_S
               and c["start_s"] > cap["start_s"]]
        before = known_words(max(prev, key=lambda c: c["end_s"]))[-2:] if prev else []
        after = known_words(min(nxt, key=lambda c: c["start_s"]))[:2] if nxt else []
        return before, after

    def _sync(self, index, cap, words, pcm, aligner, blocked, context=([], [])) -> dict:
        from .asr import tokens

        toks = tokens(cap.get("text", ""))
        entry = {"caption": index, "start_frame": cap["start_frame"], "end_frame": cap["end_frame"],
                 "text": cap.get("text", ""), "speech_start_s": None, "speech_end_s": None,
                 "offset_start_s": None, "offset_end_s": None, "matched_words": 0,
                 "total_words": len(toks), "method": "unavailable"}
        lang = (cap.get("lang") or "eng").lower()
        if lang not in ENGLISH:
            return {**entry, "reason": f"alignment needs English (pocketsphinx en-us); this caption is '{lang}'"}
        if aligner is None:
            return {**entry, "reason": blocked}
        if not toks:
            return {**entry, "reason": "the caption has no words"}
        known = [t for t in toks if aligner.known(t)]
        if not known:
            return {**entry, "reason": "none of the caption's words is in the en-us dictionary"}
        cs, ce = float(cap["start_s"]), float(cap["end_s"])
        near = [w for w in words if w["end_s"] > cs - self.search_s and w["start_s"] < ce + self.search_s]
        pairs = local_match(toks, [w["text"] for w in near], [abs(w["end_s"] - ce) for w in near])
        entry.update(matched_words=len(pairs), method="words")
        heard = len(pairs) >= words_needed(len(known))  # a word OCR garbled cannot be heard
        if heard:
            (t0, w0), (t1, w1) = pairs[0], pairs[-1]
            rough_s, rough_e = near[w0]["start_s"], near[w1]["end_s"]
            lo = rough_s - self.pad_s - LEAD_WORD_S * t0
            hi = rough_e + self.pad_s + LEAD_WORD_S * (len(toks) - 1 - t1)
            lo, hi = self._bounds(near, w0, w1, lo, hi, t0 == 0, t1 == len(toks) - 1)
        else:  # the recogniser missed too much of it: let the aligner search around the caption
            lo, hi = cs - SEARCH_ALONE_S, ce + SEARCH_ALONE_S
        off = self.info.audio_offset_s
        a = max(0, int((lo - off) * SPEECH_RATE))
        b = min(pcm.size, int(math.ceil((hi - off) * SPEECH_RATE)))
        if b - a < SPEECH_RATE // 10:
            return {**entry, "reason": "no audio near the caption"}
        aligned = aligner.align(pcm[a:b], known, *context)
        if not heard:
            gain = aligned.per_frame_gain(aligner.junk_score(pcm[a:b]))
            entry["acoustic_gain"] = None if gain is None else round(gain, 7)
            if gain is None or gain < MIN_GAIN:
                return {**entry, "reason": blocked or "the caption's words are not heard near it"}
        if aligned.words:
            start_s = a / SPEECH_RATE + off + aligned.words[0].start_s
            end_s = a / SPEECH_RATE + off + aligned.words[-1].end_s
            entry["method"] = "align"
        else:
            start_s, end_s = rough_s, rough_e
        return {**entry, "speech_start_s": round(start_s, 3), "speech_end_s": round(end_s, 3),
                "offset_start_s": round(cs - start_s, 3), "offset_end_s": round(ce - end_s, 3)}

    @staticmethod
    def _bounds(near, w0, w1, lo, hi, first_heard, last_heard) -> tuple[float, float]:
        """Keep the alignment window off the neighbouring speech: it stops at the heard word
        next to the match when the caption's first (last) word was heard, else at the first
        pause beyond the match (the missing words lie before it)."""
        for j in range(w0 - 1, -1, -1):
            if first_heard or near[j + 1]["start_s"] - near[j]["end_s"] >= PAUSE_S:
                lo = max(lo, near[j]["end_s"])
                break
        for j in range(w1 + 1, len(near)):
            if last_heard or near[j]["start_s"] - near[j - 1]["end_s"] >= PAUSE_S:
                hi = min(hi, near[j]["start_s"])
                break
        return lo, hi
