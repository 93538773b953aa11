"""Issue 15 in the GUI: a lane no painter knows gets a row of its own, drawn generically (not
dropped); the loudness curve is drawn at the times the PDF and the checks read it at."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt

from new_modules import BRIGHT, DARK, bright_clip, installed
from reelstudio.gui.timeline import LANE_ROWS, TimelineWidget


@pytest.fixture(scope="module")
def bright_analysis(tmp_path_factory) -> dict:
    from reelstudio.pipeline import analyze

    tmp = tmp_path_factory.mktemp("new_lane_gui")
    with installed(tmp / "modules"):
        skip = ("cuts", "picture", "faces", "text", "loudness", "speech", "subtitle_sync")
        return analyze(str(bright_clip(tmp / "bright.mp4")), cache=False, skip=skip).to_json()


def test_a_lane_no_painter_knows_gets_a_row_drawn_generically(qtbot, bright_analysis):
    tl = TimelineWidget()
    qtbot.addWidget(tl)
    tl.set_analysis(bright_analysis)
    assert list(tl.plots) == [k for k, _, _ in LANE_ROWS] + ["bright"]
    assert tl.plots["bright"].getAxis("left").labelText == "Bright"
    bars = [i for i in tl.lane_items("bright") if isinstance(i, pg.BarGraphItem)]
    assert len(bars) == 1
    x0, width = bars[0].opts["x0"], bars[0].opts["width"]
    assert (float(x0[0]), float(width[0])) == (DARK, BRIGHT)
    ticks = [i for i in tl.lane_items("bright") if isinstance(i, pg.PlotCurveItem)]
    assert len(ticks) == 1 and list(ticks[0].xData) == [DARK + 0.5, DARK + 0.5]
    # the next analysis without that lane: its row goes
    without = dict(bright_analysis, lanes={k: v for k, v in bright_analysis["lanes"].items() if k != "bright"})
    tl.set_analysis(without)
    assert list(tl.plots) == [k for k, _, _ in LANE_ROWS]


def test_the_loudness_curve_is_drawn_when_its_values_are_reached(qtbot):
    """Value k of the short-term curve covers the sound up to (k + 1) * hop_s (as the PDF and
    the checks read it): the GUI drew it one hop (0.1 s, 3 frames) early."""
    values = [-20.0 + k % 5 for k in range(30)]
    loud = {"status": "ok", "integrated_lufs": -18.0, "true_peak_dbtp": -3.0, "lra_lu": 2.0,
            "short_term": {"hop_s": 0.1, "window_s": 3.0, "values": values}, "audio_offset_s": 0.2}
    analysis = {"source": {"fps": "30/1", "frame_count": 90, "duration_s": 3.0, "width": 1080, "height": 1920},
                "lanes": {"loudness": loud}, "flags": [], "checklist": []}
    tl = TimelineWidget()
    qtbot.addWidget(tl)
    tl.set_analysis(analysis)
    curve = [i for i in tl.lane_items("loudness") if isinstance(i, pg.PlotDataItem)]
    assert len(curve) == 1
    assert curve[0].xData[0] == pytest.approx((0.2 + 0.1) * 30)  # offset + one hop, at 30 fps
    from reelstudio.lanes import curve_times  # the PDF's and the checks' rule

    assert np.allclose(curve[0].xData, np.asarray(curve_times(loud)) * 30)


def test_the_new_check_is_a_row_of_the_apps_checklist(qtbot, bright_analysis):
    from reelstudio.gui.checklist import ChecklistPanel

    panel = ChecklistPanel()
    qtbot.addWidget(panel)
    panel.set_analysis(bright_analysis)
    rows = [panel.checks.topLevelItem(i) for i in range(panel.checks.topLevelItemCount())]
    mine = [r for r in rows if r.data(0, Qt.ItemDataRole.UserRole) == "too_bright"]
    assert len(mine) == 1 and mine[0].text(0) == "Too bright" and mine[0].text(2) == "4"
    assert panel.title_of("too_bright") == "Too bright"


def test_the_timeline_rows_are_labelled_as_the_pdf_labels_them(qtbot):
    """One title per lane: the GUI said "Captions" where the PDF said "On-screen text" (now "Text" in both: a
    longer label does not fit the row at 1280x720)."""
    from reelstudio.report.timeline_image import LANE_TITLES

    tl = TimelineWidget()
    qtbot.addWidget(tl)
    for key in tl.plots:
        if key in LANE_TITLES:
            assert tl.plots[key].getAxis("left").labelText == LANE_TITLES[key], key


def test_every_row_is_tall_enough_for_its_label(qtbot):
    """The left-axis labels are turned upright: a row shorter than its label's text clips it
    ('eform' for Waveform in a squeezed window, 1366x768)."""
    from PySide6.QtGui import QFontMetrics

    tl = TimelineWidget()
    qtbot.addWidget(tl)
    for key, label, _ in LANE_ROWS:
        axis = tl.plots[key].getAxis("left")
        font = axis.label.font()
        need = QFontMetrics(font).horizontalAdvance(axis.labelText) + 6
        assert tl.plots[key].minimumHeight() >= need, (key, label, tl.plots[key].minimumHeight(), need)
