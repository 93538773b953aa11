"""The decoder's frames of one stream, with damaged packets dropped or stood in for."""

from __future__ import annotations

from typing import Callable, Iterator

from .probe import DecodeNotes


def seconds_at(obj, start_s: float) -> float | None:
    """A packet's or frame's presentation time from the file's first frame, if it has one."""
    return float(obj.pts * obj.time_base) - start_s if obj.pts is not None and obj.time_base else None


def decoded_frames(container, stream, notes: DecodeNotes | None = None, start_s: float = 0.0, *,
                   stand_in: Callable | None = None, count_concealed: bool = False) -> Iterator:
    """Every frame the decoder makes of ``stream``, in order.

    With ``notes``, a packet the decoder rejects is counted there and dropped (as FFmpeg's
    own command line goes on), or replaced by the frames ``stand_in(packet)`` returns
    (audio: silence as long as the packet, so the sound after it stays in sync);
    ``count_concealed`` also counts the frames the decoder marks corrupt (damage concealed).
    Without ``notes``, the first rejected packet raises av.error.FFmpegError.
    """
    import av

    for packet in container.demux(stream):
        try:
            frames = packet.decode()
        except av.error.FFmpegError:
            if notes is None or packet.size == 0:
                raise
            frames = stand_in(packet) if stand_in is not None else []
            silence_s = sum(f.samples / f.sample_rate for f in frames) if stand_in is not None else 0.0
            notes.mark(seconds_at(packet, start_s), dropped=True, silence_s=silence_s)
        for frame in frames:
            if count_concealed and notes is not None and frame.is_corrupt:
                notes.mark(seconds_at(frame, start_s), dropped=False)
            yield frame
