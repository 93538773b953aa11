"""FrameReader: every way of reaching a frame shows the frame that carries that number."""

import hashlib
import random
import threading
from fractions import Fraction

import numpy as np
import pytest

from media import ffmpeg_frame, read_number, write_numbered_clip
from reelstudio.errors import InputNotFound, NotAVideo
from reelstudio.media.seek import FrameReader

VFR_GAPS = [17] * 30 + [66] * 20 + [33, 17, 50, 100] * 3

CLIPS = {
    "cfr30": dict(frames=75),
    "ntsc2997_bframes": dict(frames=75, fps=Fraction(30000, 1001)),
    "cfr25_no_bframes": dict(frames=50, fps=Fraction(25), bframes=False),
    "rotated90": dict(frames=45, rotation=90),
    "vfr": dict(frames=len(VFR_GAPS) + 1, pts_ms=np.concatenate([[0], np.cumsum(VFR_GAPS)]).astype(int).tolist()),
}


@pytest.fixture(scope="session")
def clips(media_dir):
    out = {}
    for name, kw in CLIPS.items():
        out[name] = write_numbered_clip(media_dir / f"seek_{name}.mp4", **kw)
    return out


@pytest.mark.parametrize("name", sorted(CLIPS))
def test_forward_backward_and_random_access_show_the_named_frame(clips, name):
    n = CLIPS[name]["frames"]
    rng = random.Random(7)
    order = list(range(n)) + list(range(n - 1, -1, -1)) + [rng.randrange(n) for _ in range(60)]
    with FrameReader(clips[name], cache_mb=256) as reader:
        assert reader.frame_count == n
        shown = [read_number(reader.frame(i)) for i in order]
    assert shown == order


@pytest.mark.parametrize("name", ["ntsc2997_bframes", "vfr"])
def test_backward_steps_with_a_small_cache_stay_exact(clips, name):
    # 1.6 MB holds ~4 frames of 360x640: stepping back outruns the cache and must prefetch
    n = CLIPS[name]["frames"]
    for prefetch in (True, False):
        with FrameReader(clips[name], cache_mb=1.6, prefetch=prefetch) as reader:
            reader.frame(n - 1)
            shown = [read_number(reader.frame(i)) for i in range(n - 2, -1, -1)]
            stats = reader.stats()
        assert shown == list(range(n - 2, -1, -1))
        assert stats["cache_bytes"] <= 1.6 * (1 << 20)
        if prefetch:
            assert stats["prefetched"] > 0


def test_stepping_forward_decodes_each_frame_once_and_backward_reuses_the_cache(clips):
    path = clips["ntsc2997_bframes"]
    with FrameReader(path, cache_mb=256, prefetch=False) as reader:
        for i in range(75):
            reader.frame(i)
        assert reader.stats() == {**reader.stats(), "seeks": 1, "decoded": 75}
        for i in range(74, -1, -1):
            assert read_number(reader.frame(i)) == i
        # everything was still cached: no seek and no decode for the way back
        assert reader.stats()["seeks"] == 1 and reader.stats()["decoded"] == 75


def test_a_seek_decodes_from_the_keyframe_before_not_from_the_start(clips):
    with FrameReader(clips["cfr30"], cache_mb=256) as reader:
        assert read_number(reader.frame(60)) == 60  # keyframes every 24 frames: starts at 48
        assert reader.stats()["decoded"] <= 60 - 48 + 1 + 2
        assert read_number(reader.frame(61)) == 61  # the decoder stays positioned
        assert reader.stats()["seeks"] == 1


@pytest.mark.parametrize("name", ["cfr30", "rotated90"])
def test_pixels_match_ffmpeg_and_sizes_are_display_oriented(clips, name):
    with FrameReader(clips[name]) as reader:
        ours = reader.frame(7)
        small = reader.frame(7, size=(180, 320))
        assert reader.display_size(400, 400) == (224, 400)
    theirs = ffmpeg_frame(clips[name], 7)
    assert ours.shape == theirs.shape == (640, 360, 3)
    assert np.abs(ours.astype(int) - theirs.astype(int)).mean() < 2.0
    assert small.shape == (320, 180, 3)
    assert read_number(small) == 7


def test_vfr_frame_times_come_from_the_stream(clips):
    pts = CLIPS["vfr"]["pts_ms"]
    with FrameReader(clips["vfr"]) as reader:
        assert reader.info.is_vfr
        assert [round(reader.frame_time(i) * 1000) for i in range(len(pts))] == pts


def test_two_threads_share_one_reader(clips):
    path = clips["ntsc2997_bframes"]
    errors = []
    with FrameReader(path, cache_mb=4) as reader:
        def work(seed):
            rng = random.Random(seed)
            for _ in range(40):
                i = rng.randrange(75)
                got = read_number(reader.frame(i))
                if got != i:
                    errors.append((i, got))

        threads = [threading.Thread(target=work, args=(s,)) for s in (1, 2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []


def test_bad_input_and_bad_index(tmp_path, clips):
    with pytest.raises(InputNotFound):
        FrameReader(tmp_path / "missing.mp4")
    text = tmp_path / "notes.mp4"
    text.write_text("not a video at all\n" * 50)
    before = hashlib.sha256(text.read_bytes()).hexdigest()
    with pytest.raises(NotAVideo):
        FrameReader(text)
    assert hashlib.sha256(text.read_bytes()).hexdigest() == before
    path = clips["cfr30"]
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    reader = FrameReader(path)
    with pytest.raises(IndexError):
        reader.frame(75)
    with pytest.raises(IndexError):
        reader.frame(-1)
    reader.frame(3)
    reader.close()
    with pytest.raises(ValueError):
        reader.frame(3)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
