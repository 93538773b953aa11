"""The passes of one analysis run (see pipeline.run): one record per analyzer, the sound
decoded once in a thread of its own, the picture decoded once and fanned out to a thread per
video analyzer, and the analyzers that read other lanes run as soon as those exist."""

from __future__ import annotations

import dataclasses
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Generator

import numpy as np

from .analysis.base import Blocks, Lane
from .errors import Cancelled, ModelError
from .media.probe import DecodeNotes, SourceInfo
from .timebase import Timebase, frame_times_are_constant


@dataclass(frozen=True)
class Progress:
    stage: str  # 'probe', 'video', 'finish'
    done: int
    total: int
    # the lanes finished so far (cached ones at once, audio lanes when the audio pass ends,
    # video lanes at the end of the pass), so a viewer can fill them in while analysis runs
    lanes: dict[str, Lane] = field(default_factory=dict, compare=False, repr=False)

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


class Job:
    """One analyzer's part in a run: its cache key, then either the cache entry that stands
    in for running it or the lanes its run made."""

    def __init__(self, analyzer, key: str):
        self.analyzer = analyzer
        self.name: str = analyzer.name
        self.reads_lanes = bool(analyzer.depends_on)
        self.key = key
        self.cached: dict | None = None  # {"lanes", "warnings", "decoded_times"} (LaneCache.entry)
        self.lanes: list[Lane] | None = None  # what its run made; None while it runs
        self.failed = False  # a step raised: ``lanes`` say why
        self.error: BaseException | None = None  # raised around its steps (Cancelled, a decode error)
        self.refining: Background | None = None  # finish_with, started as soon as it could

    def step(self, call: Callable[[], object], timings: dict | None = None) -> bool:
        """One step of the analyzer (start, feed, finish): one that raises makes its lanes
        unavailable, not a dead run. False once it has failed."""
        if self.failed:
            return False
        t0 = time.perf_counter()
        try:
            call()
            return True
        except Cancelled:
            raise
        except Exception as exc:  # noqa: BLE001 - one lane's bug must not sink the others
            self.lanes = [Lane.failed(n, exc, _failure(self.analyzer, exc)) for n in self.analyzer.lane_names()]
            self.failed = True
            return False
        finally:
            if timings is not None:
                timings[self.name] = timings.get(self.name, 0.0) + time.perf_counter() - t0

    def start(self, info: SourceInfo) -> bool:
        return self.step(lambda: self.analyzer.start(info))  # models load here: not timed

    def finish(self, timings: dict, *args) -> None:
        made: list[Lane] = []
        if self.step(lambda: made.extend(self.analyzer.finish(*args)), timings):
            self.lanes = made

    def made(self) -> dict[str, Lane]:
        return {lane.name: lane for lane in self.lanes or ()}

    def refines(self) -> bool:
        """A lane-reading analyzer whose own pass left it something to refine (not, e.g.,
        'no audio track' for every lane it makes)."""
        return not (self.lanes and all(lane.status != "ok" for lane in self.lanes))


def _failure(a, exc: Exception) -> str:
    """The reason of a lane whose analyzer raised: a model's own words, else the bug's."""
    return str(exc) if isinstance(exc, ModelError) else f"{a.name} failed: {exc.__class__.__name__}: {exc}"


def publish(jobs: list[Job], lanes: dict[str, Lane]) -> None:
    """The lanes of analyzers that make lanes (lane-reading ones are applied last)."""
    for job in jobs:
        if not job.reads_lanes:
            lanes.update(job.made())


def check_cancel(cancel: threading.Event) -> None:
    if cancel.is_set():
        raise Cancelled("analysis cancelled")


class Background:
    """A call in a thread of its own; ``result()`` waits for it and raises what it raised."""

    def __init__(self, call: Callable[[], object], name: str):
        self._value: object = None
        self._error: BaseException | None = None
        self.thread = threading.Thread(target=self._work, args=(call,), name=name, daemon=True)
        self.thread.start()

    def _work(self, call) -> None:
        try:
            self._value = call()
        except BaseException as exc:  # raised by result(), in the caller
            self._error = exc

    def result(self):
        self.thread.join()
        if self._error is not None:
            raise self._error
        return self._value


