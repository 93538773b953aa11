"""The timeline: one pyqtgraph plot per lane on one linked frame axis, with a playhead.

It reads the analysis JSON dict only (what the CLI writes). The x axis is the frame index
on the source grid: frame ``f`` covers ``[f, f + 1)``, so a click at x shows ``floor(x)``.
Seconds-based data (speech, loudness) are placed with the source's own timebase.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from .. import lanes as schema
from ..severity import SEVERITY_RGB
from ..timebase import Timebase
from ..transcript import caption_text

SEVERITY_COLOURS = SEVERITY_RGB  # one table (reelstudio/severity.py)
LANE_ROWS = (  # (key, label, height): a lane's row is labelled with the schema's title, as in the PDF
    ("flags", "Flags", 40),
    ("cuts", schema.LANES["cuts"].title, 50),
    ("faces", schema.LANES["faces"].title, 40),
    ("text", schema.LANES["text"].title, 60),
    ("speech", schema.LANES["speech"].title, 60),
    ("waveform", "Waveform", 68),  # its upright label is ~61 px of text
    ("loudness", schema.LANES["loudness"].title, 80),
    ("motion", schema.LANES["motion"].title, 55),
)
DEFAULT_LOUDNESS_TARGET = -14.0
RULER_HEIGHT = 34  # px: the time ruler under the lanes, always shown
MARK_RGB = (0, 120, 215)
FLAG_ROW_PX = 16  # the Flags lane gives each check a row this high
ACCEPTED_RGB = (150, 155, 160)  # accepted flags: grey, as in the flag panel  # in/out marks: blue, apart from the severity colours


timebase_of = schema.timebase_of  # the source's frame grid from the JSON's ``source``: one rule for every reader
GENERIC_ROW_PX = 40  # a lane no painter here knows gets a row this high, drawn generically


def seconds_to_x(tb: Timebase, seconds) -> np.ndarray:
    """Seconds -> fractional frame position on the timeline (exact for CFR, by lookup for VFR)."""
    t = np.asarray(seconds, dtype=np.float64)
    if tb.frame_times:
        grid = np.asarray(tb.frame_times, dtype=np.float64)
        return np.interp(t, grid, np.arange(len(grid), dtype=np.float64), left=0.0, right=float(len(grid)))
    return t * float(tb.fps)


def interval_frames(tb: Timebase, item: dict) -> tuple[float, float]:
    """``[start, end)`` of an interval in frames, from its frames when present, else its seconds."""
    if "start_frame" in item and "end_frame" in item:
        return float(item["start_frame"]), float(item["end_frame"])
    return float(seconds_to_x(tb, item["start_s"])), float(seconds_to_x(tb, item["end_s"]))


class TimecodeAxis(pg.AxisItem):
    """Frame values shown as HH:MM:SS:FF."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timebase: Timebase | None = None

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802 - pyqtgraph's name
        """Ticks on whole frames, seconds or minutes, about every 110 px."""
        if self.timebase is None or maxVal <= minVal:
            return super().tickSpacing(minVal, maxVal, size)
        fps = float(self.timebase.fps)
        steps = [1, 2, 5, 10] + [fps * s for s in (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600)]
        wanted = (maxVal - minVal) * 110 / max(size, 1)
        major = next((s for s in steps if s >= wanted), steps[-1])
        minor = next((s for s in reversed(steps) if s <= major / 4), major)
        return [(major, 0), (minor, 0)]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        if self.timebase is None:
            return [str(int(v)) for v in values]
        return [self.timebase.frame_to_timecode(int(round(v))) if v >= 0 else "" for v in values]


def _bars(spans: list[tuple[float, float]], y0: float, h: float, brush) -> pg.BarGraphItem | None:
    if not spans:
        return None
    x0 = np.array([s for s, _ in spans], dtype=float)
    w = np.array([max(e - s, 0.5) for s, e in spans], dtype=float)
    return pg.BarGraphItem(x0=x0, width=w, y0=np.full(len(spans), y0), height=np.full(len(spans), h),
                           brush=brush, pen=pg.mkPen(None))


