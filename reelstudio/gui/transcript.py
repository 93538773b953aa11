"""The transcript panel: the recognised words in reading order (click one to see its frame,
edit it), the burned-in captions (edit their text), and SRT/VTT export of the edited text.

It reads and edits the analysis JSON dict only, through reelstudio/transcript.py; the window
keeps the edited dict, so every export (subtitles, JSON) carries the edits.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSplitter, QTableWidget,
    QTableWidgetItem, QTextBrowser, QVBoxLayout, QWidget,
)

from ..timebase import Timebase

EDITED_COLOUR = "#1f5fbf"  # an edited word or caption: blue, as a correction
CURRENT_BG = "#ffe8a3"  # the selected word


def _esc(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class TranscriptPanel(QWidget):
    seekRequested = Signal(int)
    wordEdited = Signal(int, str)  # index in the speech lane's words, new text
    captionEdited = Signal(int, str)  # index in the text lane's intervals, new text
    exportRequested = Signal(str)  # "srt" or "vtt"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.words_view = QTextBrowser()
        self.words_view.setOpenLinks(False)
        self.words_view.anchorClicked.connect(self._on_anchor)
        self.word_edit = QLineEdit()
        self.word_edit.setPlaceholderText("Click a word, then correct it here (Enter)")
        self.word_edit.setEnabled(False)
        self.word_edit.returnPressed.connect(self._apply_word)
        self.word_label = QLabel("")
        edit_row = QHBoxLayout()
        edit_row.setContentsMargins(0, 0, 0, 0)
        edit_row.addWidget(self.word_label)
        edit_row.addWidget(self.word_edit, 1)
        words_box = QWidget()
        column = QVBoxLayout(words_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel("<b>Words</b> (click to see the moment)"))
        column.addWidget(self.words_view, 1)
        column.addLayout(edit_row)

        self.captions = QTableWidget(0, 3)
        self.captions.setHorizontalHeaderLabels(["Timecode", "Role", "Caption text (double-click to edit)"])
        self.captions.verticalHeader().setVisible(False)
        self.captions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.captions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.captions.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.captions.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.captions.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.captions.cellClicked.connect(self._on_caption_clicked)
        self.captions.itemChanged.connect(self._on_caption_changed)
        captions_box = QWidget()
        column = QVBoxLayout(captions_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel("<b>Captions</b> read off the picture"))
        column.addWidget(self.captions, 1)

        self.export_srt = QPushButton("Export SRT…")
        self.export_vtt = QPushButton("Export VTT…")
        self.export_srt.clicked.connect(lambda: self.exportRequested.emit("srt"))
        self.export_vtt.clicked.connect(lambda: self.exportRequested.emit("vtt"))
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.source = QComboBox()  # what the subtitles are made from (report/subtitles.py)
        self.source.addItem("From the words", "speech")
        self.source.addItem("From the captions", "captions")
        self.source.addItem("Auto", "auto")
        self.source.setToolTip("Auto: the burned-in captions when they cover the speech, else the words")
        self._source_chosen = False
        self.source.activated.connect(lambda _i: setattr(self, "_source_chosen", True))
        buttons = QHBoxLayout()
        buttons.addWidget(self.source)
        buttons.addWidget(self.export_srt)
        buttons.addWidget(self.export_vtt)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(words_box)
        split.addWidget(captions_box)
        split.setSizes([240, 280])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self._words: list[tuple[int, dict]] = []
        self._captions: list[tuple[int, dict]] = []
        self._timebase: Timebase | None = None
        self._selected_word: int | None = None
        self._current_word: int | None = None  # the word being said at the playhead
        self._starts: list[int] = []  # first frame of each word, reading order
        self._filling = False
        self.clear()

    # -- content ---------------------------------------------------------------------------
    def clear(self) -> None:
        self._words, self._captions = [], []
        self._selected_word = None
        self.words_view.setHtml("<i>No analysis yet</i>")
        self._filling = True
        self.captions.setRowCount(0)
        self._filling = False
        self.word_edit.clear()
        self.word_edit.setEnabled(False)
        self.word_label.setText("")
        self.note.setText("")
        self.export_srt.setEnabled(False)
        self.export_vtt.setEnabled(False)

    def set_analysis(self, analysis: dict, timebase: Timebase) -> None:
        from ..transcript import captions_in_reading_order, words_in_reading_order

        self._timebase = timebase
        self._words = words_in_reading_order(analysis)
        self._starts = [self._word_frame(w) for _i, w in self._words]
        self._current_word = None
        self._captions = captions_in_reading_order(analysis)
        self._fill_words()
        self._fill_captions()
        speech = (analysis.get("lanes") or {}).get("speech") or {}
        edits = int(speech.get("edited", 0)) + int(((analysis.get("lanes") or {}).get("text") or {}).get("edited", 0))
        self.note.setText(f"{edits} correction{'s' if edits != 1 else ''}: the subtitles and the JSON export the "
                          "corrected text." if edits else "")
        if not self._source_chosen:  # the words when there are any, else the captions; a choice made stays
            self.source.setCurrentIndex(self.source.findData("speech" if self._words else "captions"))
        has_text = bool(self._words) or any(c.get("role") == "subtitle" for _i, c in self._captions)
        self.export_srt.setEnabled(has_text)
        self.export_vtt.setEnabled(has_text)
        if self._selected_word is not None:
            self.select_word(self._selected_word, seek=False)

    def _word_frame(self, word: dict) -> int:
        if isinstance(word.get("start_frame"), int):
            return int(word["start_frame"])
        return self._timebase.seconds_to_nearest_frame(float(word.get("start_s") or 0.0)) if self._timebase else 0

    def _fill_words(self) -> None:
        if not self._words:
            self.words_view.setHtml("<i>No recognised words in this analysis.</i>")
            return
        parts = []
        for index, word in self._words:
            style = "text-decoration:none; color:#202428;"
            if "text_recognised" in word:
                style = f"text-decoration:underline; color:{EDITED_COLOUR};"
            if index == self._selected_word:
                style += f" background:{CURRENT_BG};"
            if index == self._current_word:
                style += " font-weight:bold;"
            text = word.get("text") or "\u2205"  # an emptied word stays clickable
            title = f"heard: {word['text_recognised']}" if "text_recognised" in word else ""
            parts.append(f"<a href='word:{index}' style='{style}' title='{_esc(title)}'>{_esc(text)}</a>")
        bar = self.words_view.verticalScrollBar().value()
        self.words_view.setHtml("<p style='line-height:140%'>" + " ".join(parts) + "</p>")
        self.words_view.verticalScrollBar().setValue(bar)

    def _fill_captions(self) -> None:
        self._filling = True
        self.captions.setRowCount(len(self._captions))
        for row, (index, caption) in enumerate(self._captions):
            start = int(caption.get("start_frame", 0))
            tc = QTableWidgetItem(self._timebase.frame_to_timecode(start) if self._timebase else str(start))
            role = QTableWidgetItem(str(caption.get("role", "")))
            text = QTableWidgetItem(str(caption.get("text", "")))
            for item in (tc, role):
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            text.setData(Qt.ItemDataRole.UserRole, index)
            if "text_read" in caption:
                text.setForeground(Qt.GlobalColor.blue)
                text.setToolTip(f"read off the picture: {caption['text_read']}")
            self.captions.setItem(row, 0, tc)
            self.captions.setItem(row, 1, role)
            self.captions.setItem(row, 2, text)
        self._filling = False

    def subtitle_source(self) -> str:
        return str(self.source.currentData())

    # -- queries (tests) -------------------------------------------------------------------
    def shown_words(self) -> list[str]:
        return [str(w.get("text", "")) for _i, w in self._words]

    def word_indices(self) -> list[int]:
        return [i for i, _w in self._words]

    def selected_word(self) -> int | None:
        return self._selected_word

    def current_word(self) -> int | None:
        return self._current_word

    def set_frame(self, frame: int) -> None:
        """Bold the word said at ``frame`` (the playhead), if one is."""
        import bisect

        k = bisect.bisect_right(self._starts, frame) - 1
        current = None
        if k >= 0:
            index, word = self._words[k]
            end = word.get("end_frame")
            if not isinstance(end, int):
                end = self._timebase.seconds_to_nearest_frame(float(word.get("end_s") or 0.0)) if self._timebase else 0
            current = index if frame < max(end, self._starts[k] + 1) else None
        if current != self._current_word:
            self._current_word = current
            self._fill_words()

    # -- interaction -----------------------------------------------------------------------
    def select_word(self, index: int, seek: bool = True) -> None:
        """Select word ``index`` (of the speech lane), put it in the edit field, show its first frame."""
        word = next((w for i, w in self._words if i == index), None)
        if word is None:
            return
        self._selected_word = index
        self.word_edit.setEnabled(True)
        self.word_edit.setText(str(word.get("text", "")))
        frame = self._word_frame(word)
        tc = self._timebase.frame_to_timecode(frame) if self._timebase else str(frame)
        self.word_label.setText(tc)
        self._fill_words()
        if seek:
            self.seekRequested.emit(frame)

    def _on_anchor(self, url: QUrl) -> None:
        kind, _, value = url.toString().partition(":")
        if kind == "word" and value.isdigit():
            self.select_word(int(value))

    def _apply_word(self) -> None:
        if self._selected_word is not None:
            self.wordEdited.emit(self._selected_word, self.word_edit.text())

    def _on_caption_clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self._captions):
            self.seekRequested.emit(int(self._captions[row][1].get("start_frame", 0)))

    def _on_caption_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 2:
            return
        index = item.data(Qt.ItemDataRole.UserRole)
        if index is not None:
            self.captionEdited.emit(int(index), item.text())
