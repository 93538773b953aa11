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

FORMAT = 2  # 2: entries carry the warnings of the decode that made their lanes


class LaneCache:
    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root else cache_dir() / "lanes"

    @staticmethod
    def key(file_key: str, analyzer: str, version: int, params: dict[str, Any],
            models: dict[str, str] | None = None) -> str:
        """``models``: every model's sha256 (resources.models_fingerprint(), the default); with
        the package version, an update or a changed model never brings old lanes back."""
        if models is None:
            from .resources import models_fingerprint

            models = models_fingerprint()
        blob = json.dumps({"file": file_key, "analyzer": analyzer, "version": version, "params": params,
                           "format": FORMAT, "reelstudio": __version__, "models": models},
                          sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        entry = self.entry(key)
        return entry["lanes"] if entry is not None else None

    def entry(self, key: str) -> dict | None:
        """{"lanes", "warnings", "decoded_times"} (see put), or None."""
        try:
            with open(self._path(key), encoding="utf-8") as fh:
                entry = json.load(fh)
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("key") != key or not isinstance(entry.get("lanes"), dict) \
                or not isinstance(entry.get("warnings"), list):
            return None
        times = entry.get("decoded_times")
        return {"lanes": entry["lanes"], "warnings": [str(w) for w in entry["warnings"]],
                "decoded_times": [float(t) for t in times] if isinstance(times, list) else None}

    def put(self, key: str, lanes: dict[str, Any], warnings: list[str] | tuple[str, ...] = (),
            decoded_times: list[float] | None = None) -> None:
        """``warnings``: what the decode that made the lanes concealed or dropped;
        ``decoded_times``: the frames it showed, when fewer than the probe found."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump({"key": key, "reelstudio": __version__, "lanes": lanes, "warnings": list(warnings),
                               "decoded_times": decoded_times}, fh, separators=(",", ":"))
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