class TimelineWidget(QWidget):
    """Lanes on one linked frame axis. ``seekRequested(frame)`` when the user clicks a lane."""

    seekRequested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.view = pg.GraphicsLayoutWidget()  # the lanes
        self.view.setBackground("w")
        self.view.ci.layout.setSpacing(0)
        # on a laptop the lanes do not fit: they scroll, and the ruler under them stays in view
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.view)
        self.ruler_view = pg.GraphicsLayoutWidget()  # the time ruler, laid out as a lane so x lines up
        self.ruler_view.setBackground("w")
        self.ruler_view.ci.layout.setSpacing(0)
        self.ruler_view.setFixedHeight(RULER_HEIGHT)
        self.ruler_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._ruler_holder = QWidget()
        ruler_row = QVBoxLayout(self._ruler_holder)
        ruler_row.setContentsMargins(0, 0, 0, 0)
        ruler_row.addWidget(self.ruler_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self._ruler_holder)
        bar = self.scroll.verticalScrollBar()
        bar.rangeChanged.connect(lambda _lo, _hi: self._align_ruler())
        self.timebase: Timebase | None = None
        self.frame_count = 0
        self.plots: dict[str, pg.PlotItem] = {}
        self.playheads: list[pg.InfiniteLine] = []
        self._lane_items: dict[str, list] = {}
        self._flag_items: list[list] = []  # per flag: (plot, item) pairs
        self._highlight_regions: list = []
        self._flags: list[dict] = []
        self._highlighted: int | None = None
        self._highlighted_set: list[int] = []
        self._flag_labels: list[pg.TextItem] = []  # the Flags lane's row labels, kept at its left edge
        self._word_items: list[pg.TextItem] = []
        self._caption_labels: list[tuple[pg.TextItem, float, float]] = []
        self._mark_items: list = []  # (plot, item) of the in/out marks
        self._marks: tuple[int | None, int | None] = (None, None)
        self.loudness_target = DEFAULT_LOUDNESS_TARGET
        self._playhead = 0
        self.axis = TimecodeAxis("bottom")
        self.master = None
        for key, label, height in LANE_ROWS:
            self._add_row(key, label, height)
        master = self.master
        self._fit_rows()
        ruler = self.ruler_view.addPlot(row=0, col=0, axisItems={"bottom": self.axis})
        ruler.setMenuEnabled(False)
        ruler.hideButtons()
        ruler.setMouseEnabled(x=False, y=False)
        left = ruler.getAxis("left")
        left.setWidth(62)
        left.setStyle(showValues=False, tickLength=0)
        left.setPen(pg.mkPen(None))
        ruler.getViewBox().setMaximumHeight(2)
        ruler.setXLink(master)
        head = pg.InfiniteLine(pos=0, angle=90, movable=False, pen=pg.mkPen((200, 0, 0), width=2))
        ruler.addItem(head, ignoreBounds=True)
        self.playheads.append(head)
        self.ruler = ruler
        # press or drag on the ruler scrubs: the frame under the pointer is shown, as in an NLE
        self._scrubbing = False
        self._last_scrub: int | None = None
        self.ruler_view.viewport().installEventFilter(self)
        self.ruler_view.viewport().setCursor(Qt.CursorShape.SizeHorCursor)
        self.ruler_view.setToolTip("Click or drag to scrub")
        master.sigXRangeChanged.connect(self._on_range_changed)
        self.plots["speech"].vb.sigResized.connect(self._on_range_changed)
        self.view.scene().sigMouseClicked.connect(self._on_click)
        self.clear()

    def _add_row(self, key: str, label: str, height: int) -> pg.PlotItem:
        """One lane's plot under the others, x-linked to the first, with its own playhead."""
        plot = self.view.addPlot(row=len(self.plots), col=0)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=True, y=False)
        left = plot.getAxis("left")
        left.setWidth(62)
        left.enableAutoSIPrefix(False)
        if key not in ("cuts", "loudness", "motion"):  # rows whose y axis has units
            left.setStyle(showValues=False)
        plot.setLabel("left", label)
        plot.hideAxis("bottom")
        plot.setMinimumHeight(height)
        plot.setClipToView(True)
        plot.setDownsampling(auto=True, mode="peak")
        if self.master is None:
            self.master = plot
        else:
            plot.setXLink(self.master)
        # the playhead can be dragged: it scrubs, frame by frame (a drag elsewhere pans)
        head = pg.InfiniteLine(pos=self._playhead + 0.5, angle=90, movable=True, pen=pg.mkPen((200, 0, 0), width=2),
                               hoverPen=pg.mkPen((255, 60, 60), width=4))
        head.sigDragged.connect(self._on_playhead_dragged)
        plot.addItem(head, ignoreBounds=True)
        self.playheads.append(head)
        self.plots[key] = plot
        self._lane_items[key] = []
        return plot

    def _fit_rows(self) -> None:
        """Every lane at its minimum height (with the layout's margins): below that, the lanes scroll."""
        lanes_min = self.view.ci.effectiveSizeHint(Qt.SizeHint.MinimumSize).height()
        self.view.setMinimumHeight(int(math.ceil(lanes_min)) + 2 * self.view.frameWidth())

    def _generic_row(self, name: str, lane: dict) -> None:
        """A row for a lane no painter here knows (a lane a new analyzer adds), made once."""
        if name in self.plots:
            return
        plot = self._add_row(name, schema.lane_title(name, lane), GENERIC_ROW_PX)
        if self.timebase is not None:
            n = max(self.frame_count, 1)
            plot.vb.setLimits(xMin=-0.02 * n, xMax=1.02 * n, minXRange=min(10, n))
        self._fit_rows()

    def _drop_generic_rows(self, keep=()) -> None:
        known = {key for key, _, _ in LANE_ROWS} | set(keep)
        for key in [k for k in self.plots if k not in known]:
            plot = self.plots.pop(key)
            self._lane_items.pop(key, None)
            self._drawn.pop(key, None)
            for item in list(plot.items):
                if item in self.playheads:
                    self.playheads.remove(item)
            self.view.removeItem(plot)
        self._fit_rows()

    def _align_ruler(self) -> None:
        """When the lanes' scrollbar shows, the ruler gives up the same width on the right so
        its frames stay under the lanes' frames."""
        bar = self.scroll.verticalScrollBar()
        right = bar.sizeHint().width() if bar.maximum() > 0 else 0
        self._ruler_holder.layout().setContentsMargins(0, 0, right, 0)

    def ruler_visible(self) -> bool:
        """The time ruler is on screen, whole (for tests)."""
        if not self.ruler_view.isVisible():
            return False
        rect = self.ruler_view.mapFromScene(self.axis.sceneBoundingRect()).boundingRect()
        return self.ruler_view.viewport().rect().contains(rect)

    # -- whole analysis ----------------------------------------------------------------
    def clear(self) -> None:
        self._pending: set[str] = set()  # rows showing a "not here yet" note
        self._lanes: dict = {}  # every lane JSON received for this source
        self._drawn: dict = {}  # row -> the lane JSON it was drawn from
        self._drop_generic_rows()
        for key in self.plots:
            self._clear_lane(key)
        self._clear_flags()
        self.set_in_out(None, None)
        self.timebase = None
        self.axis.timebase = None
        self.frame_count = 0
        self.set_playhead(0)

    def set_source(self, source: dict) -> None:
        """The frame grid to draw on (the analysis JSON's ``source``)."""
        timebase = timebase_of(source)
        if timebase != self.timebase:
            self._lanes, self._drawn = {}, {}  # drawn on another grid: draw again
        self.timebase = timebase
        self.axis.timebase = self.timebase
        self.frame_count = int(source["frame_count"])
        n = max(self.frame_count, 1)
        for plot in self.plots.values():
            plot.vb.setLimits(xMin=-0.02 * n, xMax=1.02 * n, minXRange=min(10, n))
        self.master.setXRange(0, n, padding=0.01)

    def set_analysis(self, analysis: dict) -> None:
        """Draw every lane and flag of a finished analysis JSON dict."""
        self.set_source(analysis["source"])
        self._drop_generic_rows(keep=analysis.get("lanes", {}))  # rows of lanes an earlier analysis had
        self.set_lanes(analysis.get("lanes", {}))
        titles = {r.get("check"): r.get("title") for r in analysis.get("checklist", []) if r.get("title")}
        self.set_flags(analysis.get("flags", []), titles)

    # lane rows and the lanes each one draws
    GROUPS = (("cuts", ("cuts",)), ("faces", ("faces",)), ("text", ("text",)), ("speech", ("speech",)),
              ("waveform", ("loudness",)), ("loudness", ("loudness", "silence")), ("motion", ("motion", "black", "frozen", "flashes")))

    def set_lanes(self, lanes: dict) -> None:
        """Add lanes (lane JSON dicts) to those already shown; a row is redrawn only when its lanes changed."""
        if self.timebase is None:
            return
        self._lanes.update(lanes)
        for row, names in self.GROUPS:
            if not any(n in lanes for n in names):
                continue
            inputs = tuple(self._lanes.get(n) for n in names)
            if self._drawn.get(row) == inputs:
                continue
            self._drawn[row] = inputs
            if row == "loudness":
                self._draw_loudness(*inputs)
            elif row == "motion":
                self._draw_picture(self._lanes)
            else:
                getattr(self, f"_draw_{row}")(inputs[0])
        known = {n for _, names in self.GROUPS for n in names} | set(schema.SHOWN_WITH)
        for name, lane in lanes.items():  # lanes no painter knows: a row each, drawn generically
            if name in known or not isinstance(lane, dict) or self._drawn.get(name) == (lane,):
                continue
            self._generic_row(name, lane)
            self._drawn[name] = (lane,)
            self._draw_generic(name, lane)

    def show_pending(self, text: str = "analysing…") -> None:
        """A note in every row whose lane has not arrived ("analysing…", "analysis cancelled")."""
        for key in self.plots:
            pending = key in self._pending
            if pending or (not self._lane_items[key] and not (key == "flags" and self._flag_items)):
                self._clear_lane(key)
                self._note(key, text, (150, 150, 150))
                self._pending.add(key)

    # -- playhead and seeking ----------------------------------------------------------
    def set_playhead(self, frame: int) -> None:
        self._playhead = int(frame)
        for head in self.playheads:
            head.setValue(frame + 0.5)  # the middle of the frame's [f, f + 1) slot

    def playhead(self) -> int:
        """The frame the playhead marks (the one on screen; not where a drag has the line now)."""
        return self._playhead

    def frame_at_x(self, x: float) -> int:
        return int(min(max(math.floor(x), 0), max(self.frame_count - 1, 0)))

    def scene_pos_of_frame(self, frame: float, lane: str = "cuts", within: float = 0.5):
        """Scene position inside ``frame``'s slot (``within`` 0..1 across it) in ``lane``."""
        plot = self.plots[lane]
        y = sum(plot.vb.viewRange()[1]) / 2
        return plot.vb.mapViewToScene(pg.Point(frame + within, y))

    # -- scrubbing ---------------------------------------------------------------------------
    def frame_at_ruler(self, x_px: float) -> int:
        """The frame under a point of the ruler (x in the ruler view's pixels)."""
        scene = self.ruler_view.mapToScene(int(round(x_px)), 0)
        return self.frame_at_x(self.ruler.vb.mapSceneToView(scene).x())

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        from PySide6.QtCore import QEvent

        if obj is self.ruler_view.viewport() and self.frame_count > 0:
            kind = event.type()
            if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
                self._scrubbing, self._last_scrub = True, None
                self._scrub_to(self.frame_at_ruler(event.position().x()))
                return True
            if kind == QEvent.Type.MouseMove and self._scrubbing and event.buttons() & Qt.MouseButton.LeftButton:
                self._scrub_to(self.frame_at_ruler(event.position().x()))
                return True
            if kind == QEvent.Type.MouseButtonRelease and self._scrubbing:
                self._scrubbing = False
                return True
        return super().eventFilter(obj, event)

    def _scrub_to(self, frame: int) -> None:
        if frame != self._last_scrub:  # one seek per frame crossed, not per mouse event
            self._last_scrub = frame
            self.seekRequested.emit(frame)

    def _on_playhead_dragged(self, line) -> None:
        frame = self.frame_at_x(line.value())
        if frame != self.playhead():
            self.seekRequested.emit(frame)  # the window shows it and sets every playhead to it
        line.setValue(self.playhead() + 0.5)  # on the middle of the frame shown, as when it is set

    def is_scrubbing(self) -> bool:
        return self._scrubbing

    def _on_click(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton or self.frame_count <= 0:
            return
        pos = ev.scenePos()
        for plot in self.plots.values():
            if plot.vb.sceneBoundingRect().contains(pos):
                x = plot.vb.mapSceneToView(pos).x()
                self.seekRequested.emit(self.frame_at_x(x))
                return

    # -- zoom ------------------------------------------------------------------------------
    def visible_range(self) -> tuple[float, float]:
        lo, hi = self.master.vb.viewRange()[0]
        return float(lo), float(hi)

    def zoom(self, factor: float, around: float | None = None) -> None:
        """Show ``factor`` times fewer frames (2: zoom in, 0.5: out), keeping ``around`` (a frame,
        default the playhead) at the same place on screen; never past the whole video."""
        if self.frame_count <= 0 or factor <= 0:
            return
        lo, hi = self.visible_range()
        n = float(self.frame_count)
        full = n * 1.02
        width = min(max((hi - lo) / factor, min(10.0, n)), full)
        x = (self.playhead() + 0.5) if around is None else float(around)
        share = (x - lo) / (hi - lo) if hi > lo and lo <= x <= hi else 0.5
        start = x - share * width
        start = min(max(start, -0.01 * n), 1.01 * n - width)
        self.master.setXRange(start, start + width, padding=0)

    def fit(self) -> None:
        """The whole video in view (as when it opened)."""
        if self.frame_count > 0:
            self.master.setXRange(0, self.frame_count, padding=0.01)

    # -- in / out marks ----------------------------------------------------------------------
    def set_in_out(self, mark_in: int | None, mark_out: int | None) -> None:
        """Show the in and out marks (frames, both inclusive; None: not set) on every lane:
        a line at each mark, the range between them shaded."""
        for plot, item in self._mark_items:
            plot.removeItem(item)
        self._mark_items = []
        self._marks = (mark_in, mark_out)
        pen = pg.mkPen(MARK_RGB, width=2)
        for key, plot in self.plots.items():
            if mark_in is not None and mark_out is not None:
                region = pg.LinearRegionItem((mark_in, mark_out + 1), movable=False,
                                             brush=pg.mkBrush(*MARK_RGB, 40), pen=pen)
                region.setZValue(-8)
                plot.addItem(region, ignoreBounds=True)
                self._mark_items.append((plot, region))
                continue
            for frame, edge in ((mark_in, 0), (mark_out, 1)):  # the in mark at its frame's start, out at its end
                if frame is not None:
                    line = pg.InfiniteLine(pos=frame + edge, angle=90, movable=False, pen=pen)
                    plot.addItem(line, ignoreBounds=True)
                    self._mark_items.append((plot, line))

    def in_out(self) -> tuple[int | None, int | None]:
        return self._marks

    def mark_items(self) -> list:
        """The graphics items drawn for the in/out marks (for tests)."""
        return [item for _plot, item in self._mark_items]

    def ensure_visible(self, frame: int) -> None:
        """Pan (keeping the zoom) so ``frame`` is in view."""
        lo, hi = self.master.vb.viewRange()[0]
        if lo <= frame <= hi:
            return
        width = hi - lo
        start = min(max(frame - width * 0.1, 0), max(self.frame_count - width, 0))
        self.master.setXRange(start, start + width, padding=0)

    # -- flags ---------------------------------------------------------------------------
    def set_flags(self, flags: list[dict], titles: dict[str, str] | None = None) -> None:
        """Flags as bars in the Flags lane, a row per check labelled with the check's title (the
        label stays at the lane's left edge while panning). Nothing is shaded over the other
        lanes until a flag or a group is selected (``highlight_flags``); accepted flags are grey."""
        from ..report._common import check_title

        self._clear_flags()
        self._clear_lane("flags")
        self._flags = list(flags)
        titles = titles or {}
        order: list[str] = []  # a row per check, in the order they first flag
        for f in sorted(self._flags, key=lambda f: int(f.get("start_frame", 0))):
            if f.get("check") not in order:
                order.append(f.get("check"))
        n_rows = max(len(order), 1)
        plot = self.plots["flags"]
        for flag in self._flags:
            s = float(flag.get("start_frame", 0))
            e = max(float(flag.get("end_frame", 0)), s + 1)
            row = n_rows - 1 - order.index(flag.get("check"))  # the first check on top
            accepted = bool(flag.get("accepted"))
            colour = ACCEPTED_RGB if accepted else SEVERITY_COLOURS.get(flag.get("severity", "warning"),
                                                                         SEVERITY_COLOURS["warning"])
            bar = _bars([(s, e)], row + 0.15, 0.7, pg.mkBrush(*colour, 110 if accepted else 210))
            title = titles.get(flag.get("check")) or check_title(str(flag.get("check", "")))
            bar.setToolTip(f"{title}{' (accepted)' if accepted else ''}: {flag.get('message', '')}")
            plot.addItem(bar)
            self._flag_items.append([(plot, bar)])
        for check in order:
            row = n_rows - 1 - order.index(check)
            label = pg.TextItem(titles.get(check) or check_title(str(check)), color=(25, 25, 25),
                                anchor=(0, 0.5), fill=pg.mkBrush(255, 255, 255, 190))
            label.setZValue(5)
            label.setPos(0, row + 0.5)
            self._add("flags", label, ignore_bounds=True)
            self._flag_labels.append(label)
        plot.setYRange(0, n_rows, padding=0.02)
        self._size_flags_lane(n_rows)
        if not self._flags:
            self._note("flags", "no flagged moments", (120, 120, 120))
        self._on_range_changed()

    def _size_flags_lane(self, rows: int) -> None:
        """Room for every check's row: the Flags lane grows, the lanes scroll if they must."""
        self.plots["flags"].setMinimumHeight(max(LANE_ROWS[0][2], FLAG_ROW_PX * rows + 6))
        self.view.ci.layout.invalidate()
        lanes_min = self.view.ci.effectiveSizeHint(Qt.SizeHint.MinimumSize).height()
        self.view.setMinimumHeight(int(math.ceil(lanes_min)) + 2 * self.view.frameWidth())

    def flag_labels(self) -> list[str]:
        """The Flags lane's row labels, top to bottom (for tests)."""
        return [label.textItem.toPlainText() for label in sorted(self._flag_labels, key=lambda t: -t.pos().y())]

    def highlight_flag(self, index: int | None) -> None:
        """Shade one flag over every lane (``None`` clears the shading)."""
        self.highlight_flags([] if index is None else [index])

    def highlight_flags(self, indices: list[int]) -> None:
        """Shade these flags (one flag, or a check's group) over every lane; the rest stay unshaded."""
        for plot, region in self._highlight_regions:
            plot.removeItem(region)
        self._highlight_regions = []
        self._highlighted_set = [i for i in indices if 0 <= i < len(self._flags)]
        self._highlighted = self._highlighted_set[0] if len(self._highlighted_set) == 1 else None
        if not self._highlighted_set:
            return
        first = None
        for index in self._highlighted_set:
            flag = self._flags[index]
            s = float(flag.get("start_frame", 0))
            e = max(float(flag.get("end_frame", s + 1)), s + 1)
            first = s if first is None else min(first, s)
            colour = ACCEPTED_RGB if flag.get("accepted") else SEVERITY_COLOURS.get(flag.get("severity"),
                                                                                   SEVERITY_COLOURS["warning"])
            for plot in self.plots.values():
                region = pg.LinearRegionItem((s, e), movable=False, brush=pg.mkBrush(*colour, 60),
                                             pen=pg.mkPen(*colour, width=2))
                region.setZValue(-5)
                plot.addItem(region, ignoreBounds=True)
                self._highlight_regions.append((plot, region))
        self.ensure_visible(int(first))

    def highlighted_flag(self) -> int | None:
        """The one flag shaded (None: none, or a group)."""
        return self._highlighted

    def highlighted_flags(self) -> list[int]:
        return list(self._highlighted_set)

    def shaded_regions(self) -> int:
        """How many shaded regions the lanes hold (for tests: none until something is selected)."""
        return len(self._highlight_regions)

    def flag_count(self) -> int:
        return len(self._flag_items)

    def _clear_flags(self) -> None:
        self.highlight_flag(None)
        for items in self._flag_items:
            for plot, item in items:
                plot.removeItem(item)
        self._flag_items = []
        self._flags = []

    # -- lanes ---------------------------------------------------------------------------
    def lane_items(self, key: str) -> list:
        """The graphics items drawn for one lane row (for tests and screenshots)."""
        return list(self._lane_items[key])

    def _clear_lane(self, key: str) -> None:
        plot = self.plots[key]
        for item in self._lane_items[key]:
            plot.removeItem(item)
        self._lane_items[key] = []
        self._pending.discard(key)
        if key == "speech":
            self._word_items = []
        if key == "text":
            self._caption_labels = []
        if key == "flags":
            self._flag_labels = []

    def _add(self, key: str, item, ignore_bounds: bool = False) -> None:
        if item is None:
            return
        self.plots[key].addItem(item, ignoreBounds=ignore_bounds)
        self._lane_items[key].append(item)

    def _unavailable(self, key: str, lane: dict) -> bool:
        if lane.get("status", "ok") == "ok":
            return False
        self._clear_lane(key)
        self._note(key, f"unavailable: {lane.get('reason', 'no reason given')}", (120, 120, 120))
        return True

    def _note(self, key: str, text: str, colour) -> None:
        label = pg.TextItem(text, color=colour, anchor=(0, 0.5))
        label.setPos(0, 0.5)
        self.plots[key].setYRange(0, 1, padding=0.05)
        self._add(key, label, ignore_bounds=True)

    def _draw_cuts(self, lane: dict) -> None:
        if self._unavailable("cuts", lane):
            return
        self._clear_lane("cuts")
        events = lane.get("events", [])
        frames = sorted({int(e["frame"]) for e in events})
        starts = [0] + [f for f in frames if 0 < f < self.frame_count]
        ends = starts[1:] + [self.frame_count]
        fps = float(self.timebase.fps)
        lengths = [(e - s) / fps for s, e in zip(starts, ends)]
        top = max(lengths + [1.0])
        # shots as bars whose height is the shot length in seconds, alternating shades
        for parity, colour in ((0, (90, 140, 200, 160)), (1, (140, 180, 230, 160))):
            spans = [(s, e) for i, (s, e) in enumerate(zip(starts, ends)) if i % 2 == parity]
            hs = [lengths[i] for i in range(len(starts)) if i % 2 == parity]
            if spans:
                x0 = np.array([s for s, _ in spans], float)
                w = np.array([e - s for s, e in spans], float)
                self._add("cuts", pg.BarGraphItem(x0=x0, width=w, y0=np.zeros(len(spans)), height=np.array(hs),
                                                  brush=pg.mkBrush(*colour), pen=pg.mkPen(None)))
        gradual = [e for e in events if e.get("kind") == "gradual" and "start_frame" in e]
        self._add("cuts", _bars([(float(e["start_frame"]), float(e["end_frame"])) for e in gradual], 0, top,
                                pg.mkBrush(255, 170, 0, 90)))
        if frames:  # every cut as one line item
            xs = np.repeat(np.asarray(frames, float), 2)
            ys = np.tile([0.0, top], len(frames))
            self._add("cuts", pg.PlotCurveItem(xs, ys, connect="pairs", pen=pg.mkPen((20, 40, 90), width=1.5)))
        for s, length in zip(starts, lengths):  # shot length labels; few per reel
            if len(starts) <= 80:
                label = pg.TextItem(f"{length:.1f}s", color=(20, 40, 90), anchor=(0, 0))
                label.setPos(s + 1, top)
                self._add("cuts", label, ignore_bounds=True)
        self.plots["cuts"].setYRange(0, top * 1.35, padding=0)

    def _draw_faces(self, lane: dict) -> None:
        if self._unavailable("faces", lane):
            return
        self._clear_lane("faces")
        largest = lane.get("largest")
        if largest:
            y = np.array([v if v is not None else 0.0 for v in largest], float)
            x = np.arange(len(y) + 1, dtype=float)
            self._add("faces", pg.PlotCurveItem(x, y, stepMode="center", fillLevel=0,
                                                brush=pg.mkBrush(60, 170, 90, 120), pen=pg.mkPen((30, 120, 60))))
            top = max(float(y.max(initial=0.0)), 0.2)
        else:
            top = 1.0
        spans = [interval_frames(self.timebase, i) for i in lane.get("intervals", [])]
        self._add("faces", _bars(spans, -0.12 * top, 0.1 * top, pg.mkBrush(30, 120, 60, 200)))
        self.plots["faces"].setYRange(-0.15 * top, top * 1.05, padding=0)

    def _draw_text(self, lane: dict) -> None:
        if self._unavailable("text", lane):
            return
        self._clear_lane("text")
        intervals = lane.get("intervals", [])
        rows: list[float] = []  # end of the last caption in each row, to stack overlaps
        for item in intervals:
            s, e = interval_frames(self.timebase, item)
            row = next((i for i, end in enumerate(rows) if end <= s), len(rows))
            if row == len(rows):
                rows.append(e)
            else:
                rows[row] = e
            subtitle = item.get("role") == "subtitle"
            colour = (150, 80, 200) if subtitle else (200, 120, 60)
            self._add("text", _bars([(s, e)], row, 0.8, pg.mkBrush(*colour, 150)))
            words = caption_text(item)  # an unreadable read is shown as such, never quoted
            label = pg.TextItem(words[:40] if words else "(text not read)",
                                color=(40, 20, 60) if words else (110, 110, 110), anchor=(0, 0))
            label.setPos(s, row + 0.8)
            label.setToolTip(words or f"text the app could not read (read as {item.get('text', '')!r}, not confidently words)")
            self._add("text", label, ignore_bounds=True)
            self._caption_labels.append((label, s, e))
        if not intervals:
            self._note("text", "no on-screen text", (120, 120, 120))
        self.plots["text"].setYRange(0, max(len(rows), 1), padding=0.05)
        self._on_range_changed()

    def _draw_speech(self, lane: dict) -> None:
        if self._unavailable("speech", lane):
            return
        self._clear_lane("speech")
        spans = [interval_frames(self.timebase, i) for i in lane.get("intervals", [])]
        self._add("speech", _bars(spans, 0, 0.4, pg.mkBrush(40, 150, 160, 170)))
        words = lane.get("words") or []
        if words:
            xs = seconds_to_x(self.timebase, [w["start_s"] for w in words])
            xe = seconds_to_x(self.timebase, [w["end_s"] for w in words])
            self._add("speech", _bars(list(zip(xs, xe)), 0.45, 0.15, pg.mkBrush(20, 90, 100, 200)))
            for i, (w, x) in enumerate(zip(words, xs)):
                label = pg.TextItem(str(w.get("text", "")), color=(10, 60, 70), anchor=(0, 0))
                label.setPos(float(x), 1.0 if i % 2 else 0.85)
                self._add("speech", label, ignore_bounds=True)
                self._word_items.append(label)
        elif lane.get("words_status") and lane.get("words_status") != "ok":
            label = pg.TextItem(f"words: {lane['words_status']}", color=(120, 120, 120), anchor=(0, 0))
            label.setPos(0, 1.0)
            self._add("speech", label, ignore_bounds=True)
        self.plots["speech"].setYRange(0, 1.05, padding=0)
        self._on_range_changed()

    def _draw_waveform(self, lane: dict | None) -> None:
        """The sound's envelope from the analysis (the loudness lane's ``waveform``: min and max
        per hop): nothing is decoded here."""
        self._clear_lane("waveform")
        if lane is None:
            return
        if lane.get("status", "ok") != "ok":
            self._note("waveform", f"unavailable: {lane.get('reason', '')}", (120, 120, 120))
            return
        wave = lane.get("waveform")
        if not wave:
            self._note("waveform", "no waveform in this analysis: analyse again (F5)", (120, 120, 120))
            return
        lo = np.asarray(wave["min"], dtype=float)
        hi = np.asarray(wave["max"], dtype=float)
        hop = float(wave["hop_s"])
        t = float(lane.get("audio_offset_s", 0.0) or 0.0) + hop * (np.arange(len(lo)) + 0.5)
        x = seconds_to_x(self.timebase, t)
        top = pg.PlotCurveItem(x, hi, pen=pg.mkPen((40, 110, 70), width=1))
        bottom = pg.PlotCurveItem(x, lo, pen=pg.mkPen((40, 110, 70), width=1))
        self._add("waveform", top)
        self._add("waveform", bottom)
        self._add("waveform", pg.FillBetweenItem(top, bottom, brush=pg.mkBrush(60, 150, 90, 150)))
        clipped = np.flatnonzero((hi >= 0.999) | (lo <= -0.999))  # samples at full scale: clipping
        if clipped.size:
            xs = np.repeat(x[clipped], 2)
            self._add("waveform", pg.PlotCurveItem(xs, np.tile([-1.0, 1.0], clipped.size), connect="pairs",
                                                   pen=pg.mkPen((214, 48, 49), width=1)))
        self.plots["waveform"].setYRange(-1.0, 1.0, padding=0.05)

    def _draw_loudness(self, lane: dict | None, silence: dict | None) -> None:
        self._clear_lane("loudness")
        if lane is not None and lane.get("status", "ok") != "ok":
            self._note("loudness", f"unavailable: {lane.get('reason', '')}", (120, 120, 120))
            return
        floor, top = -50.0, max(self.loudness_target + 6, -5.0)
        if silence and silence.get("status", "ok") == "ok":
            spans = [interval_frames(self.timebase, i) for i in silence.get("intervals", [])]
            self._add("loudness", _bars(spans, floor, top - floor, pg.mkBrush(160, 160, 160, 70)))
        short = (lane or {}).get("short_term") or {}
        values = short.get("values") or []
        if values:
            t = schema.curve_times(lane)  # value k covers the sound up to (k + 1) * hop: as the PDF and checks read it
            y = np.array([floor if v is None else max(float(v), floor) for v in values], float)
            self._add("loudness", pg.PlotDataItem(seconds_to_x(self.timebase, t), y, pen=pg.mkPen((40, 80, 160), width=1.5)))
        target = pg.InfiniteLine(pos=self.loudness_target, angle=0, movable=False,
                                 pen=pg.mkPen((0, 140, 0), width=1, style=Qt.PenStyle.DashLine),
                                 label=f"target {self.loudness_target:g} LUFS",
                                 labelOpts={"position": 0.02, "color": (0, 110, 0), "anchors": [(0, 1), (0, 1)]})
        self._add("loudness", target, ignore_bounds=True)
        self.plots["loudness"].setYRange(floor, top, padding=0)

    def _draw_picture(self, lanes: dict) -> None:
        self._clear_lane("motion")
        motion = lanes.get("motion") or {}
        top = 0.1
        if motion.get("status", "ok") == "ok" and motion.get("per_frame"):
            y = np.array([0.0 if v is None else v for v in motion["per_frame"]], float)
            self._add("motion", pg.PlotDataItem(np.arange(len(y)) + 0.5, y, pen=pg.mkPen((110, 60, 20))))
            top = max(float(np.percentile(y, 99)) * 1.2 if len(y) else 0.1, 0.02)
        elif motion:
            self._note("motion", f"unavailable: {motion.get('reason', '')}", (120, 120, 120))
            return
        for name, colour in (("black", (0, 0, 0, 120)), ("frozen", (0, 120, 220, 110)), ("flashes", (255, 0, 200, 110))):
            lane = lanes.get(name) or {}
            if lane.get("status", "ok") == "ok":
                spans = [interval_frames(self.timebase, i) for i in lane.get("intervals", [])]
                self._add("motion", _bars(spans, 0, top, pg.mkBrush(*colour)))
        self.plots["motion"].setYRange(0, top, padding=0.02)

    def _draw_generic(self, name: str, lane: dict) -> None:
        """A lane no painter knows: its intervals as bars, its events (``frame``) as ticks, and
        a note when it has neither."""
        if self._unavailable(name, lane):
            return
        self._clear_lane(name)
        spans = [interval_frames(self.timebase, i) for i in lane.get("intervals") or []]
        self._add(name, _bars(spans, 0.15, 0.7, pg.mkBrush(90, 90, 90, 170)))
        frames = [float(e["frame"]) for e in lane.get("events") or [] if "frame" in e]
        if frames:
            self._add(name, pg.PlotCurveItem(np.repeat(np.asarray(frames) + 0.5, 2), np.tile([0.0, 1.0], len(frames)),
                                             connect="pairs", pen=pg.mkPen((40, 40, 40), width=1.5)))
        if not spans and not frames:
            self._note(name, "nothing to draw in this lane", (120, 120, 120))
        self.plots[name].setYRange(0, 1, padding=0.05)

    def _on_range_changed(self, *args) -> None:
        """Show the words that fit: two rows, a word hidden when it would overlap its neighbour;
        a caption's text only when it fits over its own bar."""
        lo, hi = self.master.vb.viewRange()[0]
        for label in self._flag_labels:  # the check titles stay readable at the lane's left edge
            label.setPos(lo, label.pos().y())
        px = max(self.plots["text"].vb.width(), 1.0) / max(hi - lo, 1e-9)
        for label, s, e in self._caption_labels:
            label.setVisible((e - s) * px >= label.textItem.boundingRect().width() * 0.85)
        if not self._word_items:
            return
        width_px = max(self.plots["speech"].vb.width(), 1.0)
        px_per_frame = width_px / max(hi - lo, 1e-9)
        row_end = [-1e9, -1e9]
        for label in sorted(self._word_items, key=lambda t: t.pos().x()):
            x = (label.pos().x() - lo) * px_per_frame
            w = label.textItem.boundingRect().width()
            row = 0 if row_end[0] <= x else 1 if row_end[1] <= x else None
            visible = row is not None and -w < x < width_px
            label.setVisible(visible)
            if visible:
                label.setPos(label.pos().x(), 1.0 if row == 0 else 0.85)
                row_end[row] = x + w + 4


def severity_colour(severity: str) -> QColor:
    return QColor(*SEVERITY_COLOURS.get(severity, SEVERITY_COLOURS["warning"]))
