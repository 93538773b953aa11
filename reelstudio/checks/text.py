"""On-screen text: under the platform UI, too small, low contrast, too brief to read."""

from __future__ import annotations

from ..scoring import PASS_AT
from .base import GROUP_MIN, REGISTRY, Context, Outcome, check, control_points, fmt_s, group, interval_frames, \
    span_words

UI_OVERLAP = 0.25  # share of a text box under the UI that hides it
MIN_TEXT_HEIGHT = 0.025  # font size / frame height: 48 px of 1920, ~2.9 mm on a 6.1" phone, ~0.5 deg at 32-36 cm
# (BBC Subtitle Guidelines 1.2.5 9.2: 9:16 line height 4.5 %, x0.5-x1 on phones; docs/checks.md has the evidence)
LARGE_TEXT_HEIGHT = 0.036  # WCAG "large text" (18 pt of a ~667 pt phone screen) as a share of height
CONTRAST_NORMAL, CONTRAST_LARGE = 4.5, 3.0  # WCAG 2.x 1.4.3
READING_CPS = 17.0  # characters a second (Netflix Timed Text Style Guide, adult, many languages)
MIN_ON_SCREEN_S = 5 / 6  # Netflix: at least 5/6 s (20 frames at 24 fps)


def _captions(ctx: Context) -> tuple[list[dict] | None, str]:
    """The text lane's captions, each with its index in the lane under ``_index``."""
    lane = ctx.lane("text")
    if lane is None:
        return None, ctx.why_missing("text")
    return [dict(it, _index=k) for k, it in enumerate(lane.get("intervals", []))
            if it.get("box") is not None or it.get("text")], ""


def _spoken(ctx: Context) -> set[int]:
    """Text lane indices of captions that show speech: the sync step matched them to it, or
    the text lane calls them subtitles."""
    out = set()
    sync = ctx.lane("subtitle_sync")
    if sync is not None:
        out |= {int(s["caption"]) for s in sync.get("subtitles", [])
                if s.get("speech_start_s") is not None and s.get("caption") is not None}
    text = ctx.lane("text")
    if text is not None:
        items = text.get("intervals", [])
        out |= {k for k, it in enumerate(items) if it.get("role") == "subtitle"}
        out |= _in_the_track(ctx, items, out)
    return out


TRACK_GAP_S = 0.25  # a caption this close in time to a spoken one, in its place, is in its track


def _in_the_track(ctx: Context, items: list[dict], spoken: set[int]) -> set[int]:
    """Captions the sync step could not match that are still part of the subtitle track: one
    shown while words are spoken (over half of its time), in the same place on screen as a
    spoken caption (boxes overlapping by half the smaller's height), right before or after
    it (within 0.25 s). A word-by-word chunk read in part ("ENOUGH" for "IS ENOUGH", for 5
    of its 24 frames) was judged as a title and told to stay on screen 0.6 s longer."""
    words = [(float(w["start_s"]), float(w["end_s"])) for w in (ctx.lane("speech") or {}).get("words") or []
             if w.get("start_s") is not None and w.get("end_s") is not None]
    if not words or not spoken:
        return set()

    def rows(it):
        b = it.get("box")
        return (float(b[1]), float(b[1]) + float(b[3])) if b else None

    out = set()
    for k, it in enumerate(items):
        if k in spoken or rows(it) is None or it.get("start_s") is None:
            continue
        t0, t1 = float(it["start_s"]), float(it["end_s"])
        heard = sum(max(0.0, min(t1, b) - max(t0, a)) for a, b in words)
        if t1 <= t0 or heard < 0.5 * (t1 - t0):
            continue
        y0, y1 = rows(it)
        for j in spoken:
            other = items[j] if j < len(items) else None
            if other is None or rows(other) is None or other.get("start_s") is None:
                continue
            o0, o1 = rows(other)
            near = max(float(other["start_s"]) - t1, t0 - float(other["end_s"])) <= TRACK_GAP_S
            if near and min(y1, o1) - max(y0, o0) >= 0.5 * min(y1 - y0, o1 - o0):
                out.add(k)
                break
    return out


def _size_px(it: dict) -> float | None:
    """A caption's type size in pixels: the font size the text lane measured from the
    capitals' height (``font_px``), which does not move with the letters; the ink's height
    (``height_px``) from a lane that has none."""
    size = it.get("font_px") if it.get("font_px") is not None else it.get("height_px")
    return None if size is None else float(size)


