"""Sound checks: too quiet, too loud / clipping, dead air."""

from __future__ import annotations

import math

from .base import REGISTRY, Context, Outcome, check, fmt_s, interval_frames

QUIET_TOLERANCE_LU = 3.0  # flag when integrated loudness is more than this below target
LOUD_TOLERANCE_LU = 2.0  # ... or more than this above it
CLIP_DBFS = -0.1  # sample peaks at full scale: the mix clips
DEAD_AIR_S = 1.5  # silence this long loses a viewer
PEAK_TOLERANCE_DB = 0.1  # true-peak meters agree to about this; closer to the ceiling is not flagged


def _whole(ctx: Context) -> tuple[int, int]:
    return 0, ctx.frame_count


def _loudest_moment(ctx: Context, lane: dict) -> tuple[int, int] | None:
    """Frames of the loudest 400 ms (momentary maximum), to point the viewer at it."""
    mom = lane.get("momentary") or {}
    values = [v for v in mom.get("values", [])]
    finite = [(v, k) for k, v in enumerate(values) if v is not None and math.isfinite(v)]
    if not finite:
        return None
    _, k = max(finite)
    hop = float(mom.get("hop_s", 0.1))
    off = float(lane.get("audio_offset_s") or 0.0)
    end = (k + 1) * hop + off
    start = max(0.0, end - float(mom.get("window_s", 0.4)))
    return ctx.frame_at(start), max(ctx.frame_at(start) + 1, ctx.frame_at(end))


@check("too_quiet", title="Too quiet", weight=8, lanes=("loudness",),
       measure="LU below the preset's target (integrated loudness)",
       points=((2.0, 1.0), (3.0, 0.9), (6.0, 0.5), (12.0, 0.0)))
def too_quiet(ctx: Context) -> Outcome:
    """Integrated loudness (ITU-R BS.1770-4) more than 3 LU below the platform target. The
    platforms turn loud videos down but do not lift quiet ones, so a quiet mix stays quiet."""
    lane = ctx.lane("loudness")
    if lane is None:
        return Outcome.na(ctx.why_missing("loudness"))
    target = ctx.preset.loudness_target_lufs
    integrated = lane.get("integrated_lufs")
    s, e = _whole(ctx)
    if integrated is None:
        flag = ctx.flag("too_quiet", "error", s, e, "the audio track is silent",
                        f"add voice or music mixed to about {target:g} LUFS, or remove the empty audio track")
        return Outcome(0.0, "the audio track is silent", [flag], {"integrated_lufs": None})
    deficit = target - float(integrated)
    score = REGISTRY["too_quiet"].curve(deficit)
    flags = []
    if deficit > QUIET_TOLERANCE_LU:
        tp = lane.get("true_peak_dbtp")
        fix = f"raise the level by {deficit:.0f} dB (to {target:g} LUFS)"
        if tp is not None and float(tp) + deficit > ctx.preset.true_peak_ceiling_dbtp:
            fix += (f" with a true-peak limiter at {ctx.preset.true_peak_ceiling_dbtp:g} dBTP (the peaks, now "
                    f"{float(tp):.1f} dBTP, would otherwise clip)")
        flags.append(ctx.flag("too_quiet", "warning" if deficit < 10 else "error", s, e,
                              f"the mix is {deficit:.1f} LU quieter than {ctx.preset.title}'s {target:g} LUFS "
                              f"({float(integrated):.1f} LUFS integrated)", fix,
                              integrated_lufs=float(integrated), gain_db=round(deficit, 1)))
    detail = f"integrated {float(integrated):.1f} LUFS against a {target:g} LUFS target"
    return Outcome(score, detail, flags, {"integrated_lufs": float(integrated)})


@check("too_loud", title="Too loud or clipping", weight=6, lanes=("loudness",),
       measure="worse of: LU above target (1 -> 1.0, 2 -> 0.9, 5 -> 0.5, 9 -> 0.0) and dB of true peak "
               "over the ceiling (0 -> 1.0, 0.5 -> 0.7, 2 -> 0.3, 4 -> 0.0)",
       points=((1.0, 1.0), (2.0, 0.9), (5.0, 0.5), (9.0, 0.0)))
