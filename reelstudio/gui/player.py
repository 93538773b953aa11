"""The player: exact frames when paused, real-time playback with sound, NLE keys, overlays.

Paused, every seek decodes the asked frame itself (``FrameReader``) before ``frameChanged``
is emitted, so the picture always is the frame the timecode names. Playing, a decode thread
works a few frames ahead of the clock and a timer shows the frame due; the clock is the
sound heard (``AudioOutput``), or ``time.monotonic`` when there is no sound.
The widget holds no analysis logic: it draws the boxes of lane JSON it is given.
"""

from __future__ import annotations

import bisect
import threading
import time

import numpy as np
from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..errors import ReelStudioError
from .audio_out import AudioOutput
from .video_view import OVERLAY_KINDS, VideoView

_KEEP = object()  # set_overlays: an argument not given leaves that overlay as it is
_LOOKAHEAD = 3  # frames decoded in front of the clock while playing
_SHUTTLE_SPEEDS = (1, 2, 4)


class _Clock:
    """Source time while playing: the sound heard, else a monotonic clock at ``speed``."""

    # A sound server may take a while before the first samples count as played (PulseAudio:
    # about 1 s); once sound runs, a position stuck this long means the device is gone.
    STARTUP_S = 2.0
    STALL_S = 0.5

    def __init__(self, origin_s: float, speed: float, audio: AudioOutput | None):
        self.origin_s, self.speed, self.audio = origin_s, speed, audio
        self.t0 = time.monotonic()
        self._last = (origin_s, self.t0)
        self._started = False

    def position_s(self) -> float:
        now = time.monotonic()
        if self.audio is not None:
            pos = self.audio.position_s()
            patience = self.STALL_S if self._started else self.STARTUP_S
            if pos is not None and (pos != self._last[0] or now - self._last[1] < patience):
                if pos != self._last[0]:
                    self._last = (pos, now)
                    self._started = True
                return pos
            # the sound stopped (device gone, stream ended): carry on from where it was
            self.audio.stop()
            self.audio = None
            self.origin_s, self.t0 = self._last[0] + (now - self._last[1]), now
        return self.origin_s + self.speed * (now - self.t0)


class _PlaybackDecoder:
    """Decodes frames a little ahead of the clock on a thread of its own."""

    def __init__(self, reader, start: int, direction: int, size):
        self.reader, self.direction, self.size = reader, direction, size
        self.due = start  # written by the GUI timer: the frame the clock names
        self.ready: dict[int, np.ndarray] = {}
        self.lock = threading.Lock()
        self.error: str | None = None
        self.done = False
        self._last = start
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="reelstudio-playback", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        count = self.reader.frame_count
        d = self.direction
        while not self._stop.is_set():
            due = self.due
            target = max(self._last + d, due) if d > 0 else min(self._last + d, due)
            if not 0 <= target < count:
                self.done = True
                return
            if d * (target - due) > _LOOKAHEAD:
                time.sleep(0.003)
                continue
            try:
                image = self.reader.frame(target, self.size)
            except (ReelStudioError, ValueError) as exc:
                self.error = str(exc)
                self.done = True
                return
            with self.lock:
                self.ready[target] = image
            self._last = target


