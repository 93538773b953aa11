"""The Export menu: PDF report, NLE markers, subtitles (reelstudio.report) and the analysis JSON.

Exports are plain functions over the analysis JSON dict; the window runs them in a
background thread (a PDF decodes thumbnails) and shows errors in a dialog.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from PySide6.QtCore import QThread, Signal


@dataclass(frozen=True)
class ExportChoice:
    label: str  # menu text
    formats: tuple[tuple[str, str, str], ...]  # (format name, extension, description)


def export_choices() -> list[ExportChoice]:
    """Menu entries: the report package's formats grouped by kind, then JSON."""
    groups: dict[str, list[tuple[str, str, str]]] = {}
    try:
        from ..report import FORMATS
    except ImportError:
        FORMATS = {}
    for fmt in FORMATS.values():
        groups.setdefault(fmt.kind, []).append((fmt.name, fmt.extensions[0], fmt.description))
    labels = {"report": "PDF report…", "markers": "Markers for editors…", "subtitles": "Subtitles (SRT/VTT)…"}
    out = [ExportChoice(labels.get(kind, f"{kind.title()}…"), tuple(items))
           for kind, items in sorted(groups.items(), key=lambda kv: list(labels).index(kv[0]) if kv[0] in labels else 9)]
    out.append(ExportChoice("Analysis JSON…", (("json", ".json", "ReelStudio analysis JSON"),)))
    return out


def file_filter(choice: ExportChoice) -> list[str]:
    return [f"{desc} (*{ext})" for _, ext, desc in choice.formats]


def format_of(choice: ExportChoice, path: str, selected_filter: str = "") -> tuple[str, str]:
    """(format name, path with an extension): the path's own extension wins, then the chosen filter."""
    low = path.lower()
    for name, ext, _ in choice.formats:
        if low.endswith(ext):
            return name, path
    for (name, ext, _), flt in zip(choice.formats, file_filter(choice)):
        if flt == selected_filter:
            return name, path + ext
    name, ext, _ = choice.formats[0]
    return name, path + ext


def export(analysis: dict, path: str, fmt: str, **options) -> str:
    """Write ``analysis`` as ``fmt`` to ``path`` (atomically, never over the source video);
    ``options`` reach the exporter (``source`` for subtitles: auto, speech or captions)."""
    from ..errors import OutputError

    source = (analysis.get("source") or {}).get("path")
    if source and os.path.exists(path) and os.path.samefile(path, source):
        raise OutputError(f"{path}: refusing to overwrite the analysed video")
    if fmt == "json":
        from ..report._io import atomic_write

        atomic_write(path, (json.dumps(analysis, indent=2, ensure_ascii=False, allow_nan=False) + "\n").encode())
        return path
    from ..report import write

    write(analysis, path, fmt, **options)
    return path


def not_written_message(path: str, exc: Exception) -> str:
    """What the export dialog says when the analysis cannot give this output (no file is written)."""
    text = str(exc).strip().rstrip(".")
    return f"{os.path.basename(path)} was not written: {text[:1].upper()}{text[1:]}."


class ExportWorker(QThread):
    done = Signal(str)         # path written
    failed = Signal(str, str)  # message, traceback ('' for expected errors)

    def __init__(self, analysis: dict, path: str, fmt: str, parent=None, **options):
        super().__init__(parent)
        self.analysis, self.path, self.fmt, self.options = analysis, path, fmt, options

    def run(self) -> None:
        import traceback

        from ..errors import NotAvailableYet, ReelStudioError

        try:
            export(self.analysis, self.path, self.fmt, **self.options)
            self.done.emit(self.path)
        except NotAvailableYet as exc:  # e.g. subtitles of a video with no transcript: nothing was written
            self.failed.emit(not_written_message(self.path, exc), "")
        except ReelStudioError as exc:
            self.failed.emit(str(exc), "")
        except Exception as exc:  # noqa: BLE001 - shown in a dialog, never a crash
            self.failed.emit(f"{exc.__class__.__name__}: {exc}", traceback.format_exc())
