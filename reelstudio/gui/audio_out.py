"""Sound for the player: PCM decoded with PyAV, pushed into a QAudioSink.

While sound plays, it is the master clock: the player shows the frame of what is heard.
Without an output device (a server, CI, a muted sandbox) or without QtMultimedia, playback
is silent and clocked by ``time.monotonic``; nothing fails.
"""

from __future__ import annotations

import collections
import threading
import time
from typing import Callable, Iterator

from PySide6.QtCore import QObject, QTimer, Signal

from ..media.probe import SourceInfo, open_container

RATE = 48000
CHANNELS = 2
BYTES_PER_FRAME = 2 * CHANNELS  # s16 interleaved
_AHEAD_S = 0.5  # decoded PCM kept ready in front of the device


def decode_pcm(info: SourceInfo, start_s: float, *, rate: int = RATE, channels: int = CHANNELS,
               stop: threading.Event | None = None) -> Iterator[bytes]:
    """Interleaved s16 PCM of the first audio stream from source time ``start_s`` on.

    Source time 0 is the first video frame (as everywhere in ReelStudio); audio that starts
    later than the video is preceded by silence, so sample k always plays at start_s + k/rate.
    """
    import av
    import numpy as np

    container = open_container(info.path)
    try:
        stream = container.streams.audio[0]
        stream.thread_type = "AUTO"
        want = start_s + info.start_s  # container time of the first sample we want
        if start_s > 0.05:
            container.seek(int(max(0.0, want - 0.2) / stream.time_base), stream=stream, backward=True)
        resampler = av.AudioResampler(format="s16", layout="stereo" if channels == 2 else "mono", rate=rate)
        position = None  # container time of the next sample out of the resampler
        for frame in container.decode(stream):
            if stop is not None and stop.is_set():
                return
            t = float(frame.pts * frame.time_base) if frame.pts is not None else position
            frame.pts = None  # resample by sample count
            for out in resampler.resample(frame):
                pcm = out.to_ndarray().reshape(-1, channels)
                if position is None:
                    position = t if t is not None else info.start_s
                    if position > want:  # audio starts after the asked time: pad with silence
                        pad = int(round((position - want) * rate))
                        yield bytes(pad * 2 * channels)
                        want = position
                end = position + len(pcm) / rate
                if end > want:
                    skip = max(0, int(round((want - position) * rate)))
                    yield np.ascontiguousarray(pcm[skip:]).tobytes()
                    want = end
                position = end
        for out in resampler.resample(None):
            yield np.ascontiguousarray(out.to_ndarray().reshape(-1, channels)).tobytes()
    except av.error.FFmpegError:
        return  # damaged audio: silence from here on (the analysis reports it)
    finally:
        container.close()


