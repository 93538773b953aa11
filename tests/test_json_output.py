"""The analysis JSON is written as it is encoded (a 2-hour analysis's JSON held whole, with
its pieces, cost ~100 MB at the end of the run), still atomically: a write that fails part
way leaves the old file and no temporary file."""

from __future__ import annotations

import json
import math

import pytest


def test_the_streamed_json_is_the_json(tmp_path):
    from reelstudio.cli import _write_chunks

    doc = {"lanes": {"motion": {"per_frame": [0.1, 0.25, 1e-05]}}, "title": "Привет «мир»", "n": None}
    out = tmp_path / "a.json"
    _write_chunks(str(out), json.JSONEncoder(indent=2, ensure_ascii=False, allow_nan=False).iterencode(doc))
    assert out.read_bytes() == (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def test_a_write_that_fails_part_way_leaves_the_old_file_and_no_temporary(tmp_path):
    from reelstudio.cli import _write_chunks

    out = tmp_path / "a.json"
    out.write_text("old analysis\n")
    bad = {"lanes": {"loudness": {"values": [1.0] * 5000 + [math.nan]}}}  # NaN is not JSON
    with pytest.raises(ValueError):
        _write_chunks(str(out), json.JSONEncoder(indent=2, allow_nan=False).iterencode(bad))
    assert out.read_text() == "old analysis\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