class AudioPass:
    """Every audio analyzer fed from one decode of the sound, in a thread beside the video
    pass; their models load there too, beside the video pass's start."""

    def __init__(self, jobs: list[Job], info: SourceInfo, notes: DecodeNotes, cancel: threading.Event,
                 timings: dict):
        few_heaps()  # before this pass's thread and the picture pass's threads first allocate
        self.jobs = jobs
        self.published = not jobs
        self._stop = threading.Event()
        # set once the picture pass is over (or the run ends): an analyzer whose finish starts a
        # child process of its own (the words) waits for it, so that process does not stand
        # beside the picture pass's peak (10 min of 3840x2160: the Whisper worker's 485 MB
        # came on top of the analysis's 887)
        self._picture_over = threading.Event()
        self._run = Background(lambda: self._work(info, notes, cancel, timings), "reelstudio-audio") if jobs else None

    def _work(self, info: SourceInfo, notes: DecodeNotes, cancel: threading.Event, timings: dict) -> None:
        t0, cpu0 = time.perf_counter(), time.thread_time()
        try:
            live = [job for job in self.jobs if job.start(info)]
            if info.has_audio and live:
                from .media.audio import iter_audio

                chunks = iter_audio(info, notes)
                try:
                    for chunk in chunks:
                        if self._stop.is_set() or cancel.is_set():
                            return
                        live = [job for job in live if job.step(lambda: job.analyzer.feed(chunk), timings)]
                finally:
                    chunks.close()
            later = [job for job in live if getattr(job.analyzer, "finish_after_picture", False)]
            for job in live:
                if job not in later:
                    job.finish(timings)
            if later:
                while not self._picture_over.wait(0.1):
                    if cancel.is_set():
                        return
                if self._stop.is_set() or cancel.is_set():
                    return
                release_freed_memory()  # the picture pass's frames, before the child process starts
                for job in later:
                    job.finish(timings)
        finally:
            timings["(audio thread, wall)"] = time.perf_counter() - t0
            timings["(audio thread, CPU)"] = time.thread_time() - cpu0

    def publish(self, lanes: dict[str, Lane], cancel: threading.Event, wait: bool = False) -> bool:
        """Once the pass is over (``wait``: wait for it), its error raised or its lanes
        published; True once they are."""
        if wait:
            self._picture_over.set()
        if self.published or (self._run.thread.is_alive() and not wait):
            if not self.published:  # the lanes finished so far, while the words wait or run
                for job in self.jobs:
                    if job.lanes is not None and not job.reads_lanes:
                        for name, lane in job.made().items():
                            lanes.setdefault(name, lane)
            return self.published
        self._run.result()
        check_cancel(cancel)
        publish(self.jobs, lanes)
        self.published = True
        return True

    def stop(self) -> None:
        """On the way out: a pass still running is stopped and waited for (a recogniser
        working in a child process is aborted, not awaited)."""
        if self._run is None or not self._run.thread.is_alive():
            return
        self._stop.set()
        self._picture_over.set()
        for job in self.jobs:
            abort = getattr(job.analyzer, "abort", None)
            if abort is not None:
                abort()
        self._run.thread.join()


QUEUE_BYTES = 64 * 2**20  # decoded frames an analyzer may fall behind the decoder, in bytes
# frames between two hand-backs of the C heap's free pages during the pass (release_freed_memory):
# on a long clip the freed frames and buffers left the heaps fragmented and RSS crept up ~1.6 MB
# a minute of video (2-hour 360x640 clip: 697 MB at 21 min, 714 at 22; one malloc_trim on the
# unchanged code at 28 min took 834 MB to 744, 775 twenty seconds later). Two minutes at 30 fps:
# a reel never reaches it, so its pass is as before
TRIM_FRAMES = 3600


