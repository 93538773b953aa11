"""Checks: lanes in, flags, a checklist and the score out.

``evaluate(lanes, source, preset)`` runs every registered check over lane JSON dicts (as in
the analysis JSON) and the contract's ``source``; it never decodes. Each check lives in a
small module here and registers itself with ``@check`` (its id, title, relative weight, the
lanes it needs and control points). Adding a check is adding one module to this package:
it is found here, ordered after the contract's ids, weighed against the others (weights are
relative), listed in docs/checks.md (``python -m reelstudio.checks.docs``) and
``reelstudio checks``.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field

from .. import scoring
from ..presets import Preset, get_preset
from . import audio, flashing, formats, hook, picture, subtitles, text  # noqa: F401 - built in (also when frozen)
from .base import REGISTRY, Check, Context, Outcome, fmt_s, interval_frames, merge_intervals

# contract order (../shared/CONTRACT.md "Check ids"), then the ids added since; a check
# registered by any other module comes after these, in the order it registered
CHECK_ORDER = (
    "hook_no_face", "hook_static_open", "subtitles_missing", "subtitles_out_of_sync", "text_in_ui_zone",
    "text_too_small", "text_low_contrast", "text_too_brief", "too_quiet", "too_loud", "dead_air",
    "static_picture", "too_dynamic", "black_frames", "frozen_frames", "format", "photosensitive_flashing",
)
_NOT_CHECKS = {"base", "docs"}  # modules of this package that register no check


def discover() -> None:
    """Import every module of this package (on its ``__path__``): each registers its checks.
    The built-in ones are imported above too, so a frozen build that cannot list its
    package still has them."""
    for mod in pkgutil.iter_modules(__path__):
        if mod.name not in _NOT_CHECKS and not mod.name.startswith("_"):
            importlib.import_module(f"{__name__}.{mod.name}")


discover()
assert set(CHECK_ORDER) <= set(REGISTRY), sorted(set(CHECK_ORDER) - set(REGISTRY))

# black and frozen frames together over this share of the video: the export is broken (a gate)
DEAD_PICTURE_SHARE = 0.25
# which gate a check's critical failure is
GATE_OF = {"photosensitive_flashing": "photosensitive_flashing", "too_quiet": "no_usable_audio",
           "format": "letterboxed"}


@dataclass(frozen=True)
class Evaluation:
    flags: list[dict]
    checklist: list[dict]
    score: int | None
    band: str | None
    score_version: str
    preset: str
    earned: float = 0.0  # sum of the points of the checks that count
    possible: float = 0.0  # sum of their weights
    score_max: int | None = None  # incomplete scores: the most it could be
    incomplete: list[dict] = field(default_factory=list)  # checks that could not run: [{"check", "reason"}]
    gates: list[dict] = field(default_factory=list)  # critical failures: [{"gate", "check", "reason"}]
    score_note: str = ""  # one line on why the score is incomplete or capped

    @property
    def score_complete(self) -> bool:
        return not self.incomplete

    def score_fields(self) -> dict:
        """The score's fields of the analysis JSON (README, contract notes)."""
        return {"score": self.score, "score_version": self.score_version, "band": self.band, "preset": self.preset,
                "score_complete": self.score_complete, "score_incomplete": self.incomplete,
                "score_max": self.score_max, "score_gates": self.gates, "score_note": self.score_note}


def order() -> tuple[str, ...]:
    """Every registered check id: the contract's order, then the others as they registered."""
    discover()
    return CHECK_ORDER + tuple(c for c in REGISTRY if c not in CHECK_ORDER)


def checks() -> list[Check]:
    return [REGISTRY[c] for c in order()]


def _run(c: Check, ctx: Context) -> tuple[Outcome, str | None]:
    """The check's outcome, and why it could not run when something broke (None: it ran, or
    does not apply). A lane it needs that did not run makes it n/a without running it."""
    try:
        missing = [n for n in c.lanes if ctx.lane(n) is None]
        if missing:
            return Outcome.na("; ".join(ctx.why_missing(n) for n in missing)), ctx.why_not_run(c.lanes)
        out = c.run(ctx)
    except (KeyError, TypeError, ValueError, IndexError) as exc:  # a malformed lane, not a crash
        broke = f"cannot read its lanes: {exc.__class__.__name__}: {exc}"
        return Outcome.na(broke), broke
    if out.score is None:
        return out, ctx.why_not_run(c.lanes or c.optional)
    return out, None


