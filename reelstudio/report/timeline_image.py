"""The lanes as one picture: a row per lane on a shared time axis, flags on top.

Used by the PDF report; :func:`render_timeline` returns a Pillow image a GUI can show too.
"""

from __future__ import annotations

import io
from typing import Any

from .. import lanes as schema
from ..severity import SEVERITY_RGB
from ._common import flags_of, timebase_of
from .fonts import font_path

BG = (255, 255, 255)
GRID = (226, 229, 234)
LABEL = (40, 44, 52)
MUTED = (140, 146, 156)
LANE_RGB = {
    "cuts": (30, 30, 30), "faces": (0, 150, 136), "text": (121, 85, 200), "speech": (33, 150, 243),
    "loudness": (63, 81, 181), "silence": (158, 158, 158), "black": (20, 20, 20), "frozen": (0, 172, 193),
    "motion": (255, 112, 67), "flashes": (229, 57, 53),
}
LANE_TITLES = {"flags": "Flags", **{name: spec.title for name, spec in schema.LANES.items()}}
ROWS = ("flags", "cuts", "faces", "text", "speech", "loudness", "silence", "black", "frozen", "motion", "flashes")
GENERIC_RGB = (90, 90, 90)  # a lane no painter here knows: drawn generically, in grey


def rows_of(analysis: dict[str, Any]) -> tuple[str, ...]:
    """The rows to draw: the known lanes', then one for each lane of the analysis no painter
    here knows (a lane a new analyzer adds), so none is dropped."""
    lanes = analysis.get("lanes") or {}
    return ROWS + tuple(n for n in lanes if n not in ROWS and n not in schema.SHOWN_WITH)


class _Axis:
    def __init__(self, analysis: dict[str, Any], x0: int, x1: int):
        self.tb = timebase_of(analysis)
        src = analysis.get("source") or {}
        self.duration = float(src.get("duration_s") or self.tb.frame_to_seconds(self.tb.frame_count) or 1.0)
        self.x0, self.x1 = x0, x1

    def xs(self, seconds: float) -> float:
        return self.x0 + (self.x1 - self.x0) * min(max(seconds / self.duration, 0.0), 1.0)

    def xf(self, frame: int) -> float:
        return self.xs(self.tb.frame_to_seconds(int(frame)))


def _interval_seconds(iv: dict[str, Any], ax: _Axis) -> tuple[float, float]:
    return schema.interval_seconds(ax.tb, iv)


def _spans(draw, ax, intervals, y0, y1, color, min_w=2):
    for iv in intervals or []:
        a, b = _interval_seconds(iv, ax)
        xa, xb = ax.xs(a), ax.xs(b)
        draw.rectangle([xa, y0, max(xa + min_w, xb), y1], fill=color)


def _curve(draw, ax, values, t_of, y0, y1, lo, hi, color):
    pts = []
    for k, v in enumerate(values or []):
        if v is None:
            if len(pts) > 1:
                draw.line(pts, fill=color, width=2)
            pts = []
            continue
        frac = (min(max(float(v), lo), hi) - lo) / (hi - lo)
        pts.append((ax.xs(t_of(k)), y1 - frac * (y1 - y0)))
    if len(pts) > 1:
        draw.line(pts, fill=color, width=2)


