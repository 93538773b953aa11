"""On-screen text: under the platform UI, too small, low contrast, too brief to read."""

from __future__ import annotations

from .base import REGISTRY, Context, Outcome, check, control_points, fmt_s, interval_frames

UI_OVERLAP = 0.25  # share of a text box under the UI that hides it
MIN_TEXT_HEIGHT = 0.025  # line height / frame height (48 px of 1920: ~3.5 mm on a phone)
LARGE_TEXT_HEIGHT = 0.036  # WCAG "large text" (18 pt of a ~667 pt phone screen) as a share of height
CONTRAST_NORMAL, CONTRAST_LARGE = 4.5, 3.0  # WCAG 2.x 1.4.3
READING_CPS = 17.0  # characters a second (Netflix Timed Text Style Guide, adult, many languages)
MIN_ON_SCREEN_S = 5 / 6  # Netflix: at least 5/6 s (20 frames at 24 fps)


def _captions(ctx: Context) -> tuple[list[dict] | None, str]:
    lane = ctx.lane("text")
    if lane is None:
        return None, ctx.why_missing("text")
    return [it for it in lane.get("intervals", []) if it.get("box") is not None or it.get("text")], ""


def _dur(ctx: Context, it: dict) -> float:
    s, e = interval_frames(ctx, it)
    return max(0.0, ctx.seconds(e) - ctx.seconds(s))


def _label(it: dict) -> str:
    """The caption quoted: as heard when the screen was misread (subtitle sync's
    ``spoken_text``), else as read."""
    text = " ".join(str(it.get("spoken_text") or it.get("text", "")).split())
    return f"\u201c{text[:40]}{'...' if len(text) > 40 else ''}\u201d" if text else "text"


def _weighted(pairs: list[tuple[float, float]]) -> float:
    total = sum(w for _, w in pairs)
    return sum(s * w for s, w in pairs) / total if total > 0 else 1.0


@check("text_in_ui_zone", title="Text under the platform's buttons", weight=7, lanes=("text",),
       measure="share of text time spent under the UI", points=((0.0, 1.0), (0.25, 0.5), (0.6, 0.0)))
def text_in_ui_zone(ctx: Context) -> Outcome:
    """Text whose box lies a quarter or more under the bands the platform covers with its own
    interface (caption, buttons, progress bar)."""
    caps, why = _captions(ctx)
    if caps is None:
        return Outcome.na(why)
    W, H = ctx.width, ctx.height
    ui = ctx.preset.ui
    bands = {
        "bottom": (0, H * (1 - ui.bottom), W, H),
        "top": (0, 0, W, H * ui.top),
        "left": (0, 0, W * ui.left, H),
        "right": (W * (1 - ui.right), 0, W, H),
    }
    flags, under, total = [], 0.0, 0.0
    for idx, it in enumerate(caps):
        box = it.get("box")
        d = _dur(ctx, it)
        total += d
        if not box or not W or not H:
            continue
        x, y, w, h = (float(v) for v in box)
        area = max(1.0, w * h)
        best, frac = None, 0.0
        for name, (bx0, by0, bx1, by1) in bands.items():
            ov = max(0.0, min(x + w, bx1) - max(x, bx0)) * max(0.0, min(y + h, by1) - max(y, by0))
            if ov / area > frac:
                best, frac = name, ov / area
        if frac < UI_OVERLAP:
            continue
        under += d
        if best == "bottom":
            move = y + h - H * (1 - ui.bottom)
            fix = f"move it up by {move:.0f} px, so its bottom edge is above y={H * (1 - ui.bottom):.0f}"
        elif best == "top":
            move = H * ui.top - y
            fix = f"move it down by {move:.0f} px, so its top edge is below y={H * ui.top:.0f}"
        elif best == "left":
            move = W * ui.left - x
            fix = f"move it right by {move:.0f} px (or narrow it), away from the left edge"
        else:
            move = x + w - W * (1 - ui.right)
            fix = f"move it left by {move:.0f} px (or narrow it), clear of the buttons on the right"
        s, e = interval_frames(ctx, it)
        pct = {"bottom": ui.bottom, "top": ui.top, "left": ui.left, "right": ui.right}[best]
        flags.append(ctx.flag("text_in_ui_zone", "warning", s, e,
                              f"{_label(it)} is {frac:.0%} under {ctx.preset.title}'s {best} "
                              f"{pct:.0%} (covered by its interface)", fix,
                              caption=idx, band=best, overlap=frac, move_px=round(move)))
    share = under / total if total > 0 else 0.0
    score = REGISTRY["text_in_ui_zone"].curve(share)
    detail = (f"{len(flags)} caption{'s' if len(flags) != 1 else ''} under the UI ({share:.0%} of text time)"
              if flags else ("no text on screen" if not caps else "all text clear of the UI"))
    return Outcome(score, detail, flags, {"ui_share": round(share, 4)})


@check("text_too_small", title="Text too small", weight=5, lanes=("text",),
       measure="line height / frame height, averaged over text time",
       points=((0.015, 0.0), (0.02, 0.5), (MIN_TEXT_HEIGHT, 1.0)))
