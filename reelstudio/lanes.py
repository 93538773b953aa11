"""The lane schema in code: each lane's fields, the shared converters, one loader.

Qt-free and light (stdlib and the timebase only). The contract (../shared/CONTRACT.md)
says what a lane holds in prose; this module says it in code, so that producers are tested
against it (tests/test_lane_schema.py) and readers fail loudly on a missing field instead of
reading ``.get("intervals", [])`` as "nothing found": :func:`validate` raises
:class:`LaneSchemaError` (a KeyError, which the checks' evaluator reports as a check that
could not run) naming the lane and the field.

Converters every reader shares: :func:`timebase_of` (the source's frame grid, from the JSON's
``source``), :func:`interval_seconds` / :func:`interval_frames` (an interval's frames, else
its seconds), :func:`curve_times` (a hop curve's times: value k covers audio up to
``(k + 1) * hop_s``, shifted by the lane's ``audio_offset_s``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from .timebase import Timebase, parse_fps

NUMBER = (int, float)
EMPTY_FPS = Fraction(30)  # the grid of a source with no frames: any rate, none is used


class LaneSchemaError(KeyError):
    """A lane (or the analysis) lacks a field the schema requires, or holds the wrong type."""

    def __str__(self) -> str:  # KeyError quotes its message; this one reads as a sentence
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class Field:
    """One field of a lane. ``items``: keys every element of a list (of dicts) has;
    ``interval``: every element is an interval (frames or seconds); ``keys``: for a dict."""

    name: str
    kind: type | tuple[type, ...]
    required: bool = True
    items: tuple[str, ...] = ()
    interval: bool = False
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class LaneSpec:
    name: str
    title: str  # as the timelines label it
    fields: tuple[Field, ...]


def _intervals(name: str = "intervals", items: tuple[str, ...] = (), required: bool = True) -> Field:
    return Field(name, list, required=required, items=items, interval=True)


LANES: dict[str, LaneSpec] = {spec.name: spec for spec in (
    LaneSpec("cuts", "Cuts", (Field("events", list, items=("frame", "kind")),)),
    LaneSpec("faces", "Faces", (_intervals(), Field("largest", list, required=False))),
    LaneSpec("text", "Text", (_intervals(items=("text",)),)),
    LaneSpec("speech", "Speech", (_intervals(), Field("words", list, required=False, items=("start_s", "end_s", "text")))),
    LaneSpec("loudness", "Loudness", (
        Field("integrated_lufs", NUMBER + (type(None),)), Field("true_peak_dbtp", NUMBER + (type(None),)),
        Field("short_term", dict, keys=("hop_s", "values")), Field("momentary", dict, required=False,
                                                                  keys=("hop_s", "values")))),
    LaneSpec("silence", "Silence", (_intervals(),)),
    LaneSpec("black", "Black frames", (_intervals(),)),
    LaneSpec("frozen", "Frozen frames", (_intervals(),)),
    LaneSpec("motion", "Motion", (Field("per_frame", list),)),
    LaneSpec("flashes", "Flashes", (_intervals(), Field("transition_frames", list, required=False))),
    LaneSpec("subtitle_sync", "Subtitle sync", (Field("subtitles", list, items=("caption",)),)),
)}
# lanes a timeline draws inside another lane's row, never in a row of their own
SHOWN_WITH = {"subtitle_sync": "text"}
SOURCE_FIELDS = ("fps", "frame_count", "width", "height", "duration_s")


def lane_title(name: str, lane: dict | None = None) -> str:
    """A lane's title: the schema's, else the lane's own ``title`` field, else its name."""
    if name in LANES:
        return LANES[name].title
    if lane and isinstance(lane.get("title"), str):
        return lane["title"]
    return name.replace("_", " ").capitalize()


