"""Decode once, cache, cancel, and lanes that say why they could not run."""

import json
import os
import shutil
import threading

import pytest

from media import write_numbered_clip
from reelstudio.analysis.base import Lane, VideoAnalyzer
from reelstudio.analysis.cuts import CutsAnalyzer
from reelstudio.analysis.loudness import LoudnessAnalyzer
from reelstudio.analysis.picture import PictureAnalyzer
from reelstudio.cache import LaneCache
from reelstudio.errors import Cancelled, ModelError
from reelstudio.media.video import FrameRequest
from reelstudio.analysis.base import AudioAnalyzer
from reelstudio.pipeline import analyze, default_analyzers, run


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    return write_numbered_clip(tmp_path_factory.mktemp("pipe") / "clip.mp4", frames=90, audio=True)


class Counting(VideoAnalyzer):
    """Counts frames it is fed, to prove a single decode pass serves every analyzer."""

    name = "counting"

    def __init__(self, size):
        self.size = size

    def params(self):
        return {"size": self.size}

    def frame_request(self, info):
        return FrameRequest(self.size, 0, "gray")

    def start(self, info):
        super().start(info)
        self.fed = 0
        self.shapes = set()

    def feed(self, index, image):
        assert index == self.fed
        self.fed += 1
        self.shapes.add(image.shape)

    def finish(self, frame_times):
        return [Lane(self.name, {"fed": self.fed})]


def test_one_pass_feeds_every_size(clip, monkeypatch):
    import reelstudio.media.video as video

    opened = []
    real = video.open_container

    def counting_open(path):
        opened.append(path)
        return real(path)

    monkeypatch.setattr(video, "open_container", counting_open)
    small, large = Counting(64), Counting(200)
    small.name, large.name = "small", "large"
    analyze(str(clip), analyzers=[small, large, PictureAnalyzer()], cache=False)
    assert len(opened) == 1, "the video is decoded once"
    assert small.fed == large.fed == 90
    assert small.shapes == {(114, 64)} and large.shapes == {(356, 200)}


def test_reopening_is_served_from_cache(clip, tmp_path):
    cache = LaneCache(tmp_path / "cache")
    first = analyze(str(clip), cache=cache)
    entries = list((tmp_path / "cache").rglob("*.json"))
    whole = [a for a in default_analyzers()
             if all(first.lanes[n].status == "ok" for n in a.lane_names() if n in first.lanes)]
    assert len(entries) == len(whole)  # one entry per analyzer whose lanes are whole
    again = Counting(32)
    second = analyze(str(clip), analyzers=[CutsAnalyzer(), PictureAnalyzer(), LoudnessAnalyzer(), again], cache=cache)
    assert second.to_json()["lanes"]["cuts"] == first.to_json()["lanes"]["cuts"]
    assert second.to_json()["lanes"]["loudness"] == first.to_json()["lanes"]["loudness"]
    # a parameter change is a different entry
    key_a = LaneCache.key("f", "cuts", 1, CutsAnalyzer().params())
    key_b = LaneCache.key("f", "cuts", 1, CutsAnalyzer(threshold=0.3).params())
    assert key_a != key_b


def test_a_changed_file_is_analysed_again(clip, tmp_path):
    cache = LaneCache(tmp_path / "cache")
    copy = tmp_path / "copy.mp4"
    shutil.copy(clip, copy)
    analyze(str(copy), analyzers=[PictureAnalyzer()], cache=cache)
    write_numbered_clip(copy, frames=40)
    result = analyze(str(copy), analyzers=[PictureAnalyzer()], cache=cache)
    assert len(result.lanes["motion"].data["per_frame"]) == 40


def test_cancel_leaves_no_cache_entry(clip, tmp_path):
    cache = LaneCache(tmp_path / "cache")
    gen = run(str(clip), cache=cache, progress_every_s=0)
    for progress in gen:
        if progress.stage == "video" and progress.done > 0:
            break
    gen.close()  # the GUI's cancel
    assert not list((tmp_path / "cache").rglob("*.json"))
    assert not [t for t in threading.enumerate() if t.name == "reelstudio-decode"], "decode thread stopped"

    stop = threading.Event()
    gen = run(str(clip), cache=cache, cancel=stop, progress_every_s=0)
    with pytest.raises(Cancelled):
        for progress in gen:
            if progress.stage == "video":
                stop.set()
    assert not list((tmp_path / "cache").rglob("*.json"))


def test_damaged_cache_entry_is_ignored(clip, tmp_path):
    cache = LaneCache(tmp_path / "cache")
    analyze(str(clip), analyzers=[PictureAnalyzer()], cache=cache)
    (entry,) = list((tmp_path / "cache").rglob("*.json"))
    entry.write_text('{"key": "trunc')
    result = analyze(str(clip), analyzers=[PictureAnalyzer()], cache=cache)
    assert result.lanes["black"].status == "ok"
    assert json.loads(entry.read_text())["lanes"]["black"]["status"] == "ok"


