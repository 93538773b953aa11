"""The main window on real clips: background analysis, cancel, bad files, exact seeking.

Everything runs for real: the pipeline analyses the bundled sample reel and numbered clips
made with the real encoder (tests/media.py); the player decodes them; dialogs are real
QMessageBoxes, found on screen and dismissed.
"""

import csv
import dataclasses
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import time
from fractions import Fraction

import pytest

import pytestqt  # noqa: E402,F401 - scripts/setup.sh --test installs it: missing, the GUI tests fail, never skip

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QTimer, QUrl  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFontMetrics, QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

import pyqtgraph as pg  # noqa: E402

from media import read_number, write_numbered_clip  # noqa: E402
from reelstudio.gui.main_window import MainWindow  # noqa: E402
from reelstudio.gui.settings import Settings, SettingsDialog, load_settings, settings_path  # noqa: E402
from reelstudio.resources import sample_reel  # noqa: E402
from reelstudio.timebase import Timebase  # noqa: E402

ANALYSIS_TIMEOUT_MS = 240_000


@pytest.fixture(scope="session")
def numbered_clip(media_dir):
    """29.97 fps with B-frames (drop-frame timecode) and sound: frame N shows N."""
    return write_numbered_clip(media_dir / "gui_numbered_2997.mp4", frames=90, fps=Fraction(30000, 1001),
                               audio=True)


@pytest.fixture(scope="session")
def bad_files(media_dir, numbered_clip):
    d = media_dir / "gui_bad"
    d.mkdir(exist_ok=True)
    (d / "empty.mp4").write_bytes(b"")
    (d / "notes.mp4").write_text("these are my notes for the shoot, not a video\n" * 50)
    data = numbered_clip.read_bytes()
    (d / "truncated_index.mp4").write_bytes(data[: len(data) // 2])  # moov at the end: the index is lost
    audio_only = d / "voice.m4a"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=300:duration=2",
                    "-c:a", "aac", str(audio_only)], check=True)
    return {
        "empty": (d / "empty.mp4", "empty"),
        "text": (d / "notes.mp4", "not a video"),
        "truncated_index": (d / "truncated_index.mp4", "truncated"),
        "audio_only": (audio_only, "audio-only"),
        "missing": (d / "does-not-exist.mp4", "no such file"),
        "folder": (d, "folder"),
    }


@pytest.fixture
def window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()  # cancels and joins any analysis still running


def open_and_wait(qtbot, win, path) -> str:
    with qtbot.waitSignal(win.analysisFinished, timeout=ANALYSIS_TIMEOUT_MS) as blocker:
        assert win.open_file(str(path))
    return blocker.args[0]


def fingerprint(path):
    st = os.stat(path)
    return hashlib.sha256(open(path, "rb").read()).hexdigest(), st.st_mtime_ns, st.st_size


def visible_error_boxes():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def dismiss(box: QMessageBox) -> None:
    box.button(QMessageBox.StandardButton.Ok).click()


def assert_shows(win, frame: int, tb: Timebase) -> None:
    player = win.player
    assert player.current_frame() == frame
    assert read_number(player.shown_image()) == frame, "the picture on screen is another frame"
    assert player.timecode() == tb.frame_to_timecode(frame)
    assert win.timeline.playhead() == frame
    assert f"frame {frame} /" in win.timecode_label.text()
    assert tb.frame_to_timecode(frame) in win.timecode_label.text()


def click_timeline(qtbot, win, frame: int, within: float = 0.5, lane: str = "cuts") -> None:
    scene = win.timeline.scene_pos_of_frame(frame, lane, within)
    pos = win.timeline.view.mapFromScene(scene)
    qtbot.mouseClick(win.timeline.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def drag(widget, start: QPoint, end: QPoint, steps: int = 6, pause_ms: int = 0) -> None:
    """A left-button drag (QTest's mouseMove carries no button state, so send the events);
    ``pause_ms`` between moves, as a hand would (pyqtgraph drops moves faster than 100 a second)."""
    from PySide6.QtTest import QTest

    def send(kind, pos, button, buttons):
        ev = QMouseEvent(kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)), button, buttons,
                         Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, ev)

    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    send(QEvent.Type.MouseButtonPress, start, left, left)
    for i in range(1, steps + 1):
        if pause_ms:
            QTest.qWait(pause_ms)
        send(QEvent.Type.MouseMove, start + (end - start) * (i / steps), none, left)
    send(QEvent.Type.MouseButtonRelease, end, left, none)


# -- the sample reel ------------------------------------------------------------------------
def test_sample_reel_analyses_in_background_and_fills_timeline_and_checklist(qtbot, window, tmp_path):
    ticks: list[bool] = []  # the GUI thread's timer keeps firing while the worker analyses
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(window.is_analysing()))
    timer.start(25)
    partial: list[tuple[list, bool]] = []
    window.lanesShown.connect(lambda names: partial.append((names, window.analysis is None)))

    outcome = open_and_wait(qtbot, window, sample_reel())
    timer.stop()
    assert outcome == "result"
    assert sum(ticks) >= 10, "the event loop stalled while the analysis ran"
    assert any(before_result for _, before_result in partial), "no lane was drawn before the result"
    assert not visible_error_boxes()

    data = window.analysis
    assert data["source"]["frame_count"] == window.player.frame_count() == window.timeline.frame_count
    lanes = data["lanes"]
    tl = window.timeline

    # cuts: one line item holding every cut, and a bar per shot
    cut_frames = sorted({e["frame"] for e in lanes["cuts"]["events"]})
    assert cut_frames, "the sample reel has cuts"
    curves = [i for i in tl.lane_items("cuts") if isinstance(i, pg.PlotCurveItem)]
    assert len(curves) == 1
    assert sorted(set(curves[0].xData.astype(int))) == cut_frames
    # loudness: the short-term curve, point for point, and the target line
    loud = [i for i in tl.lane_items("loudness") if isinstance(i, pg.PlotDataItem)]
    assert len(loud) == 1 and len(loud[0].xData) == len(lanes["loudness"]["short_term"]["values"])
    assert any(isinstance(i, pg.InfiniteLine) and i.angle == 0 for i in tl.lane_items("loudness"))
    # motion: one value per frame
    motion = [i for i in tl.lane_items("motion") if isinstance(i, pg.PlotDataItem)]
    assert len(motion[0].xData) == data["source"]["frame_count"]
    # speech: every recognised word has its label
    words = lanes["speech"].get("words") or []
    labels = [i for i in tl.lane_items("speech") if isinstance(i, pg.TextItem)]
    if words:
        assert sorted(t.toPlainText() for t in labels) == sorted(w["text"] for w in words)
    # lanes that could not run say why
    for key in ("cuts", "faces", "text", "speech", "loudness", "motion"):
        if lanes.get(key, {}).get("status") == "unavailable":
            notes = [i.toPlainText() for i in tl.lane_items(key) if isinstance(i, pg.TextItem)]
            assert notes == [f"unavailable: {lanes[key]['reason']}"]

    # checklist: a row per check, a row per flag, the score
    panel = window.checklist
    assert [cid for cid, _ in panel.check_rows()] == [c["check"] for c in data["checklist"]]
    assert panel.shown_flag_count() == len(data["flags"]) == tl.flag_count()
    # flags are grouped under their check's title, as the PDF names it, not its id; the Flags
    # lane labels its rows with the same titles
    titles = {c["check"]: c["title"] for c in data["checklist"]}
    flagged = list(dict.fromkeys(f["check"] for f in data["flags"]))
    assert [t.split("  (")[0] for t in panel.group_titles()] == [titles[c] for c in flagged]
    assert sorted(tl.flag_labels()) == sorted(titles[c] for c in flagged)
    if data.get("score") is not None:
        assert panel.score_label.text() == str(data["score"])
    assert all(a.isEnabled() for a in window.export_actions.values())

    # exports from the window: JSON round trip, CSV markers, the PDF report
    written = []
    for name, fmt in (("a.json", "json"), ("m.csv", "csv"), ("r.pdf", "pdf")):
        exported(qtbot, window, tmp_path / name, lambda: window.export_to(str(tmp_path / name), fmt))
        written.append(tmp_path / name)
    assert json.loads(written[0].read_text(encoding="utf-8")) == data
    rows = list(csv.DictReader(io.StringIO(written[1].read_text(encoding="utf-8"))))
    assert len(rows) == len(data["flags"])
    assert written[2].read_bytes()[:5] == b"%PDF-"


