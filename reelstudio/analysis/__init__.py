"""Analyzers: each consumes the frames or audio it asked for and returns a lane.

The registry: the built-in analyzers are listed by module and class name (imported only when
an analysis runs, so ``reelstudio --help`` stays instant), in the order they run and their
lanes are listed. Any other module of this package that decorates its analyzer class with
:func:`register` joins them: adding a lane is adding one module here (``discover`` finds it).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

# name -> (module of this package, class): the built-in analyzers, in order
BUILTIN: dict[str, tuple[str, str]] = {
    "cuts": ("cuts", "CutsAnalyzer"),
    "picture": ("picture", "PictureAnalyzer"),
    "faces": ("faces", "FacesAnalyzer"),
    "text": ("text", "TextAnalyzer"),
    "loudness": ("loudness", "LoudnessAnalyzer"),
    "speech": ("speech", "SpeechActivityAnalyzer"),
    "subtitle_sync": ("subsync", "SubtitleSyncAnalyzer"),
}
REGISTRY: dict[str, type] = {}  # name -> class: analyzers other modules registered, in order


def register(cls: type) -> type:
    """Class decorator: ``cls`` (a VideoAnalyzer or AudioAnalyzer with a ``name``) runs in
    every default analysis, after the built-in analyzers."""
    name = getattr(cls, "name", None)
    if not isinstance(name, str) or not name:
        raise ValueError(f"{cls.__name__} has no name")
    if name in BUILTIN or REGISTRY.get(name, cls) is not cls:
        raise RuntimeError(f"analyzer {name!r} registered twice")
    REGISTRY[name] = cls
    return cls


def builtin_class(name: str) -> type:
    module, cls = BUILTIN[name]
    return getattr(importlib.import_module(f"{__name__}.{module}"), cls)


def discover() -> None:
    """Import every module of this package (on its ``__path__``) not imported yet: the ones
    that define an analyzer register it."""
    for mod in pkgutil.iter_modules(__path__):
        full = f"{__name__}.{mod.name}"
        if full not in sys.modules and not mod.name.startswith("_"):
            importlib.import_module(full)


def registered() -> list[type]:
    """The classes of the analyzers other modules registered, in order (after ``discover``)."""
    discover()
    return list(REGISTRY.values())
