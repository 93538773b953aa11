"""Audio decoded once: native-rate planar float chunks for loudness, plus 16 kHz mono."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np

from ..errors import CorruptMedia
from .demux import decoded_frames
from .probe import DecodeNotes, SourceInfo, _ff_reason, open_container

SPEECH_RATE = 16000


@dataclass(frozen=True)
class AudioChunk:
    samples: np.ndarray  # (channels, n) float32 at the native rate
    mono16k: np.ndarray  # (m,) float32 at 16 kHz
    rate: int
    channels: tuple[str, ...]  # FFmpeg channel names, e.g. ('FL', 'FR')
    start_sample: int  # index of samples[:, 0] from the first audio sample


def iter_audio(info: SourceInfo, notes: DecodeNotes | None = None) -> Iterator[AudioChunk]:
    """Decode the first audio stream once and resample it two ways in the same pass.

    ``notes``: a packet the decoder rejects is replaced by silence as long as the packet (so
    the sound after it stays in sync with the picture) and counted there; without, it raises.
    """
    import av

    if not info.has_audio:
        return
    container = open_container(info.path)
    try:
        stream = container.streams.audio[0]
        stream.thread_type = "AUTO"
        layout = stream.codec_context.layout
        rate = stream.codec_context.sample_rate
        native = av.AudioResampler(format="fltp", layout=layout, rate=rate)
        speech = av.AudioResampler(format="flt", layout="mono", rate=SPEECH_RATE)
        names = tuple(ch.name for ch in layout.channels)
        position = 0

        def chunks(frames_native, frames_speech):
            nonlocal position
            planes = [f.to_ndarray() for f in frames_native]
            mono = [f.to_ndarray().reshape(-1) for f in frames_speech]
            samples = np.concatenate(planes, axis=1) if planes else np.zeros((len(names), 0), np.float32)
            mono16 = np.concatenate(mono) if mono else np.zeros(0, np.float32)
            chunk = AudioChunk(samples.astype(np.float32, copy=False), mono16.astype(np.float32, copy=False),
                               rate, names, position)
            position += samples.shape[1]
            return chunk

        last = None  # the last decoded frame: the shape of the silence put in for a damaged packet
        frames = decoded_frames(container, stream, notes, info.start_s,
                                stand_in=lambda packet: _silence(packet, last, rate))
        try:
            for frame in frames:
                last = frame
                frame.pts = None  # resample by sample count; gaps in PTS are not our business here
                yield chunks(native.resample(frame), speech.resample(frame))
        except av.error.FFmpegError as exc:
            raise CorruptMedia(f"{info.path}: the audio stream is damaged ({_ff_reason(exc)})") from None
        tail = chunks(native.resample(None), speech.resample(None))
        if tail.samples.shape[1] or tail.mono16k.size:
            yield tail
    finally:
        container.close()


def _silence(packet, last, rate: int) -> list:
    """A silent frame as long as ``packet`` (else as the last frame), in the last frame's
    format and layout; none before any frame was decoded."""
    import av

    if last is None:
        return []
    n = int(round(float(packet.duration * packet.time_base) * rate)) if packet.duration and packet.time_base else 0
    n = n or last.samples
    if n <= 0:
        return []
    frame = av.AudioFrame(format=last.format.name, layout=last.layout.name, samples=n)
    fill = b"\x80" if last.format.name.startswith("u8") else b"\x00"  # unsigned 8-bit silence is 128
    for plane in frame.planes:
        plane.update(fill * plane.buffer_size)
    frame.sample_rate = rate
    return [frame]
