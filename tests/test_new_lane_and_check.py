"""Issue 15: a lane and a check are each added by one new module and nothing else, and reach
the analysis JSON, the checklist and score, the PDF's timeline and docs/checks.md (the GUI's
timeline: tests/gui/test_new_lane_gui.py)."""

from __future__ import annotations

import subprocess

import pytest

from new_modules import BRIGHT, DARK, bright_clip, installed

SKIP_BUILTIN = ("cuts", "picture", "faces", "text", "loudness", "speech", "subtitle_sync")


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    """The real pipeline (default analyzers, the built-in ones skipped to keep it short) on a
    clip made here, with the two new modules in place."""
    from reelstudio.pipeline import analyze

    tmp = tmp_path_factory.mktemp("new_modules")
    clip = bright_clip(tmp / "bright.mp4")
    with installed(tmp / "modules"):
        result = analyze(str(clip), cache=False, skip=SKIP_BUILTIN)
    # the JSON carries the lane and the check's row: readers need neither module
    return result.to_json(), tmp


def test_the_new_lane_and_check_are_in_the_json(analysed):
    doc, _ = analysed
    lane = doc["lanes"]["bright"]
    assert lane["status"] == "ok"
    assert lane["intervals"] == [{"start_frame": DARK, "end_frame": DARK + BRIGHT}]
    row = next(r for r in doc["checklist"] if r["check"] == "too_bright")
    assert row["title"] == "Too bright" and row["weight"] == 4 and row["status"] == "warn"
    assert row["points"] == pytest.approx(2.0)  # 0.5 s bright: sub-score 0.5 of its 4
    flags = [f for f in doc["flags"] if f["check"] == "too_bright"]
    assert [(f["start_frame"], f["end_frame"]) for f in flags] == [(DARK, DARK + BRIGHT)]


def test_adding_a_check_leaves_every_other_check_and_weight_alone(analysed):
    from reelstudio.checks import REGISTRY, evaluate

    doc, tmp = analysed
    with installed(tmp / "again"):
        with_it = evaluate(doc["lanes"], doc["source"], "reels")
        weights = {c: REGISTRY[c].weight for c in REGISTRY}
    without = evaluate(doc["lanes"], doc["source"], "reels")
    assert "too_bright" not in {r["check"] for r in without.checklist}
    old = {r["check"]: r for r in without.checklist}
    assert {r["check"]: r for r in with_it.checklist if r["check"] != "too_bright"} == old
    assert {c: w for c, w in weights.items() if c != "too_bright"} == {c: REGISTRY[c].weight for c in REGISTRY}


def test_the_new_lane_is_drawn_in_the_pdf_timeline(analysed):
    from reelstudio.report.timeline_image import GENERIC_RGB, ROWS, render_timeline, rows_of

    doc, _ = analysed
    rows = rows_of(doc)
    assert rows[: len(ROWS)] == ROWS and rows[len(ROWS):] == ("bright",)
    img = render_timeline(doc, width=1200, row_height=40, label_width=200)
    y = 6 + 40 * rows.index("bright") + 20
    duration = doc["source"]["duration_s"]
    x_of = lambda frame: int(200 + (1200 - 12 - 200) * frame / 30 / duration)  # noqa: E731
    assert img.getpixel((x_of(DARK + BRIGHT / 2), y)) == GENERIC_RGB
    assert img.getpixel((x_of(DARK / 2), y)) != GENERIC_RGB


def test_the_new_check_is_in_the_pdf_checklist(analysed, tmp_path):
    from reelstudio import report

    doc, _ = analysed
    out = tmp_path / "r.pdf"
    report.write(doc, str(out))
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Too bright" in text


def test_the_new_check_is_in_the_generated_docs(tmp_path):
    from conftest import ROOT

    from reelstudio.checks.docs import render

    page = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert "too_bright" not in render(page)
    with installed(tmp_path):
        assert "| `too_bright` | Too bright | 4 |" in render(page)


def test_the_cli_can_skip_the_new_lane_by_name(tmp_path, capsys):
    """--skip takes a registered analyzer's name, as pipeline.run(skip=...) does: its lane is in
    the JSON as not run, and the new check that needs it is n/a."""
    import json

    from reelstudio.cli import main

    clip = bright_clip(tmp_path / "bright.mp4")
    out = tmp_path / "a.json"
    with installed(tmp_path / "modules"):
        code = main(["analyze", str(clip), "--no-cache", "-q", "--json", str(out),
                     "--skip", ",".join((*SKIP_BUILTIN, "bright"))])
    assert code == 0, capsys.readouterr().err
    doc = json.loads(out.read_text())
    assert doc["lanes"]["bright"]["status"] == "unavailable"
    assert "skipped by the user" in doc["lanes"]["bright"]["reason"]
    row = next(r for r in doc["checklist"] if r["check"] == "too_bright")
    assert row["status"] == "n/a"
    with pytest.raises(SystemExit) as bad:
        main(["analyze", str(clip), "--skip", "no_such_lane"])
    assert bad.value.code == 2
    assert "cannot skip no_such_lane" in capsys.readouterr().err
