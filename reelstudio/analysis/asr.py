"""Word recognisers and the forced aligner over 16 kHz mono int16 audio.

- ``whisper.WhisperWords`` (reelstudio/analysis/whisper.py): the default, Whisper base.
- ``PocketsphinxWords``: selectable (``reelstudio models select pocketsphinx``), the US-English model shipped in the
  ``pocketsphinx`` wheel, tuned for speed (see ``PS_WORDS``; bench/bench_speech_words.py
  measures word error rate against CPU time on the LibriVox clips).
- ``VoskWords``: a Vosk model the user installed and selected (reelstudio/speech_models.py).
- ``Aligner``: pocketsphinx forced alignment of a known text (``Decoder.set_align_text``),
  far more reliable than free recognition for timing a subtitle's words.

Engines raise ModelError when their package or model is missing; callers turn that into
an unavailable lane or a ``words_status`` reason.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass

import numpy as np

from ..errors import ModelError

FRAME_S = 0.01  # pocketsphinx reports frames at 100 per second whatever ``ds`` is
# Free recognition settings, chosen on the LibriVox clips (bench/bench_speech_words.py):
# Gaussian scores on every other frame, at most 1500 HMMs and 10 word exits per frame and a
# narrower word beam cut the CPU time 2-3x for +3 points of WER; the flat-lexicon second pass
# and the lattice best path add nothing measurable here. The phone-loop lookahead weighs 5
# (default 3): a word whose phones the lookahead scores poorly is not entered. Measured
# against weight 3: the bench 2.59 -> 2.22 CPU-s per 60 s of speech, WER 0.310 -> 0.268; the
# benchmark reel's words 2.55 -> 2.23 CPU-s (with the 0.24 s load); the 431 words of the
# five sentences clean, over music and over noise (tests/test_speech_words.py's tracks) and
# of the reel's narration, 213 errors either way (clean 0.324 = 0.324, music 0.690 -> 0.634,
# noise 0.535 -> 0.563). Weight 6 saved 5 % more with the same WER but moved the words the
# subtitle sync leans on: one subtitle of tests/test_subsync.py's end-to-end clip came out
# 0.17 s off; 8 made one error more and the bench's WER 0.310 again; 10, 17 more.
PS_WORDS = {"ds": 2, "maxhmmpf": 1500, "maxwpf": 10, "wbeam": 1e-20, "pl_weight": 5.0, "fwdflat": False,
            "bestpath": False}
# Alignment settings: no language model (the grammar is the caption), dither so digital
# silence has finite energy, Gaussian scores every other frame (on the benchmark reel: the
# same word edges to the millisecond for 25 % less CPU; bench/eval_subsync.py), and the
# Viterbi path itself, not the lattice's best path: the grammar's junk loops exit a word
# every frame, and building and searching that lattice took 40 % of the aligner's CPU for
# the same words (word ends 10 ms apart at most; the reel's 34 captions 0.95 -> 0.61 CPU-s).
# Beams and HMM caps change nothing here (the grammar is small); Gaussian scores for the top
# 3 densities instead of 4 saved 7 % more but put a caption over music 0.94 s off.
ALIGN = {"lm": None, "dither": True, "ds": 2, "bestpath": False}
# fillers, silences, sentence marks and the grammar's null transitions (the Viterbi path
# lists them as "(NULL)")
_FILLER = re.compile(r"^(<.*>|\[.*\]|\+\+.*\+\+|\(NULL\))$")
_VARIANT = re.compile(r"\(\d+\)$")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")


def pocketsphinx_version() -> str:
    try:
        from importlib.metadata import version

        return version("pocketsphinx")
    except Exception:  # noqa: BLE001 - not installed: the engine says so when loaded
        return "missing"


def _pcm_bytes(pcm: np.ndarray) -> bytes:
    pcm = np.asarray(pcm)
    if pcm.dtype != np.int16:
        pcm = (np.clip(pcm, -1.0, 1.0) * 32767).astype(np.int16)
    return pcm.astype("<i2", copy=False).tobytes()


def _decoder(**config):
    try:
        from pocketsphinx import Decoder
    except ImportError:
        raise ModelError("the pocketsphinx package is not installed (pip install pocketsphinx)") from None
    try:
        return Decoder(loglevel="FATAL", **config)
    except (RuntimeError, ValueError, OSError) as exc:
        raise ModelError(f"pocketsphinx cannot load its en-us model: {exc}") from None


def tokens(text: str) -> list[str]:
    """Lower-case words of a caption: letters, digits and inner apostrophes (don't)."""
    return _TOKEN.findall(text.lower().replace("\u2019", "'"))


_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
         "sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
            "nine": "ninth", "twelve": "twelfth"}


