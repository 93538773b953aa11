"""The player shows exactly the frame its timecode names, however it got there."""

import os
import random
import time
from fractions import Fraction

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from media import read_number, write_numbered_clip  # noqa: E402
from reelstudio.errors import NotAVideo  # noqa: E402

import pytestqt  # noqa: E402,F401 - scripts/setup.sh --test installs it: missing, the GUI tests fail, never skip
from PySide6.QtCore import QObject, Qt  # noqa: E402
from PySide6.QtWidgets import QVBoxLayout, QWidget  # noqa: E402

from reelstudio.gui.audio_out import RATE, decode_pcm  # noqa: E402
from reelstudio.gui.player import PlayerWidget  # noqa: E402
from reelstudio.media.probe import probe  # noqa: E402

VFR_GAPS = [17] * 30 + [66] * 20 + [33, 17, 50, 100] * 3
CLIPS = {
    "cfr30": dict(frames=75),
    "ntsc2997_bframes": dict(frames=95, fps=Fraction(30000, 1001)),
    "vfr": dict(frames=len(VFR_GAPS) + 1, pts_ms=np.concatenate([[0], np.cumsum(VFR_GAPS)]).astype(int).tolist()),
    "rotated90": dict(frames=45, rotation=90),
}


@pytest.fixture(scope="session")
def player_clips(media_dir):
    return {name: write_numbered_clip(media_dir / f"player_{name}.mp4", **kw) for name, kw in CLIPS.items()}


@pytest.fixture(scope="session")
def clip_with_sound(media_dir):
    return write_numbered_clip(media_dir / "player_sound.mp4", frames=90, audio=True)


@pytest.fixture
def window(qtbot):
    """A top-level window holding the player, shown, with the player's keys installed."""
    win = QWidget()
    win.resize(420, 700)
    player = PlayerWidget(win, cache_mb=64)
    QVBoxLayout(win).addWidget(player)
    player.install_shortcuts(win)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=2000)
    yield win, player
    player.close_media()


def assert_shows(player, frame):
    """The frame on screen carries the number ``frame`` and the timecode names it."""
    assert player.current_frame() == frame
    assert read_number(player.shown_image()) == frame
    tb = player.source_info().timebase
    assert player.timecode() == tb.frame_to_timecode(frame)
    assert tb.timecode_to_frame(player.timecode()) == frame or tb.is_vfr


