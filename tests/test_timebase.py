from fractions import Fraction

import pytest

from reelstudio.timebase import Timebase, frame_to_timecode, parse_fps, timecode_to_frame


def test_parse_fps_is_exact():
    assert parse_fps("30000/1001") == Fraction(30000, 1001)
    assert parse_fps(29.97) == Fraction(30000, 1001)
    assert parse_fps(25) == Fraction(25)
    with pytest.raises(ValueError):
        parse_fps("0")


@pytest.mark.parametrize("frame,fps,tc", [
    (0, Fraction(30), "00:00:00:00"),
    (29, Fraction(30), "00:00:00:29"),
    (30, Fraction(30), "00:00:01:00"),
    (108000, Fraction(30), "01:00:00:00"),
    (24 * 3600 - 1, Fraction(24), "00:59:59:23"),
    (1799, Fraction(30000, 1001), "00:00:59;29"),
    (1800, Fraction(30000, 1001), "00:01:00;02"),  # ;00 and ;01 are dropped
    (17982, Fraction(30000, 1001), "00:10:00;00"),  # every tenth minute keeps them
    (107892, Fraction(30000, 1001), "01:00:00;00"),
    (3600, Fraction(60000, 1001), "00:01:00;04"),
])
def test_timecode_round_trip(frame, fps, tc):
    assert frame_to_timecode(frame, fps) == tc
    assert timecode_to_frame(tc, fps) == frame


def test_drop_frame_round_trip_every_frame_of_eleven_minutes():
    fps = Fraction(30000, 1001)
    seen = set()
    for f in range(0, 30 * 60 * 11, 7):
        tc = frame_to_timecode(f, fps)
        assert tc not in seen
        seen.add(tc)
        assert timecode_to_frame(tc, fps) == f


def test_dropped_timecode_does_not_exist():
    with pytest.raises(ValueError):
        timecode_to_frame("00:01:00;00", Fraction(30000, 1001))


def test_cfr_seconds_are_exact():
    tb = Timebase(Fraction(30000, 1001), 1000)
    for f in (0, 1, 29, 30, 999):
        assert tb.seconds_to_frame(tb.frame_to_seconds(f)) == f
        assert tb.frame_to_fraction(f) == Fraction(f * 1001, 30000)
    assert tb.seconds_to_frame(1.0) == 29  # 1 s lies inside frame 29 (29.97 fps)


def test_vfr_lookup():
    tb = Timebase(Fraction(30), 4, (0.0, 0.1, 0.15, 0.4))
    assert [tb.seconds_to_frame(t) for t in (0.0, 0.099, 0.1, 0.2, 0.5)] == [0, 0, 1, 2, 3]
    assert tb.seconds_to_nearest_frame(0.3) == 3
    assert tb.frame_to_seconds(4) == pytest.approx(0.65)
