"""Bad input: one clear line, a specific exit code, no traceback, the input untouched."""

import hashlib
import json
import os
import random
import subprocess
import sys

import pytest

from conftest import cli_env
from media import write_numbered_clip


def _run_cli(*args):
    return subprocess.run([sys.executable, "-m", "reelstudio", *args], capture_output=True, text=True,
                          env=cli_env(), timeout=300)


def _fingerprint(path):
    st = os.stat(path)
    return hashlib.sha256(open(path, "rb").read()).hexdigest(), st.st_mtime_ns, st.st_size


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("bad")
    good = write_numbered_clip(d / "good.mp4", frames=60, audio=True)
    files = {}
    (d / "empty.mp4").write_bytes(b"")
    files["empty"] = d / "empty.mp4"
    data = good.read_bytes()
    # moov at the end (as most cameras write): cutting the tail loses the index
    (d / "truncated_index.mp4").write_bytes(data[: len(data) // 2])
    files["truncated_index"] = d / "truncated_index.mp4"
    # index first (faststart): the header promises frames the file no longer holds
    fast = d / "faststart.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(good), "-c", "copy", "-movflags", "+faststart", str(fast)],
                   check=True)
    fdata = fast.read_bytes()
    (d / "truncated_data.mp4").write_bytes(fdata[: int(len(fdata) * 0.6)])
    files["truncated_data"] = d / "truncated_data.mp4"
    (d / "notes.mp4").write_text("these are my notes for the shoot, not a video\n" * 50)
    files["text"] = d / "notes.mp4"
    # a fixed seed: about 1 in 60 os.urandom files opens as some container (a stray MPEG
    # sync word), so the same case must be the same bytes on every run
    (d / "random.bin").write_bytes(random.Random(14).randbytes(20000))
    files["random"] = d / "random.bin"
    audio_only = d / "voice.m4a"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=300:duration=2",
                    "-c:a", "aac", str(audio_only)], check=True)
    files["audio_only"] = audio_only
    wav = d / "voice.wav"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=300:duration=1", str(wav)],
                   check=True)
    files["wav"] = wav
    files["missing"] = d / "does-not-exist.mp4"
    files["folder"] = d
    files["under_a_file"] = good / "clip.mp4"
    files["good"] = good
    return files


EXPECTED = {
    "empty": (5, "empty"),
    "truncated_index": (8, "truncated"),
    "text": (6, "not a video"),
    "random": (6, "not a video"),
    "audio_only": (7, "audio-only"),
    "wav": (7, "audio-only"),
    "missing": (3, "no such file"),
    "folder": (4, "folder"),
    "under_a_file": (4, "cannot read"),
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_input_gives_one_clear_line(case, bad_files, tmp_path):
    path = bad_files[case]
    before = _fingerprint(path) if path.is_file() else None
    out = tmp_path / "out.json"
    proc = _run_cli("analyze", str(path), "--json", str(out), "--quiet")
    code, words = EXPECTED[case]
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == code, proc.stderr
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("reelstudio: error: ")
    assert words in lines[0]
    assert "Traceback" not in proc.stderr
    assert not out.exists(), "no half result is written"
    if before:
        assert _fingerprint(path) == before, "the input file was modified"


def test_a_faststart_mp4_missing_its_end_is_analysed_as_far_as_it_goes(bad_files, tmp_path):
    """The index survives, 40 % of the data does not: like a WebM cut short (issue 14), the
    frames that are there are analysed and a warning says the rest is missing (was exit 8
    when more than 2 % of the frames the header lists were gone)."""
    path = bad_files["truncated_data"]
    before = _fingerprint(path)
    out = tmp_path / "out.json"
    proc = _run_cli("analyze", str(path), "--json", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    src = json.loads(out.read_text())["source"]
    assert 10 <= src["frame_count"] < 50 and src["fps"] == "30/1" and not src["variable_frame_rate"]
    assert src["warnings"][0].startswith("the file is truncated: its header lists 60 frames, ")
    assert f"reelstudio: warning: {path}: {src['warnings'][0]}" in proc.stderr
    assert _fingerprint(path) == before


def test_no_audio_track_still_analyses(bad_files, tmp_path, media_dir):
    silent = write_numbered_clip(media_dir / "silent_video.mp4", frames=30)
    before = _fingerprint(silent)
    out = tmp_path / "a.json"
    proc = _run_cli("analyze", str(silent), "--json", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text())
    assert doc["source"]["has_audio"] is False
    for lane in ("loudness", "silence"):
        assert doc["lanes"][lane]["status"] == "unavailable"
        assert doc["lanes"][lane]["reason"] == "no audio track"
    assert doc["lanes"]["cuts"]["status"] == "ok"
    assert _fingerprint(silent) == before


def test_json_to_stdout_and_progress_to_stderr(bad_files):
    proc = subprocess.run([sys.executable, "-m", "reelstudio", "analyze", str(bad_files["good"]), "--json", "-"],
                          capture_output=True, text=True, env={**cli_env(), "REELSTUDIO_PROGRESS": "1"}, timeout=300)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["schema_version"] == 1
    assert doc["source"]["frame_count"] == 60
    assert "video" in proc.stderr  # the progress bar


def test_refuses_to_overwrite_the_input(bad_files):
    good = bad_files["good"]
    before = _fingerprint(good)
    proc = _run_cli("analyze", str(good), "--json", str(good), "--quiet")
    assert proc.returncode == 10
    assert _fingerprint(good) == before