@pytest.mark.parametrize("name", sorted(CLIPS))
def test_every_seek_shows_the_named_frame(window, player_clips, qtbot, name):
    _, player = window
    n = CLIPS[name]["frames"]
    player.open(str(player_clips[name]))
    assert player.frame_count() == n
    assert_shows(player, 0)
    shown = []
    player.frameChanged.connect(shown.append)
    rng = random.Random(3)
    targets = [rng.randrange(n) for _ in range(25)] + [n - 1, 0, n // 2]
    for t in targets:
        player.seek(t)
        assert_shows(player, t)
    assert shown[-len(targets):] == targets or shown == [t for i, t in enumerate(targets)
                                                        if i == 0 or targets[i - 1] != t]
    player.seek(n + 50)
    assert_shows(player, n - 1)
    player.seek(-7)
    assert_shows(player, 0)
    # the picture fills the view at its size, decoded to it rather than scaled when painted
    h, w = player.shown_image().shape[:2]
    assert h <= 700 and abs(w / h - 360 / 640) < 0.02


@pytest.mark.parametrize("name", ["ntsc2997_bframes", "vfr"])
def test_keys_step_jump_and_land_on_exact_frames(window, player_clips, qtbot, name):
    win, player = window
    n = CLIPS[name]["frames"]
    player.open(str(player_clips[name]))
    tb = player.source_info().timebase
    cuts = [12, 40, 61]
    player.set_cut_frames(cuts)

    def key(k, mod=Qt.KeyboardModifier.NoModifier):
        qtbot.keyClick(win, k, mod)

    key(Qt.Key.Key_Right)
    assert_shows(player, 1)
    for _ in range(5):
        key(Qt.Key.Key_Right)
    assert_shows(player, 6)
    key(Qt.Key.Key_Left)
    assert_shows(player, 5)
    key(Qt.Key.Key_Down)
    assert_shows(player, 12)
    key(Qt.Key.Key_Down)
    assert_shows(player, 40)
    key(Qt.Key.Key_Up)
    assert_shows(player, 12)
    key(Qt.Key.Key_Up)
    assert_shows(player, 0)
    key(Qt.Key.Key_End)
    assert_shows(player, n - 1)
    key(Qt.Key.Key_Down)  # no cut after the end: stays
    assert_shows(player, n - 1)
    key(Qt.Key.Key_Up)
    assert_shows(player, 61)
    key(Qt.Key.Key_Home)
    assert_shows(player, 0)
    key(Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    one_second = player.current_frame()
    if tb.is_vfr:
        assert tb.frame_to_seconds(one_second) == pytest.approx(1.0, abs=0.06)
    else:
        assert one_second == 30  # 29.97: the timecode moves by exactly one second
        assert player.timecode() == "00:00:01;00"
    assert_shows(player, one_second)
    for direction, k in ((1, Qt.Key.Key_Right), (1, Qt.Key.Key_Right), (-1, Qt.Key.Key_Left)):
        before = player.current_frame()
        key(k, Qt.KeyboardModifier.ShiftModifier)
        if tb.is_vfr:  # a second of time: the frame nearest to it
            expected = min(n - 1, tb.seconds_to_nearest_frame(tb.frame_to_seconds(before) + direction))
        else:
            expected = before + 30 * direction
        assert_shows(player, expected)
    # backward steps all the way down, every one exact
    player.seek(n - 1)
    for expected in range(n - 2, -1, -1):
        key(Qt.Key.Key_Left)
        assert_shows(player, expected)


def test_playback_keeps_real_time_silent_when_there_is_no_sound_device(window, clip_with_sound, qtbot):
    _, player = window
    player.open(str(clip_with_sound))
    states, when = [], []
    player.playingChanged.connect(lambda on: (states.append(on), when.append(time.monotonic())))
    shown = []
    player.frameChanged.connect(shown.append)
    qtbot.keyClick(window[0], Qt.Key.Key_Space)
    assert player.is_playing() and states == [True]
    # CI has no audio output: playback must say so and keep time by itself
    from PySide6.QtMultimedia import QMediaDevices

    has_device = not QMediaDevices.defaultAudioOutput().isNull()
    assert player.audio_status().startswith("sound" if has_device else "silent"), player.audio_status()
    qtbot.wait(1000)
    qtbot.keyClick(window[0], Qt.Key.Key_Space)
    elapsed = when[1] - when[0]
    assert states == [True, False] and not player.is_playing()
    frame = player.current_frame()
    assert abs(frame - 30 * elapsed) <= 5, (frame, elapsed)
    assert shown == sorted(shown) and len(set(shown)) >= 0.7 * frame  # few frames dropped
    assert_shows(player, frame)  # paused: the exact frame the timecode names
    # play to the end: stops on the last frame
    player.seek(80)
    player.play()
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=3000)
    assert_shows(player, 89)
    assert states[-1] is False


class _FakeSink:
    """Stands in for the sound card (none here): consumes PCM at ``rate_factor`` x real time."""

    def __init__(self, rate_factor):
        self.rate_factor = rate_factor
        self.written = 0
        self.t0 = None

    def start(self):
        from PySide6.QtCore import QBuffer

        self.t0 = time.monotonic()
        self.buffer = QBuffer()
        self.buffer.open(QBuffer.OpenModeFlag.ReadWrite)
        sink = self

        class Device:
            def write(self, data):
                sink.written += len(data)
                return len(data)

        return Device()

    def stop(self):
        self.t0 = None

    def processedUSecs(self):  # noqa: N802 - Qt's name
        played = (time.monotonic() - self.t0) * self.rate_factor
        return int(min(played, self.written / (RATE * 4)) * 1e6)

    def bytesFree(self):  # noqa: N802 - Qt's name
        return max(0, int((self.processedUSecs() / 1e6 + 0.2) * RATE * 4) - self.written)

    def error(self):
        return "none"


def test_sound_is_the_master_clock_when_a_device_plays(qtbot, clip_with_sound):
    sink = _FakeSink(rate_factor=0.5)  # a device that plays at half speed drags the picture along
    player = PlayerWidget(audio_sink_factory=lambda parent: (sink, "sound: test sink"))
    qtbot.addWidget(player)
    player.open(str(clip_with_sound))
    player.play()
    assert player.audio_status() == "sound: test sink"
    qtbot.wait(1000)
    player.pause()
    frame = player.current_frame()
    assert 10 <= frame <= 20, frame  # ~15 frames: half of real time, as the sound
    assert sink.written >= 0.5 * RATE * 4  # PCM reached the device
    assert read_number(player.shown_image()) == frame
    player.close_media()


def test_decoded_sound_starts_exactly_where_asked(media_dir):
    import av

    # clicks every 0.25 s on a silent track: where they land in the PCM tells the start time
    path = media_dir / "clicks.mp4"
    container = av.open(str(path), "w")
    video = container.add_stream("libx264", rate=30)
    video.width, video.height, video.pix_fmt = 64, 64, "yuv420p"
    audio = container.add_stream("aac", rate=48000)
    audio.layout = "stereo"
    for i in range(90):
        frame = av.VideoFrame.from_ndarray(np.full((64, 64, 3), i, np.uint8), format="rgb24")
        frame.pts = i
        for p in video.encode(frame):
            container.mux(p)
    for p in video.encode():
        container.mux(p)
    signal = np.zeros(48000 * 3, np.float32)
    for k in range(1, 12):
        signal[k * 12000 : k * 12000 + 48] = 0.8
    for i in range(0, signal.size, 1024):
        chunk = np.ascontiguousarray(np.stack([signal[i : i + 1024]] * 2))
        af = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="stereo")
        af.sample_rate, af.pts = 48000, i
        for p in audio.encode(af):
            container.mux(p)
    for p in audio.encode():
        container.mux(p)
    container.close()
    info = probe(path)
    for start in (0.0, 0.9, 1.6):
        pcm = np.frombuffer(b"".join(decode_pcm(info, start)), np.int16).reshape(-1, 2)[:, 0].astype(float)
        first = int(np.argmax(np.abs(pcm) > 8000))
        expected = (np.ceil(start / 0.25 + 1e-9) * 0.25 - start) * RATE
        if start == 0.0:
            expected = 0.25 * RATE
        shift = info.audio_offset_s * RATE  # AAC priming is part of the stream's own timing
        assert abs(first - expected - shift) < 0.003 * RATE, (start, first, expected, shift)


