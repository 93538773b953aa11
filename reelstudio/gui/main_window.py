"""The main window: player in the middle, timeline below, checklist at the side.

Opening a file (menu, recent list, drag and drop, command line) probes it, shows it in the
player and starts the analysis in a background thread; lanes fill the timeline as they
finish; the result fills the checklist. Every error becomes a dialog; the window lives on.
It shows only what the analysis JSON holds.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog, QLabel, QMainWindow, QMessageBox, QProgressBar, QPushButton, QSplitter, QTabWidget, QVBoxLayout,
    QWidget,
)

from ..session import Session
from .checklist import ChecklistPanel, Summary, summary_of
from .player import PlayerWidget
from .settings import Settings, SettingsDialog, load_settings, save_settings
from .timeline import TimelineWidget
from .transcript import TranscriptPanel
from .worker import AnalysisWorker

log = logging.getLogger(__name__)

VIDEO_FILTER = "Videos (*.mp4 *.mov *.m4v *.mkv *.webm *.avi *.mts *.m2ts);;All files (*)"


def ui_zones_of(preset: str) -> list[tuple[float, float, float, float]]:
    """The preset's UI-covered bands as (x, y, w, h) fractions of the frame."""
    try:
        from ..presets import PRESETS
    except ImportError:
        return []
    p = PRESETS.get(preset)
    if p is None:
        return []
    ui = p.ui
    zones = [(0.0, 0.0, 1.0, ui.top), (0.0, 1.0 - ui.bottom, 1.0, ui.bottom),
             (0.0, ui.top, ui.left, 1.0 - ui.top - ui.bottom), (1.0 - ui.right, ui.top, ui.right, 1.0 - ui.top - ui.bottom)]
    return [z for z in zones if z[2] > 0 and z[3] > 0]


def loudness_target_of(preset: str) -> float | None:
    try:
        from ..presets import PRESETS
    except ImportError:
        return None
    p = PRESETS.get(preset)
    return None if p is None else float(p.loudness_target_lufs)