def test_cancel_leaves_the_window_usable(qtbot, window, numbered_clip):
    window.open_file(str(sample_reel()))
    qtbot.waitUntil(lambda: window.progress.maximum() > 0 and window.progress.value() > 0, timeout=120_000)
    assert window.cancel_button.isVisible()
    with qtbot.waitSignal(window.analysisFinished, timeout=60_000) as blocker:
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["cancelled"]
    assert window.analysis is None
    assert "cancelled" in window.checklist.band_label.text()
    assert window.status_label.text() == "Analysis cancelled"
    assert not window.progress.isVisible() and not window.cancel_button.isVisible()
    assert window.reanalyse_action.isEnabled()
    assert not visible_error_boxes()
    flag_row = [i.toPlainText() for i in window.timeline.lane_items("flags") if isinstance(i, pg.TextItem)]
    assert flag_row == ["analysis cancelled"]
    # the player still works on the cancelled file, and the next file analyses
    window.seek(40)
    assert window.player.current_frame() == 40
    assert open_and_wait(qtbot, window, numbered_clip) == "result"
    tb = window.timeline.timebase
    window.seek(33)
    assert_shows(window, 33, tb)


def test_closing_the_window_mid_analysis_stops_the_analysis_process(qtbot, numbered_clip):
    import multiprocessing

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.open_file(str(sample_reel()))
    qtbot.waitUntil(lambda: win.progress.value() > 0, timeout=120_000)
    assert multiprocessing.active_children(), "the analysis runs in a child process"
    worker = win.worker
    win.close()
    assert worker.isFinished() and worker.outcome == "cancelled"
    assert not multiprocessing.active_children()


def test_an_analysis_process_that_dies_is_reported_and_the_app_lives_on(qtbot, window, numbered_clip):
    import multiprocessing

    window.open_file(str(sample_reel()))
    qtbot.waitUntil(lambda: window.progress.value() > 0, timeout=120_000)
    with qtbot.waitSignal(window.errorShown, timeout=30_000) as blocker:
        for child in multiprocessing.active_children():
            child.kill()  # as the out-of-memory killer would
    assert "ended unexpectedly" in blocker.args[1]
    dismiss(visible_error_boxes()[0])
    qtbot.waitUntil(lambda: not window.is_analysing(), timeout=30_000)
    assert open_and_wait(qtbot, window, numbered_clip) == "result"


def test_opening_another_file_mid_analysis_shows_only_the_new_one(qtbot, window, numbered_clip):
    window.open_file(str(sample_reel()))
    qtbot.waitUntil(lambda: window.progress.value() > 0, timeout=120_000)
    first = window.worker
    assert open_and_wait(qtbot, window, numbered_clip) == "result"
    assert window.analysis["source"]["frame_count"] == 90
    assert window.timeline.frame_count == 90
    qtbot.waitUntil(lambda: first not in window._threads, timeout=60_000)  # the old worker wound down
    assert first.outcome in ("cancelled", "result")
    assert window.analysis["source"]["frame_count"] == 90, "a late signal from the old run replaced the result"


# -- bad files ------------------------------------------------------------------------------
def test_bad_files_open_an_error_dialog_and_the_app_lives_on(qtbot, window, bad_files, numbered_clip):
    for case, (path, words) in bad_files.items():
        before = fingerprint(path) if path.is_file() else None
        with qtbot.waitSignal(window.errorShown, timeout=60_000) as blocker:
            window.open_file(str(path))
        title, text = blocker.args
        assert words in text.lower(), (case, text)
        boxes = visible_error_boxes()
        assert len(boxes) == 1, case
        assert boxes[0].text() == text and boxes[0].icon() == QMessageBox.Icon.Critical
        dismiss(boxes[0])
        qtbot.waitUntil(lambda: not visible_error_boxes(), timeout=5000)
        qtbot.waitUntil(lambda: not window.is_analysing(), timeout=60_000)
        if before:
            assert fingerprint(path) == before, f"{case}: the input file was modified"
        assert window.isVisible()
    # after all that, a good file opens, analyses and seeks
    assert open_and_wait(qtbot, window, numbered_clip) == "result"
    window.seek(12)
    assert_shows(window, 12, window.timeline.timebase)


def test_a_file_not_read_whole_is_analysed_under_a_banner(qtbot, window, media_dir, numbered_clip):
    """A WebM cut in half: analysed as far as it goes, and the banner says so; a whole file
    opened next clears it."""
    whole = media_dir / "gui_whole.webm"
    subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=180x320:rate=30:duration=4", "-c:v", "libvpx-vp9", "-deadline", "realtime",
                    "-cpu-used", "8", str(whole)], check=True)
    cut = media_dir / "gui_cut_in_half.webm"
    data = whole.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    assert open_and_wait(qtbot, window, cut) == "result"
    assert window.warning_banner.isVisible()
    text = window.warning_banner.text()
    assert "not read whole" in text and "the file is truncated" in text and "4.00 s its header declares" in text
    assert window.analysis["source"]["warnings"] and window.analysis["source"]["frame_count"] < 120
    assert open_and_wait(qtbot, window, numbered_clip) == "result"
    assert not window.warning_banner.isVisible()


def test_a_damaged_model_is_said_at_once_in_a_banner(qtbot, window, media_dir, numbered_clip, tmp_path,
                                                    monkeypatch):
    """One flipped byte in the text model: the banner names the lane and the file as soon as
    the text lane arrives, while the frames are still being decoded (not at the end of a
    long pass); the rest of the analysis goes on. A whole models folder clears it."""
    from reelstudio.resources import models_dir

    models = tmp_path / "models"
    shutil.copytree(models_dir(), models)
    data = bytearray((models / "ppocr_det_gray.onnx").read_bytes())
    data[len(data) // 2] ^= 0x01
    (models / "ppocr_det_gray.onnx").write_bytes(bytes(data))
    clip = media_dir / "gui_model_banner.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=180x320:rate=30:duration=12", "-c:v", "libx264", str(clip)], check=True)
    monkeypatch.setenv("REELSTUDIO_MODELS_DIR", str(models))  # the analysis process inherits it
    seen = []
    window.lanesShown.connect(lambda names: seen.append((set(names), window.warning_banner.isVisible(),
                                                         window.warning_banner.text())))
    assert open_and_wait(qtbot, window, clip) == "result"
    at = next(k for k, (names, _, _) in enumerate(seen) if "text" in names)
    names, shown, text = seen[at]
    assert "cuts" not in set().union(*(n for n, _, _ in seen[: at + 1]))  # the video pass was still running
    assert shown and "A model is missing or damaged" in text and "text: model file" in text
    assert f"{models / 'ppocr_det_gray.onnx'} does not match its manifest" in text
    assert window.warning_banner.isVisible() and window.analysis["lanes"]["text"]["cause"] == "model"
    assert window.analysis["lanes"]["cuts"]["status"] == "ok"
    monkeypatch.delenv("REELSTUDIO_MODELS_DIR")
    assert open_and_wait(qtbot, window, numbered_clip) == "result"
    assert not window.warning_banner.isVisible()


@pytest.mark.qt_no_exception_capture
def test_an_uncaught_exception_in_a_slot_becomes_a_dialog_and_a_log_entry(qtbot, window, monkeypatch):
    from reelstudio.gui import app

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    app.install_excepthook(lambda: window)

    def broken_slot():
        raise RuntimeError("a bug in a slot")

    with qtbot.waitSignal(window.errorShown, timeout=5000) as blocker:
        QTimer.singleShot(0, broken_slot)
    assert "RuntimeError: a bug in a slot" in blocker.args[1]
    box = visible_error_boxes()[0]
    assert "broken_slot" in box.detailedText()
    assert "RuntimeError: a bug in a slot" in app.log_path().read_text(encoding="utf-8")
    dismiss(box)
    window.seek(0)  # still responsive
    assert window.isVisible()