def test_damaged_model_makes_the_lane_say_why(clip, tmp_path, monkeypatch):
    from reelstudio import resources

    models = tmp_path / "models"
    shutil.copytree(resources.models_dir(), models)
    from reelstudio.analysis.cuts import MODEL

    onnx = models / resources.manifest()[MODEL].file
    data = bytearray(onnx.read_bytes())
    data[len(data) // 2] ^= 0xFF
    onnx.write_bytes(bytes(data))
    monkeypatch.setenv("REELSTUDIO_MODELS_DIR", str(models))
    with pytest.raises(ModelError, match="does not match its manifest"):
        resources.model_path(MODEL)
    result = analyze(str(clip), cache=False)
    cuts = result.lanes["cuts"]
    assert cuts.status == "unavailable" and "does not match its manifest" in cuts.reason
    assert result.lanes["black"].status == "ok"  # the other lanes still run
    onnx.unlink()
    result = analyze(str(clip), cache=False)
    assert "model file missing" in result.lanes["cuts"].reason


def test_contract_shape(clip):
    doc = analyze(str(clip), cache=False).to_json()
    assert doc["schema_version"] == 1
    assert set(doc["source"]) >= {"path", "width", "height", "fps", "frame_count", "duration_s", "has_audio"}
    assert doc["source"]["fps"] == "30/1"
    for lane in ("cuts", "faces", "text", "speech", "loudness", "silence", "black", "frozen"):
        assert lane in doc["lanes"]
        status = doc["lanes"][lane]["status"]
        assert status in ("ok", "unavailable")
        if status == "unavailable":
            assert doc["lanes"][lane]["reason"]
    assert "events" in doc["lanes"]["cuts"]
    assert {"integrated_lufs", "true_peak_dbtp", "lra_lu", "short_term"} <= set(doc["lanes"]["loudness"])
    assert doc["lanes"]["loudness"]["short_term"]["hop_s"] == 0.1
    assert isinstance(doc["flags"], list) and isinstance(doc["checklist"], list)
    json.dumps(doc, allow_nan=False)


class LoudnessNote(AudioAnalyzer):
    """Reads the loudness and motion lanes after they exist; rewrites 'motion' and adds a lane."""

    name = "note"
    lanes = ("note", "motion")
    depends_on = ("loudness", "motion")

    def __init__(self, fail=False):
        self.fail = fail
        self.calls = 0
        self.samples = 0

    def feed(self, chunk):
        self.samples += len(chunk.mono16k)

    def finish(self):
        return []

    def finish_with(self, lanes):
        self.calls += 1
        if self.fail:
            raise RuntimeError("boom")
        motion = dict(lanes["motion"].data, refined=True)
        return [Lane("note", {"lufs": lanes["loudness"].data["integrated_lufs"], "samples": self.samples}),
                Lane("motion", motion)]


def test_an_analyzer_reads_other_lanes_after_they_exist(clip, tmp_path):
    cache = LaneCache(tmp_path / "cache")
    note = LoudnessNote()
    got = analyze(str(clip), analyzers=[note, PictureAnalyzer(), LoudnessAnalyzer()], cache=cache)
    assert note.calls == 1 and note.samples > 0
    assert got.lanes["note"].data["lufs"] == got.lanes["loudness"].data["integrated_lufs"]
    assert got.lanes["motion"].data["refined"] is True
    # all three from the cache: the refined lane wins over the cached raw one
    again = LoudnessNote()
    cached = analyze(str(clip), analyzers=[again, PictureAnalyzer(), LoudnessAnalyzer()], cache=cache)
    assert again.calls == 0
    assert cached.to_json()["lanes"] == got.to_json()["lanes"]
    # a producer with other parameters makes the dependent run again
    third = LoudnessNote()
    analyze(str(clip), analyzers=[third, PictureAnalyzer(frozen_min_s=2.0), LoudnessAnalyzer()], cache=cache)
    assert third.calls == 1


def test_a_failing_dependent_keeps_the_lanes_it_reads(clip):
    got = analyze(str(clip), analyzers=[LoudnessNote(fail=True), PictureAnalyzer(), LoudnessAnalyzer()], cache=False)
    assert got.lanes["motion"].status == "ok" and "refined" not in got.lanes["motion"].data
    assert got.lanes["note"].status == "unavailable" and "boom" in got.lanes["note"].reason


def test_progress_carries_finished_lanes(clip):
    gen = run(str(clip), analyzers=[PictureAnalyzer(), LoudnessAnalyzer()], cache=False, progress_every_s=0)
    seen = []
    try:
        while True:
            seen.append(next(gen))
    except StopIteration:
        pass
    assert seen[-1].stage == "finish" and {"motion", "loudness"} <= set(seen[-1].lanes)
