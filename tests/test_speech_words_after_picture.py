"""The words' child process starts once the picture pass is over (passes.AudioPass): it does
not stand beside the picture pass's peak (10 min of 3840x2160: the Whisper worker's 485 MB
on top of the analysis's 887). The audio lanes that need no child process come as before."""

from __future__ import annotations

import subprocess
import threading
import time

from reelstudio.analysis.base import Lane, VideoAnalyzer
from reelstudio.analysis.loudness import LoudnessAnalyzer
from reelstudio.analysis.speech import SpeechActivityAnalyzer
from reelstudio.media.video import FrameRequest
from reelstudio.pipeline import analyze

EVENTS: list[tuple[str, float]] = []
LOUDNESS_DONE = threading.Event()


class Loudness(LoudnessAnalyzer):
    """The real loudness analyzer, noting when its finish ran."""

    def finish(self):
        lanes = super().finish()
        EVENTS.append(("loudness finish", time.monotonic()))
        LOUDNESS_DONE.set()
        return lanes


class WordsLike(LoudnessAnalyzer):
    """The real loudness analyzer under another name, whose finish would start a child
    process (as the speech analyzer's does when it recognises words)."""

    name = "words_like"
    lanes = ("words_like",)
    finish_after_picture = True

    def finish(self):
        EVENTS.append(("words finish", time.monotonic()))
        return [Lane("words_like", {"ok": True})]


class SlowPicture(VideoAnalyzer):
    """A video analyzer whose pass cannot end before the loudness lane is made."""

    name = "slow_picture"

    def frame_request(self, info):
        return FrameRequest(32, 18, "gray")

    def feed(self, index, image):
        if index == 0:
            assert LOUDNESS_DONE.wait(60)

    def finish(self, frame_times):
        EVENTS.append(("picture finish", time.monotonic()))
        return [Lane("slow_picture", {"frames": len(frame_times)})]


def test_words_start_after_the_picture_pass_and_the_other_audio_lanes_do_not_wait(tmp_path):
    clip = tmp_path / "tone.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=64x36:rate=30:duration=3",
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=3",
                    "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(clip)], check=True)
    result = analyze(str(clip), cache=False, analyzers=[SlowPicture(), Loudness(), WordsLike()])
    order = [name for name, _ in sorted(EVENTS, key=lambda e: e[1])]
    assert order == ["loudness finish", "picture finish", "words finish"]
    assert result.lanes["words_like"].status == "ok" and result.lanes["loudness"].status == "ok"
    assert result.lanes["slow_picture"].data["frames"] == 90


def test_the_speech_analyzer_waits_for_the_picture_only_when_it_recognises_words_beside_a_large_picture_pass():
    from types import SimpleNamespace

    assert SpeechActivityAnalyzer(words=True).finish_after_picture  # not started: the safe side
    assert not SpeechActivityAnalyzer(words=False).finish_after_picture

    def started(width, height, duration_s, words=True):
        a = SpeechActivityAnalyzer(words=words)
        a.info = SimpleNamespace(width=width, height=height, duration_s=duration_s)
        return a.finish_after_picture

    assert started(3840, 2160, 60.0)  # UHD
    assert started(360, 640, 7200.0)  # two hours
    assert not started(1080, 1920, 60.0)  # a reel: the words run beside the picture pass
    assert not started(3840, 2160, 60.0, words=False)