# -- exact seeking --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def clip_analysis(qapp, numbered_clip, tmp_path_factory):
    """The numbered clip analysed once, for real, by a window's background worker."""
    mp = pytest.MonkeyPatch()
    mp.setenv("REELSTUDIO_CACHE_DIR", str(tmp_path_factory.mktemp("clip_cache")))
    mp.setenv("REELSTUDIO_DATA_DIR", str(tmp_path_factory.mktemp("clip_data")))
    win = MainWindow()
    outcome = []
    win.analysisFinished.connect(outcome.append)
    assert win.open_file(str(numbered_clip))
    deadline = time.monotonic() + ANALYSIS_TIMEOUT_MS / 1000
    while not outcome and time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.01)
    data = win.analysis
    win.close()
    win.deleteLater()
    mp.undo()
    assert outcome == ["result"]
    return data


@pytest.fixture
def analysed_clip(qtbot, window, numbered_clip, clip_analysis):
    """A fresh window showing the numbered clip with its analysis."""
    window.activateWindow()
    assert window.open_file(str(numbered_clip), analysis=clip_analysis)
    assert not window.is_analysing()
    return window, window.timeline.timebase


def test_timeline_click_shows_exactly_that_frame(qtbot, analysed_clip):
    win, tb = analysed_clip
    assert tb.fps == Fraction(30000, 1001)
    for frame in (0, 1, 29, 30, 44, 45, 88, 89):
        click_timeline(qtbot, win, frame)
        assert_shows(win, frame, tb)
    # zoomed in, a click near either edge of a frame's slot still lands on that frame
    win.timeline.master.setXRange(40, 52, padding=0)
    for frame, within, lane in ((41, 0.1, "speech"), (47, 0.9, "loudness"), (50, 0.5, "motion")):
        click_timeline(qtbot, win, frame, within, lane)
        assert_shows(win, frame, tb)
    # a drag pans instead of seeking
    before = win.timeline.master.vb.viewRange()[0]
    start = win.timeline.view.mapFromScene(win.timeline.scene_pos_of_frame(45))
    drag(win.timeline.view.viewport(), start, start + QPoint(120, 0), pause_ms=20)
    assert win.timeline.master.vb.viewRange()[0] != before
    assert win.player.current_frame() == 50


def test_timeline_click_on_a_variable_frame_rate_clip(qtbot, window, media_dir):
    gaps = [17] * 20 + [66] * 10 + [33, 17, 50, 100] * 3
    pts = [0]
    for g in gaps:
        pts.append(pts[-1] + g)
    clip = write_numbered_clip(media_dir / "gui_vfr.mp4", frames=len(pts), pts_ms=pts)
    assert open_and_wait(qtbot, window, clip) == "result"
    tb = window.timeline.timebase
    assert tb.is_vfr and len(window.analysis["source"]["frame_times"]) == len(pts)
    for frame in (0, 19, 20, 29, 30, 33, len(pts) - 1):
        click_timeline(qtbot, window, frame, 0.8, "loudness")
        assert_shows(window, frame, tb)


def test_clicking_a_flag_seeks_to_its_first_frame_and_highlights_it(qtbot, analysed_clip):
    win, tb = analysed_clip
    data = dict(win.analysis)
    data["flags"] = [
        {"check": "black_frames", "severity": "error", "start_frame": 7, "end_frame": 12,
         "start_s": tb.frame_to_seconds(7), "end_s": tb.frame_to_seconds(12),
         "message": "5 black frames", "fix": "trim them"},
        {"check": "frozen_frames", "severity": "warning", "start_frame": 31, "end_frame": 60,
         "start_s": tb.frame_to_seconds(31), "end_s": tb.frame_to_seconds(60),
         "message": "the picture freezes", "fix": "cut the freeze"},
        {"check": "dead_air", "severity": "info", "start_frame": 89, "end_frame": 90,
         "start_s": tb.frame_to_seconds(89), "end_s": tb.frame_to_seconds(90),
         "message": "Тишина 静音", "fix": "add room tone"},
    ]
    win.load_analysis(data)
    panel = win.checklist
    assert win.timeline.flag_count() == 3
    for i, flag in enumerate(data["flags"]):
        item = panel.flag_item(i)
        assert item.text(0) == tb.frame_to_timecode(flag["start_frame"])
        rect = panel.flags.visualItemRect(item)
        qtbot.mouseClick(panel.flags.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert_shows(win, flag["start_frame"], tb)
        assert panel.selected_flag() == i
        assert win.timeline.highlighted_flag() == i
        detail = panel.detail.toPlainText()
        assert flag["message"] in detail and flag["fix"] in detail
    # the flag list has the focus now; the player's keys still step from the flag's frame
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    panel.activate_flag(1)
    panel.flags.setFocus()
    qtbot.keyClick(panel.flags, Qt.Key.Key_Right)
    assert_shows(win, 32, tb)
    qtbot.keyClick(panel.flags, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert win.player.current_frame() < 32
    assert read_number(win.player.shown_image()) == win.player.current_frame()


def test_keys_reach_the_player_from_the_window(qtbot, analysed_clip):
    win, tb = analysed_clip
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    win.seek(20)
    qtbot.keyClick(win, Qt.Key.Key_Right)
    assert_shows(win, 21, tb)
    qtbot.keyClick(win, Qt.Key.Key_Left)
    qtbot.keyClick(win, Qt.Key.Key_Left)
    assert_shows(win, 19, tb)
    qtbot.keyClick(win, Qt.Key.Key_End)
    assert_shows(win, 89, tb)
    qtbot.keyClick(win, Qt.Key.Key_Home)
    assert_shows(win, 0, tb)


# -- opening: drag and drop, recent files, settings ------------------------------------------
def test_drop_a_file_to_open_it_and_it_joins_the_recent_files(qtbot, window, numbered_clip, tmp_path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(numbered_clip))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    text_only = QMimeData()
    text_only.setText("not a file")
    refused = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, text_only, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(refused)
    assert not refused.isAccepted()

    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.analysisFinished, timeout=ANALYSIS_TIMEOUT_MS) as blocker:
        window.dropEvent(drop)
    assert blocker.args == ["result"]
    assert window.path == str(numbered_clip.resolve())

    # the recent list is saved and offered by the next window
    assert load_settings().recent_files[0] == str(numbered_clip.resolve())
    other = MainWindow()
    qtbot.addWidget(other)
    actions = other.recent_menu.actions()
    assert [a.text() for a in actions][:1] == [str(numbered_clip.resolve())]
    with qtbot.waitSignal(other.analysisFinished, timeout=ANALYSIS_TIMEOUT_MS):
        actions[0].trigger()
    assert other.analysis["source"]["frame_count"] == 90
    other.close()


def test_changing_the_preset_rescores_without_a_new_analysis(qtbot, analysed_clip):
    win, _ = analysed_clip
    assert win.analysis.get("preset") == "reels"
    lanes_before = win.analysis["lanes"]
    win.apply_settings(dataclasses.replace(win.settings, preset="tiktok"))
    assert not win.is_analysing()
    assert win.analysis["preset"] == "tiktok"
    assert win.analysis["lanes"] == lanes_before
    # the clip is 360x640 at 29.97 fps: the format check reads the same source under either preset
    assert [r["check"] for r in win.analysis["checklist"]] == [cid for cid, _ in win.checklist.check_rows()]
    assert "TikTok" in win.checklist.band_label.text() or "tiktok" in win.checklist.band_label.text()
    assert load_settings().preset == "tiktok"


def test_settings_dialog_and_a_damaged_settings_file(qtbot, tmp_path):
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.preset.setCurrentIndex(dialog.preset.findData("shorts"))
    langs = [dialog.ocr.item(i).text() for i in range(dialog.ocr.count())]
    assert {"eng", "rus"} <= set(langs)  # read from the installed Tesseract
    for i in range(dialog.ocr.count()):
        if dialog.ocr.item(i).text() == "rus":
            dialog.ocr.item(i).setCheckState(Qt.CheckState.Checked)
    got = dialog.result_settings()
    assert got.preset == "shorts" and set(got.ocr_languages) == {"eng", "rus"}

    # the model manager refuses a folder that is not a Vosk model, and says why
    assert [dialog.models.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.models.count())] == \
        ["", "pocketsphinx"]  # Whisper (the default), then pocketsphinx
    not_a_model = tmp_path / "not-a-model"
    (not_a_model / "am").mkdir(parents=True)
    (not_a_model / "am" / "final.mdl").write_bytes(b"half a model")
    assert dialog.install_model(str(not_a_model)) is False
    assert dialog.last_warning.isVisible() and dialog.last_warning.text()
    dialog.last_warning.button(QMessageBox.StandardButton.Ok).click()
    assert dialog.models.count() == 2, "a broken model must not appear"  # the two built-in engines

    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    assert load_settings() == Settings()
    path.write_text(json.dumps({"preset": "nonsense", "recent_files": [1, 2]}), encoding="utf-8")
    assert load_settings() == Settings()


