"""Atomic output files, and the guard that keeps them off the analysed video."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from typing import Any

from ..errors import OutputError


def refuse_source(path: str, analysis: dict[str, Any]) -> None:
    src = (analysis.get("source") or {}).get("path")
    if src and os.path.realpath(path) == os.path.realpath(src):
        raise OutputError(f"{path}: refusing to overwrite the input video")


def check_writable(path: str) -> None:
    """Fail now, before any work, if ``atomic_write(path, ...)`` would fail: the folder is
    missing or not writable (a temp file is made and removed there, which also catches
    read-only file systems that permission bits do not show), or the path is a folder."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise OutputError(f"{path}: is a folder")
    if not os.path.isdir(folder):
        what = "is not a folder" if os.path.exists(folder) else "does not exist"
        raise OutputError(f"{path}: cannot write: the folder {folder} {what}")
    if os.path.exists(path) and not os.access(path, os.W_OK):
        raise OutputError(f"{path}: cannot write: the file is read-only")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".reelstudio-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    os.close(fd)
    os.unlink(tmp)


def atomic_write(path: str, data: bytes | Iterable[bytes]) -> None:
    """Write to a temp file in the same folder, then os.replace: readers never see half a file.
    ``data``: the bytes, or chunks of them written as they come (a long analysis's JSON is
    never held whole)."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise OutputError(f"{path}: is a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".reelstudio-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, (bytes, bytearray)):
                fh.write(data)
            else:
                for chunk in data:
                    fh.write(chunk)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:  # a chunk that could not be made (or Ctrl+C) leaves no temp file
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
        raise