def _cardinal(n: int) -> list[str]:
    if n < 20:
        return [_ONES[n]]
    if n < 100:
        return [_TENS[n // 10]] + (_cardinal(n % 10) if n % 10 else [])
    for size, name in ((10 ** 9, "billion"), (10 ** 6, "million"), (1000, "thousand"), (100, "hundred")):
        if n >= size:
            return _cardinal(n // size) + [name] + (_cardinal(n % size) if n % size else [])
    raise AssertionError(n)


def spoken(token: str) -> list[str]:
    """How an English token written in digits is said: "5" -> five, "1455" -> fourteen
    fifty five (a year, as 1100-1999 are read), "21st" -> twenty first; other tokens as they
    are. Recognisers write numbers in digits, and the aligner's dictionary has no digits: an
    unknown token is sounded as noise and drags the words after it off their place (Asterisk's
    "press 4 to delete" came out 1 s early)."""
    m = re.fullmatch(r"(\d{1,12})(st|nd|rd|th)?", token)
    if m is None:
        return [token]
    n = int(m.group(1))
    if m.group(2) is None and len(m.group(1)) == 4 and 1100 <= n <= 1999:
        hi, lo = divmod(n, 100)
        return _cardinal(hi) + (["hundred"] if lo == 0 else ["oh"] + _cardinal(lo) if lo < 10 else _cardinal(lo))
    words = _cardinal(n)
    if m.group(2) is not None:
        last = words[-1]
        words[-1] = _ORDINAL.get(last) or (last[:-1] + "ieth" if last.endswith("y") else last + "th")
    return words


@dataclass(frozen=True)
class Word:
    start_s: float
    end_s: float
    text: str
    confidence: float | None = None


class PocketsphinxWords:
    language = "en"

    def __init__(self, **settings):
        self.settings = {**PS_WORDS, **settings}
        self.name = f"pocketsphinx {pocketsphinx_version()} en-us"
        self._dec = None
        self.child_cpu_s = 0.0  # CPU seconds of the last recognize_many's child process

    def params(self) -> dict:
        return {"engine": self.name, **self.settings}

    def load(self) -> None:
        if self._dec is None:
            self._dec = _decoder(**self.settings)

    def recognize_many(self, pcms: list[np.ndarray]) -> list[list[Word]]:
        """``recognize`` for each stretch, in a child Python process of its own
        (``python -m reelstudio.analysis.asr``, data through its stdin and stdout).

        pocketsphinx holds the GIL while it decodes (a Python thread beside it got ~1 % of
        its usual turns): in the analysis' audio thread it stalled every other thread (the
        decoder's hand-off, the analyzers' Python steps) for the ~2 s it takes on a minute of
        speech. The child costs ~0.3 CPU-s to start, beside the video pass. A frozen app, or
        a child that cannot start, decodes here instead."""
        import pickle
        import subprocess
        import sys

        if not pcms:
            return []
        if getattr(sys, "frozen", False) or not sys.executable:
            return [self.recognize(p) for p in pcms]
        try:
            proc = subprocess.run([sys.executable, "-m", "reelstudio.analysis.asr"],
                                  input=pickle.dumps((self.settings, pcms)), capture_output=True, check=False)
        except OSError:
            return [self.recognize(p) for p in pcms]
        if proc.returncode != 0:
            tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
            raise ModelError(f"pocketsphinx worker failed (exit {proc.returncode}): {tail[0]}")
        found, self.child_cpu_s = pickle.loads(proc.stdout)
        return found

    def recognize(self, pcm: np.ndarray) -> list[Word]:
        """Words of one stretch of speech, times in seconds from its first sample."""
        self.load()
        dec = self._dec
        dec.start_utt()
        dec.process_raw(_pcm_bytes(pcm), full_utt=True)
        dec.end_utt()
        out = []
        for seg in dec.seg():
            if _FILLER.match(seg.word):
                continue
            out.append(Word(seg.start_frame * FRAME_S, (seg.end_frame + 1) * FRAME_S, _VARIANT.sub("", seg.word)))
        return out


class VoskWords:
    """An installed, verified Vosk model."""

    def __init__(self, name: str):
        from .. import speech_models

        self.model_name = name
        self.language = next((m.language for m in speech_models.list_models() if m.name == name), "")
        self.name = f"vosk {name}"
        self._model = None

    def params(self) -> dict:
        return {"engine": self.name}

    def load(self) -> None:
        if self._model is not None:
            return
        from .. import speech_models

        path = speech_models.verified_path(self.model_name)
        try:
            import vosk
        except ImportError:
            raise ModelError("the vosk package is not installed (pip install vosk)") from None
        vosk.SetLogLevel(-1)
        try:
            self._model = vosk.Model(str(path))
        except Exception as exc:  # noqa: BLE001 - libvosk raises a bare Exception
            raise ModelError(f"Vosk cannot load the speech model '{self.model_name}': {exc}") from None

    def recognize(self, pcm: np.ndarray) -> list[Word]:
        import vosk

        self.load()
        rec = vosk.KaldiRecognizer(self._model, 16000)
        rec.SetWords(True)
        data = _pcm_bytes(pcm)
        results = []
        step = 16000 * 2 * 4  # 4 s per call; Vosk returns a result at each pause it finds
        for k in range(0, len(data), step):
            if rec.AcceptWaveform(data[k:k + step]):
                results.append(json.loads(rec.Result()))
        results.append(json.loads(rec.FinalResult()))
        return [Word(float(w["start"]), float(w["end"]), w["word"], round(float(w.get("conf", 0.0)), 3))
                for r in results for w in r.get("result", [])]


def _recognize_many(settings: dict, pcms: list[np.ndarray]) -> list[list[Word]]:
    """The child process's side of ``PocketsphinxWords.recognize_many``."""
    import time

    t0 = time.process_time()
    engine = PocketsphinxWords(**settings)
    found = [engine.recognize(p) for p in pcms]
    return found, time.process_time() - t0  # CPU of the load and the decoding, for the caller's figures


def words_engine(model: str | None = "auto", quality: str | None = None):
    """The engine for the words lane.

    ``model``: "auto" (follow ``reelstudio models select``: Whisper base unless another was
    chosen), "whisper", "pocketsphinx", None (pocketsphinx, kept for old callers) or an
    installed Vosk model's name. ``quality``: Whisper's "fast" or "accurate" (default: the
    stored setting). Building the object loads nothing; ``load()`` checks the model (and
    may raise ModelError).
    """
    from .. import speech_models

    if model == "auto":
        model = speech_models.selected() or "whisper"
    if model == "whisper":
        from .whisper import WhisperWords

        return WhisperWords(quality=quality or speech_models.quality())
    if model is None or model == "pocketsphinx":
        return PocketsphinxWords()
    return VoskWords(model)


@dataclass(frozen=True)
class Alignment:
    words: list[Word]
    score: float | None  # the path score as pocketsphinx's Hypothesis.score gives it: its
    # log-domain score through logmath.exp (higher is better)


class Aligner:
    """Forced alignment of known English words with pocketsphinx (no language model).

    Not ``Decoder.set_align_text``: its grammar lets only silence surround the text, so music
    or a neighbour's speech left in the window is stretched into the first or last word (a
    caption over music came out 1.4 s early). Here the words, in order, may be preceded and
    followed by any run of the model's speech-noise, noise and silence phones (+SPN+, +NSN+,
    SIL), which soak up whatever is not the caption; the search costs about as much as the
    plain alignment.
    """

    language = "en"
    _JUNK = {"zzjunkspn": "+SPN+", "zzjunknsn": "+NSN+", "zzjunksil": "SIL"}

    def __init__(self):
        self.name = f"pocketsphinx {pocketsphinx_version()} en-us forced alignment"
        self._dec = None
        self._lock = threading.Lock()
        self._n = 0
        self._names: dict[str, str] = {}  # private alias -> the word it stands for

    def load(self) -> None:
        if self._dec is None:
            dec = _decoder(**ALIGN)
            for word, phone in self._JUNK.items():
                dec.add_word(word, phone, False)
            self._dec = dec

    def known(self, word: str) -> bool:
        self.load()
        return self._dec.lookup_word(word) is not None

    def _alias(self, word: str, prefix: str) -> str | None:
        """``word`` under a private, grammar-safe name (JSGF cannot spell "don't"): a context
        word must be told from a caption word in the result, and neither may hold quotes."""
        name = prefix + re.sub(r"[^a-z0-9]", "_q_", word)
        if self._dec.lookup_word(name) is None:
            phones = self._dec.lookup_word(word)
            if phones is None:
                return None
            self._dec.add_word(name, phones, False)
            self._names[name] = word
        return name

    def align(self, pcm: np.ndarray, words: list[str], before: list[str] = (), after: list[str] = ()) -> "Alignment":
        """Times of ``words`` (all in the dictionary) in ``pcm``, seconds from its first
        sample, and the path's score; no words when the search finds no path through them.
        ``before`` / ``after``: words that may be spoken just before / after (the
        neighbouring captions' words), each optional: where speech runs on, the neighbour's
        words take their own sound instead of it being stretched into the caption's first or
        last word."""
        self.load()
        with self._lock:
            pre = " ".join(f"[{c}]" for c in (self._alias(w, "zzctx_") for w in before) if c)
            post = " ".join(f"[{c}]" for c in (self._alias(w, "zzctx_") for w in after) if c)
            body = " ".join(w if re.fullmatch(r"[a-z0-9]+", w) else self._alias(w, "zzw_") for w in words)
            segs, score = self._search(f"[<junk>+] {pre} {body} {post} [<junk>+]", pcm)
        return Alignment([Word(seg.start_frame * FRAME_S, (seg.end_frame + 1) * FRAME_S,
                               self._names.get(seg.word, _VARIANT.sub("", seg.word)))
                          for seg in segs if not _FILLER.match(seg.word) and seg.word not in self._JUNK
                          and not seg.word.startswith("zzctx_")], score)

    def align_transcript(self, pcm: np.ndarray, toks: list[str | None]) -> dict[int, tuple[float, float]] | None:
        """Times of a recognised transcript's tokens in ``pcm`` (seconds from its first sample),
        by position; a None token (a word the dictionary lacks) is sounded by speech-noise in
        its place and gets no time. None when no path goes through the tokens."""
        self.load()
        body, known = [], []
        for pos, t in enumerate(toks):
            if t is None:
                body.append("<junk>+")
            else:
                body.append(t if re.fullmatch(r"[a-z0-9]+", t) else self._alias(t, "zzw_"))
                known.append(pos)
        with self._lock:
            segs, _score = self._search(f"[<junk>+] {' '.join(body)} [<junk>+]", pcm)
        got = [seg for seg in segs if not _FILLER.match(seg.word) and seg.word not in self._JUNK]
        if len(got) != len(known):
            return None
        return {pos: (seg.start_frame * FRAME_S, (seg.end_frame + 1) * FRAME_S) for pos, seg in zip(known, got)}

    def _search(self, rule: str, pcm: np.ndarray):
        dec = self._dec
        junk = " | ".join(self._JUNK)
        grammar = f"#JSGF V1.0;\ngrammar caption;\n<junk> = {junk};\npublic <caption> = {rule};\n"
        self._n += 1
        search = f"caption{self._n % 2}"  # two names in turn: never replace the active search
        try:
            dec.add_jsgf_string(search, grammar)
            dec.activate_search(search)
            dec.start_utt()
            dec.process_raw(_pcm_bytes(pcm), full_utt=True)
            dec.end_utt()
        except (RuntimeError, ValueError) as exc:
            raise ModelError(f"forced alignment failed: {exc}") from None
        hyp = dec.hyp()
        if hyp is None:
            return [], None
        return list(dec.seg()), hyp.score


if __name__ == "__main__":  # the child of PocketsphinxWords.recognize_many
    import pickle
    import sys

    from reelstudio.analysis import asr as _asr  # the importable module: its Word pickles as such

    _settings, _pcms = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(pickle.dumps(_asr._recognize_many(_settings, _pcms)))
