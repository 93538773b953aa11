"""The Whisper worker's sound: the parent's spooled samples read a stretch at a time, and the
voice-activity spans laid end to end (``compact``) in batches of about ``BATCH_SPEECH_S`` of
speech, so the worker's memory does not grow with the video's length."""

from __future__ import annotations

import os

import numpy as np

from .whisper import MERGE_GAP_S, RATE, SPAN_PAD_S

# speech recognised at a time: the joined float32 audio, its padded copies and spectrogram grow
# with it (2 h of video, 40 min of speech: the worker's peak 911 MB); a reel's is one batch
BATCH_SPEECH_S = 300.0


# -- the spans laid end to end ---------------------------------------------------------

def compact(pcm: np.ndarray, spans: list[tuple[int, int]], pad: int, gap: int):
    """The spans' audio (each padded by ``pad`` samples) joined with ``gap`` samples of
    silence; returns (audio, pieces) with pieces (compact start, source start, length, span
    index, the voice activity's own start and end in source samples)."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):  # a pause shorter than MERGE_GAP_S stays in: Whisper hears phrases whole
        if merged and s - merged[-1][1] < int(MERGE_GAP_S * RATE):
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    pieces = []
    out = []
    at = 0
    for k, (s, e) in enumerate(merged):
        # padded, but never into the next span's audio (no stretch is heard twice)
        lo = merged[k - 1][1] + (s - merged[k - 1][1]) // 2 if k else 0
        hi = e + (merged[k + 1][0] - e) // 2 if k + 1 < len(merged) else pcm.size
        a, b = max(0, lo, s - pad), min(pcm.size, hi, e + pad)
        if b <= a:
            continue
        if out:
            out.append(np.zeros(gap, np.float32))
            at += gap
        out.append(pcm[a:b].astype(np.float32) / 32768.0 if pcm.dtype == np.int16 else pcm[a:b])
        pieces.append((at, a, b - a, k, s, e))
        at += b - a
    audio = np.concatenate(out) if out else np.zeros(0, np.float32)
    return audio, pieces


def _job_pcm(job: dict):
    """The job's int16 samples: in the job, or read from the descriptor the parent handed
    over a stretch at a time (``speech.PcmFile``): a memory map kept every stretch read
    resident in the worker (77 MB of pages for 40 minutes of speech), a read does not."""
    if "pcm_fd" not in job:
        return np.asarray(job["pcm"], np.int16)
    from .speech import PcmFile

    return PcmFile(os.fdopen(os.dup(job["pcm_fd"]), "rb"), job["pcm_n"])


def batches(spans: list[tuple[int, int]], limit_s: float = BATCH_SPEECH_S) -> list[list[tuple[int, int]]]:
    """The spans in order, in groups of about ``limit_s`` of voice activity, cut only where
    the pause is too long for ``compact`` to join the spans or pad them into each other (so
    each group is laid out as it would be among all of them)."""
    out: list[list[tuple[int, int]]] = [[]]
    speech = 0
    for s, e in sorted(spans):
        if out[-1] and speech >= limit_s * RATE and s - out[-1][-1][1] >= max(2 * SPAN_PAD_S, MERGE_GAP_S) * RATE:
            out.append([])
            speech = 0
        out[-1].append((s, e))
        speech += e - s
    return out
