"""The video stream's packet list in presentation order: every frame's PTS and the keyframe
a seek to it must start from (read once by the player's FrameReader, see seek.py)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..errors import CorruptMedia
from .probe import _ff_reason


@dataclass(frozen=True)
class FrameIndex:
    """The packet list of the video stream in presentation order."""

    pts: tuple[int, ...]  # PTS of frame n (stream time base)
    keyframes: tuple[int, ...]  # frame indices that are keyframes, ascending
    seek_ts: dict[int, int]  # keyframe index -> timestamp to seek to (its PTS: FFmpeg lands on it)

    def keyframe_at_or_before(self, index: int) -> int:
        i = bisect.bisect_right(self.keyframes, index) - 1
        return self.keyframes[i] if i >= 0 else 0

    def next_keyframe_after(self, index: int) -> int | None:
        i = bisect.bisect_right(self.keyframes, index)
        return self.keyframes[i] if i < len(self.keyframes) else None


def build_index(container, stream) -> FrameIndex:
    """Demux (no decoding) the video stream: frame PTS and keyframe positions."""
    import av

    packets: list[tuple[int, bool, int | None]] = []
    try:
        for packet in container.demux(stream):
            if packet.size == 0 and packet.pts is None:
                continue  # the flush packet
            if packet.is_discard:
                continue  # outside the edit list: never shown (as probe() counts frames)
            pts = packet.pts if packet.pts is not None else (packet.dts if packet.dts is not None else len(packets))
            packets.append((pts, bool(packet.is_keyframe), packet.dts))
    except av.error.FFmpegError as exc:
        raise CorruptMedia(f"{container.name}: the video stream is damaged ({_ff_reason(exc)})") from None
    order = sorted(range(len(packets)), key=lambda i: packets[i][0])
    pts = tuple(packets[i][0] for i in order)
    keyframes = []
    seek_ts = {}
    for n, i in enumerate(order):
        _, key, dts = packets[i]
        if key:
            keyframes.append(n)
            seek_ts[n] = pts[n]
    if not keyframes or keyframes[0] != 0:
        keyframes.insert(0, 0)  # a seek to the start always works
        seek_ts.setdefault(0, pts[0] if pts else 0)
    return FrameIndex(pts, tuple(keyframes), seek_ts)