def test_export_over_the_source_video_is_refused(qtbot, analysed_clip, tmp_path):
    win, _ = analysed_clip
    copy = tmp_path / "clip.mp4"
    shutil.copyfile(win.path, copy)
    data = dict(win.analysis)
    data["source"] = {**data["source"], "path": str(copy)}
    win.analysis = data
    before = fingerprint(copy)
    for fmt in ("json", "csv"):
        with qtbot.waitSignal(win.errorShown, timeout=30_000) as blocker:
            win.export_to(str(copy), fmt)
        assert "overwrite" in blocker.args[1] or "input" in blocker.args[1], blocker.args
        dismiss(visible_error_boxes()[0])
    assert fingerprint(copy) == before


def test_subtitles_of_a_video_with_no_transcript_say_so_and_write_nothing(qtbot, window, tmp_path):
    window.analysis = {
        "schema_version": 1, "flags": [], "checklist": [], "score": None,
        "source": {"path": str(tmp_path / "reel.mp4"), "fps": "30/1", "frame_count": 90, "duration_s": 3.0},
        "lanes": {"speech": {"status": "ok", "intervals": [], "words_status": "ok", "words": []},
                  "text": {"status": "ok", "intervals": []}},
    }
    for name, fmt in (("reel.srt", "srt"), ("reel.vtt", "vtt")):
        with qtbot.waitSignal(window.errorShown, timeout=30_000) as blocker:
            window.export_to(str(tmp_path / name), fmt)
        title, text = blocker.args
        assert title == "Export failed"
        assert text.startswith(f"{name} was not written: No transcript to make subtitles from")
        assert "no words were recognised" in text and "no burned-in subtitles" in text
        assert window.status_label.text() == "Export failed"
        box = visible_error_boxes()[0]
        assert box.text() == text and box.icon() == QMessageBox.Icon.Critical
        dismiss(box)
        assert not (tmp_path / name).exists()
    assert sorted(os.listdir(tmp_path)) == []  # not even a temporary file


def test_a_saved_analysis_json_opens_over_its_video(qtbot, window, numbered_clip, clip_analysis, tmp_path):
    saved = tmp_path / "clip.json"
    saved.write_text(json.dumps(clip_analysis), encoding="utf-8")
    assert window.open_analysis_json(str(saved))
    assert not window.is_analysing()
    assert window.analysis == clip_analysis
    assert window.timeline.frame_count == 90
    assert window.checklist.shown_flag_count() == len(clip_analysis["flags"])
    # a damaged JSON and one of another video: a dialog each, nothing replaced
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 1, "source": ', encoding="utf-8")
    with qtbot.waitSignal(window.errorShown, timeout=5000) as blocker:
        assert not window.open_analysis_json(str(broken))
    assert "broken.json" in blocker.args[1]
    dismiss(visible_error_boxes()[0])
    assert window.analysis == clip_analysis


def test_export_menu_offers_every_report_format_and_json(qtbot, window):
    from reelstudio.gui.exports import export_choices, file_filter, format_of
    from reelstudio.report import FORMATS

    choices = export_choices()
    offered = {name for c in choices for name, _, _ in c.formats}
    assert offered == set(FORMATS) | {"json"}
    assert [a.text() for a in window.export_menu.actions()] == [c.label for c in choices]
    assert not any(a.isEnabled() for a in window.export_menu.actions()), "nothing to export before an analysis"
    markers = next(c for c in choices if any(n == "edl" for n, _, _ in c.formats))
    edl_filter = next(f for f in file_filter(markers) if "*.edl" in f)
    assert format_of(markers, "/tmp/cut", edl_filter) == ("edl", "/tmp/cut.edl")
    assert format_of(markers, "/tmp/cut.otio", edl_filter) == ("otio", "/tmp/cut.otio")  # the typed extension wins


def test_overlay_toggles_reach_the_player_and_are_remembered(qtbot, analysed_clip):
    win, _ = analysed_clip
    for kind, action in win.overlay_actions.items():
        action.setChecked(False)
        assert not win.player.overlay_visible(kind)
        action.setChecked(True)
        assert win.player.overlay_visible(kind)
    win.overlay_actions["faces"].setChecked(False)
    assert "faces" not in load_settings().overlays
    again = MainWindow()
    qtbot.addWidget(again)
    assert not again.overlay_actions["faces"].isChecked() and not again.player.overlay_visible("faces")


# -- one score everywhere (issue 16) ---------------------------------------------------------
def shown_summary(win):
    """What each place in the window says: (checklist score, checklist band line, status bar)."""
    return win.checklist.score_label.text(), win.checklist.band_label.text(), win.summary_label.text()


def test_a_preset_change_updates_the_score_in_the_checklist_and_the_status_bar_together(qtbot, analysed_clip):
    from reelstudio.gui.analysis_process import rescored

    win, tb = analysed_clip
    # a saved analysis whose score and flags are not what the lanes give under any preset:
    # after the preset change every place must show the re-scored values, none the old ones
    stale = dict(win.analysis)
    stale.update(score=7, band="poor", flags=[
        {"check": "black_frames", "severity": "error", "start_frame": s, "end_frame": s + 2,
         "start_s": tb.frame_to_seconds(s), "end_s": tb.frame_to_seconds(s + 2), "message": "m", "fix": "f"}
        for s in (3, 20, 40, 60, 70)])
    win.load_analysis(stale)
    score, band, status = shown_summary(win)
    assert score == "7" and "poor" in band and "5 flags" in band
    assert status == "score 7 · poor · 5 flags"
    assert win.timeline.flag_count() == 5

    win.apply_settings(dataclasses.replace(win.settings, preset="tiktok"))
    assert not win.is_analysing()
    expected = rescored(stale, "tiktok")
    assert win.analysis["score"] == expected["score"] and win.analysis["flags"] == expected["flags"]
    n = len(expected["flags"])
    assert (expected["score"], n) != (7, 5)
    flags_text = f"{n} flag" + ("" if n == 1 else "s")
    score, band, status = shown_summary(win)
    assert score == str(expected["score"])
    assert flags_text in band and f"score {expected['score']}" in status and flags_text in status
    if expected.get("band"):
        assert expected["band"] in band and expected["band"] in status
    assert "score 7" not in status and "5 flags" not in status
    assert win.timeline.flag_count() == n == win.checklist.shown_flag_count()
    # analysing again: nothing claims a score until the new one arrives
    win.start_analysis()
    assert win.summary_label.text() == "" and win.checklist.score_label.text() == "…"
    with qtbot.waitSignal(win.analysisFinished, timeout=ANALYSIS_TIMEOUT_MS):
        pass
    assert win.summary_label.text() == win.summary.short_text()
    assert win.checklist.score_label.text() == str(win.analysis["score"])


# -- transport keys (issue 16) ---------------------------------------------------------------
def three_flags(tb):
    def flag(check, severity, s, e):
        return {"check": check, "severity": severity, "start_frame": s, "end_frame": e,
                "start_s": tb.frame_to_seconds(s), "end_s": tb.frame_to_seconds(e), "message": check, "fix": "-"}
    # listed out of frame order, and two flags starting on one frame
    return [flag("frozen_frames", "warning", 31, 60), flag("black_frames", "error", 7, 12),
            flag("dead_air", "info", 89, 90), flag("black_frames", "warning", 31, 33)]


