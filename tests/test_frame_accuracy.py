"""Frame N of the engine is the frame that shows N: constant rate, variable rate, rotated."""

from fractions import Fraction

import numpy as np
import pytest

from media import ffmpeg_frame, read_number, write_numbered_clip
from reelstudio.analysis.base import Lane, VideoAnalyzer
from reelstudio.media.probe import probe
from reelstudio.media.video import FrameRequest
from reelstudio.pipeline import analyze


class ShownNumbers(VideoAnalyzer):
    """Reads the number each frame shows, through the real pipeline."""

    name = "shown_numbers"

    def frame_request(self, info):
        return FrameRequest(0, 0, "gray")  # full display size

    def start(self, info):
        super().start(info)
        self.shown = {}

    def feed(self, index, image):
        self.shown[index] = read_number(image)

    def finish(self, frame_times):
        self.times = frame_times
        return [Lane(self.name, {"count": len(self.shown)})]


def _engine_numbers(path, **kw):
    reader = ShownNumbers()
    result = analyze(str(path), analyzers=[reader], cache=False, **kw)
    return reader, result


CASES = {
    "cfr30": dict(frames=75),
    "ntsc2997": dict(frames=75, fps=Fraction(30000, 1001)),
    "cfr25_no_bframes": dict(frames=50, fps=Fraction(25), bframes=False),
    "rotated90": dict(frames=45, rotation=90),
    "rotated270": dict(frames=45, rotation=270),
    "rotated180": dict(frames=30, rotation=180),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_constant_rate_and_rotated(case, media_dir):
    kw = CASES[case]
    path = write_numbered_clip(media_dir / f"{case}.mp4", **kw)
    info = probe(path)
    assert (info.width, info.height) == (360, 640), "display size is after rotation"
    assert info.frame_count == kw["frames"]
    assert info.fps == kw.get("fps", Fraction(30))
    assert not info.is_vfr
    for fast in (True, False):
        reader, result = _engine_numbers(path, fast_decode=fast)
        assert reader.shown == {n: n for n in range(kw["frames"])}
    assert result.source.frame_count == kw["frames"]
    # the engine's picture is the one a player shows (FFmpeg applies the rotation itself)
    probe_frame = 7
    ours = _frame_at(path, probe_frame)
    theirs = ffmpeg_frame(path, probe_frame)
    assert ours.shape == theirs.shape
    assert np.abs(ours.astype(int) - theirs.astype(int)).mean() < 2.0
    assert read_number(ours) == read_number(theirs) == probe_frame


def _frame_at(path, index):
    from reelstudio.media.video import iter_frames

    info = probe(path)
    for frame in iter_frames(info, [FrameRequest(0, 0, "rgb24")]):
        if frame.index == index:
            return next(iter(frame.images.values()))
    raise AssertionError("frame not reached")


def test_variable_frame_rate_follows_pts(media_dir):
    # a phone's screen recording: 60 fps while scrolling, ~15 fps when idle, then ragged
    gaps = [17] * 30 + [66] * 20 + [33, 17, 50, 100] * 3
    pts = np.concatenate([[0], np.cumsum(gaps)]).astype(int).tolist()
    path = write_numbered_clip(media_dir / "vfr.mp4", frames=len(pts), pts_ms=pts)
    info = probe(path)
    assert info.is_vfr
    assert info.frame_count == len(pts)
    reader, result = _engine_numbers(path)
    assert reader.shown == {n: n for n in range(len(pts))}
    tb = result.source.timebase
    for n, ms in enumerate(pts):
        assert tb.frame_to_seconds(n) == pytest.approx(ms / 1000, abs=1e-6)
        assert tb.seconds_to_frame(ms / 1000) == n
        # halfway to the next frame still shows frame n
        if n + 1 < len(pts):
            assert tb.seconds_to_frame((ms + pts[n + 1]) / 2000) == n
    # the JSON carries every frame's time for a VFR source
    assert result.to_json()["source"]["frame_times"][5] == pytest.approx(pts[5] / 1000)
    # fps x time would be wrong here: frames sit far off the mean-rate grid
    assert max(abs(tb.frame_to_seconds(n) - n / float(info.fps)) for n in range(len(pts))) > 0.05


def test_frame_times_from_constant_rate_match_timecode(media_dir):
    path = write_numbered_clip(media_dir / "tc.mp4", frames=40, fps=Fraction(30000, 1001))
    info = probe(path)
    tb = info.timebase
    assert tb.frame_to_timecode(30) == "00:00:01;00"
    assert tb.seconds_to_frame(tb.frame_to_seconds(31)) == 31
