"""Odd inputs, made at test time with FFmpeg and PyAV: each gives its exact exit code, or its
exact result and, where data was concealed or missing, the warning that says so. No input
here may exit 0 with a wrong result and no warning (issue 14).

tests/test_bad_input.py holds the plainly bad files (empty, not media, missing, a folder,
audio-only, an MP4 whose index is lost); this battery adds the odd-but-real ones.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import cli_env
from media import write_numbered_clip


def ff(*args) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", *map(str, args)], check=True)


def tone(seconds: float, freq: int = 300) -> list[str]:
    return ["-f", "lavfi", "-i", f"sine=frequency={freq}:sample_rate=48000:duration={seconds}"]


def pattern(seconds: float, size: str = "180x320", rate: str = "30") -> list[str]:
    return ["-f", "lavfi", "-i", f"testsrc2=size={size}:rate={rate}:duration={seconds}"]


@pytest.fixture(scope="module")
def odd_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("odd")


@pytest.fixture(scope="module")
def small_clip(odd_dir) -> Path:
    path = odd_dir / "small.mp4"
    ff(*pattern(1), *tone(1), "-c:v", "libx264", "-c:a", "aac", "-shortest", path)
    return path


@pytest.fixture
def cli(capsys):
    """The command line, in this process (the models load once for the whole battery)."""
    from reelstudio.cli import main

    def run(*args):
        code = main([str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def analyse(cli, path: Path, tmp_path: Path, *extra) -> tuple[int, dict | None, str]:
    out = tmp_path / "out.json"
    code, _stdout, err = cli("analyze", path, "--json", out, "--quiet", "--no-cache", *extra)
    doc = json.loads(out.read_text()) if out.exists() else None
    return code, doc, err


def error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("reelstudio: error: ")
    return lines[0]


# -- cover art: a picture, not a video ---------------------------------------------------------

@pytest.mark.parametrize("ext,acodec", [("mp3", "libmp3lame"), ("m4a", "aac")])
def test_audio_with_cover_art_is_audio_only(cli, odd_dir, tmp_path, ext, acodec):
    path = odd_dir / f"song with cover.{ext}"
    ff(*tone(2), *pattern(0.1, "64x64", "10"), "-map", "0:a", "-map", "1:v", "-frames:v", "1",
       "-c:a", acodec, "-c:v", "mjpeg", "-disposition:v", "attached_pic", path)
    import av

    with av.open(str(path)) as c:  # the picture is there, as cover art
        assert len(c.streams.video) == 1
    code, doc, err = analyse(cli, path, tmp_path)
    assert code == 7, err
    assert "audio-only" in error_line(err)
    assert doc is None


def test_video_with_artwork_is_analysed_as_its_video(cli, odd_dir, small_clip, tmp_path):
    """An .m4v with iTunes-style artwork: the artwork is a second, 1-picture video stream."""
    art = odd_dir / "art.jpg"
    ff(*pattern(1, "64x64", "1"), "-frames:v", "1", art)
    path = odd_dir / "with artwork.m4v"
    ff("-i", small_clip, "-i", art, "-map", "0", "-map", "1", "-c", "copy", "-disposition:v:1", "attached_pic", path)
    code, doc, err = analyse(cli, path, tmp_path)
    assert code == 0, err
    src = doc["source"]
    assert (src["width"], src["height"], src["fps"], src["frame_count"]) == (180, 320, "30/1", 30)
    assert src["video_codec"] == "h264" and src["warnings"] == []


# -- codec names are the format's ----------------------------------------------------------

def _pyav_encoders() -> set[str]:
    import av

    return set(av.codecs_available)


CODECS = [  # (case, encoder, container, extra ffmpeg options, reported video codec)
    ("hevc", "libx265", "mp4", ["-x265-params", "log-level=none", "-tag:v", "hvc1"], "hevc"),
    ("vp9", "libvpx-vp9", "webm", ["-deadline", "realtime", "-cpu-used", "8"], "vp9"),
    ("av1", "libsvtav1", "mp4", ["-preset", "12"], "av1"),
    ("vp8", "libvpx", "webm", ["-deadline", "realtime"], "vp8"),
    ("prores", "prores_ks", "mov", ["-profile:v", "0"], "prores"),
]


@pytest.mark.parametrize("case,encoder,ext,opts,name", CODECS, ids=[c[0] for c in CODECS])
def test_codec_names_are_the_formats(cli, odd_dir, tmp_path, case, encoder, ext, opts, name):
    encoders = subprocess.run(["ffmpeg", "-hide_banner", "-encoders"], capture_output=True, text=True).stdout
    if f" {encoder} " not in encoders:
        pytest.skip(f"this FFmpeg has no {encoder} encoder")
    path = odd_dir / f"{case}.{ext}"
    audio = ["-c:a", "libopus"] if ext == "webm" else ["-c:a", "aac"] if ext == "mp4" else ["-c:a", "pcm_s16le"]
    ff(*pattern(1, "160x288", "24"), *tone(1), "-c:v", encoder, *opts, "-pix_fmt", "yuv420p" if case != "prores"
       else "yuv422p10le", *audio, "-shortest", path)
    code, doc, err = analyse(cli, path, tmp_path)
    assert code == 0, err
    src = doc["source"]
    assert src["video_codec"] == name
    assert src["audio_codec"] == {"webm": "opus", "mp4": "aac", "mov": "pcm_s16le"}[ext]
    assert (src["width"], src["height"], src["fps"], src["frame_count"]) == (160, 288, "24/1", 24)
    assert src["variable_frame_rate"] is False
    assert src["warnings"] == []


def test_mp3_audio_codec_is_mp3_not_the_decoder(cli, odd_dir, tmp_path):
    path = odd_dir / "mp3_in_mkv.mkv"
    ff(*pattern(1), *tone(1), "-c:v", "libx264", "-c:a", "libmp3lame", "-shortest", path)
    code, doc, err = analyse(cli, path, tmp_path)
    assert code == 0, err
    assert doc["source"]["audio_codec"] == "mp3"  # the decoder is 'mp3float'


# -- output paths are checked before any decoding ----------------------------------------------

@pytest.mark.parametrize("option", ["--json", "--pdf", "--markers", "--srt", "--vtt"])
@pytest.mark.parametrize("where", ["missing folder", "under a file", "a folder"])
def test_unwritable_output_fails_before_decoding(cli, odd_dir, tmp_path, option, where):
    # a damaged input (exit 8 once decoded) proves the output was checked first
    damaged = odd_dir / "moov_lost.mp4"
    if not damaged.exists():
        whole = write_numbered_clip(odd_dir / "whole_for_damage.mp4", frames=30)
        damaged.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    ext = {"--json": "json", "--pdf": "pdf", "--markers": "csv", "--srt": "srt", "--vtt": "vtt"}[option]
    target = {"missing folder": tmp_path / "no such folder" / f"out.{ext}",
              "under a file": damaged / f"out.{ext}",
              "a folder": tmp_path / f"a folder.{ext}"}[where]
    if where == "a folder":
        target.mkdir()
    code, stdout, err = cli("analyze", damaged, option, target, "--quiet")
    assert code == 10, err
    line = error_line(err)
    assert str(target) in line and ("cannot write" in line or "is a folder" in line)


def test_unwritable_output_of_export_fails_before_reading(cli, tmp_path):
    analysis = tmp_path / "a.json"
    analysis.write_text("{}")
    code, _out, err = cli("export", analysis, "--pdf", tmp_path / "gone" / "r.pdf")
    assert code == 10 and "does not exist" in error_line(err)


# -- nothing written outside the user folders --------------------------------------------------

def test_nothing_written_outside_the_user_folders(small_clip, tmp_path):
    """ONNX Runtime's telemetry (a device id and an event queue under ~/.cache/Microsoft) is
    off: a run with an empty home folder leaves files only in ReelStudio's own folders."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in cli_env().items()
           if not k.startswith(("REELSTUDIO_", "XDG_", "ORT_")) and k != "HOME"}
    env["HOME"] = str(home)
    out = tmp_path / "out.json"
    proc = subprocess.run([sys.executable, "-m", "reelstudio", "analyze", str(small_clip), "--json", str(out),
                           "--pdf", str(tmp_path / "out.pdf"), "--quiet"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    written = sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())
    assert any(w.startswith(".cache/reelstudio/lanes/") for w in written), written  # the run did write its cache
    allowed = (".cache/reelstudio/", ".local/share/reelstudio/", ".local/state/reelstudio/", ".config/reelstudio/")
    assert [w for w in written if not w.startswith(allowed)] == []
