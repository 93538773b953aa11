"""The hook: what a viewer sees and hears in the first seconds (the preset's hook window)."""

from __future__ import annotations

import math

import numpy as np

from .base import REGISTRY, Context, Outcome, check, fmt_s, interval_frames
from .picture import STILL_MOTION, shot_boundaries

# no face in the hook at all: a warning, never a fail. Voice-over b-roll, text-led lists and
# photo slideshows are well-made styles with no person in them (bench/eval_checks.py: each of
# them failed this check before; issue 13 asks well-made reels to have no fail)
NO_FACE_SCORE = 0.5
# motion that counts as something happening: clearly above a held shot's drift
HOOK_MOTION = 2 * STILL_MOTION
HOOK_MOTION_FRAMES = 3  # ... for at least this many frames in a row


@check("hook_no_face", title="No face in the hook", weight=5, lanes=("faces",), optional=("cuts", "motion"),
       measure=f"seconds until the first face (none in the hook window: {NO_FACE_SCORE:g}, a warning)",
       points=((1.0, 1.0), (3.0, 0.5)))
def hook_no_face(ctx: Context) -> Outcome:
    """A face in the first second holds a scrolling viewer; none in the hook window fails."""
    lane = ctx.lane("faces")
    if lane is None:
        return Outcome.na(ctx.why_missing("faces"))
    hook = ctx.hook_end_frame()
    starts = [interval_frames(ctx, it)[0] for it in lane.get("intervals", [])]
    first = min(starts) if starts else None
    if first is None or first >= hook:
        when = f"; the first face appears at {fmt_s(ctx.seconds(first))}" if first is not None else "; none at all"
        flag = ctx.flag("hook_no_face", "warning", 0, hook,
                        f"no face in the first {fmt_s(ctx.seconds(hook))}{when}",
                        "open on a person: move a shot with a face to the start, or show the speaker "
                        "within the first second", first_face_s=ctx.seconds(first) if first is not None else None)
        return Outcome(NO_FACE_SCORE, f"no face in the first {ctx.preset.hook_s:g} s", [flag],
                       {"first_face_s": ctx.seconds(first) if first is not None else None})
    t = ctx.seconds(first)
    score = REGISTRY["hook_no_face"].curve(t)
    flags = []
    if t > 1.0:
        flags.append(ctx.flag("hook_no_face", "info", 0, first, f"the first face appears only at {fmt_s(t)}",
                              f"bring the face {fmt_s(t - 0.5)} earlier (show it within the first second)",
                              first_face_s=t))
    return Outcome(score, f"first face at {fmt_s(t)}", flags, {"first_face_s": t})


def _first_events(ctx: Context) -> tuple[dict[str, int | None], list[str]]:
    """Frame of the first cut, motion, text and speech (None when the lane shows none)."""
    events: dict[str, int | None] = {}
    missing = []
    cuts = ctx.lane("cuts")
    if cuts is None:
        missing.append("cuts")
    else:
        starts = [s for s, _ in shot_boundaries(ctx, cuts)[1]]
        events["cut"] = min(starts) if starts else None
    motion = ctx.lane("motion")
    if motion is None:
        missing.append("motion")
    else:
        diff = np.asarray([0.0 if v is None else float(v) for v in motion.get("per_frame", [])])
        moving = diff >= HOOK_MOTION
        k = HOOK_MOTION_FRAMES
        if moving.size >= k:
            full = np.convolve(moving.astype(int), np.ones(k, int), mode="valid") >= k
            hits = np.flatnonzero(full)
            events["motion"] = int(hits[0]) if hits.size else None
        else:
            events["motion"] = None
    for name, kind in (("text", "text"), ("speech", "speech")):
        lane = ctx.lane(name)
        if lane is None:
            missing.append(name)
            continue
        starts = [interval_frames(ctx, it)[0] for it in lane.get("intervals", [])]
        events[kind] = min(starts) if starts else None
    return events, missing


# n/a only when none of its lanes ran: it reads whichever did
@check("hook_static_open", title="Static opening", weight=10, lanes=(),
       optional=("cuts", "motion", "text", "speech"),
       measure="seconds until the first cut, motion, text or speech (none in the hook window: 0.0)",
       points=((1.0, 1.0), (3.0, 0.5)))
def hook_static_open(ctx: Context) -> Outcome:
    """Nothing happens in the hook window: no cut, no motion, no text on screen, no speech."""
    events, missing = _first_events(ctx)
    if not events:
        return Outcome.na("; ".join(ctx.why_missing(n) for n in missing))
    hook = ctx.hook_end_frame()
    found = {k: v for k, v in events.items() if v is not None}
    first_kind = min(found, key=found.get) if found else None
    first = found[first_kind] if found else None
    note = f" ({', '.join(missing)} not analysed)" if missing else ""
    if first is None or first >= hook:
        flag = ctx.flag("hook_static_open", "warning", 0, hook,
                        f"nothing happens in the first {fmt_s(ctx.seconds(hook))}: no cut, motion, text or speech"
                        + note,
                        "open on the most striking moment: start speaking, put a title on screen, or cut or "
                        "move the camera within the first second")
        return Outcome(0.0, f"nothing happens in the first {ctx.preset.hook_s:g} s{note}", [flag],
                       {"first_event": None})
    t = ctx.seconds(first)
    score = REGISTRY["hook_static_open"].curve(t)
    flags = []
    if t > 1.0:
        flags.append(ctx.flag("hook_static_open", "info", 0, first,
                              f"nothing happens until {fmt_s(t)} (the first event is {first_kind})",
                              f"bring the {first_kind} {fmt_s(t - 0.5)} earlier, or trim the first {fmt_s(t)}",
                              first_event_s=t))
    return Outcome(score, f"first {first_kind} at {fmt_s(t)}{note}", flags,
                   {"first_event": first_kind, "first_event_s": t if math.isfinite(t) else None})
