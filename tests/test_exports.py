"""NLE markers (FCPXML, EDL, OTIO, CSV) and subtitles (SRT, VTT), each read back.

Sources are real clips encoded here at 25, 29.97 (drop-frame) and a variable rate; the
analysis `source` is what the real probe says about them. Every export is read back with
an independent reader (OpenTimelineIO's adapters, `srt`, `webvtt-py`, csv, ElementTree)
and must land on the same frames.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

import pytest

from conftest import cli_env
from media import write_numbered_clip
from reelstudio import report
from reelstudio.errors import NotAvailableYet, OutputError
from reelstudio.media.probe import probe
from reelstudio.report._common import timebase_of
from reelstudio.report.markers import nle_rate
from reelstudio.timebase import frame_to_timecode, timecode_to_frame

SEVERITIES = ("error", "warning", "info")


def _source(path: Path) -> dict:
    info = probe(path)
    src = info.to_contract()
    if info.is_vfr:
        src["frame_times"] = [round(t, 6) for t in info.timebase.frame_times]
    return src


def _analysis(src: dict, marker_frames: list[tuple[int, int]]) -> dict:
    flags = []
    for i, (a, b) in enumerate(marker_frames):
        flags.append({
            "check": ("black_frames", "frozen_frames", "dead_air", "text_too_small")[i % 4],
            "severity": SEVERITIES[i % 3], "start_frame": a, "end_frame": b,
            "message": f"flag {i} at frame {a}: Привет, 你好 | <&> \"quoted\"",
            "fix": f"fix {i}: move it 0.6 s earlier",
        })
    return {"schema_version": 1, "source": src, "lanes": {}, "flags": flags, "checklist": [], "score": None}


@pytest.fixture(scope="session")
def clips(media_dir) -> dict[str, Path]:
    """Small real clips: 25 fps, 29.97 fps past the first drop-frame minute, and VFR."""
    out = {}
    out["25"] = write_numbered_clip(media_dir / "exp_25.mp4", frames=120, width=64, height=112, fps=Fraction(25))
    out["2997"] = write_numbered_clip(media_dir / "exp_2997.mp4", frames=1900, width=32, height=48,
                                      fps=Fraction(30000, 1001), bframes=False)
    steps = [33, 50, 17, 67, 33, 40]  # ms between frames: a phone's variable rate
    pts = [0]
    for i in range(89):
        pts.append(pts[-1] + steps[i % len(steps)])
    out["vfr"] = write_numbered_clip(media_dir / "exp_vfr.mp4", frames=90, width=64, height=112, pts_ms=pts)
    return out


MARKERS = {
    "25": [(0, 1), (1, 26), (24, 25), (25, 119), (60, 61), (60, 90), (119, 120)],
    "2997": [(0, 1), (29, 31), (1798, 1799), (1799, 1800), (1800, 1801), (1801, 1830), (1899, 1900)],
    "vfr": [(0, 2), (3, 4), (10, 40), (45, 46), (89, 90)],
}


@pytest.fixture(scope="session")
def analyses(clips) -> dict[str, dict]:
    return {k: _analysis(_source(p), MARKERS[k]) for k, p in clips.items()}


def _flags(a: dict) -> list[tuple[int, int]]:
    return sorted((f["start_frame"], f["end_frame"]) for f in a["flags"])


def test_clip_rates_are_what_the_tests_need(analyses):
    assert analyses["25"]["source"]["fps"] == "25/1"
    assert analyses["2997"]["source"]["fps"] == "30000/1001"
    assert analyses["vfr"]["source"]["variable_frame_rate"] is True
    # a mean of 40 ms a frame: the NLE conforms the clip to 25 fps, markers stay on frame indices
    assert nle_rate(analyses["vfr"]) == Fraction(25)
    assert frame_to_timecode(1800, Fraction(30000, 1001)) == "00:01:00;02"


@pytest.mark.parametrize("kind", ["25", "2997", "vfr"])
def test_fcpxml_markers_land_on_their_frames(analyses, kind):
    a = analyses[kind]
    data = report.render(a, "fcpxml")
    root = ET.fromstring(data)
    fmt = root.find("./resources/format")
    frame_duration = Fraction(fmt.get("frameDuration").rstrip("s"))
    assert frame_duration == 1 / nle_rate(a)

    def frames(rational: str) -> int:
        t = Fraction(rational.rstrip("s")) if rational != "0s" else Fraction(0)
        f = t / frame_duration
        assert f.denominator == 1, f"{rational} is not on the frame grid"
        return int(f)

    clip = root.find(".//spine/asset-clip")
    assert frames(clip.get("duration")) == a["source"]["frame_count"]
    got = sorted((frames(m.get("start")), frames(m.get("start")) + frames(m.get("duration")))
                 for m in clip.findall("marker"))
    assert got == _flags(a)
    assert any("Привет, 你好 | <&> \"quoted\"" in m.get("value") for m in clip.findall("marker"))


def test_fcpxml_reads_back_with_the_otio_adapter(analyses):
    """otio-fcpx-xml-adapter reads the file (it rounds NTSC rates to whole numbers, so 25 fps here)."""
    import opentimelineio as otio

    a = analyses["25"]
    tl = otio.adapters.read_from_string(report.render(a, "fcpxml").decode(), "fcpx_xml")
    (clip,) = list(tl.find_clips())
    assert clip.source_range.duration.to_frames() == a["source"]["frame_count"]
    got = sorted((m.marked_range.start_time.to_frames(), m.marked_range.end_time_exclusive().to_frames())
                 for m in clip.markers)
    assert got == _flags(a)


@pytest.mark.parametrize("kind", ["25", "2997", "vfr"])
def test_edl_reads_back_with_the_otio_cmx3600_adapter(analyses, kind):
    import opentimelineio as otio

    a = analyses[kind]
    rate = nle_rate(a)
    text = report.render(a, "edl").decode()
    assert ("FCM: DROP FRAME" in text) == (kind == "2997")
    tl = otio.adapters.read_from_string(text, "cmx_3600", rate=float(rate))
    origin = timecode_to_frame("01:00:00:00", rate)
    got = []
    for clip in tl.find_clips():
        start = round(clip.source_range.start_time.value) - origin
        comment = next(c for c in clip.metadata["cmx_3600"]["comments"] if c.startswith("|C:"))
        m = re.match(r"\|C:(ResolveColor\w+) \|M:(.*) \|D:(\d+)$", comment)
        assert m, comment
        assert "|" not in m.group(2)
        got.append((start, start + int(m.group(3))))
    # flags that start on one frame share a marker (Resolve keeps one marker per frame)
    want = {}
    for s, e in _flags(a):
        want[s] = max(e, want.get(s, 0))
    assert got == sorted(want.items())
    # the record timecodes agree with our own timecode reader too
    tcs = re.findall(r"^\d{3}  001 +V +C +(\S+) (\S+) (\S+) (\S+)", text, flags=re.M)
    assert [timecode_to_frame(t[2], rate) - origin for t in tcs] == [s for s, _ in got]


@pytest.mark.parametrize("kind", ["25", "2997", "vfr"])
def test_otio_file_reads_back(analyses, kind):
    import opentimelineio as otio

    a = analyses[kind]
    tl = otio.adapters.read_from_string(report.render(a, "otio").decode(), "otio_json")
    (clip,) = list(tl.find_clips())
    rate = float(nle_rate(a))
    got = []
    for m in clip.markers:
        assert m.marked_range.start_time.rate == pytest.approx(rate)
        got.append((round(m.marked_range.start_time.value),
                    round(m.marked_range.start_time.value + m.marked_range.duration.value)))
        meta = m.metadata["reelstudio"]
        assert (meta["start_frame"], meta["end_frame"]) == got[-1]
    assert sorted(got) == _flags(a)
    assert clip.media_reference.target_url.startswith("file:///")


@pytest.mark.parametrize("kind", ["25", "2997", "vfr"])
def test_csv_rows_land_on_their_frames(analyses, kind):
    a = analyses[kind]
    tb = timebase_of(a)
    rate = nle_rate(a)
    rows = list(csv.DictReader(io.StringIO(report.render(a, "csv").decode())))
    assert sorted((int(r["start_frame"]), int(r["end_frame"])) for r in rows) == _flags(a)
    for r in rows:
        assert timecode_to_frame(r["start_timecode"], rate) == int(r["start_frame"])
        assert timecode_to_frame(r["end_timecode"], rate) == int(r["end_frame"])
        # seconds are the source's own presentation times (for VFR, not frame / fps)
        assert tb.seconds_to_nearest_frame(float(r["start_s"])) == int(r["start_frame"])
        assert "Привет, 你好" in r["message"]
    if kind == "vfr":
        times = a["source"]["frame_times"]
        assert float(rows[-1]["start_s"]) == pytest.approx(times[89], abs=1e-6)


# -- subtitles ---------------------------------------------------------------------------
WORDS = [  # (start_s, end_s, text): two sentences, a long pause, a long run
    (0.52, 0.80, "Hello"), (0.85, 1.30, "there."), (1.40, 1.70, "This"), (1.72, 1.90, "is"),
    (1.95, 2.40, "ReelStudio"), (2.45, 2.90, "checking"), (2.95, 3.20, "your"), (3.22, 3.60, "subtitles"),
    (3.62, 3.70, "and"), (3.72, 4.00, "their"), (4.02, 4.40, "timing"), (4.42, 4.70, "today."),
    (6.10, 6.40, "Привет"), (6.45, 6.90, "мир"),
]


def _with_words(a: dict, words=WORDS) -> dict:
    a = json.loads(json.dumps(a))
    a["lanes"]["speech"] = {"status": "ok", "intervals": [], "words_status": "ok",
                            "words": [{"start_s": s, "end_s": e, "text": t} for s, e, t in words]}
    return a


def _srt_cues(data: bytes):
    import srt

    return list(srt.parse(data.decode("utf-8")))


def _vtt_cues(data: bytes):
    import webvtt

    return list(webvtt.from_buffer(io.StringIO(data.decode("utf-8"))))


@pytest.mark.parametrize("kind", ["25", "2997"])
def test_srt_and_vtt_from_words_are_readable_and_on_the_grid(analyses, kind):
    a = _with_words(analyses[kind])
    tb = timebase_of(a)
    srt_cues = _srt_cues(report.render(a, "srt"))
    vtt_cues = _vtt_cues(report.render(a, "vtt"))
    assert len(srt_cues) == len(vtt_cues) >= 3
    spoken = " ".join(t for _s, _e, t in WORDS)
    assert " ".join(c.content.replace("\n", " ") for c in srt_cues) == spoken
    assert " ".join(c.text.replace("\n", " ") for c in vtt_cues) == spoken
    prev_end = 0.0
    for s, v in zip(srt_cues, vtt_cues):
        start, end = s.start.total_seconds(), s.end.total_seconds()
        fs, fe = tb.seconds_to_nearest_frame(start), tb.seconds_to_nearest_frame(end)
        assert abs(tb.frame_to_seconds(fs) - start) <= 0.0005 and abs(tb.frame_to_seconds(fe) - end) <= 0.0005
        assert start >= prev_end - 1e-9 and end > start
        prev_end = end
        lines = s.content.split("\n")
        assert len(lines) <= 2 and all(len(line) <= 42 for line in lines)
        assert end - start <= 7.0 + 0.0005  # the longest a cue may stay up
    # a cue starts on the frame nearest its first word, and a sentence end closes a cue
    assert tb.seconds_to_nearest_frame(srt_cues[0].start.total_seconds()) == tb.seconds_to_nearest_frame(0.52)
    assert srt_cues[0].content == "Hello there."
    assert srt_cues[-1].content == "Привет мир"
    # VTT and SRT agree to the millisecond
    for s, v in zip(srt_cues, vtt_cues):
        vs = _vtt_seconds(v.start)
        assert vs == pytest.approx(s.start.total_seconds(), abs=1e-6)
        assert _vtt_seconds(v.end) == pytest.approx(s.end.total_seconds(), abs=1e-6)


def _vtt_seconds(stamp: str) -> float:
    h, m, s = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def test_subtitles_from_on_screen_text_keep_their_frames(analyses):
    a = json.loads(json.dumps(analyses["2997"]))
    a["lanes"]["speech"] = {"status": "ok", "intervals": [], "words": [], "words_status": "no recogniser"}
    a["lanes"]["text"] = {"status": "ok", "intervals": [
        {"start_frame": 30, "end_frame": 75, "text": "first line", "role": "subtitle", "box": [0, 0, 1, 1]},
        {"start_frame": 80, "end_frame": 81, "text": "TITLE", "role": "overlay", "box": [0, 0, 1, 1]},
        {"start_frame": 1799, "end_frame": 1860, "text": "Вторая строка\n第二行", "role": "subtitle",
         "box": [0, 0, 1, 1]},
    ]}
    tb = timebase_of(a)
    cues = _srt_cues(report.render(a, "srt"))
    assert [(tb.seconds_to_nearest_frame(c.start.total_seconds()), tb.seconds_to_nearest_frame(c.end.total_seconds()))
            for c in cues] == [(30, 75), (1799, 1860)]
    assert cues[1].content == "Вторая строка\n第二行"
    vtt = _vtt_cues(report.render(a, "vtt"))
    assert [tb.seconds_to_nearest_frame(_vtt_seconds(c.start)) for c in vtt] == [30, 1799]


def test_no_transcript_is_a_clear_error(analyses):
    a = json.loads(json.dumps(analyses["25"]))
    a["lanes"]["speech"] = {"status": "unavailable", "reason": "no audio track"}
    a["lanes"]["text"] = {"status": "unavailable", "reason": "no text reader"}
    with pytest.raises(NotAvailableYet, match="no audio track.*no text reader"):
        report.render(a, "srt")


def test_a_video_without_speech_or_subtitles_has_no_transcript_to_export(analyses):
    a = _with_words(analyses["25"], words=[])  # the speech lane ran and heard no words; no text lane
    for fmt in ("srt", "vtt"):
        with pytest.raises(NotAvailableYet, match="no transcript.*none were heard.*no text lane"):
            report.render(a, fmt)


# -- registry, files ---------------------------------------------------------------------
def test_every_format_has_an_exporter_and_an_extension():
    for name, fmt in report.FORMATS.items():
        assert callable(report.exporter(name))
        for ext in fmt.extensions:
            assert report.format_for_path(f"x{ext.upper()}") == name
    with pytest.raises(OutputError, match="unknown output format"):
        report.format_for_path("markers.xml", kind="markers")


def test_writes_are_atomic_and_never_touch_the_video(analyses, clips, tmp_path):
    a = analyses["25"]
    video = clips["25"]
    before = video.read_bytes()
    with pytest.raises(OutputError, match="overwrite the input video"):
        report.write(a, str(video), "csv")
    assert video.read_bytes() == before
    out = tmp_path / "m.csv"
    out.write_text("old")
    report.write(a, str(out))
    assert out.read_text().startswith("marker,check")
    assert sorted(os.listdir(tmp_path)) == ["m.csv"]  # no temp file left behind
    with pytest.raises(OutputError, match="cannot write"):
        report.write(a, str(tmp_path / "no_such_folder" / "m.csv"))


def test_cli_export_writes_every_format_from_a_saved_analysis(analyses, clips, tmp_path):
    a = _with_words(analyses["2997"])
    a["source"]["path"] = str(clips["2997"])
    saved = tmp_path / "a.json"
    saved.write_text(json.dumps(a, ensure_ascii=False))
    outs = {ext: tmp_path / f"out.{ext}" for ext in ("fcpxml", "edl", "otio", "csv", "srt", "vtt")}
    cmd = [sys.executable, "-m", "reelstudio", "export", str(saved), "--srt", str(outs["srt"]),
           "--vtt", str(outs["vtt"])]
    for ext in ("fcpxml", "edl", "otio", "csv"):
        cmd += ["--markers", str(outs[ext])]
    r = subprocess.run(cmd, capture_output=True, text=True, env=cli_env(), timeout=120)
    assert r.returncode == 0, r.stderr
    for ext, path in outs.items():
        assert path.read_bytes() == report.render(a, ext), ext

    r = subprocess.run([sys.executable, "-m", "reelstudio", "export", str(saved), "--markers", str(tmp_path / "x.xml")],
                       capture_output=True, text=True, env=cli_env(), timeout=60)
    assert r.returncode == OutputError.exit_code and "unknown output format" in r.stderr
    r = subprocess.run([sys.executable, "-m", "reelstudio", "export", str(saved), "--srt", str(saved)],
                       capture_output=True, text=True, env=cli_env(), timeout=60)
    assert r.returncode == OutputError.exit_code and "overwrite" in r.stderr
    assert json.loads(saved.read_text()) == a
