"""The picture pass hands the C heap's freed pages back as it goes on a long clip (memory flat
in duration, issue 12), and never on a reel-length one."""

import numpy as np

from media import write_pictures
from reelstudio import passes
from reelstudio.analysis.picture import PictureAnalyzer
from reelstudio.pipeline import analyze


def _pictures(n=300, w=64, h=96):
    rng = np.random.default_rng(3)
    for _ in range(n):
        yield rng.integers(0, 255, (h, w, 3), dtype=np.uint8)


def test_the_pass_releases_freed_memory_every_trim_frames_and_not_on_a_short_clip(tmp_path, monkeypatch):
    clip = write_pictures(tmp_path / "noise.mp4", _pictures(), fps=30)
    calls = []
    monkeypatch.setattr(passes, "release_freed_memory", lambda: calls.append(1))
    analyze(str(clip), analyzers=[PictureAnalyzer()], cache=False)
    assert calls == []  # 300 frames: under TRIM_FRAMES (a reel's pass is as before)

    monkeypatch.setattr(passes, "TRIM_FRAMES", 10)
    lanes = analyze(str(clip), analyzers=[PictureAnalyzer()], cache=False).lanes
    assert 1 <= len(calls) <= 30  # at most once per 10 frames, as the progress loop sees them
    assert lanes["motion"].status == "ok"


def test_the_picture_models_go_when_the_words_wait_for_a_large_picture_pass():
    """A 2-hour clip: the analysis held 521 MB, most of it the picture models' arenas, while
    the Whisper worker ran after the picture pass. When the words wait for the picture pass
    (speech.finish_after_picture), the sessions go once it is over; on a reel, where the
    words run beside it, they stay for the next analysis."""
    from types import SimpleNamespace as NS

    from reelstudio import pipeline, resources
    from reelstudio.analysis.cuts import MODEL

    session = resources.onnx_session(MODEL)
    cuts = NS(session=session)
    video = [NS(analyzer=cuts), NS(analyzer=NS())]  # an analyzer without a model too
    pipeline._let_picture_models_go(video, [NS(analyzer=NS(finish_after_picture=False))])
    assert cuts.session is session and resources._session.cache_info().currsize >= 1
    pipeline._let_picture_models_go(video, [NS(analyzer=NS(finish_after_picture=True))])
    assert cuts.session is None and resources._session.cache_info().currsize == 0
    assert resources.onnx_session(MODEL) is not session  # made again for the next analysis


def _foreign_views(obj, seen=None, depth=0):
    """The numpy arrays reachable from ``obj`` whose memory numpy does not own (a view of an
    ONNX Runtime output: its base chain ends in the runtime's own object)."""
    seen = set() if seen is None else seen
    if id(obj) in seen or depth > 4:
        return []
    seen.add(id(obj))
    if isinstance(obj, np.ndarray):
        base = obj
        while isinstance(base, np.ndarray) and base.base is not None:
            base = base.base
        return [] if isinstance(base, np.ndarray) else [obj]
    items = (obj.values() if isinstance(obj, dict) else obj if isinstance(obj, (list, tuple))
             else vars(obj).values() if hasattr(obj, "__dict__") and not isinstance(obj, type) else ())
    return [a for item in items for a in _foreign_views(item, seen, depth + 1)]


def test_the_cuts_lane_keeps_no_view_of_the_models_output(tmp_path):
    """A view of an ONNX Runtime output kept by the analyzer pins the session's whole arena
    (TransNetV2: 128 MB) after the session is let go: the 2-hour clip's analysis held it while
    the Whisper worker ran (issue 12: 830 MB the two together)."""
    from reelstudio.analysis.cuts import CutsAnalyzer

    clip = write_pictures(tmp_path / "noise.mp4", _pictures(n=260), fps=30)
    cuts = CutsAnalyzer()
    fed = []
    real_feed = cuts.feed
    cuts.feed = lambda index, image: (real_feed(index, image), fed.append(_foreign_views(cuts)))
    lanes = analyze(str(clip), analyzers=[cuts], cache=False).lanes
    assert lanes["cuts"].status == "ok" and len(lanes["cuts"].data["probability"]) == 260
    assert not any(fed), "a window's output kept as a view while the pass runs"
    assert _foreign_views(cuts) == []