def test_shift_down_and_up_step_through_the_flags_to_their_first_frames(qtbot, analysed_clip):
    win, tb = analysed_clip
    data = dict(win.analysis)
    data["flags"] = three_flags(tb)
    win.load_analysis(data)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    win.seek(0)
    down = lambda: qtbot.keyClick(win, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # noqa: E731
    up = lambda: qtbot.keyClick(win, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)  # noqa: E731
    for frame, index in ((7, 1), (31, 0), (89, 2)):
        down()
        assert_shows(win, frame, tb)
        assert win.checklist.selected_flag() == index and win.timeline.highlighted_flag() == index
    down()  # past the last flag: stays
    assert_shows(win, 89, tb)
    for frame in (31, 7):
        up()
        assert_shows(win, frame, tb)
    up()  # before the first flag: stays
    assert_shows(win, 7, tb)
    # from between flags, and from inside one: the previous flag is the last one starting before
    win.seek(45)
    up()
    assert_shows(win, 31, tb)
    win.seek(20)
    down()
    assert_shows(win, 31, tb)
    # the keys still work with the flag list focused (where Shift+arrows would extend a selection)
    win.checklist.flags.setFocus()
    qtbot.keyClick(win.checklist.flags, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert_shows(win, 89, tb)


def test_i_and_o_mark_a_range_on_the_timeline_and_alt_x_clears_it(qtbot, analysed_clip):
    win, tb = analysed_clip
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    win.seek(10)
    qtbot.keyClick(win, Qt.Key.Key_I)
    assert win.timeline.in_out() == (10, None)
    lines = win.timeline.mark_items()
    assert len(lines) == len(win.timeline.plots) and {round(i.value()) for i in lines} == {10}
    assert f"in {tb.frame_to_timecode(10)}" in win.timecode_label.text()
    win.seek(40)
    qtbot.keyClick(win, Qt.Key.Key_O)
    assert win.timeline.in_out() == (10, 40)
    regions = win.timeline.mark_items()
    assert len(regions) == len(win.timeline.plots)
    assert {tuple(r.getRegion()) for r in regions} == {(10.0, 41.0)}  # the out frame is inside the range
    assert f"out {tb.frame_to_timecode(40)}" in win.timecode_label.text()
    for r in regions:  # drawn in the lanes, not off in some hidden item
        assert r.scene() is win.timeline.view.scene()
    # an in mark after the out mark drops the out mark; an out mark before the in mark drops the in mark
    win.seek(50)
    qtbot.keyClick(win, Qt.Key.Key_I)
    assert win.timeline.in_out() == (50, None)
    win.seek(20)
    qtbot.keyClick(win, Qt.Key.Key_O)
    assert win.timeline.in_out() == (None, 20)
    qtbot.keyClick(win, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    assert win.timeline.in_out() == (None, None) and win.timeline.mark_items() == []
    assert " in " not in win.timecode_label.text() and "out " not in win.timecode_label.text()
    assert win.player.current_frame() == 20  # marking never moves the playhead


def test_keyboard_zoom_in_out_and_fit_keep_the_playhead_in_view(qtbot, analysed_clip):
    win, tb = analysed_clip
    tl = win.timeline
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    win.seek(60)
    lo, hi = tl.visible_range()
    assert lo <= 0 and hi >= 89
    full = hi - lo
    qtbot.keyClick(win, Qt.Key.Key_Equal)
    lo1, hi1 = tl.visible_range()
    assert (hi1 - lo1) == pytest.approx(full / 2, rel=0.02)
    assert lo1 <= 60.5 <= hi1
    qtbot.keyClick(win, Qt.Key.Key_Equal)
    qtbot.keyClick(win, Qt.Key.Key_Equal)
    lo2, hi2 = tl.visible_range()
    assert (hi2 - lo2) == pytest.approx(max(full / 8, 10), rel=0.02) and lo2 <= 60.5 <= hi2
    # the playhead stays where it was on screen while zooming
    share1 = (60.5 - lo1) / (hi1 - lo1)
    qtbot.keyClick(win, Qt.Key.Key_Minus)
    lo3, hi3 = tl.visible_range()
    assert (hi3 - lo3) == pytest.approx(2 * (hi2 - lo2), rel=0.02)
    assert (60.5 - lo3) / (hi3 - lo3) == pytest.approx((60.5 - lo2) / (hi2 - lo2), abs=0.02)
    assert 0 < share1 < 1
    for _ in range(6):  # never wider than the whole video
        qtbot.keyClick(win, Qt.Key.Key_Minus)
    lo4, hi4 = tl.visible_range()
    assert hi4 - lo4 <= full * 1.02
    qtbot.keyClick(win, Qt.Key.Key_Equal)
    qtbot.keyClick(win, Qt.Key.Key_Equal)
    qtbot.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ShiftModifier)
    assert tl.visible_range() == pytest.approx((lo, hi), abs=0.01)
    assert win.player.current_frame() == 60  # zooming never moves the playhead


# -- laptop layout (issue 16) ----------------------------------------------------------------
def lane_x(win, frame, lane):
    """Global x of ``frame``'s start in a lane (or in the ruler)."""
    tl = win.timeline
    if lane == "ruler":
        vb, view = tl.ruler.vb, tl.ruler_view
    else:
        vb, view = tl.plots[lane].vb, tl.view
    scene = vb.mapViewToScene(pg.Point(frame, 0))
    return view.mapToGlobal(view.mapFromScene(scene)).x()


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1920, 1080)])
def test_the_ruler_stays_in_view_and_every_lane_can_be_reached_at_laptop_sizes(qtbot, analysed_clip, size):
    win, tb = analysed_clip
    tl = win.timeline
    win.resize(*size)
    qtbot.waitUntil(lambda: win.size().toTuple() == size, timeout=3000)
    QApplication.processEvents()
    assert tl.ruler_visible()
    # every lane at least its minimum height: when they do not fit, they scroll
    bar = tl.scroll.verticalScrollBar()
    for key, plot in tl.plots.items():
        assert plot.vb.sceneBoundingRect().height() > 10, key
    if tl.scroll.viewport().height() < tl.view.minimumHeight():
        assert bar.maximum() > 0 and bar.isVisible()
    bar.setValue(bar.maximum())  # the last lane comes into view, the ruler stays
    QApplication.processEvents()
    motion = tl.plots["motion"].vb.sceneBoundingRect()
    bottom = tl.view.mapFromScene(motion.bottomLeft()).y()
    bottom_in_viewport = tl.view.mapTo(tl.scroll.viewport(), QPoint(0, bottom)).y()
    assert bottom_in_viewport <= tl.scroll.viewport().height() + 1
    assert tl.ruler_visible()
    # the ruler's frames line up with the lanes' frames, scrollbar or not
    for frame in (0, 45, 89):
        assert abs(lane_x(win, frame, "ruler") - lane_x(win, frame, "motion")) <= 1
    assert abs(tl.ruler.vb.sceneBoundingRect().width() - tl.plots["motion"].vb.sceneBoundingRect().width()) <= 1
    # clicks still land on the exact frame with the lanes scrolled
    click_timeline(qtbot, win, 44, 0.5, "motion")
    assert_shows(win, 44, tb)


def test_the_ocr_languages_ticked_in_settings_reach_the_text_lane(numbered_clip):
    """Settings > On-screen text languages once stopped on the way (the pipeline's keyword
    filter dropped them) and the text lane always read with its defaults. Run in-process
    through the same function the analysis process runs."""
    import threading

    from reelstudio.gui.analysis_process import analyse
    from reelstudio.gui.settings import Settings

    for langs in (("rus",), ("eng", "rus")):
        got = []
        options = Settings(ocr_languages=langs).analysis_options()
        analyse(str(numbered_clip), options, got.append, threading.Event())
        result = [m for m in got if m[0] == "result"]
        assert result, got[-1]
        text = result[0][2]["lanes"]["text"]
        assert text["status"] == "ok" and text["params"]["languages"] == list(langs), text.get("params")
    assert Settings().ocr_languages == ("eng", "rus")  # the default is the CLI's