def text_too_small(ctx: Context) -> Outcome:
    """Text lines shorter than 2.5 % of the frame height (48 px of 1920) are hard to read on
    a phone held at arm's length."""
    caps, why = _captions(ctx)
    if caps is None:
        return Outcome.na(why)
    H = ctx.height
    flags, pairs = [], []
    for idx, it in enumerate(caps):
        hp = it.get("height_px")
        if hp is None or not H:
            continue
        rel = float(hp) / H
        d = _dur(ctx, it)
        pairs.append((REGISTRY["text_too_small"].curve(rel), d))
        if rel < MIN_TEXT_HEIGHT - 1e-9:
            need = MIN_TEXT_HEIGHT * H
            s, e = interval_frames(ctx, it)
            flags.append(ctx.flag("text_too_small", "warning", s, e,
                                  f"{_label(it)} is {float(hp):.0f} px tall ({rel:.1%} of the frame height)",
                                  f"make it at least {need:.0f} px tall: scale it up by {need / float(hp) - 1:.0%}",
                                  caption=idx, height_px=float(hp), height_share=rel))
    score = _weighted(pairs)
    detail = (f"{len(flags)} caption{'s' if len(flags) != 1 else ''} below {MIN_TEXT_HEIGHT:.1%} of the frame height"
              if flags else ("no text on screen" if not caps else "all text large enough"))
    return Outcome(score, detail, flags)


@check("text_low_contrast", title="Low-contrast text", weight=5, lanes=("text",),
       measure="contrast ratio / the WCAG minimum (4.5:1; 3:1 for large text), averaged over text time",
       points=((0.5, 0.0), (0.75, 0.5), (1.0, 1.0)))
def text_low_contrast(ctx: Context) -> Outcome:
    """WCAG 2.x contrast of text against its background: at least 4.5:1, or 3:1 for large
    text (lines at least 3.6 % of the frame height)."""
    caps, why = _captions(ctx)
    if caps is None:
        return Outcome.na(why)
    H = ctx.height
    flags, pairs = [], []
    for idx, it in enumerate(caps):
        c = it.get("contrast")
        if c is None:
            continue
        c = float(c)
        large = H and it.get("height_px") is not None and float(it["height_px"]) / H >= LARGE_TEXT_HEIGHT
        need = CONTRAST_LARGE if large else CONTRAST_NORMAL
        pairs.append((REGISTRY["text_low_contrast"].curve(c / need), _dur(ctx, it)))
        if c < need - 1e-9:
            s, e = interval_frames(ctx, it)
            flags.append(ctx.flag("text_low_contrast", "warning", s, e,
                                  f"{_label(it)} has a contrast of {c:.1f}:1 against its background "
                                  f"({'large' if large else 'normal'} text needs {need:g}:1)",
                                  "put a dark box or a 2-3 px outline behind it, or change its colour, "
                                  f"to reach {need:g}:1", caption=idx, contrast=c, required=need))
    score = _weighted(pairs)
    detail = (f"{len(flags)} caption{'s' if len(flags) != 1 else ''} below the WCAG contrast minimum"
              if flags else ("no text on screen" if not caps else "all text has enough contrast"))
    return Outcome(score, detail, flags)


def reading_time(text: str) -> float:
    """Seconds needed to read ``text`` at 17 characters a second, at least 5/6 s."""
    chars = len(" ".join(str(text).split()))
    return max(MIN_ON_SCREEN_S, chars / READING_CPS)


@check("text_too_brief", title="Text too brief to read", weight=5, lanes=("text",),
       measure="time on screen / time needed (17 characters/s, at least 5/6 s), averaged over captions",
       points=((0.5, 0.0), (0.75, 0.5), (1.0, 1.0)))
def text_too_brief(ctx: Context) -> Outcome:
    """Text shown for less time than it takes to read: 17 characters a second, and never
    less than 5/6 s on screen."""
    caps, why = _captions(ctx)
    if caps is None:
        return Outcome.na(why)
    flags, pairs = [], []
    for idx, it in enumerate(caps):
        d = _dur(ctx, it)
        need = reading_time(it.get("text", ""))
        pairs.append((control_points(d / need, REGISTRY["text_too_brief"].points), need))
        if d < need - 0.5 / ctx.fps:
            s, e = interval_frames(ctx, it)
            chars = len(" ".join(str(it.get("text", "")).split()))
            more = need - d
            cps = chars / d if d > 0 else float("inf")
            flags.append(ctx.flag("text_too_brief", "warning", s, e,
                                  f"{_label(it)} is on screen {fmt_s(d)}; {chars} characters need {fmt_s(need)} "
                                  f"({cps:.0f} characters/s, at most {READING_CPS:g})",
                                  f"keep it on screen {fmt_s(more)} longer ({round(more * ctx.fps)} frames), "
                                  "or shorten the text", caption=idx, duration_s=d, needed_s=need,
                                  chars_per_s=cps if cps != float("inf") else None))
    score = _weighted(pairs)
    detail = (f"{len(flags)} caption{'s' if len(flags) != 1 else ''} too brief to read" if flags
              else ("no text on screen" if not caps else "all text stays long enough to read"))
    return Outcome(score, detail, flags)