def output_devices() -> list[tuple[str, str]]:
    """(id, description) of every sound output the system offers; [] without QtMultimedia or a
    sound server (a laptop with its sound server down, CI)."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return []
    return [(bytes(d.id().data()).decode("utf-8", "replace"), d.description()) for d in QMediaDevices.audioOutputs()]


def _output_device(device_id: str = ""):
    """The QAudioDevice asked for by id ('' or gone: the system default; may be null)."""
    from PySide6.QtMultimedia import QMediaDevices

    if device_id:
        for d in QMediaDevices.audioOutputs():
            if bytes(d.id().data()).decode("utf-8", "replace") == device_id:
                return d
    return QMediaDevices.defaultAudioOutput()


def device_status(device_id: str = "") -> str:
    """What playing would sound like, before playing: "sound: ready (Speakers)" or "silent: ..."."""
    try:
        device = _output_device(device_id)
    except ImportError:
        return "silent: QtMultimedia is not installed"
    if device.isNull():
        return NO_DEVICE
    return f"sound: ready ({device.description()})"


NO_DEVICE = "silent: no audio output device"


class _QtSink:
    """A QAudioSink on the chosen output (default: the system's), or None with the reason."""

    @staticmethod
    def create(parent: QObject, device_id: str = "") -> tuple[object | None, str]:
        try:
            from PySide6.QtMultimedia import QAudioFormat, QAudioSink
        except ImportError:
            return None, "silent: QtMultimedia is not installed"
        device = _output_device(device_id)
        if device.isNull():
            return None, NO_DEVICE
        fmt = QAudioFormat()
        fmt.setSampleRate(RATE)
        fmt.setChannelCount(CHANNELS)
        fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        if not device.isFormatSupported(fmt):
            return None, f"silent: {device.description()} cannot play 48 kHz stereo"
        sink = QAudioSink(device, fmt, parent)
        sink.setBufferSize(int(RATE * BYTES_PER_FRAME * 0.2))
        return sink, f"sound: {device.description()}"


class AudioOutput(QObject):
    """Plays a source's sound from a given time and tells the time of what is heard.

    ``sink_factory(parent) -> (sink | None, status)`` makes the device sink; the default is a
    QAudioSink on the system's default output. A sink needs ``start() -> QIODevice | None``,
    ``stop()``, ``bytesFree()``, ``processedUSecs()`` and ``error()``.
    """

    statusChanged = Signal(str)

    def __init__(self, parent: QObject | None = None,
                 sink_factory: Callable[[QObject], tuple[object | None, str]] | None = None):
        super().__init__(parent)
        self._custom_factory = sink_factory is not None
        self._factory = sink_factory or (lambda parent: _QtSink.create(parent, self.device_id))
        self.device_id = ""  # the chosen output (Settings > Sound output); '' the system default
        self._info: SourceInfo | None = None
        self._sink = None
        self._device = None
        self._origin_s = 0.0
        self._pcm: collections.deque[bytes] = collections.deque()
        self._pcm_bytes = 0
        self._pcm_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._feed = QTimer(self)
        self._feed.setInterval(10)
        self._feed.timeout.connect(self._push)
        self.status = "silent: no media"

    def open(self, info: SourceInfo | None) -> None:
        self.stop()
        self._info = info
        if info is not None and not info.has_audio:
            self._set_status("silent: the video has no sound")
        elif info is None:
            self._set_status("silent: no media")
        else:  # said now, not first when Space is pressed: with no device the user knows before playing
            self._set_status("sound: ready" if self._custom_factory else device_status(self.device_id))

    def set_device(self, device_id: str) -> None:
        """Play on this output from the next start ('' the system default)."""
        if device_id == self.device_id:
            return
        self.stop()
        self.device_id = device_id
        if self._sink is not None and hasattr(self._sink, "deleteLater"):
            self._sink.deleteLater()
        self._sink = None
        self.open(self._info)

    def start(self, at_s: float) -> bool:
        """Play from source time ``at_s``; False (and a status saying why) when silent."""
        self.stop()
        info = self._info
        if info is None or not info.has_audio:
            return False
        if self._sink is None:
            try:
                self._sink, status = self._factory(self)
            except Exception as exc:  # noqa: BLE001 - any backend failure means silent playback
                self._sink, status = None, f"silent: audio output failed ({exc})"
            self._set_status(status)
            if self._sink is None:
                return False
        self._origin_s = at_s
        self._stop = threading.Event()
        with self._pcm_lock:
            self._pcm.clear()
            self._pcm_bytes = 0
        self._thread = threading.Thread(target=self._decode, args=(info, at_s, self._stop),
                                        name="reelstudio-audio-decode", daemon=True)
        self._thread.start()
        self._device = self._sink.start()
        if self._device is None:
            self._set_status(f"silent: the audio device did not start ({self._sink.error()})")
            self._stop.set()
            self._sink = None
            return False
        self._push()
        self._feed.start()
        return True

    def stop(self) -> None:
        self._feed.stop()
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None
        if self._sink is not None and self._device is not None:
            self._sink.stop()
        self._device = None

    def is_running(self) -> bool:
        return self._device is not None

    def position_s(self) -> float | None:
        """Source time of the sound heard now; None when no sound is playing."""
        if self._device is None or self._sink is None:
            return None
        return self._origin_s + self._sink.processedUSecs() / 1e6

    # -- internals -------------------------------------------------------------------
    def _set_status(self, status: str) -> None:
        if status != self.status:
            self.status = status
            self.statusChanged.emit(status)

    def _decode(self, info: SourceInfo, at_s: float, stop: threading.Event) -> None:
        limit = int(_AHEAD_S * RATE * BYTES_PER_FRAME)
        try:
            for chunk in decode_pcm(info, at_s, stop=stop):
                while not stop.is_set():
                    with self._pcm_lock:
                        if self._pcm_bytes < limit:
                            self._pcm.append(chunk)
                            self._pcm_bytes += len(chunk)
                            break
                    time.sleep(0.01)
                if stop.is_set():
                    return
        except Exception:  # noqa: BLE001 - unreadable audio: the rest plays silent
            return

    def _push(self) -> None:
        if self._device is None or self._sink is None:
            return
        free = self._sink.bytesFree()
        free -= free % BYTES_PER_FRAME
        out = bytearray()
        with self._pcm_lock:
            while free > len(out) and self._pcm:
                chunk = self._pcm.popleft()
                take = free - len(out)
                if len(chunk) > take:
                    self._pcm.appendleft(chunk[take:])
                    chunk = chunk[:take]
                out += chunk
            self._pcm_bytes -= len(out)
        if out:
            self._device.write(bytes(out))