def test_check_titles_are_not_cut_at_1280x720(qtbot, window):
    """At a laptop's 1280x720 the side panel is wide enough for the check titles ("Speech
    without subtitles" was cut to "Speech without s..." at 350 px)."""
    from PySide6.QtWidgets import QTreeWidgetItem

    from reelstudio.checks import CHECK_ORDER, REGISTRY

    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    tree = window.checklist.checks
    tree.clear()
    titles = [REGISTRY[c].title for c in CHECK_ORDER]
    for c in CHECK_ORDER:
        tree.addTopLevelItem(QTreeWidgetItem([REGISTRY[c].title, "\u2714 pass", f"{REGISTRY[c].weight:g}",
                                              f"{REGISTRY[c].weight:g}"]))
    qtbot.wait(50)
    width = tree.columnWidth(0)
    cut = [t for t in titles if tree.fontMetrics().horizontalAdvance(t) + 12 > width]
    # the longest, "Text under the platform's buttons", may still lose its last letters
    assert len(cut) <= 1, (width, cut)


# -- the flag panel: groups, filters, accept as intentional (issue 16) ------------------------
def grouped_flags(win, tb):
    """The numbered clip's analysis with four flags of three checks, and failing rows for them."""
    data = dict(win.analysis)
    data["flags"] = sorted(three_flags(tb), key=lambda f: f["start_frame"])
    rows = []
    for row in data["checklist"]:
        n = sum(1 for f in data["flags"] if f["check"] == row["check"])
        if n:
            row = dict(row, status="fail", score=0.2, points=round(row["weight"] * 0.2, 3), flags=n)
        rows.append(row)
    data["checklist"] = rows
    from reelstudio import scoring

    data["score"] = scoring.total(rows).score
    data["band"] = scoring.band_of(data["score"])
    return data


def click_item(qtbot, tree, item) -> None:
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())


def test_the_flag_panel_groups_flags_by_check_title_and_filters_by_severity_and_check(qtbot, analysed_clip):
    win, tb = analysed_clip
    data = grouped_flags(win, tb)
    win.load_analysis(data)
    panel = win.checklist
    titles = {r["check"]: r["title"] for r in data["checklist"]}
    # black_frames (7, 31), frozen_frames (31), dead_air (89): a group each, in the order they first flag
    assert panel.group_titles() == [f"{titles['black_frames']}  (2)", f"{titles['frozen_frames']}  (1)",
                                    f"{titles['dead_air']}  (1)"]
    assert panel.group_item("black_frames").child(0).text(0) == tb.frame_to_timecode(7)
    assert panel.shown_flag_count() == 4
    # no id anywhere a person reads: the detail and the Flags lane's labels use the titles
    panel.activate_flag(0)
    heading = panel.detail.toPlainText().splitlines()[0]  # (the test flags' messages are their ids)
    assert heading.startswith(titles["black_frames"]) and "black_frames" not in heading
    assert win.timeline.flag_labels() == [titles["black_frames"], titles["frozen_frames"], titles["dead_air"]]
    # severity filter
    panel.set_filters(severity="error")
    assert [data["flags"][int(i.data(0, Qt.ItemDataRole.UserRole))]["severity"] for i in panel.flag_items()] == \
        ["error"]
    panel.set_filters(severity="warning")
    assert sorted(int(i.data(0, Qt.ItemDataRole.UserRole)) for i in panel.flag_items()) == [1, 2]
    # check filter, through its combo box as a user picks it
    panel.set_filters()
    combo = panel.check_filter
    assert [combo.itemText(i) for i in range(combo.count())] == \
        ["All checks", titles["black_frames"], titles["frozen_frames"], titles["dead_air"]]
    combo.setCurrentIndex(combo.findData("dead_air"))
    assert panel.group_titles() == [f"{titles['dead_air']}  (1)"] and panel.shown_flag_count() == 1
    # a flag hidden by a filter is shown again when Shift+Down steps onto it
    win.seek(0)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    qtbot.keyClick(win, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert panel.selected_flag() == 0 and panel.shown_flag_count() == 4
    assert_shows(win, 7, tb)


def test_a_check_row_or_a_group_selects_every_flag_of_the_check_and_only_the_selection_is_shaded(
        qtbot, analysed_clip):
    win, tb = analysed_clip
    data = grouped_flags(win, tb)
    win.load_analysis(data)
    panel, tl = win.checklist, win.timeline
    assert tl.shaded_regions() == 0, "nothing is shaded over the lanes before a flag is selected"
    lanes = len(tl.plots)
    # a checklist row: its whole group, the first of its flags on screen
    row = next(panel.checks.topLevelItem(i) for i in range(panel.checks.topLevelItemCount())
               if panel.checks.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "black_frames")
    click_item(qtbot, panel.checks, row)
    black = [i for i, f in enumerate(data["flags"]) if f["check"] == "black_frames"]
    assert panel.selected_check() == "black_frames"
    assert tl.highlighted_flags() == black and tl.shaded_regions() == len(black) * lanes
    assert_shows(win, 7, tb)
    detail = panel.detail.toPlainText()
    assert "2 flags" in detail
    # the group says each flag's time, severity and message, not timecodes alone
    for i in black:
        f = data["flags"][i]
        assert f"{tb.frame_to_timecode(f['start_frame'])} {f['severity']}: {f['message']}" in detail
    assert "Fix: -" in detail  # the flags share their fix: said once
    # a group of one says what its flag says
    click_item(qtbot, panel.flags, panel.group_item("dead_air"))
    assert "Fix: -" in panel.detail.toPlainText() and "frames 89" in panel.detail.toPlainText()
    # one flag: only it
    click_item(qtbot, panel.flags, panel.flag_item(3))
    assert tl.highlighted_flags() == [3] and tl.highlighted_flag() == 3 and tl.shaded_regions() == lanes
    assert_shows(win, 89, tb)
    # a group row in the flag panel does as the checklist row
    click_item(qtbot, panel.flags, panel.group_item("frozen_frames"))
    assert tl.highlighted_flags() == [i for i, f in enumerate(data["flags"]) if f["check"] == "frozen_frames"]
    assert_shows(win, 31, tb)
    # a row whose check has no flag says what it checks and selects nothing
    quiet = next(panel.checks.topLevelItem(i) for i in range(panel.checks.topLevelItemCount())
                 if panel.checks.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "format")
    click_item(qtbot, panel.checks, quiet)
    assert panel.selected_check() == "frozen_frames"


def test_accept_as_intentional_is_stored_per_video_rescored_and_shown_as_accepted(qtbot, analysed_clip, tmp_path,
                                                                                  monkeypatch):
    from reelstudio.accepted import AcceptedStore, content_hash, flag_key

    win, tb = analysed_clip
    data = grouped_flags(win, tb)
    win.load_analysis(data)
    panel = win.checklist
    before = data["score"]
    click_item(qtbot, panel.flags, panel.flag_item(3))  # dead_air, info
    assert panel.accept_button.text() == "Accept as intentional"
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    # stored by the video's content, re-scored, marked in the list, the lane and the JSON
    assert AcceptedStore().keys(content_hash(win.path)) == {flag_key(data["flags"][3])}
    assert win.analysis["flags"][3]["accepted"] is True and win.analysis["score"] > before
    assert win.analysis["accepted_flags"]["score_without"] == before
    assert panel.flag_item(3).text(1) == "\u2713 accepted"
    assert "1 accepted" in panel.group_item("dead_air").text(0)
    assert panel.score_label.text() == str(win.analysis["score"])
    assert win.summary_label.text() == win.summary.short_text() and str(win.analysis["score"]) in win.summary_label.text()
    assert "accepted as intentional" in panel.band_label.text()
    assert panel.selected_flag() == 3 and panel.accept_button.text() == "Undo accept"
    dead_air_row = next(r for r in win.analysis["checklist"] if r["check"] == "dead_air")
    assert dead_air_row["status"] == "pass" and dead_air_row["accepted"] == 1
    row_item = next(panel.checks.topLevelItem(i) for i in range(panel.checks.topLevelItemCount())
                    if panel.checks.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == "dead_air")
    assert "1 flag accepted as intentional" in row_item.toolTip(1) and row_item.font(1).italic()
    # a whole group at once
    click_item(qtbot, panel.flags, panel.group_item("black_frames"))
    assert panel.accept_button.text() == "Accept all 2 as intentional"
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    assert win.analysis["accepted_flags"]["count"] == 3
    # hidden with the Accepted box off
    panel.show_accepted.setChecked(False)
    assert panel.shown_flag_count() == 1
    panel.show_accepted.setChecked(True)
    # exports say accepted
    out = tmp_path / "m.csv"
    exported(qtbot, win, out, lambda: win.export_to(str(out), "csv"))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert sorted(r["start_frame"] for r in rows if r["accepted"] == "yes") == ["31", "7", "89"]
    # the same video opened again (a new window, the unaccepted analysis, a new session that has
    # not hashed it yet): still accepted, once its bytes are hashed, and never on the GUI thread
    import threading

    from reelstudio import accepted as accepted_mod, resources

    accepted_mod._hashes.clear()
    on_gui, real = [], resources.sha256_of
    monkeypatch.setattr(resources, "sha256_of",
                        lambda p: (on_gui.append(threading.current_thread() is threading.main_thread()), real(p))[1])
    again = MainWindow()
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.hashReady, timeout=30_000):
        assert again.open_file(win.path, analysis=data)
    qtbot.waitUntil(lambda: [f.get("accepted", False) for f in again.analysis["flags"]] == [True, False, True, True])
    assert on_gui == [False]
    again.close()
    # undo
    click_item(qtbot, panel.flags, panel.flag_item(3))
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    assert not win.analysis["flags"][3].get("accepted")
    assert AcceptedStore().keys(content_hash(win.path)) == {flag_key(data["flags"][i]) for i in (0, 2)}