def test_shuttle_speeds_and_reverse_play(window, player_clips, qtbot):
    _, player = window
    player.open(str(player_clips["ntsc2997_bframes"]))
    player.seek(60)
    player.shuttle(1)
    assert player.speed() == 1
    player.shuttle(1)
    assert player.speed() == 2
    player.shuttle(1)
    player.shuttle(1)
    assert player.speed() == 4
    player.shuttle(0)
    assert player.speed() == 0 and not player.is_playing()
    stopped_at = player.current_frame()
    assert_shows(player, stopped_at)
    player.seek(80)
    player.shuttle(-1)
    assert player.speed() == -1
    qtbot.wait(500)
    player.shuttle(-1)
    assert player.speed() == -2
    qtbot.wait(300)
    player.shuttle(0)
    back = player.current_frame()
    assert back < 80 - 10, back
    assert_shows(player, back)


def test_overlays_follow_the_frame_and_toggle(window, player_clips, qtbot):
    win, player = window
    player.open(str(player_clips["cfr30"]))
    faces = {"intervals": [], "boxes": [{"frame": 0, "boxes": [[10, 20, 100, 120]], "scores": [0.9]},
                                        {"frame": 5, "boxes": [[30, 40, 100, 120]], "scores": [0.8]},
                                        {"frame": 10, "boxes": [], "scores": []}]}
    text = {"intervals": [{"start_frame": 3, "end_frame": 8, "start_s": 0.1, "end_s": 0.2667,
                           "box": [20, 500, 300, 60], "text": "hello", "role": "subtitle"}]}
    zones = [(0.0, 0.85, 1.0, 0.15)]
    player.set_overlays(ui_zones=zones, faces_lane=faces, text_lane=text)
    view = player.view
    assert view.boxes("ui_zones") == zones
    player.seek(2)
    assert view.boxes("faces") == [(10, 20, 100, 120)] and view.boxes("text") == []
    player.seek(6)
    assert view.boxes("faces") == [(30, 40, 100, 120)] and view.boxes("text") == [(20, 500, 300, 60)]
    player.seek(8)  # half-open: the caption has gone at its end_frame
    assert view.boxes("text") == []
    player.seek(12)
    assert view.boxes("faces") == []
    player.set_overlays(text_lane=None)  # what is not passed stays
    assert view.boxes("ui_zones") == zones
    # drawn on screen: the UI zone tints the bottom of the picture, and hides with its toggle
    rect = view.picture_rect()
    probe_point = (int(rect.center().x()), int(rect.bottom() - 4))

    def pixel():
        return view.grab().toImage().pixelColor(*probe_point).getRgb()[:3]

    on = pixel()
    player.set_overlay_visible("ui_zones", False)
    off = pixel()
    assert on != off and on[0] > off[0]
    with pytest.raises(ValueError):
        player.set_overlay_visible("nothing", True)


def test_a_bad_file_raises_and_keeps_the_open_video(window, player_clips, tmp_path):
    _, player = window
    player.open(str(player_clips["cfr30"]))
    player.seek(9)
    bad = tmp_path / "bad.mp4"
    bad.write_text("definitely not a video\n" * 20)
    with pytest.raises(NotAVideo):
        player.open(str(bad))
    assert_shows(player, 9)
    player.close_media()
    assert player.frame_count() == 0 and player.shown_image() is None
    player.seek(3)  # nothing open: ignored, no crash
    player.play()
    assert not player.is_playing()
