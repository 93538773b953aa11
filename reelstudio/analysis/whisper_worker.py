"""The Whisper worker: the child process that recognises the words of the voice-activity
spans (``python -m reelstudio.analysis.whisper_worker``, started by whisper.WhisperWords;
reads a pickled job on stdin, writes the pickled result on stdout). What it does and why:
whisper.py's docstring."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import re
import sys
import time

import numpy as np

from ..errors import ModelError
from .whisper import (DEFAULT_QUALITY, GAP_S, MIN_SEGMENT_PROB, MIN_WORD_PROB, MODEL, QUALITIES, RATE, SPAN_PAD_S,
                      model_folder, model_inputs)
from ..passes import few_heaps, release_freed_memory
from .whisper_audio import BATCH_SPEECH_S, _job_pcm, batches, compact  # noqa: F401 - the worker's names

# a letter five times running is a decoding loop inside one word, not a word ("Hmmmmmmm..."
# over Big Buck Bunny's music, a music-only stretch of the tuning set)
_LOOPED_CHARS = re.compile(r"([^\W\d_])\1{4,}")
RETRY_MIN_S = 1.0  # voice activity this long with no word on it is recognised again, alone
ALIGN_PAD_S = 0.15  # audio beyond a span's first and last recognised word given to the aligner
ENGLISH = "en"
ONSET_CAP, CODA_CAP = (0.06, 0.2), (0.08, 0.5)  # s a letter, s: see _unstretch


def piece_of(start_s: float, end_s: float, pieces) -> int | None:
    """The piece a recognised word belongs to, by its end: the piece the end lies in; an end
    in the silence between two pieces goes to the nearer of the two voice activities (the
    last one's end, the next one's start). Not by its midpoint or its overlap: Whisper's
    words are contiguous, so the first word after a pause takes the pause ("ask" 2.38-3.34 s
    for 2.9-3.3 s spoken), and by its midpoint JFK's "ask not what your country" lost "ask"
    and "what"; a phrase's first "to" even came out ending in the pause, 0.34 s early. None
    when the word ends before the first piece."""
    x = end_s * RATE
    for i, (at, src, n, _k, vs, ve) in enumerate(pieces):
        if x <= at:
            if i == 0:
                return 0 if start_s * RATE < at + n else None
            p_at, p_src, p_n, _pk, _pvs, p_ve = pieces[i - 1]
            prev_end = p_at + (p_ve - p_src)  # compact sample of the last activity's end
            next_start = at + (vs - src)
            return i if x - prev_end > next_start - x else i - 1
        if x <= at + n:
            return i
    return len(pieces) - 1 if pieces else None


def unloop(texts: list[str], max_n: int = 4, max_repeats: int = 2) -> list[int]:
    """Indices of the words to keep when a decoding loop repeats a phrase ("I'm sorry. I'm
    sorry. I'm sorry..."): a run of 1-4 words said more than ``max_repeats`` times in a row
    keeps its first ``max_repeats``. (Whisper's own guard, the compression ratio of the text,
    is not used: with one temperature it cannot retry, and UTF-8 Cyrillic compresses so
    well that ordinary Russian sentences exceed its 2.4.)"""
    norm = [re.sub(r"\W+", "", t.lower()) for t in texts]
    keep = list(range(len(norm)))
    k = 0
    out: list[int] = []
    while k < len(norm):
        cut = False
        for n in range(1, max_n + 1):
            unit = norm[k:k + n]
            if len(unit) < n or not any(unit):
                continue
            reps = 1
            while norm[k + reps * n:k + (reps + 1) * n] == unit:
                reps += 1
            if reps > max_repeats:
                out += keep[k:k + n * max_repeats]
                k += n * reps
                cut = True
                break
        if not cut:
            out.append(keep[k])
            k += 1
    return out


def merge_pieces(words: list[dict]) -> list[dict]:
    """Whisper splits some written words into pieces that do not start with a space
    ("ill" + "-disposed", "don" + "'t"): join them back into one word."""
    out: list[dict] = []
    for w in words:
        if out and not w["raw"].startswith(" ") and w["piece"] == out[-1]["piece"]:
            prev = out[-1]
            prev["raw"] += w["raw"]
            prev["end"] = w["end"]
            prev["probability"] = min(prev["probability"], w["probability"])
            continue
        out.append(dict(w))
    return out


# -- the child process's work ----------------------------------------------------------

def _recognise(model, audio: np.ndarray, pieces, settings: dict, language: str | None, result: dict):
    """One Whisper pass over compact audio: the gated words (source seconds, each with its
    piece) and the transcription info."""
    detected = _language_of(model, audio) if language is None else None
    segments, info = model.transcribe(
        audio, language=detected[0] if detected else language, beam_size=settings["beam_size"], best_of=1,
        temperature=0.0, condition_on_previous_text=False, word_timestamps=True, vad_filter=False,
        without_timestamps=False, compression_ratio_threshold=2.4, log_prob_threshold=-1.0, no_speech_threshold=0.6)
    if detected is not None:
        info = dataclasses.replace(info, language=detected[0], language_probability=detected[1],
                                   all_language_probs=detected[2])
    raw = []
    for seg in segments:
        words = list(seg.words or [])
        if not words:
            continue
        mean_p = float(np.mean([w.probability for w in words]))
        if mean_p < MIN_SEGMENT_PROB:
            result["segments_dropped"] += 1
            result.setdefault("_rejected", []).append((words[0].start, words[-1].end, pieces))
            continue
        keep = unloop([w.word for w in words])
        result["words_dropped"] += len(words) - len(keep)
        words = [words[k] for k in keep]
        for w in words:
            k_piece = piece_of(w.start, w.end, pieces)
            if k_piece is None:
                result["words_dropped"] += 1
                continue
            piece = pieces[k_piece]
            # both edges inside the voice activity itself, not its padding: Whisper starts a
            # phrase's first word early, in the silence before it (Russian subtitles came
            # out 0.13-0.23 s early against their speech, about the 0.2 s of padding)
            lo = (piece[0] + piece[4] - piece[1]) / RATE
            hi = (piece[0] + piece[5] - piece[1]) / RATE
            s = (piece[1] + (min(max(w.start, lo), hi) * RATE - piece[0])) / RATE
            e = (piece[1] + (min(max(w.end, lo), hi) * RATE - piece[0])) / RATE
            raw.append({"raw": w.word, "start": s, "end": max(e, s + 0.01), "probability": float(w.probability),
                        "piece": (piece[4], piece[5]), "segment": seg.id})
    words = merge_pieces(raw)
    kept = []
    for w in words:
        if w["probability"] < MIN_WORD_PROB or not w["raw"].strip() or _LOOPED_CHARS.search(w["raw"]):
            result["words_dropped"] += 1
            continue
        kept.append(w)
    return kept, info


def _language_of(model, audio: np.ndarray) -> tuple[str, float, list]:
    """The language of ``audio``, its probability and every language's, detected on the encoder
    output of the first window as transcribe cuts and pads it, which transcribe then asks for
    again (``_encode_once`` keeps it). transcribe's own detection looks at the first 3000 frames
    of the spectrogram, one more than the window holds where the speech is under 30 s (the
    frame the window leaves out, as its content ends one frame before the spectrogram does):
    the encoder ran twice on every reel with under 30 s of speech (~0.85 CPU-s of a 20 s
    stretch's ~3.8). The spectrogram is made as transcribe makes it, of the whole audio."""
    if not model.model.is_multilingual:
        return "en", 1.0, [("en", 1.0)]
    extractor = model.feature_extractor
    features = extractor(audio)
    extractor.kept = (audio, features)  # transcribe's next call, on the same audio, takes them
    return model.detect_language(features=features[:, :features.shape[-1] - 1])


def unheard(spans: list[tuple[int, int]], words: list[dict], min_s: float = RETRY_MIN_S) -> list[tuple[int, int]]:
    """Stretches of voice activity (samples) of at least ``min_s`` that no recognised word
    covers: speech Whisper skipped. (Its decoder may end a window early: the last phrase
    of a window, "is to be ill-disposed", came out of no segment at all.)"""
    cover = sorted((int(w["start"] * RATE), int(w["end"] * RATE)) for w in words)
    out = []
    for s, e in spans:
        at = s
        for a, b in cover:
            if b <= at or a >= e:
                continue
            if a - at >= min_s * RATE:
                out.append((at, a))
            at = max(at, b)
        if e - at >= min_s * RATE:
            out.append((at, e))
    return out


def _rejected_source(rejected) -> list[tuple[float, float]]:
    """Compact-audio stretches of rejected segments -> source seconds (their pieces' spans)."""
    out = []
    for start, end, pieces in rejected:
        a, b = piece_of(start, start + 0.01, pieces), piece_of(end - 0.01, end, pieces)
        if a is None or b is None:
            continue
        for p in pieces[a:b + 1]:
            out.append((p[4] / RATE, p[5] / RATE))
    return out


def _add_heard_again(first: list[dict], again: list[dict]) -> list[dict]:
    """The second pass's words among the first's. Its stretches start and end where the
    first pass's words were cut off, and Whisper ends words early, so a stretch may begin
    with the tail of the word before it: a word heard again next to the same word of the
    first pass is that word, not another."""
    key = lambda w: re.sub(r"\W+", "", w["raw"].lower())  # noqa: E731
    words = sorted(first + [dict(w, again=True) for w in again], key=lambda w: w["start"])
    out = []
    for k, w in enumerate(words):
        if w.get("again"):
            near = [v for v in (words[k - 1] if k else None, words[k + 1] if k + 1 < len(words) else None)
                    if v is not None and not v.get("again") and abs(v["start"] - w["start"]) < 1.5]
            if any(key(v) == key(w) for v in near):
                continue
        out.append(w)
    for w in out:
        w.pop("again", None)
    return out


def _transcribe(job: dict) -> dict:
    """Runs in the child. ``job``: pcm (int16), spans (samples), quality, language (None:
    detect), align (bool). Returns the words (source seconds) and what was found. The spans
    are recognised in batches of ``BATCH_SPEECH_S`` of speech (memory flat in the video's
    length), the later ones in the first one's language."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
    t_cpu = time.process_time()
    pcm = _job_pcm(job)  # int16, read where needed: two hours are 230 MB as int16, 460 as float
    groups = batches(job["spans"], job.get("batch_speech_s", BATCH_SPEECH_S))
    if len(groups) > 1:
        # speech in several batches (a long video): passes.few_heaps, whose 4 MB mapping limit
        # hands each batch's large arrays back (the 20-minute clip's speech: 388 MB against 491
        # with glibc's own; 443 with a 16 MB limit). Not for a reel's one batch, where that limit
        # mapped and zero-filled every encoder buffer afresh: 956k page faults against 554k,
        # 6.59 CPU-s against 5.92 on the bench reel's speech, for 20 MB less (363 against 383).
        # (In the analysis's own process, where short jobs run, it is already set: no change.)
        few_heaps()
    pad, gap = int(SPAN_PAD_S * RATE), int(GAP_S * RATE)
    audio, pieces = compact(pcm, groups[0], pad, gap)
    result = {"words": [], "language": None, "language_probability": None, "segments_dropped": 0,
              "words_dropped": 0, "speech_s": 0.0, "second_pass_s": 0.0}
    if audio.size < RATE // 10 and len(groups) == 1:
        result["speech_s"] = round(audio.size / RATE, 3)
        result["cpu_s"] = time.process_time() - t_cpu
        return result
    del audio, pieces  # not beside the model's load, the worker's peak (its float16 weights): made again
    model = _load_model(job)
    settings = QUALITIES[job.get("quality", DEFAULT_QUALITY)]
    language, first, words = job.get("language"), None, []
    for group in groups:
        audio, pieces = compact(pcm, group, pad, gap)
        result["speech_s"] += audio.size / RATE
        if audio.size >= RATE // 10:
            kept, info = _recognise(model, audio, pieces, settings, language, result)
            del audio
            first = first or info
            language = language or info.language
            words += _heard_again(model, pcm, pieces, kept, settings, info.language, result)
            release_freed_memory()  # the batch's audio, spectrogram and encoder outputs
    result["speech_s"] = round(result["speech_s"], 3)
    if first is None:
        result["cpu_s"] = time.process_time() - t_cpu
        return result
    result["language"] = first.language
    result["language_probability"] = round(float(first.language_probability), 3)
    out = [{"text": w["raw"].strip(), "start_s": w["start"], "end_s": w["end"],
            "probability": round(w["probability"], 3), "time_source": "recogniser", "piece": w["piece"]}
           for w in words]
    if job.get("align", True) and first.language == ENGLISH and out:
        _refine_english(out, pcm)
    for w in out:
        w.pop("piece", None)
    result["words"] = out
    result["cpu_s"] = time.process_time() - t_cpu
    return result


def _load_model(job: dict):
    """The model read from the cache's folder of its checked files (``model_folder``:
    CTranslate2 then keeps no copy of them); from memory where that folder cannot be made."""
    name = job.get("model", MODEL)
    try:
        with model_folder(name) as folder:
            model = _whisper_model(job, str(folder), None)
    except OSError:  # the folder could not be made (CTranslate2's own errors are ModelErrors)
        model = _whisper_model(job, "whisper-base", model_inputs(name))
    release_freed_memory()  # the float16 weights read and converted to int8
    _encode_once(model)
    _features_by_blocks(model)
    return model


def _whisper_model(job: dict, source: str, files: dict | None):
    try:
        from faster_whisper import WhisperModel
    except ImportError:
        raise ModelError("the faster-whisper package is not installed (pip install faster-whisper)") from None
    try:
        return WhisperModel(source, device="cpu", compute_type="int8", cpu_threads=job.get("threads", 1),
                            num_workers=1, files=files)
    except (RuntimeError, ValueError, OSError) as exc:
        raise ModelError(f"CTranslate2 cannot load the speech model {MODEL}: {exc}") from None


def _heard_again(model, pcm, pieces, kept: list[dict], settings: dict, language: str, result: dict) -> list[dict]:
    """A second pass over the voice activity no word covers, on its own (a skipped phrase is
    heard when it is the only thing in the window); the first pass's language (not where the
    first pass heard only what its gates rejected, nor in a batch where it heard no word at
    all: music beds and noise the VAD took for speech, re-heard for nothing)."""
    rejected = [{"start": a, "end": b} for a, b in _rejected_source(result.pop("_rejected", []))]
    missed = unheard([(p[4], p[5]) for p in pieces], kept + rejected) if kept else []
    if not missed:
        return kept
    again, again_pieces = compact(pcm, missed, int(SPAN_PAD_S * RATE), int(GAP_S * RATE))
    result["second_pass_s"] = round(result["second_pass_s"] + again.size / RATE, 3)
    more, _ = _recognise(model, again, again_pieces, settings, language, result)
    return _add_heard_again(kept, more)


def _encode_once(model) -> None:
    """faster-whisper encodes the first 30 s window twice when it detects the language (once
    for the detection, once to transcribe it): the second time takes the first one's output
    (same features, same encoder: the same result; ~0.7 CPU-s saved a video)."""
    encode = model.encode
    memo: dict[bytes, object] = {}

    def encode_once(features):
        key = hashlib.blake2b(np.ascontiguousarray(features).tobytes(), digest_size=16).digest()
        hit = memo.get(key)
        if hit is None:
            hit = encode(features)
            memo.clear()
            memo[key] = hit
        return hit

    model.encode = encode_once


FEATURE_BLOCK = 3000  # spectrogram frames (30 s) computed at a time


def _features_by_blocks(model) -> None:
    """faster-whisper computes the log-Mel spectrogram of the whole audio in one go: its
    STFT, complex and float copies of every frame, costs about 0.6 MB a second of speech at
    its peak (two hours of it: over 4 GB). The same spectrogram, bit for bit, made 30 s of
    frames at a time: each frame is its own FFT and its own Mel column, and only the final
    clamp to 8 (log10) below the loudest value looks at the whole."""
    extractor = model.feature_extractor

    class BlockFeatures(type(extractor)):
        def __call__(self, waveform: np.ndarray, padding: int = 160, chunk_length=None):
            kept, self.kept = getattr(self, "kept", None), None
            if kept is not None and kept[0] is waveform and (padding, chunk_length) == (160, None):
                return kept[1]  # made for the language's detection (_language_of)
            n_fft, hop = self.n_fft, self.hop_length
            if waveform.size + padding <= FEATURE_BLOCK * hop or waveform.size + padding <= n_fft:
                return super().__call__(waveform, padding, chunk_length)  # short: its own way
            if chunk_length is not None:  # as the original: these follow the chunk length
                self.n_samples = chunk_length * self.sampling_rate
                self.nb_max_frames = self.n_samples // self.hop_length
            if waveform.dtype is not np.float32:
                waveform = waveform.astype(np.float32)
            if padding:
                waveform = np.pad(waveform, (0, padding))
            window = np.hanning(n_fft + 1)[:-1].astype("float32")
            padded = np.pad(waveform, (n_fft // 2, n_fft // 2), mode="reflect")  # the STFT's centring
            frames = (padded.size - n_fft) // hop  # the last frame is dropped, as the original does
            out = np.empty((self.mel_filters.shape[0], frames), np.float32)
            for a in range(0, frames, FEATURE_BLOCK):
                b = min(frames, a + FEATURE_BLOCK)
                stft = self.stft(padded[a * hop:(b - 1) * hop + n_fft], n_fft, hop, window=window,
                                 return_complex=True, center=False).astype("complex64")
                mel = self.mel_filters @ (np.abs(stft) ** 2)
                out[:, a:b] = np.log10(np.clip(mel, a_min=1e-10, a_max=None))
            out = np.maximum(out, out.max() - 8.0)
            return (out + 4.0) / 4.0

    extractor.__class__ = BlockFeatures


def _refine_english(words: list[dict], pcm: np.ndarray) -> None:
    """Forced alignment of each span's recognised words over the span's audio; a word every
    token of which the dictionary knows takes the aligned times."""
    from .asr import Aligner

    aligner = Aligner()
    try:
        aligner.load()
    except ModelError:
        return
    by_piece: dict[int, list[dict]] = {}
    for w in words:
        by_piece.setdefault(w["piece"], []).append(w)
    for _i, ws in by_piece.items():
        _align_run(aligner, ws, pcm)
    for _i, ws in by_piece.items():
        for k, w in enumerate(ws):  # a word the aligner could not take stays between its neighbours
            if w["time_source"] != "aligned":
                if k > 0:
                    w["start_s"] = max(w["start_s"], ws[k - 1]["end_s"])
                if k + 1 < len(ws) and ws[k + 1]["time_source"] == "aligned":
                    w["end_s"] = max(w["start_s"] + 0.01, min(w["end_s"], ws[k + 1]["start_s"]))
                w["end_s"] = max(w["end_s"], w["start_s"] + 0.01)
        _unstretch(ws)


def _align_run(aligner, ws: list[dict], pcm: np.ndarray, depth: int = 0,
               bounds: tuple[float, float] = (0.0, float("inf"))) -> None:
    """Aligns the words ``ws`` (one piece, or part of one) over their stretch of ``pcm``;
    where no path goes through them all (a bed of music can prune it; a word the recogniser
    left out can make it impossible), each half, split at the widest pause between the
    words, is aligned on its own (twice at most), never over the other half's words
    (``bounds``, seconds)."""
    from .asr import spoken, tokens

    toks: list[str | None] = []
    owner: list[int] = []
    for k, w in enumerate(ws):
        for t in [sp for t in tokens(w["text"]) for sp in spoken(t)] or [None]:
            toks.append(t if t is not None and aligner.known(t) else None)
            owner.append(k)
    if not any(toks):
        return
    a = max(0, int(max(bounds[0], ws[0]["start_s"] - ALIGN_PAD_S - 0.3) * RATE))
    b = min(pcm.size, int(min(bounds[1], ws[-1]["end_s"] + ALIGN_PAD_S + 0.3) * RATE))
    if b - a < RATE // 10:
        return
    try:
        aligned = aligner.align_transcript(np.asarray(pcm[a:b], np.int16), toks)
    except ModelError:
        return
    if aligned is None:
        if depth < 2 and len(ws) >= 4:
            gaps = [ws[k + 1]["start_s"] - ws[k]["end_s"] for k in range(1, len(ws) - 2)]
            cut = 2 + int(np.argmax(gaps))
            mid = (ws[cut - 1]["end_s"] + ws[cut]["start_s"]) / 2
            _align_run(aligner, ws[:cut], pcm, depth + 1, (bounds[0], mid))
            _align_run(aligner, ws[cut:], pcm, depth + 1, (mid, bounds[1]))
        return
    times: dict[int, list[tuple[float, float]]] = {}
    for pos, hit in aligned.items():
        times.setdefault(owner[pos], []).append(hit)
    for k, w in enumerate(ws):
        n_tok = sum(1 for o in owner if o == k)
        got = times.get(k, [])
        if got and len(got) == n_tok:
            w["start_s"] = a / RATE + min(s for s, _ in got)
            w["end_s"] = a / RATE + max(e for _, e in got)
            w["time_source"] = "aligned"
            if n_tok > 1:  # "cold-hearted": where each part is said (a caption may split it)
                w["token_times"] = [[round(a / RATE + s, 3), round(a / RATE + e, 3)] for s, e in got]


def _unstretch(ws: list[dict]) -> None:
    """A word next to a pause that came out far longer than its letters allow was stretched
    over the music or noise beside it (by the aligner and by Whisper alike: "Unless" after
    music, 0.6-1.1 s against 0.3 s spoken); its outer edge is moved to the typical length
    from its inner one. In the LibriVox reference alignments a word lasts about 0.08 s a
    letter - 0.04 s (median) and never over 0.08 s a letter + 0.38 s, the longest being a
    sentence's drawn-out last word ("was" 0.62 s). So a phrase's first word is cut back above
    ``ONSET_CAP`` (0.06 s a letter + 0.2 s), a last word only above ``CODA_CAP`` (0.08 + 0.5)."""
    for k, w in enumerate(ws):
        letters = sum(ch.isalnum() for ch in w["text"])
        if letters == 0:
            continue
        dur = w["end_s"] - w["start_s"]
        typical = max(0.1, 0.08 * letters - 0.04)
        pause_before = k == 0 or w["start_s"] - ws[k - 1]["end_s"] >= 0.05
        pause_after = k == len(ws) - 1 or ws[k + 1]["start_s"] - w["end_s"] >= 0.05
        if pause_before and not pause_after and dur > ONSET_CAP[0] * letters + ONSET_CAP[1]:
            w["start_s"] = w["end_s"] - typical
        elif pause_after and not pause_before and dur > CODA_CAP[0] * letters + CODA_CAP[1]:
            w["end_s"] = w["start_s"] + typical


def _main() -> int:
    job = pickle.loads(sys.stdin.buffer.read())
    try:
        result = _transcribe(job)
    except ModelError as exc:
        sys.stderr.write(f"ModelError: {exc}\n")
        return 3
    sys.stdout.buffer.write(pickle.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(_main())
