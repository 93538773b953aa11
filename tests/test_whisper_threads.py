"""The Whisper worker's CTranslate2 threads (whisper.WORKER_THREADS, one: two cost more CPU beside
the picture threads than the idle core they saved, see its comment): what the worker is asked
for, and the same words on two threads as on one. Speed is measured in bench/ (bench_speed.py
--ab --idle), not here."""

from __future__ import annotations

import os
import pickle
import subprocess

import numpy as np
import pytest

from corpus import speech as corpus
from reelstudio.analysis import whisper
from reelstudio.analysis.whisper_worker import _transcribe


@pytest.fixture(scope="module")
def utterances(tmp_path_factory):
    """Three LibriVox utterances laid on a track with pauses: speech in several spans."""
    utts = corpus.librivox(corpus.fetch_sdist(tmp_path_factory.mktemp("pocketsphinx")))
    return corpus.track(utts, corpus.STEMS[:3])


def test_two_threads_hear_the_same_words_as_one(utterances):
    pcm, spans = utterances
    job = {"spans": spans, "quality": "fast", "language": None, "align": True, "model": whisper.MODEL, "pcm": pcm}
    one = _transcribe({**job, "threads": 1})
    two = _transcribe({**job, "threads": 2})
    assert len(one["words"]) > 20
    assert two["words"] == one["words"]  # text, times (aligned ones too), probabilities
    assert (two["language"], two["language_probability"]) == (one["language"], one["language_probability"])


def test_the_worker_is_asked_for_its_threads_and_waits_passively(monkeypatch, utterances):
    """What the lane hands the worker process: the threads in the job, OpenMP's passive wait in
    its environment unless the user set a policy of their own."""
    seen = []
    real = subprocess.Popen

    class Recording(real):
        def __init__(self, args, **kw):
            seen.append(kw.get("env", {}))
            super().__init__(args, **kw)

        def communicate(self, data=None, timeout=None):
            seen.append(pickle.loads(data))
            return super().communicate(data, timeout)

    monkeypatch.setattr(subprocess, "Popen", Recording)
    pcm, spans = utterances
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    words = whisper.WhisperWords().transcribe(pcm, spans[:1])["words"]
    assert words and seen[0]["OMP_WAIT_POLICY"] == "PASSIVE"
    assert seen[1]["threads"] == min(whisper.WORKER_THREADS, os.cpu_count() or 1) == 1
    monkeypatch.setenv("OMP_WAIT_POLICY", "ACTIVE")
    whisper.WhisperWords().transcribe(pcm, spans[:1])
    assert seen[2]["OMP_WAIT_POLICY"] == "ACTIVE"