class VideoPass:
    """One decode of the picture fanned out to every video analyzer, each fed in a thread of
    its own, in frame order.

    The analyzers' heavy steps (ONNX Runtime, OpenCV, numpy) release the GIL, so on two cores
    the face detector, the cut model and the text detector overlap instead of queueing behind
    each other on one thread (60 s 1080x1920 reel: the serial pass spent 9.5 s inside the
    analyzers one after another)."""

    def __init__(self, jobs: list[Job], info: SourceInfo, notes: DecodeNotes, fast_decode: bool, timings: dict):
        from .media.fanout import FanOut
        from .media.video import queued_bytes

        few_heaps()
        self.jobs, self.info, self.notes, self.timings = jobs, info, notes, timings
        # each decoded frame's presentation time: 8 bytes a frame in numpy blocks, not a Python
        # float in a list (32; two hours at 30 fps: 1.7 MB against 7)
        self.times = Blocks()
        self.decoded: SourceInfo | None = None  # the source on the grid the decoder showed, at the end
        self.frame_times: np.ndarray | None = None  # that grid's times, for the analyzers' finish
        requests = [job.analyzer.frame_request(info).resolved(info) for job in jobs]
        # deep enough that the decoder keeps going while a model chews on a 250-frame window,
        # bounded in bytes: a frame an analyzer has not reached may already carry the pictures
        # a faster one made (48 more frames each: the reel's peak RSS +10 MB)
        depth = int(max(16, min(320, QUEUE_BYTES // queued_bytes(info, requests))))
        self.fan = FanOut(self._frames(requests, fast_decode), len(jobs), depth, name="reelstudio-decode")
        self.threads = [threading.Thread(target=self._feed, args=(k, job, req), name=f"reelstudio-{job.name}",
                                         daemon=True) for k, (job, req) in enumerate(zip(jobs, requests))]
        for thread in self.threads:
            thread.start()

    def _frames(self, requests: list, fast_decode: bool):
        """The decoded frames, their times noted; at the end (before the analyzers hear of
        it) the grid they make."""
        from .media.video import iter_frames

        cpu0 = time.thread_time()
        frames = iter_frames(self.info, requests, fast_decode=fast_decode, notes=self.notes)
        try:
            for frame in frames:
                self.times.append(frame.pts_s)
                yield frame
            info, n, notes = self.info, len(self.times), self.notes
            if n < info.frame_count and not (notes.dropped or notes.concealed):
                notes.undecoded = info.frame_count - n
            self.decoded = with_decoded_times(info, self.times.array())
            tb = self.decoded.timebase
            self.frame_times = np.fromiter((tb.frame_to_seconds(i) for i in range(n)), np.float64, n)
        finally:
            frames.close()
            # this thread's share: the planes kept per frame (the decoder's own threads not counted)
            self.timings["(frame planes thread, CPU)"] = time.thread_time() - cpu0

    def _feed(self, k: int, job: Job, req) -> None:
        a = job.analyzer
        cpu0 = time.thread_time()
        try:
            # the model loads in this thread, while the decoder starts and the others load theirs
            if not job.start(self.info):
                return
            for frame in self.fan.consumer(k):
                # a lazy analyzer gets a callable and makes only the pictures it looks at
                if not job.step(lambda: a.feed(frame.index, frame.images.ref(req) if a.lazy_picture
                                               else frame.images[req]), self.timings):
                    return  # failed: the decoder goes on without it
            if not self.fan.closed:
                job.finish(self.timings, self.frame_times)
        except BaseException as exc:  # Cancelled, a decode error, or a bug around the steps: raised by run
            job.error = exc
        finally:
            self.fan.leave(k)
            self.timings[f"({a.name} thread, CPU)"] = time.thread_time() - cpu0

    def run(self, lanes: dict[str, Lane], cancel: threading.Event, poll: Callable[[], None],
            every_s: float) -> Generator[Progress, None, SourceInfo]:
        """Progress until every analyzer is over; returns the source on the frame grid the
        decoder showed."""
        trimmed = 0  # hand-backs of freed memory so far (TRIM_FRAMES)
        try:
            while self.fan.reading or any(t.is_alive() for t in self.threads):
                alive = next((t for t in self.threads if t.is_alive()), None)
                (alive or self.fan).join(timeout=max(every_s, 0.01))
                self._raise(cancel)
                poll()
                for job in self.jobs:  # a damaged model is said at once, not at the end of a long pass
                    if job.failed and not job.reads_lanes:
                        for lane in job.lanes:
                            lanes.setdefault(lane.name, lane)
                n = len(self.times)
                if n // TRIM_FRAMES > trimmed:
                    trimmed = n // TRIM_FRAMES
                    release_freed_memory()
                yield Progress("video", n, max(self.info.frame_count, n), dict(lanes))
            self._raise(cancel)
        finally:
            self.fan.close()
            for thread in self.threads:  # each stops at its next frame
                thread.join()
        publish(self.jobs, lanes)
        return self.decoded

    def _raise(self, cancel: threading.Event) -> None:
        if self.fan.error is not None:
            raise self.fan.error
        check_cancel(cancel)
        for job in self.jobs:
            if job.error is not None:
                raise job.error


class Dependents:
    """Analyzers that read other lanes (``depends_on``). Each refines them in a thread of its
    own as soon as its own pass is over and the lanes it reads exist: subtitle sync (0.6 s of
    alignment) then runs beside the cut model's last window instead of after it. Their lanes
    are applied last, in analyzer order."""

    def __init__(self, jobs: list[Job], timings: dict, cancel: threading.Event):
        self.jobs, self.timings, self.cancel = jobs, timings, cancel

    def start_ready(self, lanes: dict[str, Lane], producers: list[Job]) -> None:
        for job in self.jobs:
            if job.cached is not None or job.refining is not None or job.lanes is None or not job.refines() \
                    or self.cancel.is_set():
                continue
            ready = dict(lanes)
            for producer in producers:
                if not producer.reads_lanes:
                    ready.update(producer.made())
            if all(n in ready for n in job.analyzer.depends_on):
                job.refining = Background(lambda job=job, ready=ready: _finish_with(job.analyzer, ready, self.timings),
                                           f"reelstudio-{job.name}")

    def apply(self, lanes: dict[str, Lane]) -> None:
        for job in self.jobs:
            if job.cached is not None:
                lanes.update({n: Lane.from_json(n, job.cached["lanes"][n]) for n in job.analyzer.lane_names()})
            elif not job.refines():  # its own pass made nothing to refine (no audio): its own lanes
                lanes.update({lane.name: lane for lane in job.lanes if lane.name not in lanes})
            else:
                check_cancel(self.cancel)
                refined = job.refining.result() if job.refining is not None else \
                    _finish_with(job.analyzer, dict(lanes), self.timings)
                job.lanes = refined
                lanes.update(job.made())

    def join(self) -> None:
        for job in self.jobs:
            if job.refining is not None:
                job.refining.thread.join()


def _finish_with(a, lanes: dict[str, Lane], timings: dict) -> list[Lane]:
    """A lane-reading analyzer's step; if it fails, its own lanes are unavailable (the lanes
    it would have refined stay as they were)."""
    t0 = time.perf_counter()
    try:
        return list(a.finish_with(lanes))
    except Cancelled:
        raise
    except Exception as exc:  # noqa: BLE001 - keep the lanes it would have refined
        return [Lane.failed(n, exc, _failure(a, exc)) for n in a.lane_names() if n not in lanes]
    finally:
        timings[a.name] = timings.get(a.name, 0.0) + time.perf_counter() - t0


def with_decoded_times(info: SourceInfo, times) -> SourceInfo:
    """The grid is what the decoder showed: keep the probe's grid when they agree.
    ``times``: each decoded frame's presentation time (a sequence or an array of floats)."""
    if len(times) == 0 or len(times) == info.frame_count:
        return info
    times = times.tolist() if isinstance(times, np.ndarray) else list(times)
    cfr = frame_times_are_constant(times, info.fps)
    tb = Timebase(info.fps, len(times), () if cfr else tuple(times))
    step = float(1 / info.fps) if cfr or len(times) < 2 else times[-1] - times[-2]
    return dataclasses.replace(info, timebase=tb, duration_s=times[-1] + step)


_M_MMAP_THRESHOLD, _M_ARENA_MAX = -3, -8  # glibc's mallopt parameters (malloc.h)
_tuned = False


MMAP_THRESHOLD = 4 * 1024 * 1024  # bytes: larger blocks are mapped on their own (few_heaps)


def few_heaps() -> None:
    """glibc's allocator, set once per process for the analysis's many threads: at most two
    heaps (by default each thread may get one of its own, up to 8 per core, each keeping
    what it freed), and every block of 4 MB or more mapped on its own and handed back when
    freed (by default that limit rises to 32 MB after the first large block is freed, and
    UHD frames and model buffers then stay in the heaps). 10 min of 360x640 at 61 s of
    video: 677 MB with a 4 MB limit, 654 with 128 kB, 694 with glibc's own; but at 128 kB
    every mid-sized array (a 540x960 picture for the text lane, the audio blocks) was mapped
    and zero-filled afresh: the 60 s reel's analysis took 37 CPU-s instead of 34 (text lane
    6.8 instead of 4.6). A MALLOC_ARENA_MAX or MALLOC_MMAP_THRESHOLD_ set by the user wins;
    without glibc, nothing."""
    global _tuned
    if _tuned:
        return
    _tuned = True
    import ctypes
    import os

    libc = _libc()
    if libc is None:
        return
    mallopt = libc.mallopt
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    if "MALLOC_ARENA_MAX" not in os.environ:
        mallopt(_M_ARENA_MAX, 2)
    if "MALLOC_MMAP_THRESHOLD_" not in os.environ:
        mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def _libc():
    """The C library, if it is glibc (it has malloc_trim and mallopt), else None."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim, libc.mallopt, libc.gnu_get_libc_version  # noqa: B018 - glibc only
    except (OSError, AttributeError):
        return None
    return libc


def release_freed_memory() -> None:
    """Hands the C heap's free pages back to the system (glibc's malloc_trim): the picture
    pass's frames and decoder buffers, freed, stay in the process's RSS otherwise. Elsewhere
    (no glibc) nothing."""
    import ctypes

    libc = _libc()
    if libc is None:
        return
    trim = libc.malloc_trim
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    trim(0)


def one_opencv_thread() -> int | None:
    """OpenCV splits each call over its own thread pool; with every analyzer already in a
    thread of its own that only adds hand-offs (a 270x480 -> 135x240 RGB reduction: 0.056
    CPU-ms on two OpenCV threads, 0.027 on one; the reel's whole pass: ~0.4 CPU-s less).
    Returns the previous setting for ``restore_opencv_threads``."""
    try:
        import cv2
    except ImportError:  # pragma: no cover - a dependency; the lanes that need it report it
        return None
    before = cv2.getNumThreads()
    cv2.setNumThreads(1)
    return before


def restore_opencv_threads(before: int | None) -> None:
    if before is not None:
        import cv2

        cv2.setNumThreads(before)
