"""Reports and exports over the analysis JSON: PDF checklist, NLE markers, subtitles.

Every exporter is a plain function ``(analysis: dict, **options) -> bytes`` over the
analysis JSON (../shared/CONTRACT.md), registered here by format name and file
extension; :func:`write` picks it from the output's extension and writes atomically.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable

from ..errors import OutputError

Exporter = Callable[..., bytes]


@dataclass(frozen=True)
class ExportFormat:
    name: str  # "fcpxml", "edl", ...
    extensions: tuple[str, ...]  # ".fcpxml", ...
    kind: str  # "markers", "subtitles" or "report"
    module: str  # module that registers the exporter (imported on first use)
    description: str


# The table is static so that listing formats imports nothing heavy; the exporter
# functions register themselves in _EXPORTERS when their module is imported.
FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("fcpxml", (".fcpxml",), "markers", "markers", "Final Cut Pro X / DaVinci Resolve markers"),
        ExportFormat("edl", (".edl",), "markers", "markers", "CMX 3600 EDL with Resolve marker comments"),
        ExportFormat("otio", (".otio",), "markers", "markers", "OpenTimelineIO timeline with markers"),
        ExportFormat("csv", (".csv",), "markers", "markers", "flags as a spreadsheet"),
        ExportFormat("srt", (".srt",), "subtitles", "subtitles", "SubRip transcript"),
        ExportFormat("vtt", (".vtt",), "subtitles", "subtitles", "WebVTT transcript"),
        ExportFormat("pdf", (".pdf",), "report", "pdf", "PDF checklist report"),
    )
}

_EXPORTERS: dict[str, Exporter] = {}


def register(name: str) -> Callable[[Exporter], Exporter]:
    """Decorator: make ``fn`` the exporter of format ``name`` (declared in FORMATS)."""
    if name not in FORMATS:
        raise KeyError(f"unknown export format {name!r}")

    def deco(fn: Exporter) -> Exporter:
        _EXPORTERS[name] = fn
        return fn

    return deco


def exporter(name: str) -> Exporter:
    import importlib

    fmt = FORMATS[name]
    if name not in _EXPORTERS:
        importlib.import_module(f"{__name__}.{fmt.module}")
    return _EXPORTERS[name]


def format_for_path(path: str, kind: str | None = None) -> str:
    """The format an output path asks for by its extension; OutputError if none fits."""
    low = os.fspath(path).lower()
    for fmt in FORMATS.values():
        if (kind is None or fmt.kind == kind) and low.endswith(fmt.extensions):
            return fmt.name
    choices = ", ".join(e for f in FORMATS.values() if kind is None or f.kind == kind for e in f.extensions)
    raise OutputError(f"{path}: unknown output format; use one of {choices}")


def render(analysis: dict[str, Any], name: str, **options: Any) -> bytes:
    """The bytes of format ``name`` for ``analysis``."""
    if name not in FORMATS:
        raise OutputError(f"unknown export format {name!r}; known: {', '.join(FORMATS)}")
    return exporter(name)(analysis, **options)


def write(analysis: dict[str, Any], path: str, name: str | None = None, **options: Any) -> str:
    """Render and write atomically; the format comes from the extension unless ``name`` is given.

    Never writes over the analysed video. Returns the format name.
    """
    from ._io import atomic_write, refuse_source

    name = name or format_for_path(path)
    refuse_source(path, analysis)
    atomic_write(path, render(analysis, name, **options))
    return name
