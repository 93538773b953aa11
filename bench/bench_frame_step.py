"""Frame stepping and playback at 1080x1920, against a naive reader measured in the same run.

    .venv/bin/python bench/bench_frame_step.py          # the 60 s 1080x1920 reel (bench/media.py)
    .venv/bin/python bench/bench_frame_step.py --quick  # fewer steps

Baseline: what a player without a frame cache does for every request: seek to the keyframe
before the frame, decode forward to it, convert to RGB. Ours: ``reelstudio.media.seek.FrameReader``
(positioned decoder, LRU cache of decoded pictures, background prefetch when stepping back).
Steps come at key-repeat pace (30 a second) as from a held arrow key. Then the player widget
(offscreen Qt) at 1080x1920: latency of a step until the frame is painted, and playback: frames
shown against frames due over a few seconds. Then the whole window (player, timeline with every
lane of the reel's analysis, waveform included) stepping at the same pace.
Prints median / 95th percentile / max latency in ms and the ratio baseline / ours. Targets:
a frame step < 50 ms; playback holds 30 fps.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

KEY_REPEAT_S = 1 / 30


class NaiveReader:
    """Seek to the keyframe before, decode forward, convert: no cache, no positioning."""

    def __init__(self, path):
        import av

        from reelstudio.media.probe import probe
        from reelstudio.media.frameindex import build_index

        self.info = probe(path)
        self.container = av.open(str(path))
        self.stream = self.container.streams.video[0]
        self.stream.thread_type = "AUTO"
        self.index = build_index(self.container, self.stream)

    def frame(self, n):
        pts = self.index.pts[n]
        self.container.seek(pts, backward=True, any_frame=False, stream=self.stream)
        for frame in self.container.decode(self.stream):
            if frame.pts == pts:
                return frame.to_ndarray(format="rgb24")
        raise RuntimeError(f"frame {n} not reached")


def _timed(reader, order, pace):
    out = []
    for n in order:
        t = time.perf_counter()
        reader.frame(n)
        dt = time.perf_counter() - t
        out.append(dt)
        if pace and dt < pace:
            time.sleep(pace - dt)
    return out


def _stats(ts):
    ts = sorted(ts)
    return statistics.median(ts) * 1e3, ts[int(0.95 * (len(ts) - 1))] * 1e3, ts[-1] * 1e3


def bench_reader(path, steps, seeks):
    from reelstudio.media.seek import FrameReader

    info_n = FrameReader(path, prefetch=False).frame_count
    rng = random.Random(1)
    start = info_n // 3
    patterns = {
        "step forward": [start + i for i in range(steps)],
        "step backward": [start + steps - i for i in range(steps)],
        "random seek": [rng.randrange(info_n) for _ in range(seeks)],
    }
    rows = []
    for name, order in patterns.items():
        pace = KEY_REPEAT_S if name.startswith("step") else 0
        naive = NaiveReader(path)
        naive.frame(order[0] - 1 if order[0] else 0)
        base = _stats(_timed(naive, order[1:], pace))
        with FrameReader(path, cache_mb=256) as ours_reader:
            ours_reader.frame(order[0])  # a positioned start, as after the seek that got there
            ours = _stats(_timed(ours_reader, order[1:], pace))
        rows.append((name, base, ours))
    print(f"\nFrameReader vs naive seek+decode, {Path(path).name}, {info_n} frames, steps at 30/s")
    print(f"{'pattern':16} {'naive med/p95/max ms':>24} {'ours med/p95/max ms':>24} {'ratio (median)':>15}")
    for name, b, o in rows:
        print(f"{name:16} {b[0]:7.1f} {b[1]:7.1f} {b[2]:7.1f}   {o[0]:7.1f} {o[1]:7.1f} {o[2]:7.1f}   "
              f"{b[0] / max(o[0], 1e-6):13.1f}x")
    return rows


def _key_repeat_steps(step, steps: int, after=None):
    """Latency stats of ``steps`` calls of ``step`` at key-repeat pace (``after`` runs untimed)."""
    ts = []
    for _ in range(steps):
        t = time.perf_counter()
        step()
        dt = time.perf_counter() - t
        ts.append(dt)
        if after is not None:
            after()
        if dt < KEY_REPEAT_S:
            time.sleep(KEY_REPEAT_S - dt)
    return _stats(ts)


def _print_steps(title: str, rows: dict) -> None:
    print(title)
    for name, (med, p95, mx) in rows.items():
        verdict = "ok" if p95 < 50 else "OVER 50 ms"
        print(f"{name:16} median {med:6.1f} ms  p95 {p95:6.1f} ms  max {mx:6.1f} ms   target < 50 ms: {verdict}")


def bench_widget(path, steps, play_s):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from reelstudio.gui.player import PlayerWidget

    app = QApplication.instance() or QApplication([])
    player = PlayerWidget(cache_mb=256)
    player.resize(1080, 1920)
    player.show()
    app.processEvents()
    player.open(str(path))
    app.processEvents()
    start = player.frame_count() // 3
    player.seek(start)
    assert player.shown_image().shape == (1920, 1080, 3), player.shown_image().shape
    # player.step returns once the new frame is painted; the events it queued are not timed
    rows = {name: _key_repeat_steps(lambda d=delta: player.step(d), steps, after=app.processEvents)
            for name, delta in (("widget step +1", 1), ("widget step -1", -1))}
    _print_steps(f"\nPlayerWidget at 1080x1920 (offscreen), step until painted, {steps} steps at 30/s", rows)

    shown = []
    player.frameChanged.connect(shown.append)
    player.seek(0)
    shown.clear()
    t0 = time.monotonic()
    player.play()
    while time.monotonic() - t0 < play_s and player.is_playing():
        app.processEvents()
        time.sleep(0.001)
    elapsed = time.monotonic() - t0
    player.pause()
    due = int(elapsed * float(player.source_info().fps))
    distinct = len(set(shown))
    print(f"\nplayback at 1080x1920, {elapsed:.1f} s ({player.audio_status()}): "
          f"{distinct} frames shown of {due} due = {distinct / max(due, 1):.0%}, "
          f"{distinct / elapsed:.1f} fps; last frame shown {shown[-1] if shown else None}")
    player.close_media()
    return rows


def bench_window(path, steps):
    """The whole window: player, timeline with every lane of the reel's analysis (waveform,
    loudness, speech, captions, faces, cuts, flags) and the transcript, stepping at key-repeat
    pace; a step counts until the events it queued (the timeline's playhead, the labels) are
    processed and painted."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from reelstudio.gui.main_window import MainWindow
    from reelstudio.pipeline import analyze

    t = time.perf_counter()
    doc = analyze(str(path), cache=True).to_json()  # the analysis cache makes a second run quick
    print(f"\nanalysis of {Path(path).name} for the window: {time.perf_counter() - t:.1f} s "
          f"(lanes: {', '.join(sorted(k for k, v in doc['lanes'].items() if v.get('status', 'ok') == 'ok'))})")
    assert doc["lanes"]["loudness"].get("waveform"), "no waveform in the loudness lane"
    app = QApplication.instance() or QApplication([])
    win = MainWindow()
    win.resize(1280, 720)
    win.show()
    app.processEvents()
    assert win.open_file(str(path), analysis=doc)
    app.processEvents()
    win.player.seek(win.player.frame_count() // 3)
    app.processEvents()
    # timed with the events the step queued: the timeline's playhead and the labels, painted
    rows = {name: _key_repeat_steps(lambda d=delta: (win.player.step(d), app.processEvents()), steps)
            for name, delta in (("window step +1", 1), ("window step -1", -1))}
    _print_steps(f"MainWindow at 1280x720 with every lane (waveform on), step until painted, {steps} steps at 30/s",
                 rows)
    win.close()
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--video", help="another clip instead of the 60 s 1080x1920 reel")
    args = ap.parse_args()
    if args.video:
        path = Path(args.video)
    else:
        from media import vertical_60s

        path = vertical_60s()
    steps, seeks, play_s = (40, 15, 3.0) if args.quick else (150, 40, 6.0)
    # the machine may be shared: latency depends on it, the ratios much less
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    bench_reader(path, steps, seeks)
    bench_widget(path, steps, play_s)
    bench_window(path, steps)


if __name__ == "__main__":
    main()
