"""Speech activity: Silero VAD (v5, ONNX Runtime) streamed over the 16 kHz mono audio.

The model sees 512-sample (32 ms) windows, each preceded by the last 64 samples of the
window before (zeros before the first), and carries a recurrent state from window to
window, exactly as the reference ``silero_vad.utils_vad.OnnxWrapper.__call__`` does
(silero-vad 6.2.3). Memory stays flat: only the un-windowed remainder, the 64-sample
context, the state and one float per window are kept.

Probabilities become speech spans by the hysteresis of the reference
``get_speech_timestamps_from_probs`` (silero-vad 6.2.3, utils_vad.py) with its defaults:
enter at >= 0.5, leave after the probability stays below 0.35 for 100 ms, drop spans of
250 ms or less, pad spans by 30 ms (half the gap when two spans are closer than 60 ms);
no maximum span length. A trailing partial window is zero-padded, as the reference does.

Words: once the spans are known, the words engine recognises them: by default Whisper base
(reelstudio/analysis/whisper.py: every span in one child process, language detected, words
gated by the spans and by probability, English word times refined by forced alignment);
pocketsphinx en-us or an installed Vosk model when selected (each span, padded by
``WORDS_PAD_S``, on its own). Silence and music between the spans cost nothing. The
16 kHz audio is kept as int16 until then (1.9 MB per minute). A missing engine or model
leaves the VAD intervals and says why in ``words_status`` (with ``words_cause`` "model"; "skipped"
when the words were left out).
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass

import numpy as np

from ..media.audio import SPEECH_RATE
from ..errors import ModelError
from .base import CAUSE_MODEL, CAUSE_SKIPPED, SKIPPED_REASON, AudioAnalyzer, Blocks, Lane, Tuned

WINDOW = 512  # samples at 16 kHz per model call
CONTEXT = 64  # samples of the previous window prepended to each call
HOP_S = WINDOW / SPEECH_RATE  # 0.032 s
ENGINE = "silero-vad (ONNX Runtime)"
WORDS_PAD_S = 0.1  # audio beyond each VAD span given to the recogniser


def speech_spans(probs, n_samples: int, threshold: float = 0.5, neg_threshold: float = 0.35,
                 min_speech_ms: float = 250, min_silence_ms: float = 100, pad_ms: float = 30,
                 rate: int = SPEECH_RATE, window: int = WINDOW) -> list[tuple[int, int]]:
    """Speech spans in samples [start, end) from per-window probabilities.

    A port of silero-vad's ``get_speech_timestamps_from_probs`` (6.2.3) for
    ``max_speech_duration_s = inf``, where its max-length branch never runs.
    """
    min_speech = rate * min_speech_ms / 1000
    pad = rate * pad_ms / 1000
    min_silence = rate * min_silence_ms / 1000
    triggered = False
    spans: list[list[int]] = []
    start = 0
    temp_end = 0
    for i, p in enumerate(probs):
        cur = window * i
        if p >= threshold and temp_end:
            temp_end = 0
        if p >= threshold and not triggered:
            triggered = True
            start = cur
            continue
        if p < neg_threshold and triggered:
            if not temp_end:
                temp_end = cur
            if cur - temp_end < min_silence:
                continue
            if temp_end - start > min_speech:
                spans.append([start, temp_end])
            triggered = False
            temp_end = 0
    if triggered and n_samples - start > min_speech:
        spans.append([start, n_samples])

    for i, span in enumerate(spans):
        if i == 0:
            span[0] = int(max(0, span[0] - pad))
        if i != len(spans) - 1:
            gap = spans[i + 1][0] - span[1]
            if gap < 2 * pad:
                span[1] += int(gap // 2)
                spans[i + 1][0] = int(max(0, spans[i + 1][0] - gap // 2))
            else:
                span[1] = int(min(n_samples, span[1] + pad))
                spans[i + 1][0] = int(max(0, spans[i + 1][0] - pad))
        else:
            span[1] = int(min(n_samples, span[1] + pad))
    return [(int(s), int(e)) for s, e in spans]


# Where a word starts after a pause over a music or noise bed, the voice activity's rising
# edge is the better witness: the forced aligner's silence model fits a bed badly and moves
# such starts 0.2-0.5 s either way ("two" after a pause in Asterisk's prompts over music:
# aligned 0.25 s late and 0.1 s long). On the tuning items the edge (probability crossing
# 0.5 from below 0.35) lies 0.03-0.04 s (median) after the reference start of a word that
# follows a pause of 0.1 s or more, within 0.1 s for 91-98 % of them, clean or at +10 dB SNR;
# on clean audio the aligner is better still (98 %), so the edge is used only under a bed.
ONSET_LAG_S = 0.032  # one window: the edge's median lag behind the reference start
ONSET_BED_DB = 25.0  # speech this far or less above the level between phrases: a bed
ONSET_PAUSE_S = 0.1  # a word this long after the one before it starts a phrase
ONSET_REACH_S = 0.5  # an edge further than this from the recogniser's start is another word's
ONSET_SHORT = 0.75  # a word this much shorter than its letters' typical length was cut short


def bed_snr_db(probs, levels) -> float | None:
    """Median level (RMS, 0..1) of the VAD windows that are surely speech over that of the
    windows that are surely not (dB); None where either is rare (under 10 windows)."""
    n = min(len(probs), len(levels))
    if n < 20:
        return None
    p = np.asarray(probs[:n])
    rms = np.asarray(levels[:n]) + 3e-5
    loud, quiet = rms[p > 0.8], rms[p < 0.1]
    if loud.size < 10 or quiet.size < 10:
        return None
    return float(20 * np.log10(np.median(loud) / np.median(quiet)))


def rising_edges(probs) -> np.ndarray:
    """Times (s) where the VAD probability crosses 0.5 upwards from below 0.35 within the
    four windows before, less ONSET_LAG_S."""
    p = np.asarray(probs)
    if p.size < 2:
        return np.zeros(0)
    k = np.flatnonzero((p[1:] >= 0.5) & (p[:-1] < 0.5)) + 1
    low = np.array([(p[max(0, i - 4):i] < 0.35).any() for i in k], bool)
    return k[low] * HOP_S - ONSET_LAG_S


def snap_onsets(words: list[dict], probs, levels) -> None:
    """Over a music or noise bed (ONSET_BED_DB) only, moves the start of a word that follows
    a pause to the nearest rising edge of the voice activity: later where the word starts
    where the voice activity says nobody speaks, earlier where the word came out cut short
    (under ONSET_SHORT of its letters' typical length: the onset was given to the bed). Over
    music the voice activity can rise a few tenths of a second before the voice does, so a
    start is never moved earlier on the edge's word alone. Seconds from the first sample the
    VAD read; the edge lies after the previous word's end and before the word's own."""
    snr = bed_snr_db(probs, levels)
    if not words or snr is None or snr >= ONSET_BED_DB:
        return
    edges = rising_edges(probs)
    p = np.asarray(probs)
    prev_end = -1e9
    for w in words:
        s, e = w["start_s"], w["end_s"]
        k = int((s + ONSET_LAG_S) / HOP_S)
        silent_start = 0 <= k < p.size and p[k] < 0.35
        letters = sum(ch.isalnum() for ch in w["text"])
        short = letters > 0 and e - s < ONSET_SHORT * max(0.1, 0.08 * letters - 0.04)
        if s - prev_end >= ONSET_PAUSE_S or silent_start:
            near = edges[(edges > prev_end) & (edges < e - 0.08) & (np.abs(edges - s) <= ONSET_REACH_S)]
            near = near[(near > s) & silent_start | (near < s) & short]
            if near.size:
                t = float(near[np.argmin(np.abs(near - s))])
                if w.get("token_times"):
                    w["token_times"][0][0] = t
                w["start_s"] = t
                w["start_source"] = "voice activity"
        prev_end = e


class PcmFile:
    """16 kHz mono int16 samples spooled to a (temporary) file: read a stretch, or hand the
    open file to a child process, without holding the whole sound in memory (two hours
    are 230 MB)."""

    def __init__(self, file, n: int):
        self.file, self.size = file, n

    def read(self, a: int, b: int) -> np.ndarray:
        a, b = max(0, a), min(self.size, b)
        if b <= a:
            return np.zeros(0, np.int16)
        self.file.seek(2 * a)
        return np.frombuffer(self.file.read(2 * (b - a)), "<i2").astype(np.int16)

    def array(self) -> np.ndarray:
        return self.read(0, self.size)

    dtype = np.dtype(np.int16)

    def __getitem__(self, key: slice) -> np.ndarray:
        """``pcm[a:b]``, as the Whisper worker reads its stretches (nothing else is held)."""
        a, b, _ = key.indices(self.size)
        return self.read(a, b)


class SileroVAD:
    """Streaming Silero VAD: push 16 kHz samples, read one probability per 512 samples."""

    def __init__(self, session=None, threads: int = 1):
        if session is None:
            from ..resources import onnx_session

            session = onnx_session("silero_vad", threads=threads)
        self.session = session
        self.state = np.zeros((2, 1, 128), np.float32)
        self.context = np.zeros(CONTEXT, np.float32)
        self.pending = np.zeros(0, np.float32)
        self.samples = 0
        # one probability and one RMS per window, as the model's float32 (exact): 8 bytes a
        # window, not two Python floats' 64 (two hours: 225,000 windows, 1.8 MB against 14)
        self._probs = Blocks(np.float32)
        self._levels = Blocks(np.float32)
        self._sr = np.array(SPEECH_RATE, dtype=np.int64)
        self.seconds_in_model = 0.0

    def push(self, samples: np.ndarray) -> None:
        samples = np.asarray(samples, np.float32).reshape(-1)
        self.samples += samples.size
        buf = np.concatenate([self.pending, samples]) if self.pending.size else samples
        whole = buf.size // WINDOW * WINDOW
        for k in range(0, whole, WINDOW):
            self._run(buf[k:k + WINDOW])
        self.pending = buf[whole:].copy()

    def flush(self) -> None:
        if self.pending.size:
            self._run(np.concatenate([self.pending, np.zeros(WINDOW - self.pending.size, np.float32)]))
            self.pending = np.zeros(0, np.float32)

    def _run(self, window: np.ndarray) -> None:
        x = np.concatenate([self.context, window])[None, :]
        t0 = time.perf_counter()
        out, self.state = self.session.run(None, {"input": x, "state": self.state, "sr": self._sr})
        self.seconds_in_model += time.perf_counter() - t0
        self.context = x[0, -CONTEXT:].copy()
        self._probs.append(out.reshape(-1)[0])
        self._levels.append(np.sqrt(np.mean(window * window)))

    @property
    def probs(self) -> np.ndarray:
        """Each window's speech probability (float64, the model's float32 values)."""
        return self._probs.array().astype(np.float64)

    @property
    def levels(self) -> np.ndarray:
        """Each window's RMS (float64, from float32), beside its probability."""
        return self._levels.array().astype(np.float64)


