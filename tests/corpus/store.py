"""The rendered clips of a corpus and their truth, kept in a folder between runs: one JSON
file ``{"version": V, "clips": [...]}``; a clip is reused while the file names the same
corpus version and its video is still there."""

from __future__ import annotations

import json
from pathlib import Path


def saved_clips(folder: Path, truth_file: str, version: int) -> dict[str, dict]:
    """Name -> truth of the clips already rendered into ``folder`` for this ``version``."""
    path = Path(folder) / truth_file
    if not path.exists():
        return {}
    data = json.loads(path.read_text())
    if data.get("version") != version:
        return {}
    return {c["name"]: c for c in data["clips"] if Path(c["path"]).exists()}


def save_clips(folder: Path, truth_file: str, version: int, clips: list[dict]) -> None:
    (Path(folder) / truth_file).write_text(json.dumps({"version": version, "clips": clips}, indent=1,
                                                      ensure_ascii=False))
