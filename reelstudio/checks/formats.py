"""Format: aspect ratio, resolution, frame rate and duration against the preset."""

from __future__ import annotations

from .base import Context, Outcome, check

OK, SOFT, MINOR, MAJOR = 1.0, 0.9, 0.7, 0.0


@check("format", title="Format", weight=8, lanes=(),
       measure="worst part: in spec 1.0; below the recommended size 0.9; playable but off (taller than 9:16, odd "
               "frame rate, too short) 0.7; letterboxed (wider than 9:16), too long or below the minimum size 0.0",
       points=((0.0, 0.0), (1.0, 1.0)))
def format_check(ctx: Context) -> Outcome:
    """Aspect ratio, resolution, frame rate and duration against the preset."""
    p = ctx.preset
    w, h = ctx.width, ctx.height
    if not w or not h or not ctx.frame_count:
        return Outcome.na("the source has no picture size or frames")
    parts: list[tuple[float, dict]] = []
    s, e = 0, ctx.frame_count
    rw, rh = p.recommended_size

    ratio = w / h
    target = float(p.aspect)
    if abs(ratio - target) / target > p.aspect_tolerance:
        want_w = round(h * target / 2) * 2
        if ratio > 1.0:
            parts.append((MAJOR, ctx.flag(
                "format", "error", s, e, f"landscape {w}x{h} ({ratio:.2f}:1): {p.title} shows it small, with "
                "wide bars above and below", f"reframe to 9:16: crop to {want_w}x{h} "
                f"or re-edit at {rw}x{rh}", part="aspect", aspect=ratio)))
        elif ratio > target:  # wider than 9:16 (4:5, square): shown with bars above and below
            parts.append((MAJOR, ctx.flag(
                "format", "error", s, e, f"{w}x{h} is {ratio:.2f}:1, wider than 9:16: {p.title} letterboxes it "
                "(bars above and below)", f"reframe to 9:16: crop to {want_w}x{h} or re-edit at {rw}x{rh}",
                part="aspect", aspect=ratio)))
        else:  # taller than 9:16: the app crops the top and bottom to fill the screen
            parts.append((MINOR, ctx.flag(
                "format", "warning", s, e, f"{w}x{h} is {ratio:.2f}:1, taller than 9:16: {p.title} crops or "
                "pads it", f"crop to 9:16 ({w}x{round(w / target / 2) * 2} at this width, ideally {rw}x{rh})",
                part="aspect", aspect=ratio)))
    short = min(w, h)
    if short < p.min_short_side:
        parts.append((MAJOR, ctx.flag(
            "format", "error", s, e, f"{w}x{h} is below {p.title}'s minimum ({p.min_short_side} px on the short side)",
            f"export at {rw}x{rh}", part="resolution", short_side=short)))
    elif short < min(rw, rh):
        parts.append((SOFT, ctx.flag(
            "format", "info", s, e, f"{w}x{h} may look soft on large phones ({min(rw, rh)} px wide is recommended)",
            f"export at {rw}x{rh}", part="resolution", short_side=short)))
    fps = ctx.fps
    if fps < p.fps_min - 1e-6 or fps > p.fps_max + 1e-6:
        parts.append((MINOR, ctx.flag(
            "format", "warning", s, e, f"{fps:.3g} fps is outside {p.title}'s {p.fps_min:g}-{p.fps_max:g} fps",
            "export at 30 fps" if fps < p.fps_min else "export at 30 or 60 fps (the platform resamples higher rates)",
            part="fps", fps=fps)))
    dur = ctx.duration_s
    if dur > p.duration_max_s + 1e-6:
        parts.append((MAJOR, ctx.flag(
            "format", "error", ctx.frame_at(p.duration_max_s), e,
            f"{dur:.1f} s is longer than {p.title}'s {p.duration_max_s:g} s limit",
            f"trim {dur - p.duration_max_s:.1f} s (end by "
            f"{ctx.timebase.frame_to_timecode(ctx.frame_at(p.duration_max_s))})",
            part="duration", duration_s=dur)))
    elif dur < p.duration_min_s - 1e-6:
        parts.append((MINOR, ctx.flag(
            "format", "warning", s, e, f"{dur:.1f} s is shorter than {p.title}'s {p.duration_min_s:g} s minimum",
            f"extend it by {p.duration_min_s - dur:.1f} s", part="duration", duration_s=dur)))
    score = min([OK] + [sc for sc, _ in parts])
    flags = [f for _, f in parts]
    detail = "; ".join(f["message"] for f in flags) if flags else \
        f"{w}x{h}, {fps:.3g} fps, {dur:.1f} s: within {p.title}'s format"
    # a frame the platform shows with bars is not a short that fills the phone: a critical failure
    critical = f"{w}x{h} ({ratio:.2f}:1) is wider than 9:16: {p.title} letterboxes it" \
        if any(f["part"] == "aspect" and f["severity"] == "error" for f in flags) else ""
    return Outcome(score, detail, flags, {"width": w, "height": h, "fps": round(fps, 3), "duration_s": dur},
                   critical=critical)