class PlayerWidget(QWidget):
    """See the module doc; the interface is the one agreed in issue 5."""

    frameChanged = Signal(int)  # the frame index now on screen (emitted after it is displayed)
    playingChanged = Signal(bool)
    audioStatusChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, cache_mb: float = 256, audio_sink_factory=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view = VideoView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._cache_mb = cache_mb
        self._reader = None
        self._frame = 0
        self._cuts: list[int] = []
        self._face_frames: list[int] = []
        self._face_boxes: list[list] = []
        self._face_gap = 0
        self._text_intervals: list[dict] = []
        self._speed = 0
        self._clock: _Clock | None = None
        self._playback: _PlaybackDecoder | None = None
        self._shortcuts: list[QShortcut] = []
        self.audio = AudioOutput(self, audio_sink_factory)
        self.audio.statusChanged.connect(self.audioStatusChanged)
        self._tick = QTimer(self)
        self._tick.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick.setInterval(4)
        self._tick.timeout.connect(self._on_tick)
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(60)
        self._resized.timeout.connect(self._refresh)
        self.view.set_message("no video")

    # -- media -----------------------------------------------------------------------
    def open(self, path: str) -> None:
        """Open ``path`` and show its first frame; ReelStudioError for a file that cannot be played."""
        from ..media.seek import FrameReader

        reader = FrameReader(path, cache_mb=self._cache_mb)  # raises before anything changes
        self.close_media()
        self._reader = reader
        info = reader.info
        self.view.set_source_size(info.width, info.height)
        self.audio.open(info)
        self._frame = -1
        self._show(0)

    def close_media(self) -> None:
        self.pause()
        if self._reader is not None:
            self._reader.close()
        self._reader = None
        self._frame = 0
        self._cuts = []
        self.set_overlays(faces_lane=None, text_lane=None)
        self.audio.open(None)
        self.view.set_frame(None)
        self.view.set_message("no video")

    def source_info(self):
        return self._reader.info if self._reader is not None else None

    def frame_count(self) -> int:
        return self._reader.frame_count if self._reader is not None else 0

    def current_frame(self) -> int:
        return max(0, self._frame)

    def timecode(self) -> str:
        if self._reader is None:
            return "00:00:00:00"
        return self._reader.info.timebase.frame_to_timecode(self.current_frame())

    def shown_image(self) -> np.ndarray | None:
        """The RGB picture on screen (at the decoded size: display size or the view's)."""
        return self.view.frame_array()

    def audio_status(self) -> str:
        return self.audio.status

    # -- seeking ---------------------------------------------------------------------
    def seek(self, frame: int) -> None:
        """Show exactly ``frame`` (clamped); playback, if running, goes on from there."""
        if self._reader is None:
            return
        speed = self._speed
        if speed:
            self._stop_playback()
        self._show(frame)
        if speed:
            self._start_playback(speed)

    def step(self, frames: int) -> None:
        """Pause and move ``frames`` frames (negative: back)."""
        self.pause()
        self.seek(self.current_frame() + int(frames))

    def step_seconds(self, seconds: int) -> None:
        """Pause and move whole seconds: the timecode's seconds field changes by ``seconds``."""
        if self._reader is None:
            return
        tb = self._reader.info.timebase
        if tb.is_vfr:
            target = tb.seconds_to_nearest_frame(tb.frame_to_seconds(self.current_frame()) + seconds)
        else:
            target = self.current_frame() + seconds * round(tb.fps)
        self.pause()
        self.seek(target)

    def set_cut_frames(self, frames: list[int]) -> None:
        self._cuts = sorted(int(f) for f in frames)

    def previous_cut(self) -> None:
        i = bisect.bisect_left(self._cuts, self.current_frame()) - 1
        self.pause()
        self.seek(self._cuts[i] if i >= 0 else 0)

    def next_cut(self) -> None:
        i = bisect.bisect_right(self._cuts, self.current_frame())
        if i < len(self._cuts):
            self.pause()
            self.seek(self._cuts[i])

    def go_home(self) -> None:
        self.pause()
        self.seek(0)

    def go_end(self) -> None:
        self.pause()
        self.seek(self.frame_count() - 1)

    # -- playing ---------------------------------------------------------------------
    def is_playing(self) -> bool:
        return self._speed != 0

    def speed(self) -> int:
        return self._speed

    def play(self) -> None:
        self._set_speed(1)

    def pause(self) -> None:
        self._set_speed(0)

    def toggle_play(self) -> None:
        self._set_speed(0 if self._speed else 1)

    def shuttle(self, direction: int) -> None:
        """J/K/L: L plays forward, faster on each press (1x, 2x, 4x); J the same backward; K stops."""
        if direction == 0:
            self._set_speed(0)
            return
        sign = 1 if direction > 0 else -1
        if self._speed * sign <= 0:
            self._set_speed(sign)
        else:
            i = _SHUTTLE_SPEEDS.index(abs(self._speed))
            self._set_speed(sign * _SHUTTLE_SPEEDS[min(i + 1, len(_SHUTTLE_SPEEDS) - 1)])

    def _set_speed(self, speed: int) -> None:
        if self._reader is None or speed == self._speed:
            return
        was_playing = self._speed != 0
        if was_playing:
            self._stop_playback()
        if speed:
            last = self.frame_count() - 1
            if speed > 0 and self.current_frame() >= last:
                self._show(0)  # play at the end starts over
            elif speed < 0 and self.current_frame() <= 0:
                self._show(last)
            self._start_playback(speed)
        if was_playing != (speed != 0):
            self.playingChanged.emit(speed != 0)

    def _start_playback(self, speed: int) -> None:
        info = self._reader.info
        origin = info.timebase.frame_to_seconds(self.current_frame())
        sound = speed == 1 and self.audio.start(origin)
        self._clock = _Clock(origin, speed, self.audio if sound else None)
        self._playback = _PlaybackDecoder(self._reader, self.current_frame(), 1 if speed > 0 else -1,
                                          self._decode_size())
        self._speed = speed
        self._tick.start()

    def _stop_playback(self) -> None:
        self._tick.stop()
        self.audio.stop()
        if self._playback is not None:
            self._playback.stop()
        self._playback = None
        self._clock = None
        self._speed = 0

    def _on_tick(self) -> None:
        pb, clock = self._playback, self._clock
        if pb is None or clock is None:
            return
        tb = self._reader.info.timebase
        last = self.frame_count() - 1
        pos = clock.position_s()
        due = min(max(tb.seconds_to_frame(pos) if pos >= 0 else -1, -1), last + 1)
        pb.due = min(max(due, 0), last)
        forward = pb.direction > 0
        with pb.lock:
            ready = [n for n in pb.ready if (n <= due if forward else n >= due)]
            chosen = (max(ready) if forward else min(ready)) if ready else None
            if chosen is not None:
                image = pb.ready[chosen]
                for n in [n for n in pb.ready if (n <= chosen if forward else n >= chosen)]:
                    del pb.ready[n]
            pending = bool(pb.ready)
        if chosen is not None and chosen != self._frame:
            self._display(chosen, image)
        if pb.error:
            self.view.set_message(pb.error)
        if pb.done and not pending and chosen is None:
            self.pause()  # every frame to the end (or start) was shown

    # -- display ---------------------------------------------------------------------
    def _decode_size(self):
        if self._reader is None or not self.view.isVisible():
            return None  # not on screen: the display size
        w, h = self.view.picture_pixels()
        size = self._reader.display_size(w, h)
        return None if size == (self._reader.info.width, self._reader.info.height) else size

    def _show(self, frame: int) -> None:
        frame = int(min(max(int(frame), 0), self.frame_count() - 1))
        try:
            image = self._reader.frame(frame, self._decode_size())
        except ReelStudioError as exc:
            self.view.set_message(str(exc))  # a damaged frame: say so, keep the app alive
            return
        self._display(frame, image)

    def _display(self, frame: int, image: np.ndarray) -> None:
        self._frame = frame
        self._update_overlays()
        self.view.set_frame(image)
        self.frameChanged.emit(frame)

    def _refresh(self) -> None:
        if self._reader is not None and not self._speed:
            frame, self._frame = self.current_frame(), -1
            self._show(frame)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self._reader is not None:
            self._resized.start()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._reader is not None:
            self._resized.start()

    # -- overlays --------------------------------------------------------------------
    def set_overlays(self, *, ui_zones=_KEEP, faces_lane=_KEEP, text_lane=_KEEP) -> None:
        """Lane JSON dicts (../shared/CONTRACT.md); ui_zones: (x, y, w, h) fractions of the frame.

        An argument left out keeps that overlay; None clears it.
        """
        if ui_zones is not _KEEP:
            self.view.set_ui_zones(ui_zones or [])
        if faces_lane is not _KEEP:
            samples = sorted((faces_lane or {}).get("boxes", []) or [], key=lambda s: s["frame"])
            self._face_frames = [int(s["frame"]) for s in samples]
            self._face_boxes = [s.get("boxes", []) for s in samples]
            gaps = np.diff(self._face_frames) if len(self._face_frames) > 1 else np.array([0])
            self._face_gap = int(np.median(gaps)) if len(gaps) else 0
        if text_lane is not _KEEP:
            self._text_intervals = [iv for iv in (text_lane or {}).get("intervals", []) or [] if iv.get("box")]
        self._update_overlays()

    def set_overlay_visible(self, kind: str, visible: bool) -> None:
        self.view.set_overlay_visible(kind, visible)

    def overlay_visible(self, kind: str) -> bool:
        return self.view.overlay_visible(kind)

    def overlay_kinds(self) -> tuple[str, ...]:
        return OVERLAY_KINDS

    def _update_overlays(self) -> None:
        f = self._frame
        faces = []
        i = bisect.bisect_right(self._face_frames, f) - 1
        if i >= 0 and f - self._face_frames[i] <= max(self._face_gap, 1):
            faces = self._face_boxes[i]
        self.view.set_boxes("faces", faces)
        texts = [iv for iv in self._text_intervals if iv["start_frame"] <= f < iv["end_frame"]]
        self.view.set_boxes("text", [iv["box"] for iv in texts], [iv.get("role", "") for iv in texts])

    # -- keys ------------------------------------------------------------------------
    def install_shortcuts(self, window: QWidget) -> None:
        """Space J K L Left Right Shift+Left/Right Up Down Home End, active anywhere in ``window``."""
        for sc in self._shortcuts:
            sc.setEnabled(False)
            sc.deleteLater()
        keys = {
            "Space": self.toggle_play,
            "J": lambda: self.shuttle(-1),
            "K": lambda: self.shuttle(0),
            "L": lambda: self.shuttle(1),
            "Left": lambda: self.step(-1),
            "Right": lambda: self.step(1),
            "Shift+Left": lambda: self.step_seconds(-1),
            "Shift+Right": lambda: self.step_seconds(1),
            "Up": self.previous_cut,
            "Down": self.next_cut,
            "Home": self.go_home,
            "End": self.go_end,
        }
        self._shortcuts = []
        for key, slot in keys.items():
            sc = QShortcut(QKeySequence(key), window)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.setAutoRepeat(True)
            sc.activated.connect(slot)
            self._shortcuts.append(sc)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.close_media()
        super().closeEvent(event)
