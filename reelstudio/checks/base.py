"""What every check shares: the context it reads, the outcome it returns, the registry.

A check is a small function over lane JSON dicts (as in the analysis JSON) and the
contract's ``source``; it never decodes anything. It returns an :class:`Outcome`: a
sub-score 0..1 (None when the check cannot apply), one line saying why, and flags with
exact frames. Weights and control points are published with the check (docs/checks.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from ..presets import Preset
from ..timebase import Timebase, parse_fps

SEVERITIES = ("info", "warning", "error")


@dataclass(frozen=True)
class Context:
    lanes: dict[str, dict]
    source: dict
    preset: Preset
    timebase: Timebase

    @classmethod
    def build(cls, lanes: dict[str, dict], source: dict, preset: Preset) -> "Context":
        fps = parse_fps(source.get("fps") or "30/1")
        frame_count = int(source.get("frame_count") or 0)
        times = tuple(float(t) for t in source.get("frame_times") or ())
        return cls(lanes=lanes or {}, source=source or {}, preset=preset,
                   timebase=Timebase(fps, frame_count, times))

    # -- source ---------------------------------------------------------------------
    @property
    def frame_count(self) -> int:
        return self.timebase.frame_count

    @property
    def duration_s(self) -> float:
        d = self.source.get("duration_s")
        return float(d) if d is not None else self.timebase.frame_to_seconds(self.frame_count)

    @property
    def width(self) -> int:
        return int(self.source.get("width") or 0)

    @property
    def height(self) -> int:
        return int(self.source.get("height") or 0)

    @property
    def fps(self) -> float:
        return float(self.timebase.fps)

    # -- lanes ----------------------------------------------------------------------
    def lane(self, name: str) -> dict | None:
        """The lane dict when it ran (status ok), else None."""
        lane = self.lanes.get(name)
        if not isinstance(lane, dict) or lane.get("status", "ok") != "ok":
            return None
        return lane

    def why_missing(self, name: str) -> str:
        lane = self.lanes.get(name)
        if not isinstance(lane, dict):
            return f"the {name} lane is not in this analysis"
        if lane.get("cause") == "skipped":
            return f"not run: the {name} lane was skipped by the user"
        return f"the {name} lane is unavailable: {lane.get('reason') or 'no reason given'}"

    # -- time -----------------------------------------------------------------------
    def seconds(self, frame: int) -> float:
        return round(self.timebase.frame_to_seconds(int(frame)), 6)

    def frame_at(self, seconds: float) -> int:
        """Nearest frame edge to ``seconds``, within [0, frame_count]."""
        f = self.timebase.seconds_to_nearest_frame(max(0.0, float(seconds)))
        return min(max(0, f), self.frame_count)

    def hook_end_frame(self) -> int:
        return min(self.frame_count, self.frame_at(self.preset.hook_s))

    def flag(self, check: str, severity: str, start_frame: int, end_frame: int, message: str, fix: str,
             **measured: Any) -> dict:
        assert severity in SEVERITIES, severity
        start_frame = int(max(0, min(start_frame, self.frame_count)))
        end_frame = int(max(start_frame, min(end_frame, self.frame_count)))
        out = {"check": check, "severity": severity, "start_frame": start_frame, "end_frame": end_frame,
               "start_s": self.seconds(start_frame), "end_s": self.seconds(end_frame),
               "timecode": self.timebase.frame_to_timecode(start_frame),
               "message": message, "fix": fix}
        out.update({k: _jsonable(v) for k, v in measured.items()})
        return out


@dataclass(frozen=True)
class Outcome:
    """``score`` None: the check does not apply here (n/a), ``detail`` says why."""

    score: float | None
    detail: str
    flags: list[dict] = field(default_factory=list)
    measured: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def na(cls, detail: str) -> "Outcome":
        return cls(None, detail)


@dataclass(frozen=True)
class Check:
    id: str
    title: str
    weight: int
    lanes: tuple[str, ...]  # lanes it reads
    measure: str  # what the control points' x axis is
    points: tuple[tuple[float, float], ...]  # (measured value, sub-score), linear in between
    run: Callable[[Context], Outcome]
    doc: str = ""

    def curve(self, value: float) -> float:
        return control_points(value, self.points)


REGISTRY: dict[str, Check] = {}


def check(id: str, *, title: str, weight: int, lanes: tuple[str, ...], measure: str,
          points: tuple[tuple[float, float], ...]):
    """Register a check function under its contract id."""

    def wrap(fn: Callable[[Context], Outcome]) -> Callable[[Context], Outcome]:
        if id in REGISTRY:
            raise RuntimeError(f"check {id!r} registered twice")
        REGISTRY[id] = Check(id=id, title=title, weight=weight, lanes=lanes, measure=measure,
                             points=tuple(points), run=fn, doc=(fn.__doc__ or "").strip())
        return fn

    return wrap


# -- small shared helpers ------------------------------------------------------------

def control_points(value: float, points: tuple[tuple[float, float], ...]) -> float:
    """Piecewise-linear sub-score through ``points`` (x ascending), flat beyond the ends."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return 0.0
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    if value == math.inf:
        return float(ys[-1])
    if value == -math.inf:
        return float(ys[0])
    return float(np.clip(np.interp(value, xs, ys), 0.0, 1.0))


def merge_intervals(pairs: list[tuple[int, int]], gap: int = 0) -> list[tuple[int, int]]:
    """Half-open frame intervals merged when they overlap or are at most ``gap`` frames apart."""
    out: list[list[int]] = []
    for s, e in sorted(pairs):
        if out and s <= out[-1][1] + gap:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out if e > s]


def subtract_intervals(base: tuple[int, int], cover: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Parts of ``base`` not covered by any interval in ``cover``."""
    s, e = base
    out = []
    cur = s
    for cs, ce in merge_intervals(cover):
        if ce <= cur or cs >= e:
            continue
        if cs > cur:
            out.append((cur, min(cs, e)))
        cur = max(cur, ce)
        if cur >= e:
            break
    if cur < e:
        out.append((cur, e))
    return out


def interval_frames(ctx: Context, item: dict) -> tuple[int, int]:
    """Frames of a lane interval: its own frames, else its seconds on the grid."""
    if item.get("start_frame") is not None and item.get("end_frame") is not None:
        return int(item["start_frame"]), int(item["end_frame"])
    return ctx.frame_at(float(item["start_s"])), ctx.frame_at(float(item["end_s"]))


def fmt_s(seconds: float) -> str:
    return f"{seconds:.1f} s" if abs(seconds) >= 0.095 else f"{seconds:.2f} s"


def _jsonable(v: Any) -> Any:
    if isinstance(v, (np.floating, float)):
        f = float(v)
        return round(f, 4) if math.isfinite(f) else None
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    return v