def evaluate(lanes: dict[str, dict], source: dict, preset: str | Preset | None = None) -> Evaluation:
    """Every check over ``lanes`` (lane name -> lane JSON dict) for ``preset``."""
    p = preset if isinstance(preset, Preset) else get_preset(preset)
    ctx = Context.build(lanes, source, p)
    by_check: dict[str, list[dict]] = {}
    checklist: list[dict] = []
    gates: list[dict] = []
    ranks = {cid: k for k, cid in enumerate(order())}
    for c in checks():
        out, broke = _run(c, ctx)
        status = scoring.status_of(out.score, out.flags)
        own = scoring.agree(status, out.flags)
        sub = None if out.score is None else round(float(out.score), 4)
        row = {"check": c.id, "title": c.title, "status": status, "weight": c.weight, "score": sub,
               "points": 0.0 if sub is None else round(c.weight * sub, 3), "detail": out.detail,
               "flags": len(own)}
        if out.score is None and broke:
            row["incomplete"] = broke  # could not run: counts as 0 (scoring.py)
        if out.measured:
            row["measured"] = out.measured
        if out.critical:
            gates.append({"gate": GATE_OF.get(c.id, c.id), "check": c.id, "reason": out.critical})
            row["critical"] = out.critical
        checklist.append(row)
        by_check[c.id] = own
    try:
        gates += _dead_picture_gate(ctx, checklist)
    except KeyError:  # a malformed black or frozen lane: those rows already say they could not run
        pass
    flags = [f for row in checklist for f in scoring.agree(row["status"], by_check[row["check"]])]
    flags.sort(key=lambda f: (f["start_frame"], ranks[f["check"]], f["end_frame"]))
    s = scoring.total(checklist, gates)
    return Evaluation(flags=flags, checklist=checklist, score=s.score, band=s.band,
                      score_version=scoring.SCORE_VERSION, preset=p.name, earned=s.earned, possible=s.possible,
                      score_max=s.score_max, incomplete=s.incomplete, gates=s.gates, score_note=s.note())


def _dead_picture_gate(ctx: Context, checklist: list[dict]) -> list[dict]:
    """Black and frozen frames over a quarter of the video: no moving picture for much of it,
    a broken export whatever else is right (the black_frames and frozen_frames rows fail)."""
    from .picture import held_pictures

    spans, seconds = [], {}
    for name in ("black", "frozen"):
        lane = ctx.lane(name)
        if lane is None:
            got = []
        elif name == "frozen":  # freezes only: a designed still (a photo after a dissolve) is not dead
            got = held_pictures(ctx)[0]
        else:
            got = [interval_frames(ctx, it) for it in lane["intervals"]]
        seconds[name] = sum(ctx.seconds(e) - ctx.seconds(s) for s, e in got)
        spans += got
    total = sum(ctx.seconds(e) - ctx.seconds(s) for s, e in merge_intervals(spans))
    if ctx.duration_s <= 0 or total / ctx.duration_s < DEAD_PICTURE_SHARE - 1e-9:
        return []
    check = "black_frames" if seconds["black"] >= seconds["frozen"] else "frozen_frames"
    parts = [f"{fmt_s(seconds[n])} {n}" for n in ("black", "frozen") if seconds[n] > 0]
    reason = (f"{' and '.join(parts)}: {total / ctx.duration_s:.0%} of the video has no moving picture "
              f"(from {DEAD_PICTURE_SHARE:.0%} on, the export is broken)")
    for row in checklist:  # the rows whose frames these are fail, and their flags say error
        if row["check"] in ("black_frames", "frozen_frames") and row["status"] in ("pass", "warn") \
                and row["flags"]:
            row["status"] = "fail"
            row["critical"] = reason
    return [{"gate": "black_or_frozen", "check": check, "reason": reason}]


def weight_table() -> str:
    """The published weights and control points, as plain text."""
    rows = [f"ReelStudio score v{scoring.SCORE_VERSION}: weighted mean of the checks' sub-scores (0..1) x 100",
            "bands: good >= 90, needs work 50-89, poor < 50; checks that do not apply are left out of the mean,",
            "checks that could not run (something broke) count as 0, and a critical failure (photosensitive",
            "flashing, no usable audio, black or frozen over a quarter, a letterboxed frame) caps it at 49", ""]
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
        "  interface       " + "; ".join(f"{z.what} x {z.x0:.0%}-{z.x1:.0%}, y {z.y0:.0%}-{z.y1:.0%}"
                                      for z in p.ui_zones),
        f"  ads safe zone   top {ui.top:.0%}, bottom {ui.bottom:.0%}, left {ui.left:.0%}, right {ui.right:.0%} "
        "(the stricter option: Preset.ads_safe_zone())",
        f"  loudness        {p.loudness_target_lufs:g} LUFS integrated, true peak <= {p.true_peak_ceiling_dbtp:g} dBTP",
        f"  hook window     first {p.hook_s:g} s",
        "  sources:",
    ]
    rows += [f"    - {SOURCES[k]}" for k in p.sources]
    return "\n".join(rows)


__all__ = ["evaluate", "Evaluation", "checks", "order", "discover", "weight_table", "preset_table", "CHECK_ORDER",
           "REGISTRY"]
