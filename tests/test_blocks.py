"""Per-frame values kept in numpy blocks (analysis.base.Blocks)."""

import numpy as np

from reelstudio.analysis.base import Blocks


def test_values_come_back_in_order_across_blocks_and_after_a_join():
    store = Blocks(np.float64, block=4)
    for v in range(10):
        store.append(v / 3)
    assert len(store) == 10
    assert store.array().tolist() == [v / 3 for v in range(10)]
    store.append(99.0)  # appending goes on after a join
    store.extend(np.arange(5))
    assert store.array().tolist() == [v / 3 for v in range(10)] + [99.0, 0, 1, 2, 3, 4]
    assert np.shares_memory(store.array(), store.array())  # joined once, then kept


def test_arrays_of_a_shape_and_an_empty_store():
    store = Blocks(np.uint8, (2, 3), block=3)
    assert store.array().shape == (0, 2, 3)
    for v in range(7):
        store.append(np.full((2, 3), v, np.uint8))
    out = store.array()
    assert out.shape == (7, 2, 3) and out[:, 0, 0].tolist() == list(range(7))


def test_extend_fills_blocks_exactly():
    store = Blocks(np.int16, block=5)
    store.extend(np.arange(3, dtype=np.int16))
    store.extend(np.arange(3, 15, dtype=np.int16))
    assert store.array().tolist() == list(range(15))


def _source(frame_count: int):
    from fractions import Fraction

    from reelstudio.media.probe import SourceInfo
    from reelstudio.timebase import Timebase

    return SourceInfo(path="x.mp4", identity=None, width=36, height=64, coded_width=36, coded_height=64,
                      rotation=0, fps=Fraction(30), timebase=Timebase(Fraction(30), frame_count), duration_s=frame_count / 30,
                      start_s=0.0, video_codec="h264", has_audio=False, audio_rate=None, audio_channels=None,
                      audio_codec=None)


def test_the_video_pass_grid_from_frame_times_held_in_blocks():
    """The video pass keeps each decoded frame's time in numpy blocks (8 bytes a frame, not a
    Python float's 32: two hours at 30 fps are 216,000 frames), and the grid it makes from
    that array is the one a list of the same times makes: fewer frames than probed, on the
    grid (constant rate) or off it (variable)."""
    from reelstudio.passes import with_decoded_times

    info = _source(10)
    on_grid = [k / 30 for k in range(8)]
    off_grid = [0.0, 0.04, 0.05, 0.2, 0.21, 0.3]
    for times in (on_grid, off_grid):
        store = Blocks(block=3)
        for t in times:
            store.append(t)
        got, want = with_decoded_times(info, store.array()), with_decoded_times(info, times)
        assert got == want and got.frame_count == len(times)
        assert all(type(t) is float for t in got.timebase.frame_times)
    assert with_decoded_times(info, Blocks().array()) is info  # nothing decoded: the probe's grid
    assert with_decoded_times(info, np.arange(10) / 30) is info  # as many as probed
