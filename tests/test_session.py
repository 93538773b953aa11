"""The app's document without Qt: open -> analysis -> preset -> accepted flag -> correction -> reopened.

A real analysis of the bundled sample reel (the real pipeline, models and Tesseract), saved as
the CLI saves it and read back with ``lanes.load_analysis``, as File > Open Analysis JSON does.
"""

from __future__ import annotations

import json

import pytest

from reelstudio import accepted
from reelstudio.accepted import AcceptedStore, content_hash
from reelstudio.lanes import load_analysis
from reelstudio.resources import sample_reel
from reelstudio.session import Session, rescored


@pytest.fixture(scope="module")
def reel_json(tmp_path_factory):
    from reelstudio.pipeline import analyze

    path = str(sample_reel())
    out = tmp_path_factory.mktemp("session") / "sample_reel.analysis.json"
    out.write_text(json.dumps(analyze(path, cache=False).to_json()))
    return path, out


def recorder(session: Session) -> list:
    events: list = []
    session.subscribe(lambda event, **details: events.append((event, details)))
    return events


def test_the_document_from_open_to_reopen_without_qt(reel_json, tmp_path):
    video, saved = reel_json
    store_file = tmp_path / "decisions.json"
    s = Session(preset="reels", store=AcceptedStore(store_file))
    events = recorder(s)

    s.open(video, {"frame_count": 526})
    assert events == [("opened", {})] and s.path.endswith("sample_reel.mp4") and s.analysis is None

    data = load_analysis(saved)
    s.load(data)
    assert events[-1] == ("analysis", {"keep_selection": False})
    assert s.analysis["score"] == data["score"] and s.source == data["source"] and s.note == ""
    assert not any(f.get("accepted") for f in s.analysis["flags"])

    # another preset: the checks run again over the same lanes
    s.set_preset("tiktok")
    assert events[-1][0] == "analysis" and s.preset == "tiktok"
    assert s.analysis["preset"] == "tiktok" and s.analysis["lanes"] == data["lanes"]
    assert s.analysis["flags"] == rescored(data, "tiktok")["flags"]
    ui = next(f for f in s.analysis["flags"] if f["check"] == "text_in_ui_zone")
    assert "TikTok" in ui["message"]
    n_events = len(events)
    s.set_preset("tiktok")  # unchanged: nothing redone, nobody repaints
    assert len(events) == n_events

    # a flag accepted: stored by the video's hash, the score and its note follow
    before = s.analysis["score"]
    i = next(i for i, f in enumerate(s.analysis["flags"]) if f["check"] == "dead_air")
    s.accept([i])
    assert events[-1] == ("analysis", {"keep_selection": True})
    assert s.analysis["flags"][i]["accepted"] is True
    row = next(r for r in s.analysis["checklist"] if r["check"] == "dead_air")
    assert row["score"] == 1.0 and row["status"] == "pass" and row["score_measured"] < 1.0
    assert s.analysis["score"] >= before and s.analysis["accepted_flags"]["score_without"] == before
    assert "1 flag accepted as intentional" in s.analysis["score_note"]
    h = content_hash(video)
    assert AcceptedStore(store_file).keys(h) == {accepted.flag_key(s.analysis["flags"][i])}

    # a word of the transcript corrected: shown at once, kept for the video
    heard = s.analysis["lanes"]["speech"]["words"][0]["text"]
    assert s.correct("words", 0, "She") is True
    assert events[-1] == ("edited", {"lane": "speech"})
    word = s.analysis["lanes"]["speech"]["words"][0]
    assert word["text"] == "She" and word["text_recognised"] == heard
    assert list(AcceptedStore(store_file).corrections(h)["words"].values()) == ["She"]

    # reopened in a new process: the hash is not known until the thread computing it says so,
    # and loading never reads the file for it; then the stored decisions come back
    accepted._hashes.clear()
    again = Session(preset="tiktok", store=AcceptedStore(store_file))
    seen = recorder(again)
    again.open(video)
    again.load(load_analysis(saved))
    assert again.analysis["lanes"]["speech"]["words"][0]["text"] == heard
    assert "accepted_flags" not in again.analysis
    assert again.hash_ready("/elsewhere/other.mp4", h) is False  # another video's hash: ignored
    assert again.hash_ready(again.path, content_hash(video)) is True
    assert seen[-1] == ("analysis", {"keep_selection": True})
    word = again.analysis["lanes"]["speech"]["words"][0]
    assert word["text"] == "She" and word["text_recognised"] == heard
    assert [f["check"] for f in again.analysis["flags"] if f.get("accepted")] == ["dead_air"]
    assert again.analysis["accepted_flags"]["count"] == 1


def test_decisions_that_no_longer_match_are_said_and_a_store_that_cannot_be_written_raises(reel_json, tmp_path):
    video, saved = reel_json
    store = AcceptedStore(tmp_path / "decisions.json")
    h = content_hash(video)
    store.accept(h, {"check": "dead_air", "start_frame": 1, "end_frame": 2})  # no such flag in this analysis
    s = Session(store=store)
    s.open(video)
    s.load(load_analysis(saved))
    assert s.note == "1 accepted flag no longer match a flag of this analysis"
    assert "accepted_flags" not in s.analysis

    blocked = tmp_path / "a file"
    blocked.write_text("")
    s = Session(store=AcceptedStore(blocked / "decisions.json"))  # its folder is a file
    s.open(video)
    s.load(load_analysis(saved))
    with pytest.raises(OSError):
        s.accept([0])
    with pytest.raises(OSError):
        s.correct("captions", 0, "DAY ONE")
    assert s.analysis["lanes"]["text"]["intervals"][0]["text"] == "DAY ONE"  # shown even though not kept


def test_lanes_stream_in_before_the_result_and_flags_are_stepped_in_frame_order():
    s = Session()
    events = recorder(s)
    s.open("clip.mp4", {"frame_count": 90})
    s.add_lanes({"cuts": {"status": "ok", "events": []}})
    s.add_lanes({"faces": {"status": "unavailable", "reason": "model missing"}})
    assert events[-1] == ("lanes", {"lanes": {"faces": {"status": "unavailable", "reason": "model missing"}}})
    assert sorted(s.lanes) == ["cuts", "faces"] and s.analysis is None
    flag = {"check": "dead_air", "severity": "info", "end_frame": 80, "message": "m", "fix": "f"}
    flags = [dict(flag, start_frame=f) for f in (40, 10, 40, 70)]
    s.load({"schema_version": 1, "source": {"frame_count": 90}, "lanes": {"cuts": {"status": "ok"}},
            "flags": flags, "checklist": [], "score": None})
    assert list(s.lanes) == ["cuts"], "the result's lanes replace those streamed"
    assert [s.flag_after(f) for f in (0, 10, 39, 40, 70)] == [1, 0, 0, 3, None]
    assert [s.flag_before(f) for f in (10, 11, 41, 71, 90)] == [None, 1, 0, 3, 3]
    s.open("other.mp4")
    assert s.lanes == {} and s.flag_after(0) is None and s.flag_before(90) is None