def validate(name: str, lane: Any) -> dict:
    """``lane`` (a lane JSON dict) when it has every field its schema requires; a lane that
    did not run needs only its status and reason; a lane with no schema, only a status.
    Raises :class:`LaneSchemaError` naming what is missing."""
    if not isinstance(lane, dict):
        raise LaneSchemaError(f"the {name} lane is not an object")
    if lane.get("status", "ok") != "ok" or name not in LANES:
        return lane
    for f in LANES[name].fields:
        if f.name not in lane:
            if f.required:
                raise LaneSchemaError(f"the {name} lane has no {f.name!r} field")
            continue
        value = lane[f.name]
        if not isinstance(value, f.kind):
            raise LaneSchemaError(f"the {name} lane's {f.name!r} is a {type(value).__name__}")
        for key in f.keys:
            if key not in value:
                raise LaneSchemaError(f"the {name} lane's {f.name!r} has no {key!r}")
        if f.items or f.interval:
            for k, item in enumerate(value):
                missing = [key for key in f.items if not isinstance(item, dict) or key not in item]
                if f.interval and isinstance(item, dict) and not _is_interval(item):
                    missing.append("start_frame/end_frame or start_s/end_s")
                if missing:
                    raise LaneSchemaError(f"the {name} lane's {f.name}[{k}] has no {', '.join(missing)}")
    return lane


def _is_interval(item: dict) -> bool:
    return ("start_frame" in item and "end_frame" in item) or ("start_s" in item and "end_s" in item)


def validate_analysis(analysis: Any) -> dict:
    """The analysis JSON dict when its source and every lane have their fields."""
    if not isinstance(analysis, dict):
        raise LaneSchemaError("the analysis is not a JSON object")
    for key in ("schema_version", "source", "lanes"):
        if key not in analysis:
            raise LaneSchemaError(f"the analysis has no {key!r}")
    missing = [k for k in SOURCE_FIELDS if k not in analysis["source"]]
    if missing:
        raise LaneSchemaError(f"the analysis source has no {', '.join(missing)}")
    for name, lane in analysis["lanes"].items():
        validate(name, lane)
    return analysis


def load_analysis(path: str | Path) -> dict:
    """A saved analysis JSON, validated (LaneSchemaError when a field is missing)."""
    with open(path, encoding="utf-8") as fh:
        return validate_analysis(json.load(fh))


# -- converters -----------------------------------------------------------------------------

def timebase_of(source: dict) -> Timebase:
    """The source's frame grid from the analysis JSON's ``source`` (VFR keeps its frame
    times). ``frame_count`` falls back to the frame times' count; ``fps`` is required unless
    the source has no frames at all (then 30/1, for an empty grid)."""
    times = tuple(float(t) for t in (source.get("frame_times") or ()))
    count = source.get("frame_count")
    count = int(count if count is not None else len(times))
    if not source.get("fps"):
        if count:
            raise LaneSchemaError("the source has frames but no 'fps'")
        return Timebase(fps=EMPTY_FPS, frame_count=0)
    return Timebase(fps=parse_fps(source["fps"]), frame_count=count, frame_times=times)


def interval_seconds(tb: Timebase, item: dict) -> tuple[float, float]:
    """An interval's start and end in seconds: from its frames when it has them, else its own."""
    if item.get("start_frame") is not None and item.get("end_frame") is not None:
        return tb.frame_to_seconds(int(item["start_frame"])), tb.frame_to_seconds(int(item["end_frame"]))
    return float(item["start_s"]), float(item["end_s"])


def interval_frames(tb: Timebase, item: dict, frame_count: int | None = None) -> tuple[int, int]:
    """An interval's ``[start, end)`` frames: its own, else its seconds at the nearest frame
    edge, within ``[0, frame_count]``."""
    if item.get("start_frame") is not None and item.get("end_frame") is not None:
        return int(item["start_frame"]), int(item["end_frame"])
    n = tb.frame_count if frame_count is None else frame_count

    def at(seconds: float) -> int:
        return min(max(0, tb.seconds_to_nearest_frame(max(0.0, float(seconds)))), n)

    return at(item["start_s"]), at(item["end_s"])


def curve_times(lane: dict, curve: str = "short_term") -> list[float]:
    """Seconds at which each value of a hop curve (``lane[curve]``: ``hop_s``, ``values``)
    is reached: value k covers audio up to ``(k + 1) * hop_s``, plus the lane's
    ``audio_offset_s`` (where the sound starts on the picture's clock)."""
    c = lane[curve]
    hop = float(c["hop_s"])
    off = float(lane.get("audio_offset_s") or 0.0)
    return [off + (k + 1) * hop for k in range(len(c["values"]))]
