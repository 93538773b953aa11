"""The checklist panel: the score, pass/warn/fail per check, every flag with its message and fix.

It reads the analysis JSON dict only. Clicking a flag emits ``flagActivated(index)`` (its
position in the JSON's ``flags``) and ``seekRequested(start_frame)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLabel, QSplitter, QTextBrowser, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget,
)

from ..severity import SEVERITY_RGB, STATUS_RGB
from ..timebase import Timebase

STATUS_COLOURS = STATUS_RGB  # one table for the app, the PDF and the timeline picture (reelstudio/severity.py)
SEVERITY_COLOURS = SEVERITY_RGB
STATUS_MARKS = {"pass": "\u2714 pass", "warn": "\u25b2 warn", "fail": "\u2716 fail", "n/a": "\u2013 n/a"}


@dataclass(frozen=True)
class Summary:
    """What every place in the window says about an analysis: score, band, preset, flag count.

    Built from the analysis JSON dict only, by ``summary_of``; the checklist header and the
    status bar both render this one object, so they cannot disagree."""

    score: int | None
    band: str | None
    preset: str | None
    flag_count: int
    note: str = ""
    reason: str = ""

    def short_text(self) -> str:
        """One line for the status bar: "score 82 · good · 13 flags"."""
        flags = f"{self.flag_count} flag" + ("" if self.flag_count == 1 else "s")
        if self.score is None:
            return f"no score · {flags}"
        return " · ".join(p for p in (f"score {self.score}", self.band or "", flags) if p)


def summary_of(analysis: dict) -> Summary:
    score = analysis.get("score")
    return Summary(score=None if score is None else int(score), band=analysis.get("band") or None,
                   preset=analysis.get("preset") or None, flag_count=len(analysis.get("flags") or []),
                   note=str(analysis.get("score_note") or ""), reason=str(analysis.get("score_reason") or ""))


def _html_escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ChecklistPanel(QWidget):
    flagActivated = Signal(int)
    seekRequested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.score_label = QLabel()
        font = QFont(self.font())
        font.setPointSize(font.pointSize() + 8)
        font.setBold(True)
        self.score_label.setFont(font)
        self.score_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.band_label = QLabel()
        self.band_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.band_label.setWordWrap(True)

        self.checks = QTreeWidget()
        self.checks.setHeaderLabels(["Check", "Status", "Weight", "Points"])
        self.checks.setRootIsDecorated(False)
        self.checks.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checks.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            self.checks.header().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.checks.itemClicked.connect(self._on_check_clicked)

        self.flags = QTreeWidget()
        self.flags.setHeaderLabels(["Timecode", "Check", "Message"])
        self.flags.setRootIsDecorated(False)
        self.flags.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.flags.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.flags.itemClicked.connect(self._on_flag_clicked)
        self.flags.currentItemChanged.connect(lambda cur, _prev: self._show_detail(cur))

        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.setMinimumHeight(70)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.checks)
        split.addWidget(self.flags)
        split.addWidget(self.detail)
        split.setSizes([260, 220, 110])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.score_label)
        layout.addWidget(self.band_label)
        layout.addWidget(split, 1)
        self._flags: list[dict] = []
        self._timebase: Timebase | None = None
        self.clear()

    # -- content ---------------------------------------------------------------------------
    def clear(self, message: str = "No analysis yet") -> None:
        self.score_label.setText("–")
        self.band_label.setText(message)
        self.checks.clear()
        self.flags.clear()
        self.detail.clear()
        self._flags = []
        self.summary: Summary | None = None

    def set_running(self, text: str) -> None:
        self.score_label.setText("…")
        self.band_label.setText(text)
        self.summary = None

    def set_analysis(self, analysis: dict, timebase: Timebase | None = None) -> None:
        from .timeline import timebase_of

        self._timebase = timebase or timebase_of(analysis["source"])
        self.checks.clear()
        self.flags.clear()
        self.detail.clear()
        self.summary = summary_of(analysis)
        self._show_summary(self.summary)
        for row in analysis.get("checklist", []):
            status = str(row.get("status", "n/a"))
            points = row.get("points")
            item = QTreeWidgetItem([
                str(row.get("title") or row.get("check", "")),
                STATUS_MARKS.get(status, status),
                "" if row.get("weight") is None else f"{row['weight']:g}",
                "" if points is None else f"{round(float(points), 1):g}",
            ])
            item.setData(0, Qt.ItemDataRole.UserRole, row.get("check"))
            item.setForeground(1, QBrush(QColor(*STATUS_COLOURS.get(status, (0, 0, 0)))))
            item.setToolTip(0, str(row.get("detail", "")))
            item.setToolTip(1, str(row.get("detail", "")))
            self.checks.addTopLevelItem(item)
        self._flags = list(analysis.get("flags", []))
        titles = {row.get("check"): row.get("title") for row in analysis.get("checklist", [])}
        for i, flag in enumerate(self._flags):
            start = int(flag.get("start_frame", 0))
            check = str(flag.get("check", ""))
            # the checklist's human title, as everywhere else (the raw id was shown here)
            item = QTreeWidgetItem([self._timebase.frame_to_timecode(start), str(titles.get(check) or check),
                                    str(flag.get("message", ""))])
            item.setToolTip(1, check)
            item.setData(0, Qt.ItemDataRole.UserRole, i)
            colour = QColor(*SEVERITY_COLOURS.get(flag.get("severity"), (0, 0, 0)))
            item.setForeground(1, QBrush(colour))
            item.setToolTip(2, str(flag.get("message", "")))
            self.flags.addTopLevelItem(item)
        self.detail.setHtml("<i>No flagged moments.</i>" if not self._flags
                            else "<i>Click a flag to see the moment, its message and the fix.</i>")

    def _show_summary(self, summary: Summary) -> None:
        flags = f"{summary.flag_count} flag" + ("" if summary.flag_count == 1 else "s")
        if summary.score is None:
            self.score_label.setText("n/a")
            self.band_label.setText(" · ".join(p for p in (summary.reason or "no score in this analysis", flags) if p))
            return
        self.score_label.setText(f"{summary.score}")
        parts = [summary.band or "", f"preset: {summary.preset}" if summary.preset else "", flags]
        text = " · ".join(p for p in parts if p)
        if summary.note:  # incomplete or capped: said under the score, in the fail colour
            colour = "#%02x%02x%02x" % STATUS_RGB["fail"]
            text = f"{_html_escape(text)}<br><span style='color:{colour}'>{_html_escape(summary.note)}</span>"
        self.band_label.setText(text)

    # -- queries (tests) -------------------------------------------------------------------
    def check_rows(self) -> list[tuple[str, str]]:
        """(check id, status mark) per checklist row, in order."""
        return [(self.checks.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole), self.checks.topLevelItem(i).text(1))
                for i in range(self.checks.topLevelItemCount())]

    def flag_item(self, index: int) -> QTreeWidgetItem:
        return self.flags.topLevelItem(index)

    def selected_flag(self) -> int | None:
        item = self.flags.currentItem()
        return None if item is None else int(item.data(0, Qt.ItemDataRole.UserRole))

    # -- interaction -----------------------------------------------------------------------
    def activate_flag(self, index: int) -> None:
        """Select flag ``index``, show its message and fix, and ask for a seek to its first frame."""
        if not 0 <= index < len(self._flags):
            return
        item = self.flags.topLevelItem(index)
        self.flags.setCurrentItem(item)
        self.flags.scrollToItem(item)
        self._show_detail(item)
        self.flagActivated.emit(index)
        self.seekRequested.emit(int(self._flags[index].get("start_frame", 0)))

    def _on_flag_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        self.activate_flag(int(item.data(0, Qt.ItemDataRole.UserRole)))

    def _on_check_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        check = item.data(0, Qt.ItemDataRole.UserRole)
        first = next((i for i, f in enumerate(self._flags) if f.get("check") == check), None)
        if first is not None:
            self.activate_flag(first)
        else:
            self.detail.setHtml(f"<b>{_html_escape(check)}</b><br>{_html_escape(item.toolTip(0))}")

    def _show_detail(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        flag = self._flags[int(item.data(0, Qt.ItemDataRole.UserRole))]
        tb = self._timebase
        s, e = int(flag.get("start_frame", 0)), int(flag.get("end_frame", 0))
        span = f"{tb.frame_to_timecode(s)} – {tb.frame_to_timecode(max(e, s))} (frames {s}–{e})" if tb else ""
        colour = "#%02x%02x%02x" % SEVERITY_COLOURS.get(flag.get("severity"), (0, 0, 0))
        self.detail.setHtml(
            f"<b>{_html_escape(flag.get('check', ''))}</b> "
            f"<span style='color:{colour}'>{_html_escape(flag.get('severity', ''))}</span> · {span}"
            f"<p>{_html_escape(flag.get('message', ''))}</p>"
            f"<p><b>Fix:</b> {_html_escape(flag.get('fix', '—'))}</p>"
            + (f"<p>{len(flag['instances'])} instances, at " + ", ".join(
                tb.frame_to_timecode(int(i["start_frame"])) for i in flag["instances"]) + "</p>"
               if flag.get("instances") and tb else "")
        )
