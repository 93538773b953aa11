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

from .. import lanes as schema
from ..presets import Preset
from ..severity import SEVERITIES, rank
from ..timebase import Timebase

AUDIO_LANES = ("loudness", "silence", "speech", "subtitle_sync")
GROUP_MIN = 2  # this many instances of one problem with one fix are one flag


@dataclass(frozen=True)
class Context:
    lanes: dict[str, dict]
    source: dict
    preset: Preset
    timebase: Timebase
    _valid: set = field(default_factory=set, compare=False, repr=False)  # lanes already checked against the schema

    @classmethod
    def build(cls, lanes: dict[str, dict], source: dict, preset: Preset) -> "Context":
        return cls(lanes=lanes or {}, source=source or {}, preset=preset, timebase=schema.timebase_of(source or {}))

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
        """The lane dict when it ran (status ok), else None; a lane that ran without a field
        its schema requires raises LaneSchemaError (a KeyError: the check could not run),
        never reads as "nothing found" (reelstudio/lanes.py)."""
        lane = self.lanes.get(name)
        if not isinstance(lane, dict) or lane.get("status", "ok") != "ok":
            return None
        if name not in self._valid:
            schema.validate(name, lane)
            self._valid.add(name)
        return lane

    def why_missing(self, name: str) -> str:
        lane = self.lanes.get(name)
        if not isinstance(lane, dict):
            return f"the {name} lane is not in this analysis"
        if lane.get("cause") == "skipped":
            return f"not run: the {name} lane was skipped by the user"
        return f"the {name} lane is unavailable: {lane.get('reason') or 'no reason given'}"

    def lane_cause(self, name: str) -> str | None:
        """None when the lane ran; else why not: ``no_input`` (nothing in the file for it: the
        check does not apply), ``skipped``, ``failed``, or ``absent`` (not in this analysis)."""
        lane = self.lanes.get(name)
        if not isinstance(lane, dict):
            return "absent"
        if lane.get("status", "ok") == "ok":
            return None
        cause = lane.get("cause")
        if cause is None:  # an analysis written before lanes said why: no audio track is no input
            no_audio = self.source.get("has_audio") is False and name in AUDIO_LANES
            cause = "no_input" if no_audio else "failed"
        return cause

    def why_not_run(self, names: tuple[str, ...]) -> str | None:
        """Why a check over ``names`` that returned n/a could not run because something broke
        or was left out (None: it does not apply, e.g. no audio track, or every lane ran)."""
        causes = {n: self.lane_cause(n) for n in names}
        if any(c == "no_input" for c in causes.values()):
            return None
        broken = [n for n, c in causes.items() if c is not None]
        return "; ".join(self.why_missing(n) for n in broken) or None

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
    critical: str = ""  # a critical failure, one sentence: it caps the band at "poor" (scoring.py)

    @classmethod
    def na(cls, detail: str) -> "Outcome":
        return cls(None, detail)


@dataclass(frozen=True)
class Check:
    id: str
    title: str
    weight: int  # relative: the score divides by the sum of the weights that apply (scoring.py)
    lanes: tuple[str, ...]  # lanes it needs: when one is unavailable the check is n/a without running
    measure: str  # what the control points' x axis is
    points: tuple[tuple[float, float], ...]  # (measured value, sub-score), linear in between
    run: Callable[[Context], Outcome]
    doc: str = ""
    optional: tuple[str, ...] = ()  # lanes it also reads when they ran
    points_note: str = ""  # what the control points do not say (docs/checks.md's table)

    @property
    def reads(self) -> tuple[str, ...]:
        """Every lane the check reads, needed ones first."""
        return self.lanes + tuple(n for n in self.optional if n not in self.lanes)

    def curve(self, value: float) -> float:
        return control_points(value, self.points)


REGISTRY: dict[str, Check] = {}


def check(id: str, *, title: str, weight: int, lanes: tuple[str, ...], measure: str,
          points: tuple[tuple[float, float], ...], optional: tuple[str, ...] = (), points_note: str = ""):
    """Register a check function under its id: ``lanes`` it needs (n/a without them, decided
    by the evaluator), ``optional`` lanes it reads when they ran; ``weight`` is relative."""

    def wrap(fn: Callable[[Context], Outcome]) -> Callable[[Context], Outcome]:
        if id in REGISTRY:
            raise RuntimeError(f"check {id!r} registered twice")
        if not (isinstance(weight, int) and weight > 0):
            raise ValueError(f"check {id!r}: weight must be a positive int, not {weight!r}")
        REGISTRY[id] = Check(id=id, title=title, weight=weight, lanes=tuple(lanes), measure=measure,
                             points=tuple(points), run=fn, doc=(fn.__doc__ or "").strip(),
                             optional=tuple(optional), points_note=points_note)
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
    return schema.interval_frames(ctx.timebase, item, ctx.frame_count)


def group(ctx: Context, check: str, flags: list[dict], message: str, fix: str, **measured: Any) -> dict:
    """One flag for one problem seen in several places (every subtitle under the same band):
    it spans the first instance to the last, is as severe as the worst, and lists each
    instance's own frames and measured values under ``instances``."""
    keep = ("start_frame", "end_frame", "start_s", "end_s", "timecode")
    skip = set(keep) | {"check", "severity", "message", "fix"}
    worst = max((f["severity"] for f in flags), key=rank)
    out = ctx.flag(check, worst, min(f["start_frame"] for f in flags), max(f["end_frame"] for f in flags),
                   message, fix, **measured)
    out["instances"] = [{**{k: f[k] for k in keep}, **{k: v for k, v in f.items() if k not in skip}}
                        for f in sorted(flags, key=lambda f: f["start_frame"])]
    return out


def span_words(values: list[float], fmt: str = "{:.0f}", unit: str = "") -> str:
    """'30 px' or '30-34 px': the range of a measured value over a group's instances."""
    lo, hi = min(values), max(values)
    a, b = fmt.format(lo), fmt.format(hi)
    return f"{a}{unit}" if a == b else f"{a}-{b}{unit}"


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
