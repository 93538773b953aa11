"""Exact time on a video's own frame grid: frame index <-> seconds <-> timecode.

Standard library only. Constant-rate sources convert with an exact Fraction fps; a
variable-rate source carries the presentation time of every frame (``frame_times``) and
converts by lookup, never by fps x time.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence


def parse_fps(value: str | int | float | Fraction) -> Fraction:
    """'30000/1001', '30', 29.97, Fraction -> exact Fraction (29.97 -> 30000/1001)."""
    if isinstance(value, Fraction):
        fps = value
    elif isinstance(value, str):
        fps = Fraction(value)
    elif isinstance(value, int):
        fps = Fraction(value)
    else:
        # a float rate is almost always a whole or an NTSC (x/1001) rate printed short
        fps = Fraction(value).limit_denominator(1_000_000)
        for den in (1, 1001):
            num = round(value * den)
            if num > 0 and abs(num / den - value) < 5e-3:
                fps = Fraction(num, den)
                break
    if fps <= 0:
        raise ValueError(f"frame rate must be positive, got {value!r}")
    return fps


def is_drop_frame_rate(fps: Fraction) -> bool:
    """NTSC rates (29.97, 59.94) are shown with drop-frame timecode."""
    return fps.denominator == 1001 and fps.numerator in (30000, 60000)


@dataclass(frozen=True)
class Timebase:
    """The frame grid of one source.

    ``fps`` is the nominal rate (used for timecode and for CFR conversion).
    ``frame_times`` holds each frame's presentation time in seconds, from 0, for a
    variable-rate source; it is empty for a constant-rate source.
    """

    fps: Fraction
    frame_count: int
    frame_times: tuple[float, ...] = ()

    @property
    def is_vfr(self) -> bool:
        return bool(self.frame_times)

    # -- frame <-> seconds ---------------------------------------------------------
    def frame_to_seconds(self, frame: int) -> float:
        """Presentation time of ``frame``; ``frame_count`` maps to the end of the clip."""
        if self.frame_times:
            if frame < 0:
                return 0.0
            if frame < len(self.frame_times):
                return self.frame_times[frame]
            if len(self.frame_times) >= 2:
                last_step = self.frame_times[-1] - self.frame_times[-2]
            else:
                last_step = float(1 / self.fps)
            return self.frame_times[-1] + last_step * (frame - len(self.frame_times) + 1)
        return float(Fraction(frame) / self.fps)

    def frame_to_fraction(self, frame: int) -> Fraction:
        """Exact time for CFR sources (VFR: the stored time as a Fraction)."""
        if self.frame_times:
            return Fraction(self.frame_to_seconds(frame)).limit_denominator(1_000_000)
        return Fraction(frame) / self.fps

    def seconds_to_frame(self, seconds: float) -> int:
        """The frame on screen at ``seconds`` (the last frame whose time is <= seconds)."""
        if self.frame_times:
            # a tiny epsilon keeps a time printed from a frame's own PTS on that frame
            i = bisect.bisect_right(self.frame_times, seconds + 1e-9) - 1
            return max(0, i)
        frame = int(Fraction(seconds).limit_denominator(10_000_000) * self.fps + Fraction(1, 10**9))
        return max(0, frame)

    def seconds_to_nearest_frame(self, seconds: float) -> int:
        """The frame whose start is nearest to ``seconds`` (for interval edges)."""
        if self.frame_times:
            i = bisect.bisect_left(self.frame_times, seconds)
            if i <= 0:
                return 0
            if i >= len(self.frame_times):
                return len(self.frame_times) if seconds > self.frame_times[-1] else i
            before, after = self.frame_times[i - 1], self.frame_times[i]
            return i - 1 if seconds - before <= after - seconds else i
        return max(0, round(Fraction(seconds).limit_denominator(10_000_000) * self.fps))

    # -- timecode --------------------------------------------------------------------
    def frame_to_timecode(self, frame: int) -> str:
        return frame_to_timecode(frame, self.fps)

    def timecode_to_frame(self, timecode: str) -> int:
        return timecode_to_frame(timecode, self.fps)


def _timecode_base(fps: Fraction) -> int:
    return round(fps)


def frame_to_timecode(frame: int, fps: Fraction) -> str:
    """HH:MM:SS:FF; drop-frame (HH:MM:SS;FF) at 29.97 and 59.94 as SMPTE 12M."""
    if frame < 0:
        raise ValueError("frame must be >= 0")
    base = _timecode_base(fps)
    if is_drop_frame_rate(fps):
        drop = 2 * (base // 30)  # frames dropped each minute except every tenth
        per_10min = base * 600 - drop * 9
        per_min = base * 60 - drop
        tens, rem = divmod(frame, per_10min)
        if rem > drop:
            frame += drop * 9 * tens + drop * ((rem - drop) // per_min)
        else:
            frame += drop * 9 * tens
        sep = ";"
    else:
        sep = ":"
    ff = frame % base
    total_s = frame // base
    ss = total_s % 60
    mm = (total_s // 60) % 60
    hh = total_s // 3600
    return f"{hh:02d}:{mm:02d}:{ss:02d}{sep}{ff:02d}"


def timecode_to_frame(timecode: str, fps: Fraction) -> int:
    """Inverse of :func:`frame_to_timecode`; accepts ':' or ';' before the frames field."""
    parts = timecode.replace(";", ":").split(":")
    if len(parts) != 4:
        raise ValueError(f"timecode must be HH:MM:SS:FF, got {timecode!r}")
    hh, mm, ss, ff = (int(p) for p in parts)
    base = _timecode_base(fps)
    if ff >= base or ss >= 60 or mm >= 60:
        raise ValueError(f"timecode out of range: {timecode!r}")
    frame = ((hh * 60 + mm) * 60 + ss) * base + ff
    if is_drop_frame_rate(fps):
        drop = 2 * (base // 30)
        total_minutes = hh * 60 + mm
        if mm % 10 != 0 and ss == 0 and ff < drop:
            raise ValueError(f"{timecode!r} does not exist in drop-frame timecode")
        frame -= drop * (total_minutes - total_minutes // 10)
    return frame


def frame_times_are_constant(times: Sequence[float], fps: Fraction, tolerance: float = 0.25) -> bool:
    """True when every frame sits on the nominal grid within ``tolerance`` of a frame."""
    step = float(1 / fps)
    return all(abs(t - i * step) <= tolerance * step for i, t in enumerate(times))
