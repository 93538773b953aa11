"""Sound checks: too quiet, too loud / clipping, dead air."""

from __future__ import annotations

import math

from .base import REGISTRY, Context, Outcome, check, fmt_s, interval_frames

QUIET_TOLERANCE_LU = 3.0  # flag when integrated loudness is more than this below target
LOUD_TOLERANCE_LU = 2.0  # ... or more than this above it
CLIP_DBFS = -0.1  # sample peaks at full scale: the mix clips
# a pause between phrases up to 2 s is natural speech rhythm, not dead air (long pauses between
# sentences in read speech run 1-2 s; Goldman-Eisler 1968, Campione & Veronis 2002)
NATURAL_PAUSE_S = 2.0
DEAD_AIR_S = 2.5  # from here a viewer notices the gap: a warning
DEAD_AIR_ERROR_S = 4.0  # from here it loses them: an error
PAUSE_KEEP_S = 0.5  # what a cut pause keeps
PEAK_TOLERANCE_DB = 0.1  # true-peak meters agree to about this; closer to the ceiling is not flagged
# a whole track under this integrated level holds nothing a viewer can hear: the silence lane's
# own floor (-45 LUFS per 100 ms), so a track that is silence throughout is "no usable audio"
SILENT_LUFS = -45.0


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
    if integrated is None or float(integrated) < SILENT_LUFS:
        level = "" if integrated is None else f" ({float(integrated):.0f} LUFS integrated)"
        flag = ctx.flag("too_quiet", "error", s, e, f"the audio track is silent{level}: no usable audio",
                        f"add voice or music mixed to about {target:g} LUFS, or remove the empty audio track",
                        integrated_lufs=None if integrated is None else float(integrated))
        return Outcome(0.0, f"the audio track is silent{level}", [flag],
                       {"integrated_lufs": None if integrated is None else float(integrated)},
                       critical=f"no usable audio: the track is silent{level}")
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
    if integrated is None or float(integrated) < SILENT_LUFS:
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
        limiter = f"with a true-peak limiter set to {ceiling:g} dBTP"
        if flags:  # one problem, one flag: lowering a mix that is too loud is also what brings its peaks in
            loud = flags.pop()
            flags.append(ctx.flag("too_loud", "warning", s, e, f"{loud['message']}; {what}",
                                  f"lower the level by {excess:.0f} dB (to {target:g} LUFS) {limiter}",
                                  integrated_lufs=float(integrated), gain_db=round(-excess, 1), true_peak_dbtp=tp,
                                  sample_peak_dbfs=sp))
        else:
            flags.append(ctx.flag("too_loud", "warning", where[0], where[1],
                                  f"{what} (loudest around {ctx.timebase.frame_to_timecode(where[0])})",
                                  f"lower the peaks by {max(0.1, peak_over or 0.0) + 0.1:.1f} dB or more {limiter}",
                                  true_peak_dbtp=tp, sample_peak_dbfs=sp))
    detail = f"integrated {float(integrated):.1f} LUFS (target {target:g}), true peak " + \
        (f"{float(tp):.1f} dBTP (ceiling {ceiling:g})" if tp is not None else "unknown")
    return Outcome(score, detail, flags, {"integrated_lufs": float(integrated), "true_peak_dbtp": tp})


def _peak_curve(over_db: float) -> float:
    from .base import control_points

    return control_points(over_db, ((0.0, 1.0), (0.5, 0.7), (2.0, 0.3), (4.0, 0.0)))


@check("dead_air", title="Dead air", weight=6, lanes=("silence",), optional=("loudness",),
       measure=f"seconds of silence beyond a natural pause ({NATURAL_PAUSE_S:g} s), summed over the silences",
       points=((0.0, 1.0), (0.5, 0.9), (2.0, 0.5), (5.0, 0.0)))
def dead_air(ctx: Context) -> Outcome:
    """Silence (below -45 LUFS or 20 LU under the clip's own level) longer than a natural
    pause between phrases. Under 2 s is a pause, never flagged; 2-2.5 s is noted (info);
    from 2.5 s a viewer notices (warning); from 4 s it loses them (error)."""
    lane = ctx.lane("silence")
    if lane is None:
        return Outcome.na(ctx.why_missing("silence"))
    loud = ctx.lane("loudness")
    if loud is not None and (loud.get("integrated_lufs") is None or float(loud["integrated_lufs"]) < SILENT_LUFS):
        # one problem, one flag: a track silent throughout is too_quiet's "no usable audio" (a gate),
        # not also dead air over the same frames
        return Outcome(1.0, "the audio track is silent throughout (see Too quiet)")
    flags, total, excess = [], 0.0, 0.0
    for item in lane.get("intervals", []):
        dur = float(item["end_s"]) - float(item["start_s"])
        if dur < NATURAL_PAUSE_S - 1e-9:
            continue
        s, e = interval_frames(ctx, item)
        total += dur
        excess += dur - NATURAL_PAUSE_S
        severity = "error" if dur >= DEAD_AIR_ERROR_S - 1e-9 else \
            "warning" if dur >= DEAD_AIR_S - 1e-9 else "info"
        what = "a long pause" if severity == "info" else "dead air"
        flags.append(ctx.flag("dead_air", severity, s, e, f"{fmt_s(dur)} of silence: {what}",
                              f"cut {fmt_s(dur - PAUSE_KEEP_S)} of this pause (keep about {PAUSE_KEEP_S:g} s), "
                              "or lay music or room tone under it", duration_s=dur))
    share = total / ctx.duration_s if ctx.duration_s > 0 else 0.0
    score = REGISTRY["dead_air"].curve(excess)
    detail = (f"{len(flags)} silence{'s' if len(flags) != 1 else ''} longer than a {NATURAL_PAUSE_S:g} s pause, "
              f"{fmt_s(total)} ({share:.0%} of the video)") if flags else \
        f"no silence longer than a {NATURAL_PAUSE_S:g} s pause"
    return Outcome(score, detail, flags, {"dead_air_s": round(total, 3), "excess_s": round(excess, 3)})