def _draw_lane(draw, name, lane, ax, y0, y1, font_small, flags):
    color = LANE_RGB.get(name, GENERIC_RGB)
    mid = (y0 + y1) / 2
    if name == "flags":
        # overlapping flags stack in sub-rows (first free row), so none hides another
        ends: list[int] = []
        placed = []
        for f in flags:
            row = next((r for r, e in enumerate(ends) if e <= f["start_frame"]), len(ends))
            if row == len(ends):
                ends.append(0)
            ends[row] = f["end_frame"]
            placed.append((row, f))
        sub = (y1 - y0) / max(3, len(ends))
        for n, (row, f) in enumerate(placed, start=1):
            ra, rb = y0 + row * sub, y0 + (row + 1) * sub
            xa, xb = ax.xf(f["start_frame"]), ax.xf(f["end_frame"])
            colour = MUTED if f.get("accepted") else SEVERITY_RGB.get(f["severity"], MUTED)  # accepted: grey
            draw.rectangle([xa, ra + 1, max(xa + 3, xb), rb - 1], fill=colour)
            # the flag's number in the report's list of flagged moments
            label = str(n)
            if draw.textlength(label, font=font_small) + 4 < xb - xa:
                draw.text((xa + 3, (ra + rb) / 2), label, fill=(255, 255, 255), font=font_small, anchor="lm")
            elif xa > ax.x0 + draw.textlength(label, font=font_small) + 3:
                draw.text((xa - 2, (ra + rb) / 2), label, fill=LABEL, font=font_small, anchor="rm")
        return
    if name == "cuts":
        for ev in lane.get("events") or []:
            if ev.get("kind") == "gradual" and ev.get("start_frame") is not None:
                draw.rectangle([ax.xf(ev["start_frame"]), y0 + 4, ax.xf(ev["end_frame"]), y1 - 4], fill=(180, 180, 180))
            x = ax.xf(ev["frame"])
            draw.line([(x, y0 + 2), (x, y1 - 2)], fill=color, width=3)
        return
    if name == "loudness":
        times = schema.curve_times(lane)
        _curve(draw, ax, lane["short_term"]["values"], times.__getitem__, y0 + 2, y1 - 2, -40.0, -5.0, color)
        return
    if name == "motion":
        values = lane.get("per_frame") or []
        import numpy as np

        finite = np.asarray([v for v in values if v is not None], dtype=float)
        # scaled to the busy parts, not to a single cut's spike (which is clipped)
        top = float(np.percentile(finite, 95)) * 2 if finite.size else 0.0
        _curve(draw, ax, values, lambda k: ax.tb.frame_to_seconds(k), y0 + 2, y1 - 2, 0.0, max(top, 0.02), color)
        return
    if name == "faces" and lane.get("largest"):
        _spans(draw, ax, lane.get("intervals"), mid, y1 - 3, (178, 223, 219))
        _curve(draw, ax, lane.get("largest"), lambda k: ax.tb.frame_to_seconds(k), y0 + 2, y1 - 2, 0.0, 0.5, color)
        return
    if name == "text":
        for iv in lane.get("intervals") or []:
            c = color if iv.get("role") == "subtitle" else (186, 165, 230)
            _spans(draw, ax, [iv], y0 + 6, y1 - 6, c)
        return
    if name == "flashes":
        _spans(draw, ax, lane.get("intervals"), y0 + 6, y1 - 6, color)
        for f in lane.get("transition_frames") or []:
            x = ax.xf(f)
            draw.line([(x, mid - 6), (x, mid + 6)], fill=color, width=1)
        return
    if name not in LANE_RGB:  # a lane no painter knows: its events as ticks too
        for ev in lane.get("events") or []:
            if "frame" in ev:
                x = ax.xf(ev["frame"])
                draw.line([(x, y0 + 2), (x, y1 - 2)], fill=color, width=3)
    _spans(draw, ax, lane.get("intervals"), y0 + 6, y1 - 6, color)


def _nice_step(duration: float, max_ticks: int = 10) -> float:
    for step in (0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600):
        if duration / step <= max_ticks:
            return float(step)
    return 7200.0


def _clock(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def render_timeline(analysis: dict[str, Any], width: int = 2000, row_height: int = 44, label_width: int = 250,
                    rows: tuple[str, ...] | None = None, scale: float = 1.0):
    """A Pillow RGB image: one row per lane (unavailable lanes greyed with their reason);
    ``rows`` None: :func:`rows_of` the analysis."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(font_path("regular"), int(20 * scale))
    font_small = ImageFont.truetype(font_path("regular"), int(15 * scale))
    bold = ImageFont.truetype(font_path("bold"), int(20 * scale))
    lanes = analysis.get("lanes") or {}
    rows = rows_of(analysis) if rows is None else rows
    flags = flags_of(analysis)
    axis_h = int(34 * scale)
    top = int(6 * scale)
    height = top + row_height * len(rows) + axis_h
    img = Image.new("RGB", (width, height), BG)
    draw = ImageDraw.Draw(img)
    pad = int(12 * scale)
    ax = _Axis(analysis, label_width, width - pad)

    # time grid
    step = _nice_step(ax.duration)
    t = 0.0
    y_axis = top + row_height * len(rows)
    while t <= ax.duration + 1e-9:
        x = ax.xs(t)
        draw.line([(x, top), (x, y_axis)], fill=GRID, width=1)
        draw.text((x, y_axis + 4 * scale), _clock(t), fill=MUTED, font=font_small, anchor="mt")
        t += step

    for i, name in enumerate(rows):
        y0, y1 = top + i * row_height, top + (i + 1) * row_height
        if i % 2 == 0:
            draw.rectangle([0, y0, width, y1], fill=(247, 248, 250))
        draw.text((pad, (y0 + y1) / 2), LANE_TITLES.get(name) or schema.lane_title(name, lanes.get(name)), fill=LABEL,
                  font=bold if name == "flags" else font, anchor="lm")
        lane = {} if name == "flags" else (lanes.get(name) or {"status": "unavailable", "reason": "not analysed"})
        if lane.get("status", "ok") != "ok":
            draw.rectangle([ax.x0, y0 + 6, ax.x1, y1 - 6], fill=(238, 238, 238))
            reason = f"n/a: {lane.get('reason') or 'unavailable'}"
            while reason and draw.textlength(reason, font=font_small) > ax.x1 - ax.x0 - 2 * pad:
                reason = reason[:-2]
            draw.text((ax.x0 + pad, (y0 + y1) / 2), reason, fill=MUTED, font=font_small, anchor="lm")
            continue
        _draw_lane(draw, name, lane, ax, y0, y1, font_small, flags)
    draw.line([(ax.x0, y_axis), (ax.x1, y_axis)], fill=MUTED, width=1)
    return img


def timeline_png(analysis: dict[str, Any], **kwargs: Any) -> bytes:
    buf = io.BytesIO()
    render_timeline(analysis, **kwargs).save(buf, format="PNG", optimize=True)
    return buf.getvalue()