class MainWindow(QMainWindow):
    analysisFinished = Signal(str)  # 'result', 'failed' or 'cancelled'
    errorShown = Signal(str, str)   # title, text (every error dialog)
    lanesShown = Signal(list)       # names of lanes just drawn while the analysis runs
    hashReady = Signal(str, str)    # path, its content hash ('' when it could not be read): off the GUI thread

    # the document lives in the session; these read it (tests and exports use them)
    path = property(lambda self: self.session.path)
    source = property(lambda self: self.session.source)
    result = property(lambda self: self.session.result)

    @property
    def analysis(self) -> dict | None:
        return self.session.analysis

    @analysis.setter
    def analysis(self, data: dict | None) -> None:
        self.session.analysis = data

    def __init__(self, settings: Settings | None = None):
        super().__init__()
        self.settings = settings or load_settings()
        self.setWindowTitle("ReelStudio")
        self.setAcceptDrops(True)
        self.resize(1500, 950)
        # the document (open video, analysis, preset, the editor's decisions): Qt-free, repainted on its events
        self.session = Session(preset=self.settings.preset)
        self.session.subscribe(self._on_session)
        self.summary: Summary | None = None  # score/band/flags shown, from self.analysis
        self.worker: AnalysisWorker | None = None
        self._threads: set = set()          # workers still running (cancelled ones wind down here)
        self.error_dialogs: list[QMessageBox] = []
        self._started = 0.0

        self.player = PlayerWidget()
        self.timeline = TimelineWidget()
        self.checklist = ChecklistPanel()
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.player)
        left.addWidget(self.timeline)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setSizes([520, 460])
        self.transcript = TranscriptPanel()
        self.side = QTabWidget()  # the checklist, and the transcript to correct and export
        self.side.setDocumentMode(True)
        self.side.addTab(self.checklist, "Checklist")
        self.side.addTab(self.transcript, "Transcript")
        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(left)
        main.addWidget(self.side)
        main.setStretchFactor(0, 3)
        main.setStretchFactor(1, 2)
        # a third of the width for the checklist: at 1280 px its titles fit ("Text under the
        # platform's buttons" was cut to "Text under the pl..." at 350 px), and a vertical
        # frame still fills the player's height
        main.setSizes([900, 500])
        # what could not be read whole (truncated, damaged packets) and the lanes a missing or
        # damaged model left out: said above everything else
        self._source_warnings: list[str] = []
        self.warning_banner = QLabel("")
        self.warning_banner.setWordWrap(True)
        self.warning_banner.setStyleSheet("background: #fdecea; color: #8a1c1c; padding: 6px 10px;"
                                          " border-bottom: 1px solid #d63031;")
        self.warning_banner.hide()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.warning_banner)
        column.addWidget(main, 1)
        self.setCentralWidget(central)
        self.side.setMinimumWidth(320)

        self.status_label = QLabel("Open a video: File ▸ Open, or drop it here")
        self.progress = QProgressBar()
        self.progress.setMinimumWidth(230)
        self.progress.setMaximumWidth(300)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_analysis)
        self.timecode_label = QLabel("")
        # whether the player will be heard: said in the window, not only in a log line
        self.sound_label = QLabel("")
        self.sound_label.setObjectName("soundIndicator")
        # score · band · flag count of the analysis on screen: set only by _show_summary, from the
        # same Summary the checklist shows, so the status bar never keeps an old score
        self.summary_label = QLabel("")
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.summary_label)
        self.statusBar().addPermanentWidget(self.sound_label)
        self.statusBar().addPermanentWidget(self.timecode_label)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self._show_progress(False)

        self._build_menus()
        self.timeline.seekRequested.connect(self.seek)
        self.checklist.seekRequested.connect(self.seek)
        self.checklist.flagsSelected.connect(self.timeline.highlight_flags)
        self.checklist.flagsSelected.connect(lambda _indices: self.side.setCurrentWidget(self.checklist))
        self.checklist.acceptRequested.connect(self.accept_flags)
        self.transcript.seekRequested.connect(self.seek)
        self.transcript.wordEdited.connect(self.edit_word)
        self.transcript.captionEdited.connect(self.edit_caption)
        self.transcript.exportRequested.connect(self.export_subtitles)
        self.player.frameChanged.connect(self._on_frame_changed)
        self.player.audio.device_id = self.settings.audio_device
        self.player.audioStatusChanged.connect(self.show_sound_status)
        self.player.playingChanged.connect(self._on_playing_changed)
        self.hashReady.connect(self._on_hash_ready)
        self.show_sound_status(self.player.audio_status())
        self.player.install_shortcuts(self)
        self._apply_preset()

    # -- menus ---------------------------------------------------------------------------
    def _build_menus(self) -> None:
        from .exports import export_choices

        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.open_action = file_menu.addAction("&Open…", self.open_dialog)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.addAction("Open &Analysis JSON…", self.open_analysis_dialog)
        file_menu.addSeparator()
        self.export_menu = file_menu.addMenu("&Export")
        self.export_actions: dict[str, QAction] = {}
        for choice in export_choices():
            action = self.export_menu.addAction(choice.label, lambda c=choice: self.export_dialog(c))
            action.setEnabled(False)
            self.export_actions[choice.label] = action
        file_menu.addSeparator()
        settings_action = file_menu.addAction("&Settings…", self.settings_dialog)
        settings_action.setShortcut(QKeySequence("Ctrl+,"))
        file_menu.addSeparator()
        quit_action = file_menu.addAction("&Quit", self.close)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self._fill_recent_menu()

        view = bar.addMenu("&View")
        self.overlay_actions: dict[str, QAction] = {}
        for kind, label in (("ui_zones", "Platform UI zones"), ("faces", "Face boxes"), ("text", "Text boxes")):
            action = view.addAction(label)
            action.setCheckable(True)
            action.setChecked(kind in self.settings.overlays)
            action.toggled.connect(lambda on, k=kind: self.set_overlay(k, on))
            self.overlay_actions[kind] = action
            self.player.set_overlay_visible(kind, action.isChecked())
        view.addSeparator()
        # zoom keys as in Resolve/Premiere (= and -), fit as Resolve's Shift+Z; none taken by the player
        for label, key, slot in (("Zoom timeline in", "=", lambda: self.timeline.zoom(2.0)),
                                 ("Zoom timeline out", "-", lambda: self.timeline.zoom(0.5)),
                                 ("Fit timeline", "Shift+Z", self.timeline.fit)):
            action = view.addAction(label, slot)
            action.setShortcut(QKeySequence(key))

        mark = bar.addMenu("&Mark")
        for label, key, slot in (("Next flag", "Shift+Down", self.next_flag),
                                 ("Previous flag", "Shift+Up", self.previous_flag),
                                 ("Mark in", "I", self.mark_in),
                                 ("Mark out", "O", self.mark_out),
                                 ("Clear in and out", "Alt+X", self.clear_marks)):
            action = mark.addAction(label, slot)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

        analysis = bar.addMenu("&Analysis")
        self.reanalyse_action = analysis.addAction("Analyse again", self.start_analysis)
        self.reanalyse_action.setShortcut(QKeySequence("F5"))
        self.reanalyse_action.setEnabled(False)
        self.cancel_action = analysis.addAction("Cancel analysis", self.cancel_analysis)
        self.cancel_action.setEnabled(False)

        help_menu = bar.addMenu("&Help")
        help_menu.addAction("Keyboard shortcuts", self._show_keys)
        help_menu.addAction("About ReelStudio", self._show_about)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files:
            self.recent_menu.addAction(path, lambda p=path: self.open_file(p))
        self.recent_menu.setEnabled(bool(self.settings.recent_files))

    def _show_keys(self) -> None:
        QMessageBox.information(self, "Keyboard shortcuts", (
            "Space  play / pause\nJ / K / L  shuttle back / stop / forward (press again: faster)\n"
            "Left / Right  one frame\nShift+Left / Shift+Right  one second\nUp / Down  previous / next cut\n"
            "Home / End  first / last frame\nShift+Up / Shift+Down  previous / next flag\n"
            "I / O  mark in / out\nAlt+X  clear in and out\n= / -  zoom the timeline in / out\n"
            "Shift+Z  fit the timeline\nF5  analyse again\nCtrl+O  open"))

    def _show_about(self) -> None:
        from .. import __version__

        QMessageBox.about(self, "About ReelStudio", f"ReelStudio {__version__}\nOffline checks for short vertical video.")

    # -- errors --------------------------------------------------------------------------
    def show_error(self, title: str, text: str, details: str = "") -> QMessageBox:
        """A window-modal error dialog that does not block the event loop."""
        log.warning("%s: %s", title, text)
        box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, self)
        if details:
            box.setDetailedText(details)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(lambda _r, b=box: self.error_dialogs.remove(b) if b in self.error_dialogs else None)
        self.error_dialogs.append(box)
        box.open()
        self.errorShown.emit(title, text)
        return box

    # -- opening -------------------------------------------------------------------------
    def open_dialog(self) -> None:
        start = os.path.dirname(self.settings.recent_files[0]) if self.settings.recent_files else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open a video", start, VIDEO_FILTER)
        if path:
            self.open_file(path)

    def open_analysis_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open a saved analysis", "", "Analysis JSON (*.json);;All files (*)")
        if path:
            self.open_analysis_json(path)

    def open_analysis_json(self, path: str) -> bool:
        """Show a saved analysis JSON (``reelstudio analyze --json``) over its video, without analysing again."""
        from ..lanes import load_analysis

        try:
            data = load_analysis(path)  # a lane without a field it needs is refused here, not drawn as empty
            video = data["source"]["path"]
            if data.get("schema_version") != 1:
                raise ValueError(f"schema_version {data.get('schema_version')!r}, this build reads 1")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            self.show_error("Cannot open this analysis", f"{os.path.basename(path)}: {exc}")
            return False
        if not os.path.isabs(video):  # the CLI records the path as given: relative to where it ran
            candidates = [os.path.join(os.path.dirname(os.path.abspath(path)), video), os.path.abspath(video)]
            video = next((c for c in candidates if os.path.exists(c)), candidates[0])
        return self.open_file(video, analysis=data)

    def open_file(self, path: str, analysis: dict | None = None) -> bool:
        """Show ``path`` in the player and analyse it (or show ``analysis``, its saved JSON dict);
        False (and a dialog) if it cannot be opened."""
        from ..errors import ReelStudioError

        path = os.fspath(path)
        self._stop_worker()
        try:
            self.player.open(path)  # probes; raises before anything changes
            info = self.player.source_info()
        except ReelStudioError as exc:
            self.show_error("Cannot open this file", f"{os.path.basename(path)}: {exc}")
            return False
        except Exception as exc:  # noqa: BLE001 - never crash on a file
            import traceback

            self.show_error("Cannot open this file", f"{os.path.basename(path)}: {exc.__class__.__name__}: {exc}",
                            traceback.format_exc())
            return False
        self.session.open(path, info.to_contract())  # the views are cleared on its "opened"
        self._start_hashing(self.path)
        self.settings = self.settings.with_recent(self.path)
        self._save_settings()
        self._fill_recent_menu()
        if analysis is not None:
            if int(analysis["source"].get("frame_count", -1)) != info.frame_count:
                self.show_error("Analysis does not match", f"the analysis is of a video with "
                                f"{analysis['source'].get('frame_count')} frames; {os.path.basename(path)} has "
                                f"{info.frame_count}. Analysing it again.")
            else:
                self.load_analysis(analysis)
                self.status_label.setText(f"Showing the saved analysis of {os.path.basename(path)}")
                self.reanalyse_action.setEnabled(True)
                return True
        self.start_analysis()
        return True

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._dropped_path(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802
        path = self._dropped_path(event.mimeData())
        if path:
            event.acceptProposedAction()
            self.open_file(path)

    @staticmethod
    def _dropped_path(mime) -> str | None:
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile():
                return url.toLocalFile()
        return None

    # -- analysis ------------------------------------------------------------------------
    def start_analysis(self) -> None:
        if not self.path:
            return
        self._stop_worker()
        worker = AnalysisWorker(self.path, self.settings.analysis_options(), parent=self)
        worker.progress.connect(self._on_progress)
        worker.lanesReady.connect(self._on_lanes)
        worker.resultReady.connect(self._on_result)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._on_cancelled)
        worker.finished.connect(self._on_thread_finished)
        self.worker = worker
        self._threads.add(worker)
        self._started = time.monotonic()
        self.checklist.set_running("Analysing…")
        self._show_summary(None)
        self.timeline.show_pending()
        self.status_label.setText(f"Analysing {os.path.basename(self.path)}…")
        self.progress.setRange(0, 0)
        self._show_progress(True)
        self.reanalyse_action.setEnabled(False)
        worker.start()

    def is_analysing(self) -> bool:
        return self.worker is not None

    def cancel_analysis(self) -> None:
        if self.worker is None:
            return
        self.worker.cancel()
        self.cancel_button.setEnabled(False)
        self.cancel_action.setEnabled(False)
        self.status_label.setText("Cancelling…")

    def _stop_worker(self) -> None:
        """Detach the running worker (it winds down in the background; its signals are ignored)."""
        if self.worker is not None:
            self.worker.cancel()
            self.worker = None
            self._show_progress(False)

    def _current(self) -> bool:
        return self.sender() is self.worker and self.worker is not None

    @Slot(str, int, int)
    def _on_progress(self, stage: str, done: int, total: int) -> None:
        if not self._current():
            return
        if stage == "video" and total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.progress.setFormat("%v / %m frames")
        elif stage == "finish":
            self.progress.setRange(0, 0)
            self.progress.setFormat("finishing")
        self.status_label.setText(f"Analysing {os.path.basename(self.path or '')}: {stage}")

    @Slot(object)
    def _on_lanes(self, lanes: dict) -> None:
        if not self._current():
            return
        self.session.add_lanes(lanes)  # drawn on its "lanes" event

    @Slot(object, object)
    def _on_result(self, result, data: dict) -> None:
        if not self._current():
            return
        self.session.load(data, result)
        took = time.monotonic() - self._started
        note = self.session.note
        self.status_label.setText(f"Analysed in {took:.1f} s" + (f"; {note}" if note else ""))

    def load_analysis(self, data: dict) -> None:
        """Show a finished analysis JSON dict (lanes, flags, checklist, score) for the open video,
        with the flags accepted for this video (reelstudio/accepted.py) marked and re-scored."""
        self.session.load(data)  # repainted on its "analysis" event

    # -- the session's events: the views repainted from the document ----------------------------
    def _on_session(self, event: str, **details) -> None:
        {"opened": self._show_opened, "analysis": self._show_analysis, "edited": self._show_edit,
         "lanes": self._show_lanes}[event](**details)

    def _show_opened(self) -> None:
        self._show_summary(None)
        self.setWindowTitle(f"{os.path.basename(self.path)} — ReelStudio")
        self.timeline.clear()
        self.timeline.set_source(self.source)
        self.checklist.clear()
        self.transcript.clear()
        self.show_source_warnings([])  # and the lanes a model left out: none yet
        self._set_exports_enabled(False)
        self._apply_preset()
        self.player.set_overlays(ui_zones=ui_zones_of(self.settings.preset), faces_lane=None, text_lane=None)
        self._on_frame_changed(self.player.current_frame())

    def _show_analysis(self, keep_selection: bool = False) -> None:
        data = self.analysis
        highlighted = self.timeline.highlighted_flags() if keep_selection else None
        if self.session.note:
            self.status_label.setText(self.session.note)
        self.show_source_warnings(self.source.get("warnings") or [])  # and the lanes a model left out
        self.timeline.set_analysis(data)
        self.checklist.set_analysis(data, self.timeline.timebase)
        self.transcript.set_analysis(data, self.timeline.timebase)
        self._show_summary(summary_of(data))
        self._feed_player(data.get("lanes", {}))
        self._set_exports_enabled(True)
        if highlighted is not None:
            self.timeline.highlight_flags(highlighted)  # the same flags: only their marks changed

    def _show_lanes(self, lanes: dict) -> None:
        self.timeline.set_lanes(lanes)
        self._feed_player(lanes)
        self._refresh_banner()  # a lane a missing model left out is said as soon as it arrives
        self.lanesShown.emit(sorted(lanes))

    def _show_edit(self, lane: str) -> None:
        data = self.analysis
        self.timeline.set_lanes({lane: data["lanes"][lane]})
        self._feed_player({lane: data["lanes"][lane]} if lane == "text" else {})
        self.transcript.set_analysis(data, self.timeline.timebase)

    # -- the transcript: corrections, subtitles from them ----------------------------------------
    @Slot(int, str)
    def edit_word(self, index: int, text: str) -> None:
        """Correct word ``index`` of the speech lane; the subtitles and the JSON export the correction."""
        if self.analysis is not None:
            stored = self._store_correction("words", index, text)
            self.status_label.setText(f"Word corrected: {' '.join(text.split()) or '(removed)'}" + stored)

    @Slot(int, str)
    def edit_caption(self, index: int, text: str) -> None:
        """Correct caption ``index`` of the text lane (what the subtitles from captions say)."""
        if self.analysis is not None:
            self.status_label.setText("Caption corrected" + self._store_correction("captions", index, text))

    def _store_correction(self, kind: str, index: int, text: str) -> str:
        """Correct and keep for this video (undone: forgotten); '' or why it was not kept."""
        try:
            if not self.session.correct(kind, index, text):
                return " (not stored: the video cannot be read)"
        except OSError as exc:
            self.show_error("Cannot store the correction", str(exc))
            return " (not stored)"
        return ""

    def export_subtitles(self, fmt: str, path: str | None = None):
        """SRT or VTT of the (corrected) transcript; asks where unless ``path`` is given."""
        if self.analysis is None:
            return None
        if path is None:
            base = os.path.splitext(self.path or "subtitles")[0]
            path, _ = QFileDialog.getSaveFileName(self, f"Export {fmt.upper()}", f"{base}.{fmt}",
                                                  f"{fmt.upper()} subtitles (*.{fmt})")
            if not path:
                return None
            if not path.lower().endswith(f".{fmt}"):
                path += f".{fmt}"
        return self.export_to(path, fmt, source=self.transcript.subtitle_source())

    # -- flags accepted as intentional --------------------------------------------------------
    def _start_hashing(self, path: str) -> None:
        """Hash the video's bytes in a thread (a 2 GB file takes seconds): the editor's stored
        decisions are put on the analysis when it is done (``_on_hash_ready``)."""
        import threading

        from ..accepted import content_hash

        def run():
            try:
                h = content_hash(path)
            except OSError:
                h = ""
            try:
                self.hashReady.emit(path, h)  # queued to the GUI thread
            except RuntimeError:  # the window was closed meanwhile
                pass

        threading.Thread(target=run, name="reelstudio-hash", daemon=True).start()

    @Slot(str, str)
    def _on_hash_ready(self, path: str, h: str) -> None:
        self.session.hash_ready(path, h)  # repainted, with the decisions stored for it, if any

    @Slot(list, bool)
    def accept_flags(self, indices: list, accept: bool) -> None:
        """Accept flags (indices into the analysis' flags) as intentional, or undo it: stored for
        this video by its content hash, the score redone, every view refreshed."""
        try:
            h = self.session.video_hash()
        except OSError as exc:
            self.status_label.setText(f"Accepted flags unavailable: {exc}")
            return
        if self.analysis is None or h is None:
            return
        try:
            self.session.accept(indices, accept)
        except OSError as exc:
            self.show_error("Cannot store the accepted flags", str(exc))
            return
        n = len(indices)
        self.status_label.setText(f"{n} flag{'s' if n != 1 else ''} " + ("accepted as intentional" if accept
                                                                           else "no longer accepted"))

    @Slot(bool)
    def _on_playing_changed(self, playing: bool) -> None:
        from .audio_out import NO_DEVICE

        if playing and self.player.audio_status() == NO_DEVICE:
            self.status_label.setText("Playing silently: no sound device (Settings ▸ Sound output)")

    @Slot(str)
    def show_sound_status(self, status: str) -> None:
        """The status bar's sound indicator, from the player's audio status."""
        from .audio_out import NO_DEVICE

        kind, _, what = status.partition(": ")
        tip = f"{status}. Settings ▸ Sound output chooses the device."
        if status == NO_DEVICE:
            text, style = "No sound device: plays silently", "color: #8a1c1c; background: #fdecea; padding: 0 6px;"
        elif kind == "sound":
            device = what.removeprefix("ready").strip(" ()") or "system default"
            text, style = f"Sound: {device}", "color: #1e6b34; padding: 0 6px;"
        elif status in ("silent: no media",):
            text, style = "", ""
        elif status == "silent: the video has no sound":
            text, style = "No sound in this video", "color: #6e757d; padding: 0 6px;"
        else:
            text, style = f"Silent: {what}", "color: #8a1c1c; background: #fdecea; padding: 0 6px;"
        self.sound_label.setText(text)
        self.sound_label.setStyleSheet(style)
        self.sound_label.setToolTip(tip)
        self.sound_label.setVisible(bool(text))

    def _show_summary(self, summary: Summary | None) -> None:
        """The status bar's score, band and flag count (None: no analysis on screen)."""
        self.summary = summary
        self.summary_label.setText("" if summary is None else summary.short_text())

    def show_source_warnings(self, warnings: list[str]) -> None:
        """The banner: the file was not read whole (empty list: no such line); with the lanes a
        missing or damaged model left out (the session's lanes so far)."""
        self._source_warnings = list(warnings)
        self._refresh_banner()

    def _refresh_banner(self) -> None:
        from ..result import model_failures

        lines = []
        failures = model_failures(self.session.lanes)
        if failures:
            said = "; ".join(f"{', '.join(names)}: {reason}" for reason, names in failures.items())
            lines.append(f"A model is missing or damaged, so these lanes are unavailable and the score leaves "
                         f"their checks out: {said}. Reinstall ReelStudio to restore the models.")
        if self._source_warnings:
            lines.append("The file was not read whole; the analysis covers what could be read: "
                         + "; ".join(self._source_warnings) + ".")
        self.warning_banner.setText("\n".join(lines))
        self.warning_banner.setVisible(bool(lines))

    @Slot(str, str, str)
    def _on_failed(self, kind: str, message: str, details: str) -> None:
        if not self._current():
            return
        self.checklist.clear(f"Analysis failed: {message}")
        self.timeline.show_pending("analysis failed")
        self.status_label.setText("Analysis failed")
        self.show_error("Analysis failed", f"{os.path.basename(self.path or '')}: {message}", details)

    @Slot()
    def _on_cancelled(self) -> None:
        if not self._current():
            return
        self.checklist.clear("Analysis cancelled. Analysis ▸ Analyse again (F5) restarts it.")
        self.timeline.show_pending("analysis cancelled")
        self.status_label.setText("Analysis cancelled")

    @Slot()
    def _on_thread_finished(self) -> None:
        worker = self.sender()
        self._threads.discard(worker)
        if worker is self.worker:
            self.worker = None
            self._show_progress(False)
            self.reanalyse_action.setEnabled(self.path is not None)
            self.analysisFinished.emit(worker.outcome or "failed")
        worker.deleteLater()

    def _show_progress(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.cancel_button.setVisible(on)
        self.cancel_button.setEnabled(on)
        if hasattr(self, "cancel_action"):
            self.cancel_action.setEnabled(on)

    def _feed_player(self, lanes: dict) -> None:
        cuts = lanes.get("cuts")
        if cuts and cuts.get("status", "ok") == "ok":
            self.player.set_cut_frames(sorted(int(e["frame"]) for e in cuts.get("events", [])))
        faces, text = lanes.get("faces"), lanes.get("text")
        if faces is not None or text is not None:
            kwargs = {}
            if faces is not None and faces.get("status", "ok") == "ok":
                kwargs["faces_lane"] = faces
            if text is not None and text.get("status", "ok") == "ok":
                kwargs["text_lane"] = text
            if kwargs:
                self.player.set_overlays(**kwargs)

    # -- seeking -------------------------------------------------------------------------
    @Slot(int)
    def seek(self, frame: int) -> None:
        if self.path is None:
            return
        self.player.seek(int(frame))

    @Slot(int)
    def _on_frame_changed(self, frame: int) -> None:
        self.timeline.set_playhead(frame)
        self.transcript.set_frame(frame)
        if self.player.is_playing():
            self.timeline.ensure_visible(frame)
        total = self.player.frame_count()
        if total:
            text = f"{self.player.timecode()}  ·  frame {frame} / {total - 1}"
            tb = self.timeline.timebase
            marks = [f"{name} {tb.frame_to_timecode(f)}" for name, f in zip(("in", "out"), self.timeline.in_out())
                     if f is not None and tb is not None]
            self.timecode_label.setText(text + "".join(f"  ·  {m}" for m in marks))

    # -- flags and marks from the keyboard -------------------------------------------------
    def next_flag(self) -> None:
        """Select the first flag starting after the playhead and show its first frame."""
        i = self.session.flag_after(self.player.current_frame())
        if i is not None and self.path is not None:
            self.checklist.activate_flag(i)

    def previous_flag(self) -> None:
        """Select the last flag starting before the playhead and show its first frame."""
        i = self.session.flag_before(self.player.current_frame())
        if i is not None and self.path is not None:
            self.checklist.activate_flag(i)

    def mark_in(self) -> None:
        """In mark at the frame on screen; an out mark before it goes."""
        if self.path is None:
            return
        frame = self.player.current_frame()
        _old_in, out = self.timeline.in_out()
        self.timeline.set_in_out(frame, out if out is not None and out >= frame else None)
        self._show_marks()

    def mark_out(self) -> None:
        """Out mark at the frame on screen (the range includes it); an in mark after it goes."""
        if self.path is None:
            return
        frame = self.player.current_frame()
        mark_in, _old_out = self.timeline.in_out()
        self.timeline.set_in_out(mark_in if mark_in is not None and mark_in <= frame else None, frame)
        self._show_marks()

    def clear_marks(self) -> None:
        self.timeline.set_in_out(None, None)
        self._show_marks()

    def _show_marks(self) -> None:
        self._on_frame_changed(self.player.current_frame())

    def set_overlay(self, kind: str, visible: bool) -> None:
        self.player.set_overlay_visible(kind, visible)
        kinds = [k for k, a in self.overlay_actions.items() if a.isChecked()]
        self.settings = dataclasses.replace(self.settings, overlays=tuple(kinds))
        self._save_settings()

    # -- settings and exports ------------------------------------------------------------
    def settings_dialog(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        self.apply_settings(dialog.result_settings())

    def apply_settings(self, new: Settings) -> None:
        from ..errors import ReelStudioError
        from .settings import select_speech_model

        old, self.settings = self.settings, new
        self._save_settings()
        self.player.audio.set_device(new.audio_device)
        try:
            select_speech_model(new.asr_model, new.words_quality)
        except ReelStudioError as exc:
            self.show_error("Speech model not selected", str(exc))
        self._apply_preset()
        if self.path:
            self.player.set_overlays(ui_zones=ui_zones_of(new.preset))
        if not self.path:
            self.session.preset = new.preset
            return
        lanes_changed = {k: v for k, v in old.analysis_options().items() if k != "preset"} != \
            {k: v for k, v in new.analysis_options().items() if k != "preset"}
        if lanes_changed or (self.analysis is None and not self.is_analysing()):
            self.session.preset = new.preset  # the run scores for it
            self.start_analysis()  # lanes unchanged by the new options come back from the cache at once
        else:
            self.session.set_preset(new.preset)  # the checks again if it changed; the lanes stay

    def _apply_preset(self) -> None:
        target = loudness_target_of(self.settings.preset)
        if target is not None:
            self.timeline.loudness_target = target

    def _save_settings(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as exc:
            self.status_label.setText(f"Settings not saved: {exc}")

    def _set_exports_enabled(self, on: bool) -> None:
        for action in self.export_actions.values():
            action.setEnabled(on)

    def export_dialog(self, choice) -> None:
        from .exports import file_filter, format_of

        if self.analysis is None:
            return
        base = os.path.splitext(self.path or "analysis")[0]
        path, selected = QFileDialog.getSaveFileName(self, choice.label.rstrip("…"), base,
                                                     ";;".join(file_filter(choice)))
        if not path:
            return
        fmt, path = format_of(choice, path, selected)
        self.export_to(path, fmt)

    def export_to(self, path: str, fmt: str, **options):
        """Write the current analysis in ``fmt`` in the background; returns the worker."""
        from .exports import ExportWorker

        worker = ExportWorker(self.analysis, path, fmt, parent=self, **options)
        worker.done.connect(self._on_export_done)
        worker.failed.connect(self._on_export_failed)
        worker.finished.connect(self._on_export_thread_finished)
        self._threads.add(worker)
        self.status_label.setText(f"Exporting {os.path.basename(path)}…")
        worker.start()
        return worker

    @Slot(str)
    def _on_export_done(self, path: str) -> None:
        self.status_label.setText(f"Exported {path}")

    @Slot(str, str)
    def _on_export_failed(self, message: str, details: str) -> None:
        self.status_label.setText("Export failed")
        self.show_error("Export failed", message, details)

    @Slot()
    def _on_export_thread_finished(self) -> None:
        worker = self.sender()
        self._threads.discard(worker)
        worker.deleteLater()

    # -- closing -------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802
        self._stop_worker()
        for thread in list(self._threads):
            if hasattr(thread, "cancel"):
                thread.cancel()
        for thread in list(self._threads):
            thread.wait(10_000)
        self.player.close_media()
        self._save_settings()
        super().closeEvent(event)
