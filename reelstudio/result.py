"""The analysis result and its JSON, as fixed in ../shared/CONTRACT.md (schema version 1)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from . import __version__
from .analysis.base import CAUSE_MODEL, CAUSE_SKIPPED, Lane
from .media.probe import SourceInfo

SCHEMA_VERSION = 1

LANE_ORDER = ("cuts", "faces", "text", "speech", "loudness", "silence", "black", "frozen", "motion", "flashes")


@dataclass(frozen=True)
class AnalysisResult:
    source: SourceInfo
    lanes: dict[str, Lane]
    flags: list[dict] = field(default_factory=list)
    checklist: list[dict] = field(default_factory=list)
    score: int | None = None
    score_version: str | None = None  # reelstudio/scoring.py; scores of different versions differ in meaning
    band: str | None = None  # "good" >= 90, "needs work" 50-89, "poor" < 50
    preset: str | None = None  # the platform preset the checks ran against
    score_max: int | None = None  # incomplete scores: the most it could be with the checks that could not run
    score_incomplete: list[dict] = field(default_factory=list)  # [{"check", "reason"}]: could not run, count 0
    score_gates: list[dict] = field(default_factory=list)  # [{"gate", "check", "reason"}]: band capped at poor
    score_note: str = ""  # one line: why the score is incomplete or capped
    timings: dict[str, float] = field(default_factory=dict, compare=False)  # seconds, for benchmarks

    def lane(self, name: str) -> Lane:
        return self.lanes[name]

    def evaluated(self, preset: str | None = None) -> "AnalysisResult":
        """This result with the flags, checklist and score of the checks for ``preset``
        (lanes unchanged: switching presets needs no new analysis)."""
        import dataclasses

        from .checks import evaluate

        lanes = {name: lane.to_json() for name, lane in self.lanes.items()}
        source = self.source.to_contract()
        if self.source.is_vfr:
            source["frame_times"] = list(self.source.timebase.frame_times)
        ev = evaluate(lanes, source, preset)
        return dataclasses.replace(self, flags=ev.flags, checklist=ev.checklist, score=ev.score,
                                   score_version=ev.score_version, band=ev.band, preset=ev.preset,
                                   score_max=ev.score_max, score_incomplete=ev.incomplete, score_gates=ev.gates,
                                   score_note=ev.score_note)

    def to_json(self) -> dict[str, Any]:
        source = self.source.to_contract()
        if self.source.is_vfr:
            source["frame_times"] = [round(t, 6) for t in self.source.timebase.frame_times]
        names = [n for n in LANE_ORDER if n in self.lanes] + sorted(n for n in self.lanes if n not in LANE_ORDER)
        out: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "generator": {"name": "reelstudio", "version": __version__},
            "source": source,
            "lanes": {n: self.lanes[n].to_json() for n in names},
            "flags": self.flags,
            "checklist": self.checklist,
            "score": self.score,
        }
        if self.preset is None:  # no checks ran: the lanes alone say whether a score could be whole
            out.update(score_completeness(out["lanes"]))
        else:
            out["score_version"] = self.score_version
            out["band"] = self.band
            out["preset"] = self.preset
            # a check that could not run counts as 0 (score_max: the most it could be); a
            # critical failure caps the score at 49 (README, contract notes)
            out["score_complete"] = not self.score_incomplete
            out["score_incomplete"] = self.score_incomplete
            out["score_max"] = self.score_max
            out["score_gates"] = self.score_gates
            out["score_note"] = self.score_note
            if self.score is None:
                out["score_status"] = "unavailable"
                out["score_reason"] = "no check could run on this analysis (every lane it needs is unavailable)"
        if self.preset is None and self.score is None:
            out["score_status"] = "unavailable"
            out["score_reason"] = "the checks were not run on this analysis"
        return out

    def dumps(self, indent: int | None = None) -> str:
        return json.dumps(self.to_json(), indent=indent, ensure_ascii=False, allow_nan=False)


def model_failures(lanes: dict[str, dict]) -> dict[str, list[str]]:
    """Reason -> the lanes (lane JSON dicts by name) unavailable because a model is missing
    or damaged; "words" stands for the speech lane's words. Empty: every model was whole."""
    out: dict[str, list[str]] = {}
    for name, lane in lanes.items():
        if lane.get("cause") == CAUSE_MODEL:
            out.setdefault(str(lane.get("reason") or "no reason given"), []).append(name)
        elif lane.get("status") == "ok" and lane.get("words_cause") == CAUSE_MODEL:
            out.setdefault(str(lane.get("words_status")), []).append("words")
    return out


def score_completeness(lanes: dict[str, dict]) -> dict[str, Any]:
    """``score_complete`` (the contract's): False when checks could not run because a model
    is missing or damaged or the user skipped their lanes, with ``score_note`` saying which."""
    notes = [f"{', '.join(names)} unavailable ({reason})" for reason, names in model_failures(lanes).items()]
    skipped = [n for n, lane in lanes.items() if lane.get("cause") == CAUSE_SKIPPED]
    if skipped:
        notes.append(f"{', '.join(skipped)} skipped by the user")
    if not notes:
        return {"score_complete": True}
    return {"score_complete": False, "score_note": "the checks that need these lanes could not run: "
                                                  + "; ".join(notes)}
