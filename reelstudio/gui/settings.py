"""Settings (preset, OCR languages, speech model, recent files, overlays) and their dialog.

Stored as JSON in the user data folder (``resources.data_dir()``, platformdirs; override with
REELSTUDIO_DATA_DIR), written atomically. The model manager part lists and installs speech
models through ``reelstudio.speech_models`` when this build has it.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QListWidget,
    QListWidgetItem, QMessageBox, QPushButton, QVBoxLayout, QWidget, QLabel,
)

log = logging.getLogger(__name__)

SETTINGS_FILE = "gui-settings.json"
MAX_RECENT = 10


def preset_names() -> dict[str, str]:
    """Preset id -> title, from reelstudio.presets when present."""
    try:
        from ..presets import PRESETS

        return {name: p.title for name, p in PRESETS.items()}
    except ImportError:
        return {"reels": "Instagram Reels", "tiktok": "TikTok", "shorts": "YouTube Shorts"}


@dataclass(frozen=True)
class Settings:
    preset: str = "reels"
    ocr_languages: tuple[str, ...] = ("eng", "rus")  # the text lane's own default, as the CLI reads
    asr_model: str = ""  # the words engine ('' = Whisper base, 'pocketsphinx', or an installed Vosk model)
    words_quality: str = "fast"  # Whisper's quality: 'fast' or 'accurate' (stored by the model manager too)
    recent_files: tuple[str, ...] = ()
    overlays: tuple[str, ...] = ("ui_zones", "faces", "text")
    audio_device: str = ""  # the sound output's id ('' the system default)

    def with_recent(self, path: str) -> "Settings":
        path = os.path.abspath(path)
        recent = (path,) + tuple(p for p in self.recent_files if p != path)
        return dataclasses.replace(self, recent_files=recent[:MAX_RECENT])

    def analysis_options(self) -> dict:
        """Keyword arguments for ``pipeline.run`` (the worker passes only those it accepts)."""
        return {"preset": self.preset, "ocr_languages": self.ocr_languages, "asr_model": self.asr_model or None,
                "words_quality": self.words_quality}  # the analyzers they make: analysis_process.analyzers_for

    def to_json(self) -> dict:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(self).items()}

    @classmethod
    def from_json(cls, obj: dict) -> "Settings":
        defaults = cls()
        values = {}
        for f in dataclasses.fields(cls):
            if f.name not in obj:
                continue
            value = obj[f.name]
            default = getattr(defaults, f.name)
            if isinstance(default, tuple):
                if isinstance(value, list) and all(isinstance(v, str) for v in value):
                    values[f.name] = tuple(value)
            elif isinstance(value, type(default)):
                values[f.name] = value
        if values.get("preset") not in preset_names():
            values.pop("preset", None)
        return cls(**values)


def settings_path() -> Path:
    from ..resources import data_dir

    return data_dir() / SETTINGS_FILE


def load_settings() -> Settings:
    path = settings_path()
    try:
        return Settings.from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError, TypeError) as exc:  # a damaged file must not stop the app
        log.warning("ignoring unreadable settings %s: %s", path, exc)
        return Settings()


def save_settings(settings: Settings) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    tmp.write_text(json.dumps(settings.to_json(), indent=2), encoding="utf-8")
    os.replace(tmp, path)


def tesseract_languages() -> list[str]:
    """Languages the installed Tesseract data covers ('osd' left out)."""
    from ..analysis.text import installed_languages

    return installed_languages()


def _speech_models():
    try:
        from .. import speech_models
    except ImportError:
        return None
    return speech_models


def installed_speech_models() -> list:
    """Installed speech models (``speech_models.SpeechModel``); [] when this build has no manager."""
    sm = _speech_models()
    return list(sm.list_models()) if sm is not None else []


def selected_speech_model() -> str:
    sm = _speech_models()
    return (sm.selected() or "") if sm is not None else ""


def select_speech_model(name: str, quality: str | None = None) -> None:
    """Make ``name`` ('' = Whisper base) the engine the speech lane uses, and ``quality``
    Whisper's setting (both stored by the model manager, which the CLI reads too)."""
    sm = _speech_models()
    if sm is None:
        return
    if (sm.selected() or "") != name:
        sm.select(name or None)
    if quality and sm.quality() != quality:
        sm.set_quality(quality)


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.last_warning: QMessageBox | None = None
        self.setWindowTitle("Settings")
        self._settings = settings
        form = QFormLayout()

        self.preset = QComboBox()
        for name, title in preset_names().items():
            self.preset.addItem(title, name)
        self.preset.setCurrentIndex(max(0, self.preset.findData(settings.preset)))
        form.addRow("Platform preset", self.preset)

        self.ocr = QListWidget()
        self.ocr.setMaximumHeight(110)
        langs = tesseract_languages() or list(settings.ocr_languages)
        for lang in sorted(set(langs) | set(settings.ocr_languages)):
            item = QListWidgetItem(lang)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if lang in settings.ocr_languages else Qt.CheckState.Unchecked)
            self.ocr.addItem(item)
        form.addRow("On-screen text languages", self.ocr)

        from .audio_out import output_devices

        self.sound = QComboBox()
        self.sound.addItem("System default", "")
        for device_id, description in output_devices():
            self.sound.addItem(description, device_id)
        if settings.audio_device and self.sound.findData(settings.audio_device) < 0:
            self.sound.addItem("(not connected) " + settings.audio_device, settings.audio_device)
        self.sound.setCurrentIndex(max(0, self.sound.findData(settings.audio_device)))
        self.sound_note = QLabel("" if self.sound.count() > 1 else
                                 "No sound device found: the player plays silently, clocked by the computer.")
        self.sound_note.setWordWrap(True)
        sound_box = QVBoxLayout()
        sound_box.addWidget(self.sound)
        sound_box.addWidget(self.sound_note)
        form.addRow("Sound output", sound_box)

        models = QGroupBox("Speech recognition model (words)")
        self.models = QListWidget()
        self.models.setMaximumHeight(120)
        self.install_button = QPushButton("Install from zip or folder…")
        self.remove_button = QPushButton("Remove")
        self.install_button.clicked.connect(self._install)
        self.remove_button.clicked.connect(self._remove)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.install_button)
        buttons_row.addWidget(self.remove_button)
        box = QVBoxLayout(models)
        box.addWidget(self.models)
        box.addLayout(buttons_row)
        self.models_note = QLabel()
        self.models_note.setWordWrap(True)
        box.addWidget(self.models_note)
        self._fill_models(settings.asr_model or selected_speech_model())
        self.quality = QComboBox()
        self.quality.addItem("Fast (Whisper base, greedy)", "fast")
        self.quality.addItem("Accurate (Whisper base, beam search; about 10-20 % more CPU)", "accurate")
        self.quality.setCurrentIndex(max(0, self.quality.findData(settings.words_quality)))
        self.quality.setToolTip("Whisper's decoding. Fast is the default; accurate searches five hypotheses.")
        quality_row = QHBoxLayout()
        quality_row.addWidget(QLabel("Quality"))
        quality_row.addWidget(self.quality, 1)
        box.insertLayout(1, quality_row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(models)
        layout.addWidget(buttons)

    def _fill_models(self, selected: str = "") -> None:
        self.models.clear()
        default = QListWidgetItem("Whisper base (default: English, Russian and 90+ languages, detected)")
        default.setData(Qt.ItemDataRole.UserRole, "")
        self.models.addItem(default)
        self.models.setCurrentItem(default)
        bundled = QListWidgetItem("pocketsphinx en-us (English only, fewer correct words)")
        bundled.setData(Qt.ItemDataRole.UserRole, "pocketsphinx")
        self.models.addItem(bundled)
        if selected == "pocketsphinx":
            self.models.setCurrentItem(bundled)
        available = _speech_models() is not None
        self.install_button.setEnabled(available)
        self.remove_button.setEnabled(available)
        if not available:
            self.models_note.setText("This build has no speech model manager.")
            return
        for m in installed_speech_models():
            size = f"{m.size_bytes / 1e6:.0f} MB"
            text = f"{m.name} ({m.engine}, {m.language or 'unknown language'}, {size})"
            if m.status != "ok":
                text += f" — {m.status}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, m.name)
            self.models.addItem(item)
            if m.name == selected:
                self.models.setCurrentItem(item)
        self.models_note.setText("Vosk models are installed from their zip or folder; nothing is downloaded.")

    def _install(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Install a speech model", "", "Model archives (*.zip);;All files (*)")
        if not path:
            path = QFileDialog.getExistingDirectory(self, "Install a speech model from a folder")
        if path:
            self.install_model(path)

    def install_model(self, path: str) -> bool:
        """Install a model from a zip or folder through the manager; a warning dialog if it fails."""
        from ..errors import ReelStudioError

        try:
            installed = _speech_models().install(path)
        except (ReelStudioError, OSError) as exc:
            self._warn("Model not installed", str(exc))
            self._fill_models()
            return False
        self._fill_models(installed.name)
        return True

    def _remove(self) -> None:
        item = self.models.currentItem()
        name = item.data(Qt.ItemDataRole.UserRole) if item is not None else ""
        if not name or name == "pocketsphinx":
            return
        from ..errors import ReelStudioError

        try:
            _speech_models().remove(name)
        except (ReelStudioError, OSError) as exc:
            self._warn("Model not removed", str(exc))
        self._fill_models()

    def _warn(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self.last_warning = box

    def result_settings(self) -> Settings:
        langs = tuple(self.ocr.item(i).text() for i in range(self.ocr.count())
                      if self.ocr.item(i).checkState() == Qt.CheckState.Checked)
        item = self.models.currentItem()
        model = item.data(Qt.ItemDataRole.UserRole) if item is not None else ""
        return dataclasses.replace(self._settings, preset=self.preset.currentData(), ocr_languages=langs or ("eng",),
                                   asr_model=model or "", words_quality=self.quality.currentData() or "fast",
                                   audio_device=self.sound.currentData() or "")
