"""The lane schema in code (reelstudio/lanes.py): readers fail loudly on a missing field,
one rule rebuilds the frame grid, one rule places a hop curve's values in time."""

from __future__ import annotations

import copy
import json
from fractions import Fraction

import pytest

from reelstudio import lanes as schema
from test_checks_unit import clean_lanes, iv, row, run, source


def test_a_renamed_field_is_not_a_clean_pass():
    """Renaming the black lane's ``intervals`` once read as "no black frames", 1.0."""
    lanes = clean_lanes()
    lanes["black"]["intervals"] = [iv(0, 4)]
    assert row(run(lanes), "black_frames")["status"] != "pass"  # the black frames are seen
    lanes["black"]["spans"] = lanes["black"].pop("intervals")
    ev = run(lanes)
    r = row(ev, "black_frames")
    assert r["status"] == "n/a" and r["score"] is None and "intervals" in r["incomplete"]
    assert "black_frames" in {i["check"] for i in ev.incomplete} and not ev.score_complete


@pytest.mark.parametrize("lane,field", [("black", "intervals"), ("cuts", "events"), ("motion", "per_frame"),
                                        ("loudness", "short_term"), ("text", "intervals"), ("silence", "intervals")])
def test_every_check_reading_a_lane_without_its_field_could_not_run(lane, field):
    lanes = clean_lanes()
    del lanes[lane][field]
    ev = run(lanes)
    readers = {c for c, spec in _checks().items() if lane in spec.lanes}
    assert readers, lane
    for check in readers:
        assert row(ev, check)["status"] == "n/a" and row(ev, check).get("incomplete"), check


def _checks():
    from reelstudio.checks import REGISTRY

    return REGISTRY


def test_validate_names_what_is_missing():
    lanes = clean_lanes()
    for name, lane in lanes.items():
        assert schema.validate(name, lane) is lane
    bad = copy.deepcopy(lanes["text"])
    del bad["intervals"][1]["end_frame"]
    del bad["intervals"][1]["end_s"]
    with pytest.raises(schema.LaneSchemaError, match=r"text lane's intervals\[1\]"):
        schema.validate("text", bad)
    with pytest.raises(KeyError):  # what the evaluator catches
        schema.validate("loudness", {"status": "ok", "integrated_lufs": -14.0, "true_peak_dbtp": -1.0})
    # a lane that did not run needs no fields; a lane with no schema needs none
    assert schema.validate("black", {"status": "unavailable", "reason": "x"})
    assert schema.validate("bright", {"status": "ok"})


def test_load_analysis_refuses_a_lane_without_its_fields(tmp_path):
    doc = {"schema_version": 1, "source": source(), "lanes": clean_lanes()}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc))
    assert schema.load_analysis(path)["lanes"]["black"] == {"status": "ok", "intervals": []}
    doc["lanes"]["black"] = {"status": "ok", "spans": []}
    path.write_text(json.dumps(doc))
    with pytest.raises(schema.LaneSchemaError, match="black lane has no 'intervals'"):
        schema.load_analysis(path)


def test_one_timebase_rule():
    tb = schema.timebase_of({"fps": "30000/1001", "frame_count": 10})
    assert tb.fps == Fraction(30000, 1001) and tb.frame_count == 10 and not tb.frame_times
    vfr = schema.timebase_of({"fps": "30/1", "frame_times": [0.0, 0.1, 0.15]})
    assert vfr.frame_count == 3 and vfr.frame_to_seconds(2) == pytest.approx(0.15)
    assert schema.timebase_of({}).frame_count == 0  # no frames: an empty grid
    with pytest.raises(schema.LaneSchemaError):
        schema.timebase_of({"frame_count": 90})  # frames but no rate: no guessing 30/1
    # the readers share it
    from reelstudio.gui import timeline  # noqa: F401 - Qt is fine in a test
    from reelstudio.report._common import timebase_of

    src = {"fps": "25/1", "frame_count": 50}
    assert timebase_of({"source": src}) == schema.timebase_of(src) == timeline.timebase_of(src)


def test_curve_times_value_k_covers_the_sound_up_to_k_plus_one_hops():
    lane = {"short_term": {"hop_s": 0.1, "values": [-20.0, -19.0, -18.0]}, "audio_offset_s": 0.5}
    assert schema.curve_times(lane) == pytest.approx([0.6, 0.7, 0.8])
    assert schema.curve_times({"short_term": {"hop_s": 0.2, "values": [1, 2]}}) == pytest.approx([0.2, 0.4])


def test_interval_frames_uses_frames_else_seconds_on_the_grid():
    tb = schema.timebase_of({"fps": "30/1", "frame_count": 90})
    assert schema.interval_frames(tb, {"start_frame": 3, "end_frame": 9, "start_s": 9.0, "end_s": 9.5}) == (3, 9)
    assert schema.interval_frames(tb, {"start_s": 0.51, "end_s": 10.0}) == (15, 90)
    assert schema.interval_seconds(tb, {"start_frame": 3, "end_frame": 9}) == pytest.approx((0.1, 0.3))


def test_export_refuses_a_saved_analysis_with_a_renamed_field(tmp_path, capsys):
    """A PDF from an analysis whose black lane lost 'intervals' would say "no black frames"."""
    from reelstudio.cli import main
    from reelstudio.errors import InputUnreadable

    doc = {"schema_version": 1, "source": source(), "lanes": clean_lanes(), "flags": [], "checklist": [],
           "score": None}
    ok, bad = tmp_path / "ok.json", tmp_path / "bad.json"
    ok.write_text(json.dumps(doc))
    doc["lanes"]["black"] = {"status": "ok", "spans": []}
    bad.write_text(json.dumps(doc))
    assert main(["export", str(ok), "--srt", str(tmp_path / "ok.srt")]) in (0, 11)
    capsys.readouterr()
    assert main(["export", str(bad), "--pdf", str(tmp_path / "bad.pdf")]) == InputUnreadable.exit_code
    assert "black lane has no 'intervals'" in capsys.readouterr().err
    assert not (tmp_path / "bad.pdf").exists()
