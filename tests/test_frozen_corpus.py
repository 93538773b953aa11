"""Frozen, still and slowly moving pictures (tests/corpus/motion.py): freezes found where
motion stops, nothing on slow pans, slow motion, frame-rate conversions or designed stills.

A small part of the corpus (``ci_subset``); bench/eval_frozen.py runs all of it, tune and
held-out, beside FFmpeg's freezedetect."""

from __future__ import annotations

import pytest

from corpus import motion
from reelstudio.analysis.picture import PictureAnalyzer
from reelstudio.pipeline import analyze


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    clips = motion.build(tmp_path_factory.mktemp("motion"), only=motion.ci_subset())
    out = []
    for clip in clips:
        lane = analyze(clip["path"], analyzers=[PictureAnalyzer()], cache=False).lanes["frozen"].data
        out.append((clip, lane))
    return out


def _spans(items):
    return [(iv["start_frame"], iv["end_frame"]) for iv in items]


def test_the_subset_has_each_kind(results):
    names = {clip["name"] for clip, _ in results}
    assert names == set(motion.ci_subset())
    assert sum(clip["negative"] for clip, _ in results) >= 3


def test_freezes_match_the_truth_and_negatives_have_none(results):
    inter = union = 0
    for clip, lane in results:
        i, u = motion.interval_iou(clip["freezes"], lane["intervals"], clip["frames"])
        inter, union = inter + i, union + u
        if clip["negative"]:
            assert lane["intervals"] == [], (clip["name"], _spans(lane["intervals"]))
    assert inter / union >= 0.95, [(c["name"], _spans(c["freezes"]), _spans(lane["intervals"])) for c, lane in results]


def test_a_caption_change_splits_a_freeze(results):
    clip, lane = next((c, la) for c, la in results if c["name"] == "t_freeze_caption")
    assert len(clip["freezes"]) == 2
    assert _spans(lane["intervals"]) == _spans(clip["freezes"])


def test_designed_stills_are_stills(results):
    clip, lane = next((c, la) for c, la in results if c["name"] == "t_stills")
    # the photo and the title card, each cut in and held (shots 1 and 2 of the clip)
    shots = clip["shots"]
    assert _spans(lane["stills"]) == [(shots[1], shots[2]), (shots[2], shots[3])] and lane["intervals"] == []


@pytest.mark.parametrize("name", ["t_dissolve_still", "h_dissolve_still"])
def test_footage_dissolving_into_a_photo_is_not_a_freeze(name, tmp_path_factory):
    """The frozen_frames check, over the cuts lane too: the photo a dissolve ends on is a
    designed still. The cuts lane once read the dissolve's first step as a hard cut (one faint
    cut inside the model's gradual replaced it), 18 frames before the photo held, and the
    photo was flagged as a 1.8 s freeze."""
    from reelstudio.analysis.cuts import CutsAnalyzer

    clip = motion.build(tmp_path_factory.mktemp("dissolve"), only=[name])[0]
    result = analyze(clip["path"], analyzers=[CutsAnalyzer(), PictureAnalyzer()], cache=False)
    assert [ev["kind"] for ev in result.lanes["cuts"].data["events"]] == ["gradual"]
    flags = result.evaluated().flags
    assert [f for f in flags if f["check"] == "frozen_frames"] == [], flags