def _what(caps: list[dict], n: int) -> str:
    """'all 9 subtitles' / '3 of 9 captions'."""
    kind = "subtitles" if all(c.get("role") == "subtitle" for c in caps) else "captions"
    return f"all {n} {kind}" if n == len(caps) else f"{n} of {len(caps)} {kind}"


def _dur(ctx: Context, it: dict) -> float:
    s, e = interval_frames(ctx, it)
    return max(0.0, ctx.seconds(e) - ctx.seconds(s))


def _label(it: dict) -> str:
    """The caption quoted: as heard when the screen was misread (subtitle sync's
    ``spoken_text``), else as read; transcript.UNREAD ("text the app could not read") for a read that is not confidently words."""
    from ..transcript import quote_caption

    return quote_caption(it)


def _weighted(pairs: list[tuple[float, float]]) -> float:
    total = sum(w for _, w in pairs)
    return sum(s * w for s, w in pairs) / total if total > 0 else 1.0


@check("text_in_ui_zone", title="Text under the platform's buttons", weight=7, lanes=("text",), optional=("subtitle_sync", "speech"),
       measure="share of text time spent under the UI", points=((0.0, 1.0), (0.25, 0.5), (0.6, 0.0)))
def text_in_ui_zone(ctx: Context) -> Outcome:
    """Text whose box lies a quarter or more under a rectangle the platform's interface
    covers (the caption, name and sound block at the bottom, the action column on the right,
    the header on top; presets.py, with sources). Captions in the lower third above the
    caption block, where creators and the apps' own caption tools put them, are clear. All
    captions under the same part of the interface are one flag with their instances."""
    caps, why = _captions(ctx)
    if caps is None:
        return Outcome.na(why)
    W, H = ctx.width, ctx.height
    zones = ctx.preset.ui_zones
    # the interface covers the phone's screen, not the frame: a frame wider than 9:16 is shown
    # at the screen's width in the middle of it (letterboxed, the format check's gate), so its
    # text lies ``dy`` below the screen's top and mostly clear of the bands
    dy = 0.0
    if W and H and W / H > float(ctx.preset.aspect) * (1 + ctx.preset.aspect_tolerance):
        dy = (W / float(ctx.preset.aspect) - H) / 2
    H = H + 2 * dy
    hits, under, total = [], 0.0, 0.0
    for it in caps:
        box = it.get("box")
        d = _dur(ctx, it)
        total += d
        if not box or not W or not H:
            continue
        x, y, w, h = (float(v) for v in box)
        y += dy
        area = max(1.0, w * h)
        best, frac = None, 0.0
        for z in zones:
            bx0, by0, bx1, by1 = z.x0 * W, z.y0 * H, z.x1 * W, z.y1 * H
            ov = max(0.0, min(x + w, bx1) - max(x, bx0)) * max(0.0, min(y + h, by1) - max(y, by0))
            if ov / area > frac:
                best, frac = z, ov / area
        if frac < UI_OVERLAP:
            continue
        under += d
        move = {"bottom": y + h - best.y0 * H, "top": best.y1 * H - y,
                "right": x + w - best.x0 * W, "left": best.x1 * W - x}[best.side]
        hits.append((it, best, frac, move))
    flags = []
    for side in ("bottom", "top", "right", "left"):
        mine = [h for h in hits if h[1].side == side]
        if not mine:
            continue
        z = mine[0][1]
        edge = {"bottom": f"bottom edge above y={z.y0 * H - dy:.0f}", "top": f"top edge below y={z.y1 * H - dy:.0f}",
                "right": f"right edge left of x={z.x0 * W:.0f}", "left": f"left edge right of x={z.x1 * W:.0f}"}[side]
        way = {"bottom": "up", "top": "down", "right": "left", "left": "right"}[side]
        one = []
        for it, zone, frac, move in mine:
            s, e = interval_frames(ctx, it)
            one.append(ctx.flag("text_in_ui_zone", "warning", s, e,
                                f"{_label(it)} is {frac:.0%} under {ctx.preset.title}'s {zone.what} "
                                f"({ctx.preset.zones_name})", f"move it {way} by {move:.0f} px, so its {edge}",
                                caption=it["_index"], band=side, overlap=frac, move_px=round(move)))
        if len(one) < GROUP_MIN:
            flags += one
            continue
        most = max(f["move_px"] for f in one)
        track = "subtitle track" if all(it.get("role") == "subtitle" for it, *_ in mine) else "captions"
        flags.append(group(ctx, "text_in_ui_zone", one,
                           f"{_what(caps, len(one))} sit under {ctx.preset.title}'s {z.what} "
                           f"({ctx.preset.zones_name})",
                           f"move the {track} {way} by about {-(-most // 10) * 10:.0f} px, so every {edge}",
                           band=side, move_px=most, captions=len(one)))
    share = under / total if total > 0 else 0.0
    score = REGISTRY["text_in_ui_zone"].curve(share)
    n = len(hits)
    detail = (f"{n} caption{'s' if n != 1 else ''} under the UI ({share:.0%} of text time)"
              if n else ("no text on screen" if not caps else "all text clear of the UI"))
    return Outcome(score, detail, flags, {"ui_share": round(share, 4)})


