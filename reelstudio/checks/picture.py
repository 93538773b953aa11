"""Picture checks: black frames, frozen frames, static stretches, cutting too fast."""

from __future__ import annotations

import numpy as np

from .base import REGISTRY, Context, Outcome, check, fmt_s, interval_frames, merge_intervals

# a frame "barely changes" below this mean absolute luma change (0..1) from the frame before:
# a slow 2 %/s zoom over a photo measures ~0.003, a talking head ~0.007, a pan ~0.02
STILL_MOTION = 0.004
STATIC_MIN_S = 4.0  # a picture that barely changes for this long loses the viewer
BLIP_FRAMES = 2  # a lone encoder blip (keyframe refresh) does not end a still stretch
FAST_SHOT_S = 0.4  # shots shorter than this are too short to take in
FAST_RUN_SHOTS = 3  # ... when at least this many come in a row
BLACK_WARN_S = 0.2
# A black run inside the video counts from 0.1 s (3 frames at 24-30 fps): below about 100 ms
# the eye sums a short dark frame with the frames around it (Bloch's law: its critical
# duration is ~100 ms in daylight vision), so it reads as a blink or a flicker, not as black
# picture. Black runs that open or end the video count at any length (the first frame is the
# thumbnail), and black frames inside a flashing stretch are that flashing, not black picture.
BLACK_MIN_S = 0.1
STILL_AT_BOUNDARY = (2, 3)  # a hold starting this many frames after / before a shot boundary starts with it


@check("black_frames", title="Black frames", weight=3, lanes=("black",), optional=("flashes",),
       measure="seconds of black picture", points=((0.0, 1.0), (0.2, 0.9), (1.0, 0.5), (3.0, 0.0)))
def black_frames(ctx: Context) -> Outcome:
    """Black frames (>= 98 % of pixels below 10 % luma) for 0.1 s or more, or at the video's
    start or end at any length. A black first frame is the thumbnail and the first
    impression; longer black stretches read as a broken video. Flashing is not black."""
    lane = ctx.lane("black")
    if lane is None:
        return Outcome.na(ctx.why_missing("black"))
    flashes = ctx.lane("flashes")
    flashing = [interval_frames(ctx, it) for it in flashes["intervals"]] if flashes is not None else []
    flags, total = [], 0.0
    for item in lane["intervals"]:
        s, e = interval_frames(ctx, item)
        dur = ctx.seconds(e) - ctx.seconds(s)
        at_edge = s == 0 or e >= ctx.frame_count
        if any(fs - 1 <= s and e <= fe + 1 for fs, fe in flashing):
            continue  # the dark phases of flashing: too_dynamic's business
        if not at_edge and dur < BLACK_MIN_S - 1e-9:
            continue
        total += dur
        where = "opens the video" if s == 0 else ("ends the video" if e >= ctx.frame_count else "in the middle")
        severity = "warning" if dur >= BLACK_WARN_S or at_edge else "info"
        fix = (f"trim the {e - s} black frame{'s' if e - s != 1 else ''} ({fmt_s(dur)}) so the video opens on picture"
               if s == 0 else f"cut the {e - s} black frame{'s' if e - s != 1 else ''} ({fmt_s(dur)}) "
                              "or cover them with picture")
        flags.append(ctx.flag("black_frames", severity, s, e, f"{fmt_s(dur)} of black picture {where}", fix,
                              duration_s=dur))
    score = REGISTRY["black_frames"].curve(total)
    detail = f"{len(flags)} black stretch{'es' if len(flags) != 1 else ''}, {fmt_s(total)} in all" if flags \
        else f"no black stretch ({BLACK_MIN_S:g} s or more, or at either end)"
    return Outcome(score, detail, flags, {"black_s": round(total, 3)})


@check("frozen_frames", title="Frozen frames", weight=3, lanes=("frozen",), optional=("cuts",),
       measure="seconds of frozen picture", points=((0.0, 1.0), (0.5, 0.9), (2.0, 0.5), (5.0, 0.0)))