# -- scrubbing (issue 16) -----------------------------------------------------------------------
def ruler_point(win, frame: int, within: float = 0.5) -> QPoint:
    tl = win.timeline
    scene = tl.ruler.vb.mapViewToScene(pg.Point(frame + within, 0))
    x = tl.ruler_view.mapFromScene(scene).x()
    return QPoint(x, tl.ruler_view.viewport().height() - 8)  # on the timecode ticks


def test_pressing_and_dragging_on_the_ruler_scrubs_frame_accurately(qtbot, analysed_clip):
    win, tb = analysed_clip
    shown: list[int] = []
    win.player.frameChanged.connect(shown.append)
    viewport = win.timeline.ruler_view.viewport()
    for frame in (0, 13, 44, 89):  # a press alone shows the frame under the pointer
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=ruler_point(win, frame))
        assert_shows(win, frame, tb)
    shown.clear()
    drag(viewport, ruler_point(win, 10), ruler_point(win, 70), steps=12)
    assert_shows(win, 70, tb)
    assert shown[0] == 10 and shown[-1] == 70 and len(shown) >= 8, shown  # it followed the pointer
    assert shown == sorted(shown) and len(set(shown)) == len(shown), "one seek per frame crossed"
    assert not win.timeline.is_scrubbing()
    # zoomed in, either edge of a frame's slot on the ruler is that frame; the view does not pan
    win.timeline.master.setXRange(40, 52, padding=0)
    view = win.timeline.visible_range()
    for frame, within in ((41, 0.1), (47, 0.9), (50, 0.5)):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=ruler_point(win, frame, within))
        assert_shows(win, frame, tb)
    assert win.timeline.visible_range() == view


def test_dragging_the_playhead_scrubs_and_a_drag_beside_it_still_pans(qtbot, analysed_clip):
    win, tb = analysed_clip
    tl = win.timeline
    win.seek(20)
    view = tl.view.viewport()
    start = tl.view.mapFromScene(tl.scene_pos_of_frame(20, "loudness"))
    end = tl.view.mapFromScene(tl.scene_pos_of_frame(60, "loudness"))
    shown: list[int] = []
    win.player.frameChanged.connect(shown.append)
    before = tl.visible_range()
    drag(view, start, end, steps=10, pause_ms=20)
    assert_shows(win, 60, tb)
    assert len(shown) >= 3 and shown[-1] == 60 and shown == sorted(shown), shown  # it followed the pointer
    assert tl.visible_range() == before, "dragging the playhead does not pan"
    assert all(abs(h.value() - 60.5) < 1e-9 for h in tl.playheads), "every playhead sits on the frame shown"
    # a drag that starts away from the playhead pans and leaves the frame alone (zoomed in, so
    # there is room to pan; moves paced as a hand's: pyqtgraph drops faster ones)
    tl.zoom(2.0, around=30)
    zoomed = tl.visible_range()
    start = tl.view.mapFromScene(tl.scene_pos_of_frame(30, "loudness"))
    drag(view, start, start + QPoint(80, 0), steps=6, pause_ms=20)
    assert tl.visible_range() != zoomed and win.player.current_frame() == 60


# -- waveform and sound (issue 16) --------------------------------------------------------------
def test_the_waveform_lane_draws_the_analysis_envelope_without_decoding(qtbot, analysed_clip, monkeypatch):
    import reelstudio.media.audio as media_audio

    win, tb = analysed_clip
    wave = win.analysis["lanes"]["loudness"]["waveform"]
    assert wave["hop_s"] > 0 and len(wave["min"]) == len(wave["max"]) > 0
    # drawing it again decodes nothing: the lane is all it reads
    monkeypatch.setattr(media_audio, "iter_audio", lambda *a, **k: pytest.fail("the GUI decoded audio"))
    win.timeline.clear()
    win.load_analysis(win.analysis)
    curves = [i for i in win.timeline.lane_items("waveform") if isinstance(i, pg.PlotCurveItem)]
    assert len(curves) >= 2
    ys = sorted((tuple(c.yData) for c in curves[:2]), key=lambda y: sum(y))
    assert list(ys[0]) == wave["min"] and list(ys[1]) == wave["max"]
    # on the frame axis: the last hop ends at the audio's end, within a hop of the last frame
    x_last = curves[0].xData[-1]
    assert abs(x_last - tb.frame_count) <= float(tb.fps) * wave["hop_s"] * 2
    assert "Waveform" in win.timeline.plots["waveform"].getAxis("left").labelText
    # an old analysis without the field, and a video without sound, say so in the lane
    old = json.loads(json.dumps(win.analysis))
    del old["lanes"]["loudness"]["waveform"]
    win.load_analysis(old)
    notes = [i.toPlainText() for i in win.timeline.lane_items("waveform") if isinstance(i, pg.TextItem)]
    assert notes and "analyse again" in notes[0]
    old["lanes"]["loudness"] = {"status": "unavailable", "reason": "no audio track", "cause": "no_input"}
    win.load_analysis(old)
    notes = [i.toPlainText() for i in win.timeline.lane_items("waveform") if isinstance(i, pg.TextItem)]
    assert notes == ["unavailable: no audio track"]


def test_the_sound_device_is_shown_and_chosen_in_settings(qtbot, analysed_clip, monkeypatch):
    from reelstudio.gui import audio_out, settings as settings_mod

    win, _ = analysed_clip
    status = win.player.audio_status()
    label = win.sound_label
    if status == audio_out.NO_DEVICE:  # CI and this machine: no sound server
        assert label.isVisible() and label.text() == "No sound device: plays silently"
        win.player.play()
        assert "no sound device" in win.status_label.text().lower()
        win.player.pause()
    # a device appears (or is chosen): the indicator names it
    win.player.audio._set_status("sound: ready (Laptop speakers)")
    assert label.text() == "Sound: Laptop speakers" and label.isVisible()
    win.player.audio._set_status("silent: the video has no sound")
    assert label.text() == "No sound in this video"
    # Settings lists the outputs; the choice is stored and reaches the player
    monkeypatch.setattr(audio_out, "output_devices", lambda: [("alsa_output.usb", "USB headphones"),
                                                               ("alsa_output.pci", "Built-in speakers")])
    dialog = settings_mod.SettingsDialog(win.settings, win)
    qtbot.addWidget(dialog)
    items = [dialog.sound.itemText(i) for i in range(dialog.sound.count())]
    assert items == ["System default", "USB headphones", "Built-in speakers"]
    dialog.sound.setCurrentIndex(1)
    chosen = dialog.result_settings()
    assert chosen.audio_device == "alsa_output.usb"
    win.apply_settings(chosen)
    assert win.player.audio.device_id == "alsa_output.usb"
    assert load_settings().audio_device == "alsa_output.usb"
    again = settings_mod.SettingsDialog(load_settings(), win)
    qtbot.addWidget(again)
    assert again.sound.currentData() == "alsa_output.usb"


