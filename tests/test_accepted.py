"""Flags accepted as intentional: stored per video by content hash, re-scored, shown as accepted."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from conftest import cli_env
from reelstudio import accepted, report
from reelstudio.scoring import GATED_MAX


def _flag(check, severity, s, e, message="m"):
    return {"check": check, "severity": severity, "start_frame": s, "end_frame": e, "start_s": s / 30,
            "end_s": e / 30, "message": message, "fix": "f"}


def _row(check, status, score, weight, flags):
    return {"check": check, "title": check.replace("_", " ").title(), "status": status, "weight": weight,
            "score": score, "points": round(weight * score, 3), "detail": "d", "flags": flags}


def analysis_of(video: str = "clip.mp4") -> dict:
    """Two static-picture flags, one dead-air flag and a flashing gate: score 100*(3+3+0+5)/20 -> 49 capped."""
    flags = [_flag("static_picture", "error", 0, 40), _flag("dead_air", "warning", 10, 30),
             _flag("static_picture", "error", 50, 90), _flag("photosensitive_flashing", "error", 60, 70)]
    checklist = [_row("static_picture", "fail", 0.25, 4, 2), _row("dead_air", "warn", 0.6, 5, 1),
                 _row("photosensitive_flashing", "fail", 0.0, 6, 1), _row("format", "pass", 1.0, 5, 0)]
    gates = [{"gate": "photosensitive_flashing", "check": "photosensitive_flashing", "reason": "flashes"}]
    return {"schema_version": 1, "source": {"path": video, "fps": "30/1", "frame_count": 90, "width": 1080,
                                            "height": 1920, "duration_s": 3.0, "has_audio": True},
            "lanes": {}, "flags": flags, "checklist": checklist, "score": GATED_MAX, "band": "poor",
            "preset": "reels", "score_complete": True, "score_incomplete": [], "score_max": None,
            "score_gates": gates, "score_note": "Capped at 49 (poor) by a critical failure: flashes."}


def test_an_accepted_flag_counts_as_resolved_and_is_marked():
    a = analysis_of()
    dead_air = accepted.flag_key(a["flags"][1])
    out = accepted.apply(a, {dead_air}, "h")
    assert [f.get("accepted", False) for f in out["flags"]] == [False, True, False, False]
    row = next(r for r in out["checklist"] if r["check"] == "dead_air")
    assert row["accepted"] == 1 and row["score"] == 1.0 and row["status"] == "pass"
    assert row["score_measured"] == 0.6 and row["status_measured"] == "warn"
    # the flashing gate stays: no acceptance lifts a risk to viewers
    assert out["score"] == GATED_MAX and out["score_gates"] == a["score_gates"]
    assert out["accepted_flags"]["count"] == 1 and out["accepted_flags"]["score_without"] == GATED_MAX
    assert out["score_note"].endswith(out["accepted_flags"]["note"]) and "1 flag accepted" in out["score_note"]
    # half of a check's flags accepted: half of what it lost comes back, the row still fails on the other
    half = accepted.apply(a, {accepted.flag_key(a["flags"][0])}, "h")
    row = next(r for r in half["checklist"] if r["check"] == "static_picture")
    assert row["score"] == 0.625 and row["status"] == "fail" and row["points"] == 2.5
    # undone exactly, and applying again is the same as applying once
    assert accepted.without_accepted(out) == a
    assert accepted.apply(out, {dead_air}, "h") == out
    assert accepted.apply(out, set(), "h") == a


def test_a_gate_is_lifted_when_every_flag_of_its_check_is_accepted_except_flashing():
    a = analysis_of()
    a["score_gates"] = [{"gate": "black_or_frozen", "check": "static_picture", "reason": "dead"}]
    a["flags"] = a["flags"][:3]
    a["checklist"] = [r for r in a["checklist"] if r["check"] != "photosensitive_flashing"]
    keys = {accepted.flag_key(f) for f in a["flags"]}
    out = accepted.apply(a, keys, "h")
    assert out["score_gates"] == [] and out["score"] == 100 and out["band"] == "good"
    assert all(r["status"] == "pass" for r in out["checklist"])


def test_the_store_keys_by_content_so_a_moved_copy_keeps_its_acceptances(tmp_path):
    video = tmp_path / "a.mp4"
    video.write_bytes(b"not really a video but bytes all the same" * 100)
    copy = tmp_path / "elsewhere" / "renamed.mp4"
    copy.parent.mkdir()
    shutil.copy(video, copy)
    store = accepted.AcceptedStore()
    a = analysis_of(str(video))
    store.accept(accepted.content_hash(video), a["flags"][1], "a.mp4")
    again = accepted.AcceptedStore()  # read back from disk
    out = accepted.apply_stored(a, copy, again)
    assert out["flags"][1]["accepted"] is True and out["accepted_flags"]["video_sha256"] == accepted.content_hash(copy)
    other = tmp_path / "b.mp4"
    other.write_bytes(b"another cut")
    assert accepted.apply_stored(a, other, again) == a
    again.unaccept(accepted.content_hash(video), a["flags"][1])
    assert accepted.AcceptedStore().keys(accepted.content_hash(video)) == set()
    store.path.write_text("{damaged")  # a damaged store starts empty rather than failing
    assert accepted.AcceptedStore().keys(accepted.content_hash(video)) == set()


def _pdftotext(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_the_pdf_and_markers_show_accepted_flags_as_accepted(tmp_path):
    a = accepted.apply(analysis_of(), {accepted.flag_key(analysis_of()["flags"][1])}, "h")
    pdf = tmp_path / "r.pdf"
    report.write(a, str(pdf), "pdf", thumbnails=False)
    text = _pdftotext(pdf)
    assert "ACCEPTED" in text and "Accepted as intentional" in text
    assert "1 accepted as intentional" in text and "1 flag accepted as intentional" in text
    csv = report.render(a, "csv").decode()
    rows = [line.split(",") for line in csv.splitlines()]
    assert rows[0][-1] == "accepted" and [r[-1] for r in rows[1:]].count("yes") == 1
    assert report.render(a, "edl").decode().count("(accepted)") == 1


def test_cli_export_with_accepted(tmp_path):
    video = tmp_path / "v.mp4"
    video.write_bytes(b"bytes of a video")
    a = analysis_of(str(video))
    store = accepted.AcceptedStore()
    store.accept(accepted.content_hash(video), a["flags"][1])
    src = tmp_path / "a.json"
    src.write_text(json.dumps(a))
    out = tmp_path / "m.csv"
    env = cli_env()
    proc = subprocess.run([sys.executable, "-m", "reelstudio", "export", str(src), "--markers", str(out),
                           "--accepted"], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert [line.split(",")[-1] for line in out.read_text().splitlines()].count("yes") == 1


def test_an_acceptance_follows_its_flag_when_a_checks_change_moves_an_edge(tmp_path):
    """Stored as check:start:end, an acceptance once fell off its flag when a newer checks
    version moved the flag's end by two frames; it now goes to the flag of its check over
    mostly the same frames, never to another check's, and one that names nothing is counted."""
    video = tmp_path / "v.mp4"
    video.write_bytes(b"bytes of a video" * 10)
    h = accepted.content_hash(video)
    store = accepted.AcceptedStore()
    a = analysis_of(str(video))
    store.accept(h, a["flags"][0])  # static_picture 0-40
    store.accept(h, a["flags"][1])  # dead_air 10-30
    moved = analysis_of(str(video))
    moved["flags"][0]["end_frame"] = 42  # the same still, found 2 frames longer
    moved["flags"][1].update(start_frame=60, end_frame=80)  # dead air elsewhere: not the one accepted
    keys, missed = accepted.AcceptedStore().keys_for(h, moved["flags"])
    assert keys == {accepted.flag_key(moved["flags"][0])} and missed == 1
    out, missed = accepted.apply_editor(moved, video, accepted.AcceptedStore())
    assert [f.get("accepted", False) for f in out["flags"]] == [True, False, False, False] and missed == 1
