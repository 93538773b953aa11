"""What every exporter reads from the analysis JSON: the frame grid, flags, titles."""

from __future__ import annotations

import os
from typing import Any

from .. import lanes
from ..timebase import Timebase

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def check_title(check: str) -> str:
    """A check's title as the checklist gives it, for a flag that carries none (the check
    registry holds the one list of titles; a second table here once disagreed with it for 7
    of 16 checks). Unknown ids fall back to the id."""
    from ..checks import REGISTRY

    c = REGISTRY.get(check)
    return c.title if c is not None else check.replace("_", " ").capitalize()


def timebase_of(analysis: dict[str, Any]) -> Timebase:
    """The source's frame grid, rebuilt from the JSON's `source` (reelstudio/lanes.py)."""
    return lanes.timebase_of(analysis.get("source") or {})


def source_name(analysis: dict[str, Any]) -> str:
    path = (analysis.get("source") or {}).get("path") or "video"
    return os.path.basename(path)


def flags_of(analysis: dict[str, Any]) -> list[dict[str, Any]]:
    """The flags in time order, each with integer frames and end_frame > start_frame."""
    tb = timebase_of(analysis)
    titles = {c.get("check"): c.get("title") for c in analysis.get("checklist") or [] if c.get("title")}
    out = []
    for flag in analysis.get("flags") or []:
        f = dict(flag)
        f.setdefault("title", titles.get(f.get("check")) or check_title(str(f.get("check", "flag"))))
        start = f.get("start_frame")
        if start is None:
            start = tb.seconds_to_nearest_frame(float(f.get("start_s") or 0.0))
        end = f.get("end_frame")
        if end is None:
            end = tb.seconds_to_nearest_frame(float(f["end_s"])) if f.get("end_s") is not None else start + 1
        f["start_frame"], f["end_frame"] = int(start), max(int(start) + 1, int(end))
        f.setdefault("severity", "warning")
        f.setdefault("message", "")
        f.setdefault("fix", "")
        out.append(f)
    out.sort(key=lambda f: (f["start_frame"], SEVERITY_ORDER.get(f["severity"], 3), f.get("check", "")))
    return out


def marker_label(flag: dict[str, Any]) -> str:
    """One line for a marker's name: the check's title and the message (an accepted flag says so)."""
    title = flag.get("title") or check_title(flag.get("check", "flag"))
    if flag.get("accepted"):  # accepted as intentional by the editor (reelstudio/accepted.py)
        title = f"{title} (accepted)"
    msg = " ".join(str(flag.get("message") or "").split())
    return f"{title}: {msg}" if msg else title
