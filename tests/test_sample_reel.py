"""The bundled sample reel, against the ground truth its build script wrote."""

import json
from pathlib import Path

import pytest

from reelstudio.pipeline import analyze
from reelstudio.resources import sample_reel


@pytest.fixture(scope="module")
def reel():
    path = sample_reel()
    truth = json.loads(Path(str(path).replace(".mp4", ".truth.json")).read_text())
    return analyze(str(path), cache=False), truth


def test_source_facts(reel):
    result, truth = reel
    src = result.to_json()["source"]
    assert (src["width"], src["height"], src["fps"]) == (truth["width"], truth["height"], "30/1")
    assert src["frame_count"] == truth["n_frames"]
    assert src["has_audio"]


def test_cuts_on_the_truth_frames(reel):
    result, truth = reel
    events = result.lanes["cuts"].data["events"]
    hard = [e["frame"] for e in events if e["kind"] == "cut"]
    gradual = [e for e in events if e["kind"] == "gradual"]
    want_hard = [t["frame"] for t in truth["transitions"] if t["kind"] == "hard_cut"]
    want_gradual = [t for t in truth["transitions"] if t["kind"] != "hard_cut"]
    assert hard == want_hard
    assert len(gradual) == len(want_gradual) == 1
    g, w = gradual[0], want_gradual[0]
    assert abs(g["start_frame"] - w["start_frame"]) <= 2 and abs(g["end_frame"] - w["end_frame"]) <= 2


def test_black_tail_frozen_photo_and_dead_air(reel):
    result, truth = reel
    black = [(i["start_frame"], i["end_frame"]) for i in result.lanes["black"].data["intervals"]]
    seg = {s["source"]: s for s in truth["segments"]}
    assert black == [(seg["black"]["start_frame"], seg["black"]["end_frame"])]
    frozen = result.lanes["frozen"].data
    # the coffee photo holds still from the end of the dissolve to the black tail: the pixels
    # cannot tell the 30-frame dissolve's end from motion stopping, the cuts lane's gradual
    # transition can: a designed still (static picture), not a freeze
    assert [(i["start_frame"], i["end_frame"]) for i in frozen["intervals"]] == [(338, seg["black"]["start_frame"])]
    assert not [f for f in result.flags if f["check"] == "frozen_frames"]
    static = [(f["start_frame"], f["end_frame"]) for f in result.flags if f["check"] == "static_picture"]
    # static_picture counts from the frame the stills repeat: the dissolve's last, 97 % coffee
    assert len(static) == 1 and abs(static[0][0] - 338) <= 1 and static[0][1] == seg["black"]["start_frame"]
    silence = result.lanes["silence"].data["intervals"]
    # the 2 s of digital silence after the dissolve is found (edges within 0.35 s)
    assert any(abs(i["start_s"] - 11.27) < 0.35 and abs(i["end_s"] - 13.3) < 0.35 for i in silence), silence


def test_the_astronaut_is_the_only_face(reel):
    result, truth = reel
    lane = result.lanes["faces"].data
    found = [(i["start_frame"], i["end_frame"]) for i in lane["intervals"]]
    (face,) = truth["faces"]
    assert found == [(face["start_frame"], face["end_frame"])], found
    x, y, w, h = face["bbox_xywh_first_frame"]
    (bx, by, bw, bh), = lane["boxes"][0]["boxes"]
    assert abs((bx + bw / 2) - (x + w / 2)) < w / 4 and abs((by + bh / 2) - (y + h / 2)) < h / 4