def frozen_frames(ctx: Context) -> Outcome:
    """A picture that stops for 0.5 s or more where motion was going on (a stalled export or a
    held frame). A still that starts with its shot (a photo or a title card) is not frozen:
    static_picture judges it."""
    lane = ctx.lane("frozen")
    if lane is None:
        return Outcome.na(ctx.why_missing("frozen"))
    flags, total = [], 0.0
    for s, e in held_pictures(ctx)[0]:
        dur = ctx.seconds(e) - ctx.seconds(s)
        total += dur
        flags.append(ctx.flag("frozen_frames", "warning", s, e,
                              f"the picture freezes for {fmt_s(dur)} ({e - s} frames of one picture)",
                              "re-export the source (a stalled render repeats frames), or replace the held "
                              f"frame with moving footage for these {fmt_s(dur)}", duration_s=dur))
    score = REGISTRY["frozen_frames"].curve(total)
    detail = f"{len(flags)} frozen stretch{'es' if len(flags) != 1 else ''}, {fmt_s(total)} in all" if flags \
        else "no frozen frames"
    return Outcome(score, detail, flags, {"frozen_s": round(total, 3)})


def held_pictures(ctx: Context) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(freezes, stills): the frozen lane's freezes, less those that start with a shot (the
    cuts lane's cut or the end of its gradual transition within ``STILL_AT_BOUNDARY`` frames:
    a dissolve into a photo looks like motion stopping to the pixels), and the pieces that
    follow such a one directly (a caption changing on the still). Both checks that judge
    held pictures read them here, so they agree."""
    lane = ctx.lane("frozen")
    if lane is None:
        return [], []
    freezes = sorted(interval_frames(ctx, it) for it in lane["intervals"])
    stills = [interval_frames(ctx, it) for it in lane["stills"]]
    cuts = ctx.lane("cuts")
    starts = shot_boundaries(ctx, cuts)[0] if cuts is not None else []
    after, before = STILL_AT_BOUNDARY
    kept = []
    for s, e in freezes:
        at_shot = any(s - after <= b <= s + before for b in starts)
        follows_still = any(abs(s - se) <= 1 for _, se in stills)
        (stills if at_shot or follows_still else kept).append((s, e))
    return kept, sorted(stills)


def shot_boundaries(ctx: Context, cuts: dict) -> tuple[list[int], list[tuple[int, int]]]:
    """First frames of new shots (a gradual transition's own frames count as its boundary)."""
    starts: list[int] = []
    spans: list[tuple[int, int]] = []
    for ev in cuts.get("events", []):
        f = int(ev["frame"])
        if ev.get("kind") == "gradual" and ev.get("start_frame") is not None:
            spans.append((int(ev["start_frame"]), int(ev.get("end_frame", f))))
            starts.append(int(ev.get("end_frame", f)))
        else:
            starts.append(f)
            spans.append((f, f + 1))
    return sorted(set(s for s in starts if 0 < s < ctx.frame_count)), spans


@check("static_picture", title="Static picture", weight=7, lanes=("motion",), optional=("cuts", "frozen", "black"),
       measure="share of the video in static stretches", points=((0.0, 1.0), (0.25, 0.5), (0.6, 0.0)))
def static_picture(ctx: Context) -> Outcome:
    """No cut and barely any motion for 4 s or more, designed stills included. Stretches that
    are all frozen or black frames are left to those checks."""
    motion = ctx.lane("motion")
    if motion is None:
        return Outcome.na(ctx.why_missing("motion"))
    diff = np.asarray([0.0 if v is None else float(v) for v in motion.get("per_frame", [])], dtype=np.float64)
    n = min(len(diff), ctx.frame_count) if ctx.frame_count else len(diff)
    diff = diff[:n]
    still = diff < STILL_MOTION
    if n:
        still[0] = False
    cuts = ctx.lane("cuts")
    if cuts is not None:
        for s, e in shot_boundaries(ctx, cuts)[1]:
            still[max(0, s):min(n, e)] = False
    # close short gaps of change between still runs (an encoder's keyframe refresh)
    runs = _runs(still)
    closed: list[tuple[int, int]] = []
    for s, e in runs:
        if closed and s - closed[-1][1] <= BLIP_FRAMES and not _cut_between(ctx, cuts, closed[-1][1], s):
            closed[-1] = (closed[-1][0], e)
        else:
            closed.append((s, e))
    freezes = held_pictures(ctx)[0]
    covered = list(freezes)
    black = ctx.lane("black")
    if black is not None:
        covered += [interval_frames(ctx, it) for it in black["intervals"]]
    covered = merge_intervals(covered, gap=2)
    flags, total = [], 0.0
    for s, e in closed:
        start, end = s - 1, e  # a run of frames that each repeat the one before, with that one
        dur = ctx.seconds(end) - ctx.seconds(start)
        if dur < STATIC_MIN_S - 1e-9:
            continue
        if any(cs <= start + 2 and end <= ce + 2 for cs, ce in covered):
            continue
        total += dur
        mean = float(diff[s:e].mean()) if e > s else 0.0
        flags.append(ctx.flag(
            "static_picture", "warning", start, end,
            f"nothing changes for {fmt_s(dur)}: no cut and almost no motion",
            f"cut to another shot, punch in or move the camera within {fmt_s(min(3.0, dur / 2))} of "
            f"{ctx.timebase.frame_to_timecode(start)}; change something at least every 3 s",
            duration_s=dur, mean_motion=mean))
    share = total / ctx.duration_s if ctx.duration_s > 0 else 0.0
    score = REGISTRY["static_picture"].curve(share)
    detail = (f"{len(flags)} static stretch{'es' if len(flags) != 1 else ''} of {STATIC_MIN_S:g} s or more, "
              f"{fmt_s(total)} ({share:.0%} of the video)") if flags else \
        f"no stretch of {STATIC_MIN_S:g} s without a cut or motion"
    if freezes:  # a frozen picture is static too: say where it is judged
        frozen_s = sum(ctx.seconds(e) - ctx.seconds(s) for s, e in freezes)
        detail += f" (besides {fmt_s(frozen_s)} of frozen picture: see Frozen frames)"
    return Outcome(score, detail, flags, {"static_s": round(total, 3), "static_share": round(share, 4)})


@check("too_dynamic", title="Too fast to follow", weight=4, lanes=("cuts",),
       measure="share of the video cut too fast", points=((0.0, 1.0), (0.1, 0.5), (0.3, 0.0)))
def too_dynamic(ctx: Context) -> Outcome:
    """Runs of 3 or more shots each shorter than 0.4 s. (Flashing is photosensitive_flashing.)"""
    cuts = ctx.lane("cuts")
    if cuts is None:
        return Outcome.na(ctx.why_missing("cuts"))
    flags, spans = [], []
    starts = [0] + shot_boundaries(ctx, cuts)[0] + [ctx.frame_count]
    shots = list(zip(starts, starts[1:]))
    short = [ctx.seconds(e) - ctx.seconds(s) < FAST_SHOT_S - 1e-9 for s, e in shots]
    k = 0
    while k < len(shots):
        if not short[k]:
            k += 1
            continue
        j = k
        while j < len(shots) and short[j]:
            j += 1
        if j - k >= FAST_RUN_SHOTS:
            s, e = shots[k][0], shots[j - 1][1]
            mean_len = (ctx.seconds(e) - ctx.seconds(s)) / (j - k)
            spans.append((s, e))
            flags.append(ctx.flag(
                "too_dynamic", "warning", s, e,
                f"{j - k} shots in a row shorter than {FAST_SHOT_S:g} s (average {mean_len:.2f} s): too fast "
                "to take in", f"hold each shot at least {FAST_SHOT_S:g} s: drop {max(1, (j - k) // 2)} of these "
                f"shots or lengthen them ({(j - k) * FAST_SHOT_S:.1f} s for all {j - k})",
                shots=j - k, mean_shot_s=mean_len))
        k = j
    total = sum(ctx.seconds(e) - ctx.seconds(s) for s, e in merge_intervals(spans))
    share = total / ctx.duration_s if ctx.duration_s > 0 else 0.0
    score = REGISTRY["too_dynamic"].curve(share)
    detail = "; ".join(f["message"] for f in flags[:2]) if flags else f"no run of shots under {FAST_SHOT_S:g} s"
    return Outcome(score, detail, flags, {"fast_share": round(share, 4)})


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    padded = np.concatenate(([False], np.asarray(mask, bool), [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return [(int(s), int(e)) for s, e in zip(edges[0::2], edges[1::2])]


def _cut_between(ctx: Context, cuts: dict | None, a: int, b: int) -> bool:
    if cuts is None:
        return False
    return any(a <= s <= b for s in shot_boundaries(ctx, cuts)[0])
