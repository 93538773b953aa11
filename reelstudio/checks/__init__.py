"""Checks: lanes in, flags, a checklist and the score out.

``evaluate(lanes, source, preset)`` runs every registered check over lane JSON dicts (as in
the analysis JSON) and the contract's ``source``; it never decodes. Each check lives in a
small module here and registers itself with its id, weight and control points
(docs/checks.md has the table; ``reelstudio checks`` prints it).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import scoring
from ..presets import Preset, get_preset
from . import audio, formats, hook, picture, subtitles, text  # noqa: F401 - they register their checks
from .base import REGISTRY, Check, Context, Outcome

# contract order (../shared/CONTRACT.md "Check ids")
CHECK_ORDER = (
    "hook_no_face", "hook_static_open", "subtitles_missing", "subtitles_out_of_sync", "text_in_ui_zone",
    "text_too_small", "text_low_contrast", "text_too_brief", "too_quiet", "too_loud", "dead_air",
    "static_picture", "too_dynamic", "black_frames", "frozen_frames", "format",
)
assert set(CHECK_ORDER) == set(REGISTRY), sorted(set(CHECK_ORDER) ^ set(REGISTRY))


@dataclass(frozen=True)
class Evaluation:
    flags: list[dict]
    checklist: list[dict]
    score: int | None
    band: str | None
    score_version: str
    preset: str
    earned: float = 0.0  # sum of the applicable checks' points
    possible: float = 0.0  # sum of their weights


def checks() -> list[Check]:
    return [REGISTRY[c] for c in CHECK_ORDER]


def evaluate(lanes: dict[str, dict], source: dict, preset: str | Preset | None = None) -> Evaluation:
    """Every check over ``lanes`` (lane name -> lane JSON dict) for ``preset``."""
    p = preset if isinstance(preset, Preset) else get_preset(preset)
    ctx = Context.build(lanes, source, p)
    flags: list[dict] = []
    checklist: list[dict] = []
    for c in checks():
        try:
            out = c.run(ctx)
        except (KeyError, TypeError, ValueError, IndexError) as exc:  # a malformed lane, not a crash
            out = Outcome.na(f"cannot read its lanes: {exc.__class__.__name__}: {exc}")
        status = scoring.status_of(out.score, out.flags)
        sub = None if out.score is None else round(float(out.score), 4)
        row = {"check": c.id, "title": c.title, "status": status, "weight": c.weight, "score": sub,
               "points": 0.0 if sub is None else round(c.weight * sub, 3), "detail": out.detail,
               "flags": len(out.flags)}
        if out.measured:
            row["measured"] = out.measured
        checklist.append(row)
        flags.extend(out.flags)
    flags.sort(key=lambda f: (f["start_frame"], CHECK_ORDER.index(f["check"]), f["end_frame"]))
    s = scoring.total(checklist)
    return Evaluation(flags=flags, checklist=checklist, score=s.score, band=s.band,
                      score_version=scoring.SCORE_VERSION, preset=p.name, earned=s.earned, possible=s.possible)


def weight_table() -> str:
    """The published weights and control points, as plain text."""
    rows = [f"ReelStudio score v{scoring.SCORE_VERSION}: weighted mean of the checks' sub-scores (0..1) x 100",
            "bands: good >= 90, needs work 50-89, poor < 50; n/a checks are left out of the mean", ""]
    total_w = sum(c.weight for c in checks())
    rows.append(f"{'check':<24}{'weight':>6}  sub-score control points (measured -> sub-score)")
    for c in checks():
        pts = ", ".join(f"{x:g} -> {y:g}" for x, y in c.points)
        rows.append(f"{c.id:<24}{c.weight:>6}  {c.measure}: {pts}")
    rows.append(f"{'total':<24}{total_w:>6}")
    return "\n".join(rows)


def preset_table(name: str | None = None) -> str:
    """One preset's numbers and where they come from, as plain text."""
    from ..presets import SOURCES

    p = get_preset(name)
    ui = p.ui
    rows = [
        f"preset {p.name}: {p.title} (numbers checked {p.checked})",
        f"  canvas          {p.aspect.numerator}:{p.aspect.denominator}, "
        f"{p.recommended_size[0]}x{p.recommended_size[1]} recommended, at least {p.min_short_side} px on the short side",
        f"  frame rate      {p.fps_min:g}-{p.fps_max:g} fps",
        f"  duration        {p.duration_min_s:g}-{p.duration_max_s:g} s",
        f"  UI bands        top {ui.top:.0%}, bottom {ui.bottom:.0%}, left {ui.left:.0%}, right {ui.right:.0%}",
        f"  loudness        {p.loudness_target_lufs:g} LUFS integrated, true peak <= {p.true_peak_ceiling_dbtp:g} dBTP",
        f"  hook window     first {p.hook_s:g} s",
        "  sources:",
    ]
    rows += [f"    - {SOURCES[k]}" for k in p.sources]
    return "\n".join(rows)


__all__ = ["evaluate", "Evaluation", "checks", "weight_table", "preset_table", "CHECK_ORDER", "REGISTRY"]
