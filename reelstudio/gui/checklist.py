"""The checklist panel: the score, pass/warn/fail per check, and the flag panel.

It reads the analysis JSON dict only. The flags are grouped by check under the check's
title, filtered by severity and by check; accepted flags (``"accepted": true``, see
reelstudio/accepted.py) say so. Clicking a flag emits ``flagActivated(index)`` (its position
in the JSON's ``flags``), ``flagsSelected([index])`` and ``seekRequested(start_frame)``;
clicking a group, or its checklist row, emits ``flagsSelected`` with every flag of that check
and seeks to the first. "Accept as intentional" emits ``acceptRequested(indices, accept)``:
the window stores it and re-scores.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter,
    QTextBrowser, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ..severity import SEVERITY_RGB, STATUS_RGB, worst
from ..timebase import Timebase

STATUS_COLOURS = STATUS_RGB  # one table for the app, the PDF and the timeline picture (reelstudio/severity.py)
SEVERITY_COLOURS = SEVERITY_RGB
SEVERITY_FILTERS = (("All severities", None), ("Errors", "error"), ("Warnings", "warning"), ("Info", "info"))
ACCEPTED_MARK = "\u2713 accepted"
ACCEPTED_RGB = (120, 125, 130)
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
    accepted_note: str = ""  # "2 flags accepted as intentional (...)": the editor's choice, not a fault

    def short_text(self) -> str:
        """One line for the status bar: "score 82 · good · 13 flags"."""
        flags = f"{self.flag_count} flag" + ("" if self.flag_count == 1 else "s")
        if self.score is None:
            return f"no score · {flags}"
        return " · ".join(p for p in (f"score {self.score}", self.band or "", flags) if p)


def summary_of(analysis: dict) -> Summary:
    score = analysis.get("score")
    note = str(analysis.get("score_note") or "")
    accepted_note = str((analysis.get("accepted_flags") or {}).get("note") or "")
    if accepted_note and note.endswith(accepted_note):
        note = note[: -len(accepted_note)].strip()
    return Summary(score=None if score is None else int(score), band=analysis.get("band") or None,
                   preset=analysis.get("preset") or None, flag_count=len(analysis.get("flags") or []),
                   note=note, reason=str(analysis.get("score_reason") or ""), accepted_note=accepted_note)


def _html_escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


FLAG_ROLE = Qt.ItemDataRole.UserRole  # a flag row: its index in the JSON's flags
CHECK_ROLE = Qt.ItemDataRole.UserRole + 1  # a group row: its check id


class ChecklistPanel(QWidget):
    flagActivated = Signal(int)
    flagsSelected = Signal(list)  # indices of the flag or group selected (the timeline shades them)
    seekRequested = Signal(int)
    acceptRequested = Signal(list, bool)  # flag indices, True: accept as intentional, False: undo

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
        self.band_label.setTextFormat(Qt.TextFormat.RichText)

        self.checks = QTreeWidget()
        self.checks.setHeaderLabels(["Check", "Status", "Weight", "Points"])
        self.checks.setRootIsDecorated(False)
        self.checks.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checks.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            self.checks.header().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.checks.itemClicked.connect(self._on_check_clicked)

        # filters: severity and check; accepted flags can be hidden
        self.severity_filter = QComboBox()
        for label, value in SEVERITY_FILTERS:
            self.severity_filter.addItem(label, value)
        self.check_filter = QComboBox()
        self.check_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.check_filter.setMinimumContentsLength(10)
        self.show_accepted = QCheckBox("Accepted")
        self.show_accepted.setChecked(True)
        self.show_accepted.setToolTip("Show the flags accepted as intentional")
        for w in (self.severity_filter, self.check_filter):
            w.currentIndexChanged.connect(lambda _i: self._fill_flags())
        self.show_accepted.toggled.connect(lambda _on: self._fill_flags())
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.severity_filter)
        filters.addWidget(self.check_filter, 1)
        filters.addWidget(self.show_accepted)

        self.flags = QTreeWidget()
        self.flags.setHeaderLabels(["Timecode", "Severity", "Message"])
        self.flags.setRootIsDecorated(True)
        self.flags.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # the timecode column as wide as a timecode: the groups' titles span the whole row anyway
        self.flags.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.flags.setColumnWidth(0, self.flags.fontMetrics().horizontalAdvance("00:00:00:00")
                                  + 2 * self.flags.indentation() + 8)
        self.flags.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.flags.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.flags.itemClicked.connect(self._on_flag_clicked)
        self.flags.currentItemChanged.connect(lambda cur, _prev: self._on_current_changed(cur))

        self.accept_button = QPushButton("Accept as intentional")
        self.accept_button.setToolTip("The flag stays listed, marked accepted, and counts as resolved in the "
                                      "score (stored for this video)")
        self.accept_button.clicked.connect(self._on_accept_clicked)
        self.accept_button.setEnabled(False)

        flag_box = QWidget()
        flag_column = QVBoxLayout(flag_box)
        flag_column.setContentsMargins(0, 0, 0, 0)
        flag_column.setSpacing(2)
        flag_column.addLayout(filters)
        flag_column.addWidget(self.flags, 1)
        flag_column.addWidget(self.accept_button)

        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.setMinimumHeight(70)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.checks)
        split.addWidget(flag_box)
        split.addWidget(self.detail)
        split.setSizes([240, 280, 110])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.score_label)
        layout.addWidget(self.band_label)
        layout.addWidget(split, 1)
        self._flags: list[dict] = []
        self._titles: dict[str, str] = {}
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
        self._titles = {}
        self._fill_check_filter()
        self.accept_button.setEnabled(False)
        self.summary: Summary | None = None

    def set_running(self, text: str) -> None:
        self.score_label.setText("…")
        self.band_label.setText(text)
        self.summary = None

    def set_analysis(self, analysis: dict, timebase: Timebase | None = None) -> None:
        from ..report._common import check_title
        from .timeline import timebase_of

        self._timebase = timebase or timebase_of(analysis["source"])
        keep = self._selection()
        self.checks.clear()
        self.detail.clear()
        self.summary = summary_of(analysis)
        self._show_summary(self.summary)
        for row in analysis.get("checklist", []):
            status = str(row.get("status", "n/a"))
            points = row.get("points")
            mark = STATUS_MARKS.get(status, status)
            item = QTreeWidgetItem([
                str(row.get("title") or row.get("check", "")),
                mark,
                "" if row.get("weight") is None else f"{row['weight']:g}",
                "" if points is None else f"{round(float(points), 1):g}",
            ])
            item.setData(0, Qt.ItemDataRole.UserRole, row.get("check"))
            item.setForeground(1, QBrush(QColor(*STATUS_COLOURS.get(status, (0, 0, 0)))))
            item.setToolTip(0, str(row.get("detail", "")))
            item.setToolTip(1, str(row.get("detail", "")))
            if row.get("accepted"):  # said in italics and the tooltip: the column stays narrow for the titles
                n = int(row["accepted"])
                font = QFont(item.font(1))
                font.setItalic(True)
                item.setFont(1, font)
                item.setToolTip(1, f"{n} flag{'s' if n != 1 else ''} accepted as intentional; the check measured "
                                   f"{STATUS_MARKS.get(row.get('status_measured'), '?')}. {row.get('detail', '')}")
            self.checks.addTopLevelItem(item)
        self._flags = list(analysis.get("flags", []))
        # the checklist's human title everywhere, the registry's for a check the checklist lacks
        self._titles = {row.get("check"): row.get("title") for row in analysis.get("checklist", []) if row.get("title")}
        for f in self._flags:
            self._titles.setdefault(f.get("check"), check_title(str(f.get("check", ""))))
        self._fill_check_filter()
        self._fill_flags()
        if keep is not None:
            self._restore_selection(keep)
        if self.flags.currentItem() is None:
            self.detail.setHtml("<i>No flagged moments.</i>" if not self._flags
                                else "<i>Click a flag to see the moment, its message and the fix; "
                                     "click a check to see all of its flags.</i>")

    def title_of(self, check: str) -> str:
        return self._titles.get(check) or check

    def _fill_check_filter(self) -> None:
        current = self.check_filter.currentData()
        self.check_filter.blockSignals(True)
        self.check_filter.clear()
        self.check_filter.addItem("All checks", None)
        seen = []
        for f in self._flags:
            if f.get("check") not in seen:
                seen.append(f.get("check"))
        for check in seen:
            self.check_filter.addItem(self.title_of(check), check)
        i = self.check_filter.findData(current)
        self.check_filter.setCurrentIndex(max(i, 0))
        self.check_filter.blockSignals(False)

    def _passes(self, flag: dict) -> bool:
        severity, check = self.severity_filter.currentData(), self.check_filter.currentData()
        if flag.get("accepted") and not self.show_accepted.isChecked():
            return False
        return (severity is None or flag.get("severity") == severity) and (check is None or flag.get("check") == check)

    def _fill_flags(self) -> None:
        """The flag tree: a group per check (in the order the checks first flag), its flags in time order."""
        keep = self._selection()
        self.flags.blockSignals(True)
        self.flags.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        members: dict[str, list[dict]] = {}
        for i, flag in enumerate(self._flags):
            if not self._passes(flag):
                continue
            check = str(flag.get("check", ""))
            group = groups.get(check)
            if group is None:
                group = groups[check] = QTreeWidgetItem([self.title_of(check)])
                group.setData(0, CHECK_ROLE, check)
                font = QFont(group.font(0))
                font.setBold(True)
                group.setFont(0, font)
                self.flags.addTopLevelItem(group)
                group.setFirstColumnSpanned(True)  # only once in the tree: the title takes the whole row
                members[check] = []
            members[check].append(flag)
            start = int(flag.get("start_frame", 0))
            accepted = bool(flag.get("accepted"))
            tc = self._timebase.frame_to_timecode(start) if self._timebase else str(start)
            item = QTreeWidgetItem([tc, ACCEPTED_MARK if accepted else str(flag.get("severity", "")),
                                    str(flag.get("message", ""))])
            item.setData(0, FLAG_ROLE, i)
            colour = ACCEPTED_RGB if accepted else SEVERITY_COLOURS.get(flag.get("severity"), (0, 0, 0))
            item.setForeground(1, QBrush(QColor(*colour)))
            if accepted:
                for col in (0, 2):
                    item.setForeground(col, QBrush(QColor(*ACCEPTED_RGB)))
            item.setToolTip(2, str(flag.get("message", "")))
            group.addChild(item)
        for check, group in groups.items():
            flags = members[check]
            n, acc = len(flags), sum(1 for f in flags if f.get("accepted"))
            open_flags = [f for f in flags if not f.get("accepted")]
            text = f"{self.title_of(check)}  ({n}" + (f", {acc} accepted" if acc else "") + ")"
            group.setText(0, text)
            group.setToolTip(0, check)
            top = worst(open_flags)
            group.setForeground(0, QBrush(QColor(*(SEVERITY_COLOURS.get(top) if top else ACCEPTED_RGB))))
            group.setExpanded(True)
        self.flags.blockSignals(False)
        if keep is not None:
            self._restore_selection(keep, emit=False)
        self._update_accept_button()

    # -- selection ---------------------------------------------------------------------------
    def _selection(self):
        """("flag", index) or ("check", id) of the current row, or None."""
        item = self.flags.currentItem()
        if item is None:
            return None
        if item.data(0, FLAG_ROLE) is not None:
            return ("flag", int(item.data(0, FLAG_ROLE)))
        return ("check", item.data(0, CHECK_ROLE))

    def _restore_selection(self, sel, emit: bool = False) -> None:
        kind, value = sel
        item = self.flag_item(value) if kind == "flag" else self.group_item(value)
        if item is None:
            return
        self.flags.blockSignals(True)
        self.flags.setCurrentItem(item)
        self.flags.blockSignals(False)
        self._show_detail(item)
        self._update_accept_button()
        if emit:
            self.flagsSelected.emit(self._indices_of(item))

    def _indices_of(self, item: QTreeWidgetItem) -> list[int]:
        if item.data(0, FLAG_ROLE) is not None:
            return [int(item.data(0, FLAG_ROLE))]
        return [int(item.child(k).data(0, FLAG_ROLE)) for k in range(item.childCount())]

    # -- queries (tests) -------------------------------------------------------------------
    def check_rows(self) -> list[tuple[str, str]]:
        """(check id, status mark) per checklist row, in order."""
        return [(self.checks.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole), self.checks.topLevelItem(i).text(1))
                for i in range(self.checks.topLevelItemCount())]

    def flag_items(self) -> list[QTreeWidgetItem]:
        """Every flag row shown (filters applied), group by group."""
        out = []
        for g in range(self.flags.topLevelItemCount()):
            group = self.flags.topLevelItem(g)
            out += [group.child(k) for k in range(group.childCount())]
        return out

    def shown_flag_count(self) -> int:
        return len(self.flag_items())

    def flag_item(self, index: int) -> QTreeWidgetItem | None:
        """The row of flag ``index`` (its position in the JSON's flags); None when filtered out."""
        return next((it for it in self.flag_items() if int(it.data(0, FLAG_ROLE)) == index), None)

    def group_item(self, check: str) -> QTreeWidgetItem | None:
        for g in range(self.flags.topLevelItemCount()):
            if self.flags.topLevelItem(g).data(0, CHECK_ROLE) == check:
                return self.flags.topLevelItem(g)
        return None

    def group_titles(self) -> list[str]:
        return [self.flags.topLevelItem(g).text(0) for g in range(self.flags.topLevelItemCount())]

    def selected_flag(self) -> int | None:
        item = self.flags.currentItem()
        return None if item is None or item.data(0, FLAG_ROLE) is None else int(item.data(0, FLAG_ROLE))

    def selected_check(self) -> str | None:
        item = self.flags.currentItem()
        return None if item is None or item.data(0, CHECK_ROLE) is None else str(item.data(0, CHECK_ROLE))

    def set_filters(self, severity: str | None = None, check: str | None = None) -> None:
        self.severity_filter.setCurrentIndex(max(self.severity_filter.findData(severity), 0))
        self.check_filter.setCurrentIndex(max(self.check_filter.findData(check), 0))

    # -- interaction -----------------------------------------------------------------------
    def activate_flag(self, index: int) -> None:
        """Select flag ``index``, show its message and fix, and ask for a seek to its first frame
        (a filter that hides it is cleared)."""
        if not 0 <= index < len(self._flags):
            return
        item = self.flag_item(index)
        if item is None:
            self.set_filters()
            self.show_accepted.setChecked(True)
            item = self.flag_item(index)
        self.flags.blockSignals(True)
        self.flags.setCurrentItem(item)
        self.flags.blockSignals(False)
        self.flags.scrollToItem(item)
        self._show_detail(item)
        self._update_accept_button()
        self.flagActivated.emit(index)
        self.flagsSelected.emit([index])
        self.seekRequested.emit(int(self._flags[index].get("start_frame", 0)))

    def activate_check(self, check: str) -> bool:
        """Select the group of ``check``'s flags (clearing a filter that hides it), shade them all
        and seek to the first; False when the check has no flags."""
        if not any(f.get("check") == check for f in self._flags):
            return False
        group = self.group_item(check)
        if group is None:
            self.set_filters()
            self.show_accepted.setChecked(True)
            group = self.group_item(check)
        self.flags.blockSignals(True)
        self.flags.setCurrentItem(group)
        self.flags.blockSignals(False)
        self.flags.scrollToItem(group)
        self._show_detail(group)
        self._update_accept_button()
        indices = self._indices_of(group)
        self.flagsSelected.emit(indices)
        first = min(indices, key=lambda i: int(self._flags[i].get("start_frame", 0)))
        self.seekRequested.emit(int(self._flags[first].get("start_frame", 0)))
        return True

    def _on_flag_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, FLAG_ROLE) is not None:
            self.activate_flag(int(item.data(0, FLAG_ROLE)))
        else:
            self.activate_check(str(item.data(0, CHECK_ROLE)))

    def _on_current_changed(self, item: QTreeWidgetItem | None) -> None:
        """Keyboard moves in the list select as a click does (a click itself comes by itemClicked)."""
        from PySide6.QtWidgets import QApplication

        if item is None or QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return
        self._on_flag_clicked(item, 0)

    def _on_check_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        check = item.data(0, Qt.ItemDataRole.UserRole)
        if not self.activate_check(check):
            self.detail.setHtml(f"<b>{_html_escape(item.text(0))}</b><br>{_html_escape(item.toolTip(0))}")

    def _update_accept_button(self) -> None:
        item = self.flags.currentItem()
        if item is None:
            self.accept_button.setEnabled(False)
            self.accept_button.setText("Accept as intentional")
            return
        indices = self._indices_of(item)
        accepted = bool(indices) and all(self._flags[i].get("accepted") for i in indices)
        n = len(indices)
        if accepted:
            text = "Undo accept" if n == 1 else f"Undo accept of all {n}"
        else:
            text = "Accept as intentional" if n == 1 else f"Accept all {n} as intentional"
        self.accept_button.setText(text)
        self.accept_button.setEnabled(bool(indices))

    def _on_accept_clicked(self) -> None:
        item = self.flags.currentItem()
        if item is None:
            return
        indices = self._indices_of(item)
        accept = not all(self._flags[i].get("accepted") for i in indices)
        self.acceptRequested.emit(indices, accept)

    def _show_detail(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        tb = self._timebase
        if item.data(0, FLAG_ROLE) is None:  # a group: each flag, when and what; one fix if they share it
            indices = self._indices_of(item)
            if len(indices) != 1:
                self.detail.setHtml(self._group_html(str(item.data(0, CHECK_ROLE)), indices))
                return
            flag = self._flags[indices[0]]  # a group of one says what its flag says
        else:
            flag = self._flags[int(item.data(0, FLAG_ROLE))]
        s, e = int(flag.get("start_frame", 0)), int(flag.get("end_frame", 0))
        span = f"{tb.frame_to_timecode(s)} – {tb.frame_to_timecode(max(e, s))} (frames {s}–{e})" if tb else ""
        colour = "#%02x%02x%02x" % SEVERITY_COLOURS.get(flag.get("severity"), (0, 0, 0))
        accepted = ("<p><i>Accepted as intentional: it counts as resolved in the score.</i></p>"
                    if flag.get("accepted") else "")
        self.detail.setHtml(
            f"<b>{_html_escape(self.title_of(str(flag.get('check', ''))))}</b> "
            f"<span style='color:{colour}'>{_html_escape(flag.get('severity', ''))}</span> · {span}"
            + accepted +
            f"<p>{_html_escape(flag.get('message', ''))}</p>"
            f"<p><b>Fix:</b> {_html_escape(flag.get('fix', '—'))}</p>"
            + (f"<p>{len(flag['instances'])} instances, at " + ", ".join(
                tb.frame_to_timecode(int(i["start_frame"])) for i in flag["instances"]) + "</p>"
               if flag.get("instances") and tb else "")
        )

    def _group_html(self, check: str, indices: list[int], most: int = 12) -> str:
        tb = self._timebase
        flags = [self._flags[i] for i in indices]
        rows = []
        for f in flags[:most]:
            colour = "#%02x%02x%02x" % SEVERITY_COLOURS.get(f.get("severity"), (0, 0, 0))
            when = tb.frame_to_timecode(int(f.get("start_frame", 0))) if tb else ""
            mark = " <i>(accepted)</i>" if f.get("accepted") else ""
            rows.append(f"<li>{_html_escape(when)} <span style='color:{colour}'>{_html_escape(f.get('severity', ''))}"
                        f"</span>{mark}: {_html_escape(f.get('message', ''))}</li>")
        more = f"<p>and {len(flags) - most} more</p>" if len(flags) > most else ""
        fixes = {str(f.get("fix") or "") for f in flags}
        fix = (f"<p><b>Fix:</b> {_html_escape(fixes.pop())}</p>" if len(fixes) == 1 and "" not in fixes
               else "<p>Each flag has its own fix: select it.</p>")
        return (f"<b>{_html_escape(self.title_of(check))}</b> · {len(indices)} flags<ul>{''.join(rows)}</ul>"
                + more + fix)

    def _show_summary(self, summary: Summary) -> None:
        flags = f"{summary.flag_count} flag" + ("" if summary.flag_count == 1 else "s")
        if summary.score is None:
            self.score_label.setText("n/a")
            self.band_label.setText(" · ".join(p for p in (summary.reason or "no score in this analysis", flags) if p))
            return
        self.score_label.setText(f"{summary.score}")
        parts = [summary.band or "", f"preset: {summary.preset}" if summary.preset else "", flags]
        text = _html_escape(" · ".join(p for p in parts if p))
        if summary.note:  # incomplete or capped: said under the score, in the fail colour
            colour = "#%02x%02x%02x" % STATUS_RGB["fail"]
            text += f"<br><span style='color:{colour}'>{_html_escape(summary.note)}</span>"
        if summary.accepted_note:
            colour = "#%02x%02x%02x" % ACCEPTED_RGB
            text += f"<br><span style='color:{colour}'>{_html_escape(summary.accepted_note)}</span>"
        self.band_label.setText(text)