# the picture pass is large (its memory should not meet the words' child process): frames
# over this many pixels (UHD is 8.3 M, 1080x1920 2.1 M) or a video longer than this
LARGE_PICTURE_PIXELS = 4_000_000
LONG_VIDEO_S = 600.0


def picture_pass_is_large(info) -> bool:
    """True for a UHD frame or a video over 10 minutes (10 min of 3840x2160: the analysis
    peaks at ~890 MB and the Whisper worker at ~485 MB; side by side 1.37 GB)."""
    return info.width * info.height > LARGE_PICTURE_PIXELS or (info.duration_s or 0.0) > LONG_VIDEO_S


@dataclass(frozen=True)
class SpeechParams:
    """The voice activity's parameters (the speech lane's ``params``, then its words engine's)."""

    threshold: float = 0.5
    neg_threshold: float = 0.35
    min_speech_ms: int = 250
    min_silence_ms: int = 100
    speech_pad_ms: int = 30


class SpeechActivityAnalyzer(Tuned, AudioAnalyzer):
    name = "speech"
    version = 5  # 3: words by Whisper by default, with punctuation, probability and time source; 4: token_times, edges in the voice activity; 5: numbers spoken for the aligner, halves re-aligned, onsets from the voice activity over a bed
    lanes = ("speech",)
    models = ("silero_vad",)

    Params = SpeechParams

    def __init__(self, params: SpeechParams | None = None, /, *, threads: int = 1, words: bool = True,
                 words_model: str | None = "auto", quality: str | None = None, **kw):
        """``words_model``: "auto" (the engine chosen with ``reelstudio models select``, else
        Whisper base), "whisper", "pocketsphinx" (or None) or an installed Vosk model's name.
        ``quality``: Whisper's "fast" or "accurate" (default: the stored setting)."""
        super().__init__(params, **kw)
        self.threads = threads
        self.words = words
        self.words_model = words_model
        self.quality = quality

    def extra_params(self) -> dict:
        if not self.words:
            return {}
        from .asr import words_engine

        return {"words": words_engine(self.words_model, self.quality).params()}

    @property
    def finish_after_picture(self) -> bool:
        """The words run in a child process (Whisper: a few hundred MB): where the picture
        pass is itself large (``picture_pass_is_large``), the audio pass finishes this
        analyzer once the picture pass is over (passes.AudioPass), so the two peaks do not
        stand side by side; on a short HD reel the words run beside the picture pass, which
        is faster on a few cores (the child on one, the picture pass on the others)."""
        info = getattr(self, "info", None)
        return bool(self.words) and (info is None or picture_pass_is_large(info))

    def verify_models(self) -> None:
        super().verify_models()
        if self.words:
            from .asr import words_engine

            verify = getattr(words_engine(self.words_model, self.quality), "verify", None)
            if verify is not None:
                verify()

    def start(self, info) -> None:
        super().start(info)
        self._vad = None  # the model loads with the first samples: no audio, no model needed
        self._close_pcm()
        self._pcm = None  # the sound, for the words, spooled to a temporary file: 32 kB a second
        self._pcm_n = 0
        self.words_seconds = 0.0

    def feed(self, chunk) -> None:
        if chunk.mono16k.size == 0:
            return
        if self._vad is None:
            self._vad = SileroVAD(threads=self.threads)
        self._vad.push(chunk.mono16k)
        if self.words:
            if self._pcm is None:
                import tempfile

                self._pcm = tempfile.TemporaryFile(prefix="reelstudio-pcm-")  # gone when closed, or when the process ends
            pcm16 = (np.clip(chunk.mono16k, -1.0, 1.0) * 32767).astype("<i2")
            self._pcm.write(pcm16.tobytes())
            self._pcm_n += pcm16.size

    def _close_pcm(self) -> None:
        f, self._pcm = getattr(self, "_pcm", None), None
        if f is not None:
            f.close()

    def abort(self) -> None:
        """The analysis was cancelled: stop a recogniser running in a child process."""
        engine = getattr(self, "_engine", None)
        if engine is not None and hasattr(engine, "abort"):
            engine.abort()
        self._close_pcm()

    def _words(self, spans: list[tuple[int, int]]) -> tuple[list[dict], dict]:
        """Recognise the VAD spans; returns the words and the lane fields about them."""
        from .asr import words_engine

        engine = self._engine = words_engine(self.words_model, self.quality)
        spool, n = self._pcm, self._pcm_n
        if spool is None:
            spool, n = io.BytesIO(), 0
        spool.flush()
        pcm = PcmFile(spool, n)
        t0 = time.thread_time()  # CPU of this (the audio) thread only
        try:
            if hasattr(engine, "transcribe"):  # Whisper: every span in one child process
                found = engine.transcribe(pcm, spans)
                words = found["words"]
                about = {"language": found.get("language"), "language_probability": found.get("language_probability"),
                         "word_times": ("forced alignment (pocketsphinx en-us) where the dictionary knows "
                                        "the word, else the recogniser's" if found.get("language") == "en"
                                        else "the recogniser's (cross-attention)")}
            else:
                words = self._words_per_span(engine, pcm, spans)
                about = {"language": engine.language, "word_times": "the recogniser's"}
        except ModelError as exc:
            return [], {"words_engine": engine.name, "words_status": str(exc), "words_cause": CAUSE_MODEL}
        finally:
            # this thread's CPU, plus the recognizer's child process when it had one
            self.words_seconds = time.thread_time() - t0 + getattr(engine, "child_cpu_s", 0.0)
            self._close_pcm()
        snap_onsets(words, self._vad.probs, self._vad.levels)
        off = self.info.audio_offset_s
        tb = self.info.timebase
        out = []
        for w in words:
            start_s = round(w["start_s"] + off, 3)
            end_s = round(w["end_s"] + off, 3)
            item = {"start_s": start_s, "end_s": end_s, "text": w["text"],
                    "start_frame": tb.seconds_to_nearest_frame(max(0.0, start_s)),
                    "end_frame": tb.seconds_to_nearest_frame(end_s)}
            for k in ("probability", "confidence", "time_source", "start_source"):
                if w.get(k) is not None:
                    item[k] = w[k]
            if w.get("token_times"):  # the parts of a written word of several ("cold-hearted")
                item["token_times"] = [[round(s + off, 3), round(e + off, 3)] for s, e in w["token_times"]]
            out.append(item)
        return out, {"words_engine": engine.name, "words_status": "ok", **about}

    @staticmethod
    def _words_per_span(engine, pcm, spans) -> list[dict]:
        """pocketsphinx or Vosk: each span (padded by WORDS_PAD_S) on its own."""
        pad = int(WORDS_PAD_S * SPEECH_RATE)
        cuts = [(max(0, s - pad), min(pcm.size, e + pad)) for s, e in spans]
        if hasattr(engine, "recognize_many"):  # pocketsphinx: in a process of its own
            found = engine.recognize_many([pcm.read(a, b) for a, b in cuts])
        else:
            engine.load()
            found = [engine.recognize(pcm.read(a, b)) for a, b in cuts]
        return [{"start_s": a / SPEECH_RATE + w.start_s, "end_s": a / SPEECH_RATE + w.end_s, "text": w.text,
                 "confidence": w.confidence, "time_source": "recogniser"}
                for (a, b), span_words in zip(cuts, found) for w in span_words]

    def finish(self) -> list[Lane]:
        if self._vad is None:
            reason = "no audio track" if not self.info.has_audio else "the audio track holds no samples"
            return [Lane.unavailable("speech", reason, "no_input")]
        vad = self._vad
        vad.flush()
        probs = vad.probs.tolist()
        spans = speech_spans(probs, vad.samples, self.threshold, self.neg_threshold,
                             self.min_speech_ms, self.min_silence_ms, self.speech_pad_ms)
        off = self.info.audio_offset_s
        tb = self.info.timebase
        intervals = []
        for s, e in spans:
            start_s = max(0.0, s / SPEECH_RATE + off)
            end_s = e / SPEECH_RATE + off
            if end_s <= start_s:
                continue
            intervals.append({"start_s": round(start_s, 3), "end_s": round(end_s, 3),
                              "start_frame": tb.seconds_to_nearest_frame(start_s),
                              "end_frame": tb.seconds_to_nearest_frame(end_s)})
        if self.words:
            words, about = self._words(spans)
        else:
            words, about = [], {"words_engine": None, "words_status": SKIPPED_REASON, "words_cause": CAUSE_SKIPPED}
        data = {
            "intervals": intervals,
            "words": words,
            "engine": ENGINE,
            **about,
            "probability": {"hop_s": HOP_S, "values": [round(p, 3) for p in probs]},
            "curve_time_note": "value k covers 16 kHz audio [k * hop_s, (k + 1) * hop_s) after audio_offset_s",
            "audio_offset_s": round(off, 6),
            "params": self.params(),
        }
        self.model_seconds = vad.seconds_in_model
        self.audio_seconds = vad.samples / SPEECH_RATE
        return [Lane("speech", data)]


