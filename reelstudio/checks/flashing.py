"""Photosensitive flashing: WCAG 2.3.1 "Three Flashes or Below Threshold"."""

from __future__ import annotations

from .base import REGISTRY, Context, Outcome, check, fmt_s, interval_frames, merge_intervals

MAX_FLASHES_PER_S = 3  # WCAG 2.3.1: no more than three general flashes in any one-second period


def peak_rate(ctx: Context, changes: list[int], start: int, end: int) -> float:
    """The most flashes (pairs of opposing changes) in any one second of [start, end)."""
    times = sorted(ctx.seconds(f) for f in changes if start <= f < end)
    best, j = 0, 0
    for i, t in enumerate(times):
        while j < len(times) and times[j] < t + 1.0 - 1e-9:
            j += 1
        best = max(best, j - i)
    return best / 2


@check("photosensitive_flashing", title="Photosensitive flashing", weight=3, lanes=("flashes",),
       measure="flashing: none 1.0, any stretch of more than 3 flashes a second 0.0 (and the band capped at poor)",
       points=((0.0, 1.0), (1.0, 0.0)))
def photosensitive_flashing(ctx: Context) -> Outcome:
    """More than three general flashes in any one second (WCAG 2.3.1): a pair of opposing
    changes of relative luminance by 10 % or more of the maximum, the darker state below
    0.80, over a quarter of the picture (the flashes lane). A seizure risk for viewers with
    photosensitive epilepsy: an error, and a critical failure that caps the score's band at
    poor. The red-flash rule (saturated red transitions) is not measured yet."""
    lane = ctx.lane("flashes")
    if lane is None:
        return Outcome.na(ctx.why_missing("flashes"))
    changes = [int(f) for f in lane.get("transition_frames", [])]
    spans = merge_intervals([interval_frames(ctx, it) for it in lane.get("intervals", [])])
    flags = []
    for s, e in spans:
        dur = max(1e-9, ctx.seconds(e) - ctx.seconds(s))
        rate = peak_rate(ctx, changes, s, e) or None
        what = f"up to {rate:g} flashes a second" if rate else f"more than {MAX_FLASHES_PER_S} flashes a second"
        flags.append(ctx.flag(
            "photosensitive_flashing", "error", s, e,
            f"the picture flashes ({what}) for {fmt_s(dur)}: a seizure risk (WCAG 2.3.1 allows "
            f"{MAX_FLASHES_PER_S} in any second)",
            f"slow the flashing to at most {MAX_FLASHES_PER_S} a second, soften the brightness jumps, or cut "
            f"these {e - s} frames", flashes_per_s=rate, duration_s=dur))
    if not flags:
        return Outcome(1.0, f"no more than {MAX_FLASHES_PER_S} flashes in any second", flags, {"flashing_s": 0.0})
    total = sum(ctx.seconds(e) - ctx.seconds(s) for s, e in spans)
    rates = [f["flashes_per_s"] for f in flags if f["flashes_per_s"]]
    peak = f"up to {max(rates):g} flashes a second" if rates else f"more than {MAX_FLASHES_PER_S} flashes a second"
    detail = f"the picture flashes ({peak}) for {fmt_s(total)} in all"
    return Outcome(REGISTRY["photosensitive_flashing"].curve(1.0), detail, flags,
                   {"flashing_s": round(total, 3), "flashes_per_s": max(rates) if rates else None},
                   critical=f"the picture flashes {peak} (WCAG 2.3.1 allows {MAX_FLASHES_PER_S})")
