"""The Whisper worker runs the encoder once per 30 s window, the language's detection included
(whisper_worker._language_of, _encode_once): the encoder is most of the worker's CPU, and
faster-whisper's own detection, on one spectrogram frame more than the window it then
transcribes, ran it twice on speech under 30 s. Real model, real LibriVox speech."""

from __future__ import annotations

import numpy as np
import pytest

from corpus import speech as corpus
from reelstudio.analysis import whisper
from reelstudio.analysis.whisper_worker import _transcribe


@pytest.fixture(scope="module")
def speech(tmp_path_factory):
    """Two LibriVox utterances with a pause between them: under 30 s of speech."""
    utts = corpus.librivox(corpus.fetch_sdist(tmp_path_factory.mktemp("pocketsphinx")))
    return corpus.track(utts, corpus.STEMS[:2])


def _counting_encoder(monkeypatch) -> list[int]:
    from faster_whisper import WhisperModel

    calls: list[int] = []
    real = WhisperModel.encode

    def encode(self, features):
        calls.append(int(np.asarray(features).shape[-1]))
        return real(self, features)

    monkeypatch.setattr(WhisperModel, "encode", encode)
    return calls


def test_speech_under_30_s_is_encoded_once_and_its_language_detected(monkeypatch, speech):
    pcm, spans = speech
    assert sum(e - s for s, e in spans) < 25 * 16000
    calls = _counting_encoder(monkeypatch)
    out = _transcribe({"spans": spans, "quality": "fast", "language": None, "align": False, "model": whisper.MODEL,
                       "pcm": pcm, "threads": 1})
    assert len(out["words"]) > 10
    assert out["language"] == "en" and out["language_probability"] > 0.9
    assert calls == [3000]  # one window, one encoder pass, detection included


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_language_is_the_one_faster_whisper_detects(speech, lang):
    """English (LibriVox) and Russian (a Debian asterisk voice prompt): the language detected
    on the window as it is transcribed is the one faster-whisper's own detection gives, with
    about its probability (its spectrogram holds one frame of padding more)."""
    from corpus import words

    from reelstudio.analysis.whisper_worker import _language_of, _load_model

    if lang == "en":
        pcm, spans = speech
        audio = pcm[spans[0][0]:spans[0][1]].astype(np.float32) / 32768.0
    else:
        audio = words._wav16k(words.RU_VOICE / "vm-mismatch.wav").astype(np.float32)
    model = _load_model({"model": whisper.MODEL, "threads": 1})
    language, probability, _all = _language_of(model, audio)
    own, own_probability, _ = model.detect_language(audio=audio)
    assert language == own == lang
    assert probability == pytest.approx(own_probability, abs=0.05)
    assert probability > 0.5