# -- the transcript panel (issue 16) ------------------------------------------------------------
def with_transcript(win, tb):
    """The numbered clip's analysis with words and burned-in captions (its tone has none)."""
    data = json.loads(json.dumps(win.analysis))
    words = [("Hello", 0.2, 0.6), ("wurld", 1.0, 1.3), ("again.", 1.4, 1.9)]
    data["lanes"]["speech"] = {"status": "ok", "intervals": [{"start_s": 0.2, "end_s": 1.9}],
                               "words": [{"start_s": s, "end_s": e, "text": t,
                                          "start_frame": tb.seconds_to_nearest_frame(s),
                                          "end_frame": tb.seconds_to_nearest_frame(e)} for t, s, e in words]}
    data["lanes"]["text"] = {"status": "ok", "intervals": [
        {"start_frame": 6, "end_frame": 28, "text": "Helo", "role": "subtitle", "box": [10, 80, 60, 10]},
        {"start_frame": 30, "end_frame": 57, "text": "wurld again.", "role": "subtitle", "box": [10, 80, 60, 10]}]}
    return data


def click_word(qtbot, panel, text: str) -> None:
    """Click the word's link where it is drawn in the words view."""
    from PySide6.QtGui import QTextCursor

    doc = panel.words_view.document()
    found = doc.find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(doc)
    cursor.setPosition(found.selectionStart() + 1)
    rect = panel.words_view.cursorRect(cursor)
    qtbot.mouseClick(panel.words_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def exported(qtbot, win, path, start, timeout_ms: int = 120_000) -> None:
    """Start an export and wait for its file (a worker that finishes before a waitSignal on
    its ``done`` connects would never be heard); an export that fails shows its error."""
    errors: list[str] = []
    win.errorShown.connect(lambda _title, text: errors.append(text))
    start()
    qtbot.waitUntil(lambda: path.exists() or bool(errors), timeout=timeout_ms)
    assert not errors, errors
    for box in visible_error_boxes():
        dismiss(box)


def test_the_transcript_panel_seeks_edits_words_and_captions_and_exports_the_edited_text(qtbot, analysed_clip,
                                                                                           tmp_path):
    win, tb = analysed_clip
    data = with_transcript(win, tb)
    win.load_analysis(data)
    win.side.setCurrentWidget(win.transcript)
    panel = win.transcript
    qtbot.waitExposed(panel.words_view)
    assert panel.shown_words() == ["Hello", "wurld", "again."]  # reading order
    # click a word: its first frame is shown, it is ready to correct
    click_word(qtbot, panel, "wurld")
    assert panel.selected_word() == 1 and panel.word_edit.text() == "wurld"
    assert_shows(win, tb.seconds_to_nearest_frame(1.0), tb)
    assert panel.current_word() == 1, "the word at the playhead is marked"
    win.seek(tb.seconds_to_nearest_frame(0.8))  # between words
    assert panel.current_word() is None
    win.seek(tb.seconds_to_nearest_frame(1.5))
    assert panel.current_word() == 2
    panel.word_edit.setFocus()
    panel.word_edit.selectAll()
    qtbot.keyClicks(panel.word_edit, "world")
    qtbot.keyClick(panel.word_edit, Qt.Key.Key_Return)
    word = win.analysis["lanes"]["speech"]["words"][1]
    assert word["text"] == "world" and word["text_recognised"] == "wurld"
    assert panel.shown_words() == ["Hello", "world", "again."]
    labels = [i.toPlainText() for i in win.timeline.lane_items("speech") if isinstance(i, pg.TextItem)]
    assert "world" in labels and "wurld" not in labels, "the timeline shows the correction"
    assert "1 correction" in panel.note.text()
    # a caption, edited in its cell
    assert [panel.captions.item(r, 2).text() for r in range(panel.captions.rowCount())] == ["Helo", "wurld again."]
    cell = panel.captions.item(0, 2)
    qtbot.mouseClick(panel.captions.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.captions.visualItemRect(cell).center())
    assert_shows(win, 6, tb)
    cell.setText("Hello")  # as the cell editor commits it
    assert win.analysis["lanes"]["text"]["intervals"][0]["text"] == "Hello"
    assert win.analysis["lanes"]["text"]["intervals"][0]["text_read"] == "Helo"
    # analysed again (or closed and opened): the corrections are stored for this video and come back
    win.load_analysis(with_transcript(win, tb))
    assert win.analysis["lanes"]["speech"]["words"][1]["text"] == "world"
    assert win.analysis["lanes"]["text"]["intervals"][0]["text"] == "Hello"
    assert panel.shown_words() == ["Hello", "world", "again."]
    # SRT from the corrected words, VTT from the corrected captions
    srt, vtt = tmp_path / "t.srt", tmp_path / "t.vtt"
    assert panel.subtitle_source() == "speech"
    exported(qtbot, win, srt, lambda: win.export_subtitles("srt", str(srt)))
    assert "Hello world again." in srt.read_text(encoding="utf-8")
    panel.source.setCurrentIndex(panel.source.findData("captions"))
    exported(qtbot, win, vtt, lambda: win.export_subtitles("vtt", str(vtt)))
    text = vtt.read_text(encoding="utf-8")
    assert "Hello" in text and "Helo" not in text and "wurld again." in text
    # the buttons ask where, then export
    from PySide6.QtWidgets import QFileDialog

    asked = tmp_path / "asked.srt"
    import unittest.mock as mock

    with mock.patch.object(QFileDialog, "getSaveFileName", return_value=(str(tmp_path / "asked"), "")):
        panel.source.setCurrentIndex(panel.source.findData("speech"))
        qtbot.mouseClick(panel.export_srt, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(asked.exists, timeout=30_000)
    assert "world" in asked.read_text(encoding="utf-8")
    # a flag selected from the keyboard brings the checklist back to the front
    win.activateWindow()
    win.seek(0)
    flagged = dict(win.analysis)
    flagged["flags"] = three_flags(tb)
    win.load_analysis(flagged)
    win.side.setCurrentWidget(win.transcript)
    win.next_flag()
    assert win.side.currentWidget() is win.checklist


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1920, 1080)])
def test_the_flag_panel_and_transcript_fit_at_laptop_and_desktop_sizes(qtbot, analysed_clip, size):
    """What the screenshots showed, held: group titles whole, the accept button and the export
    buttons on screen, the sound indicator in the status bar, every flag row of the lane drawn."""
    win, tb = analysed_clip
    win.resize(*size)
    qtbot.waitUntil(lambda: win.size().toTuple() == size, timeout=3000)
    data = grouped_flags(win, tb)
    data["lanes"] = with_transcript(win, tb)["lanes"]
    win.load_analysis(data)
    QApplication.processEvents()
    panel = win.checklist
    tree = panel.flags
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        need = QFontMetrics(group.font(0)).horizontalAdvance(group.text(0))
        assert tree.visualItemRect(group).width() >= need, (group.text(0), tree.visualItemRect(group).width())
    window_rect = win.rect()
    for w in (panel.accept_button, win.sound_label):
        assert w.isVisible() and window_rect.contains(w.mapTo(win, w.rect().bottomRight())), w
    assert len(win.timeline.flag_labels()) == 3
    win.side.setCurrentWidget(win.transcript)
    QApplication.processEvents()
    for w in (win.transcript.export_srt, win.transcript.export_vtt, win.transcript.word_edit):
        assert w.isVisible() and window_rect.contains(w.mapTo(win, w.rect().bottomRight())), w