@check("text_too_small", title="Text too small", weight=5, lanes=("text",), optional=("subtitle_sync", "speech"),
       measure="font size / frame height, averaged over text time",
       points=((0.015, 0.0), (0.02, 0.5), (MIN_TEXT_HEIGHT, 1.0)))
def text_too_small(ctx: Context) -> Outcome:
    """Text set smaller than 2.5 % of the frame height (a 48 px font on 1920) is hard to read
    on a phone held at arm's length. The size is the font's (the text lane's ``font_px``, from
    the capitals' height), not the ink's: one 60 px font measured 44 px of ink on a line
    with no descender and 48-50 px on lines with one, and was flagged on the first."""
    caps, why = _captions(ctx)
    if caps is None:
        return Outcome.na(why)
    H = ctx.height
    flags, pairs = [], []
    for it in caps:
        hp = _size_px(it)
        if hp is None or not H:
            continue
        rel = float(hp) / H
        d = _dur(ctx, it)
        pairs.append((REGISTRY["text_too_small"].curve(rel), d))
        if rel < MIN_TEXT_HEIGHT - 1e-9:
            need = MIN_TEXT_HEIGHT * H
            s, e = interval_frames(ctx, it)
            flags.append(ctx.flag("text_too_small", "warning", s, e,
                                  f"{_label(it)} is set at {float(hp):.0f} px ({rel:.1%} of the frame height)",
                                  f"set it at least {need:.0f} px: scale it up by {need / float(hp) - 1:.0%}",
                                  caption=it["_index"], height_px=float(hp), height_share=rel))
    n_bad = len(flags)
    if n_bad >= GROUP_MIN:
        need = MIN_TEXT_HEIGHT * H
        least = min(f["height_px"] for f in flags)
        flags = [group(ctx, "text_too_small", flags,
                       f"{_what(caps, len(flags))} are set at "
                       f"{span_words([f['height_px'] for f in flags], unit=' px')} "
                       f"(at least {need:.0f} px reads on a phone)",
                       f"set the caption style at least {need:.0f} px: scale it up by {need / least - 1:.0%}",
                       height_px=least, captions=len(flags))]
    score = _weighted(pairs)
    detail = (f"{n_bad} caption{'s' if n_bad != 1 else ''} below {MIN_TEXT_HEIGHT:.1%} of the frame height"
              if flags else ("no text on screen" if not caps else "all text large enough"))
    return Outcome(score, detail, flags)