def too_loud(ctx: Context) -> Outcome:
    """Integrated loudness more than 2 LU above target (the platform turns it down, and the
    squashed dynamics stay), a true peak over the ceiling, or samples at full scale."""
    lane = ctx.lane("loudness")
    if lane is None:
        return Outcome.na(ctx.why_missing("loudness"))
    target, ceiling = ctx.preset.loudness_target_lufs, ctx.preset.true_peak_ceiling_dbtp
    integrated, tp, sp = lane.get("integrated_lufs"), lane.get("true_peak_dbtp"), lane.get("sample_peak_dbfs")
    if integrated is None:
        return Outcome(1.0, "the audio track is silent (see too_quiet)")
    s, e = _whole(ctx)
    flags = []
    excess = float(integrated) - target
    score = REGISTRY["too_loud"].curve(excess)
    if excess > LOUD_TOLERANCE_LU:
        flags.append(ctx.flag("too_loud", "warning", s, e,
                              f"the mix is {excess:.1f} LU louder than {ctx.preset.title}'s {target:g} LUFS "
                              f"({float(integrated):.1f} LUFS integrated); the platform will turn it down",
                              f"lower the level by {excess:.0f} dB (to {target:g} LUFS) and ease the "
                              "compression, so it keeps its punch after normalisation",
                              integrated_lufs=float(integrated), gain_db=round(-excess, 1)))
    peak_over = None if tp is None else float(tp) - ceiling
    clipping = sp is not None and float(sp) >= CLIP_DBFS
    if peak_over is not None:
        score = min(score, _peak_curve(peak_over))
    if (peak_over is not None and peak_over > PEAK_TOLERANCE_DB) or clipping:
        where = _loudest_moment(ctx, lane) or (s, e)
        what = f"true peak {float(tp):+.1f} dBTP, over the {ceiling:g} dBTP ceiling" if tp is not None else ""
        if clipping:
            what = (what + "; " if what else "") + "samples hit full scale (the mix clips)"
            score = min(score, 0.3)
        flags.append(ctx.flag("too_loud", "warning", where[0], where[1],
                              f"{what} (loudest around {ctx.timebase.frame_to_timecode(where[0])})",
                              f"lower the peaks by {max(0.1, peak_over or 0.0) + 0.1:.1f} dB or more with a true-peak "
                              f"limiter set to {ceiling:g} dBTP", true_peak_dbtp=tp, sample_peak_dbfs=sp))
    detail = f"integrated {float(integrated):.1f} LUFS (target {target:g}), true peak " + \
        (f"{float(tp):.1f} dBTP (ceiling {ceiling:g})" if tp is not None else "unknown")
    return Outcome(score, detail, flags, {"integrated_lufs": float(integrated), "true_peak_dbtp": tp})


def _peak_curve(over_db: float) -> float:
    from .base import control_points

    return control_points(over_db, ((0.0, 1.0), (0.5, 0.7), (2.0, 0.3), (4.0, 0.0)))


@check("dead_air", title="Dead air", weight=6, lanes=("silence",),
       measure="share of the video in silences of 1.5 s or more", points=((0.0, 1.0), (0.15, 0.5), (0.4, 0.0)))
def dead_air(ctx: Context) -> Outcome:
    """Silence (below -45 LUFS or 20 LU under the clip's own level) lasting 1.5 s or more."""
    lane = ctx.lane("silence")
    if lane is None:
        return Outcome.na(ctx.why_missing("silence"))
    flags, total = [], 0.0
    for item in lane.get("intervals", []):
        dur = float(item["end_s"]) - float(item["start_s"])
        if dur < DEAD_AIR_S - 1e-9:
            continue
        s, e = interval_frames(ctx, item)
        total += dur
        flags.append(ctx.flag("dead_air", "warning", s, e, f"{fmt_s(dur)} of silence",
                              f"cut {fmt_s(dur - 0.3)} of this pause, or lay music or room tone under it",
                              duration_s=dur))
    share = total / ctx.duration_s if ctx.duration_s > 0 else 0.0
    score = REGISTRY["dead_air"].curve(share)
    detail = (f"{len(flags)} silence{'s' if len(flags) != 1 else ''} of {DEAD_AIR_S:g} s or more, {fmt_s(total)} "
              f"({share:.0%} of the video)") if flags else f"no silence of {DEAD_AIR_S:g} s or more"
    return Outcome(score, detail, flags, {"dead_air_s": round(total, 3)})
