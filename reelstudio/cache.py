"""Lane cache in the user cache folder, keyed by file identity + analyzer name, version, params.

Entries are written to a temporary file and renamed into place, so a cancelled or crashed
analysis leaves either a whole entry or none. A damaged entry is ignored and replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from . import __version__
from .resources import cache_dir

FORMAT = 1


class LaneCache:
    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root else cache_dir() / "lanes"

    @staticmethod
    def key(file_key: str, analyzer: str, version: int, params: dict[str, Any]) -> str:
        blob = json.dumps({"file": file_key, "analyzer": analyzer, "version": version, "params": params,
                           "format": FORMAT}, sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        try:
            with open(self._path(key), encoding="utf-8") as fh:
                entry = json.load(fh)
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("key") != key or "lanes" not in entry:
            return None
        return entry["lanes"]

    def put(self, key: str, lanes: dict[str, Any]) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump({"key": key, "reelstudio": __version__, "lanes": lanes}, fh, separators=(",", ":"))
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, path)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError:
            pass  # a cache that cannot be written only costs time

    def clear(self) -> int:
        n = 0
        if self.root.exists():
            for p in self.root.rglob("*.json"):
                p.unlink(missing_ok=True)
                n += 1
        return n