def transcribe_pcm(pcm: np.ndarray, quality: str = "fast", language: str | None = None,
                   words_model: str = "whisper") -> dict:
    """The speech lane's VAD and words over 16 kHz mono float audio, outside a video: the
    evaluations' entry point. Returns the lane's fields (``intervals`` and ``words`` in
    seconds from the first sample, ``language``, ``words_engine``, ``words_status``...)."""
    from fractions import Fraction
    from types import SimpleNamespace

    from ..timebase import Timebase

    pcm = np.asarray(pcm, np.float32).reshape(-1)
    analyzer = SpeechActivityAnalyzer(words_model=words_model, quality=quality)
    tb = Timebase(Fraction(100), max(1, int(pcm.size / SPEECH_RATE * 100)))
    info = SimpleNamespace(has_audio=True, audio_offset_s=0.0, timebase=tb)
    analyzer.start(info)
    step = SPEECH_RATE * 10
    for k in range(0, pcm.size, step):
        analyzer.feed(SimpleNamespace(mono16k=pcm[k:k + step]))
    lane = analyzer.finish()[0]
    out = lane.to_json()
    if language is not None and out.get("language") not in (None, language):
        out["language_note"] = f"detected {out.get('language')}, expected {language}"
    out["words_cpu_s"] = analyzer.words_seconds
    return out