@check("text_low_contrast", title="Low-contrast text", weight=5, lanes=("text",), optional=("subtitle_sync", "speech"),
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
    for it in caps:
        c = it.get("contrast")
        if c is None:
            continue
        c = float(c)
        large = H and _size_px(it) is not None and float(_size_px(it)) / H >= LARGE_TEXT_HEIGHT
        need = CONTRAST_LARGE if large else CONTRAST_NORMAL
        pairs.append((REGISTRY["text_low_contrast"].curve(c / need), _dur(ctx, it)))
        if c < need - 1e-9:
            s, e = interval_frames(ctx, it)
            flags.append(ctx.flag("text_low_contrast", "warning", s, e,
                                  f"{_label(it)} has a contrast of {c:.1f}:1 against its background "
                                  f"({'large' if large else 'normal'} text needs {need:g}:1)",
                                  "put a dark box or a 2-3 px outline behind it, or change its colour, "
                                  f"to reach {need:g}:1", caption=it["_index"], contrast=c, required=need))
    n_bad = len(flags)
    if n_bad >= GROUP_MIN:
        need = max(f["required"] for f in flags)
        flags = [group(ctx, "text_low_contrast", flags,
                       f"{_what(caps, len(flags))} have a contrast of "
                       f"{span_words([f['contrast'] for f in flags], '{:.1f}', ':1')} against their background "
                       f"(they need {need:g}:1)",
                       "give the caption style a dark box or a 2-3 px outline, or change its colour, "
                       f"to reach {need:g}:1", contrast=min(f["contrast"] for f in flags), required=need,
                       captions=len(flags))]
    score = _weighted(pairs)
    detail = (f"{n_bad} caption{'s' if n_bad != 1 else ''} below the WCAG contrast minimum"
              if flags else ("no text on screen" if not caps else "all text has enough contrast"))
    return Outcome(score, detail, flags)


def reading_time(text: str) -> float:
    """Seconds needed to read ``text`` at 17 characters a second, at least 5/6 s."""
    chars = len(" ".join(str(text).split()))
    return max(MIN_ON_SCREEN_S, chars / READING_CPS)


@check("text_too_brief", title="Text too brief to read", weight=5, lanes=("text",), optional=("subtitle_sync", "speech"),
       measure="time on screen / time needed (17 characters/s, at least 5/6 s), averaged over text nobody speaks",
       points=((0.5, 0.0), (0.75, 0.5), (1.0, 1.0)))
def text_too_brief(ctx: Context) -> Outcome:
    """Text nobody speaks (titles, overlays) shown for less time than it takes to read: 17
    characters a second, and never less than 5/6 s on screen. Spoken subtitles are read
    along with the speech: they are judged by their sync (subtitles_out_of_sync), so
    speech-paced and word-by-word captions pass and no caption gets two fixes."""
    from ..transcript import caption_text

    caps, why = _captions(ctx)
    if caps is None:
        return Outcome.na(why)
    spoken = _spoken(ctx)
    unspoken = [it for it in caps if it["_index"] not in spoken]
    flags, pairs, notes = [], [], []
    for it in unspoken:
        d = _dur(ctx, it)
        # text the lane could not read has no known length: only the floor every text needs
        # (its garbled read's characters once made a list line 'need' 1.5 s: bench/eval_checks.py)
        words = caption_text(it)
        need = reading_time(words)
        sub = control_points(d / need, REGISTRY["text_too_brief"].points)
        pairs.append((sub, need))
        if d < need - 0.5 / ctx.fps:
            s, e = interval_frames(ctx, it)
            chars = len(words)
            more = need - d
            cps = chars / d if d > 0 else float("inf")
            pace = (f"{chars} characters need {fmt_s(need)} ({cps:.0f} characters/s, at most {READING_CPS:g})"
                    if words else f"any text needs at least {fmt_s(need)}")
            # within 5 % of its reading time (a caption sub-score that passes): a note, not a warning;
            # 17 characters a second is a comfortable pace, not a cliff (bench/eval_checks.py: a
            # 33-character caption 1 frame short of 1.94 s was the only flag on its reel)
            (notes if sub >= PASS_AT else flags).append(ctx.flag(
                "text_too_brief", "info" if sub >= PASS_AT else "warning", s, e,
                f"{_label(it)} is on screen {fmt_s(d)}; {pace}",
                f"keep it on screen {fmt_s(more)} longer ({round(more * ctx.fps)} frames), or shorten the text",
                caption=it["_index"], duration_s=d, needed_s=need, chars_per_s=cps if words and cps != float("inf") else None))
    n_bad = len(flags)
    if n_bad >= GROUP_MIN:
        more = [f["needed_s"] - f["duration_s"] for f in flags]
        flags = [group(ctx, "text_too_brief", flags,
                       f"{len(flags)} of {len(unspoken)} titles and overlays are on screen too briefly to read "
                       f"({READING_CPS:g} characters a second, at least {MIN_ON_SCREEN_S:.2f} s)",
                       f"keep each on screen {span_words(more, '{:.1f}', ' s')} longer (each instance says how "
                       "much), or shorten the text", captions=len(flags))]
    score = _weighted(pairs)
    skipped = f" ({len(caps) - len(unspoken)} spoken subtitles judged by their sync)" if spoken & \
        {c["_index"] for c in caps} else ""
    detail = (f"{n_bad} caption{'s' if n_bad != 1 else ''} too brief to read" if flags
              else ("no text on screen" if not caps else "all text nobody speaks stays long enough to read"
                    if unspoken else "no text nobody speaks")) + skipped
    return Outcome(score, detail, flags + notes)
