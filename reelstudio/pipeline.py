"""One decode pass fanned out to every analyzer; progress, cancellation and cache.

``run(path)`` is a generator: it yields :class:`Progress` between frames and returns the
:class:`AnalysisResult` (``StopIteration.value``). Closing the generator, or setting the
``cancel`` event, stops the decode thread and writes nothing to the cache.
"""

from __future__ import annotations

import dataclasses
import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Generator, Iterable

import numpy as np

from .analysis.base import AudioAnalyzer, Lane, VideoAnalyzer
from .cache import LaneCache
from .resources import models_fingerprint
from .errors import Cancelled, ReelStudioError
from .media.probe import DecodeNotes, SourceInfo, probe
from .result import AnalysisResult, MODEL_LANES_PENDING
from .timebase import Timebase, frame_times_are_constant


@dataclass(frozen=True)
class Progress:
    stage: str  # 'probe', 'audio', 'video', 'finish'
    done: int
    total: int
    lanes_ready: tuple[str, ...] = ()
    # the lanes finished so far (cached ones at once, audio lanes when the audio pass ends,
    # video lanes at the end of the pass), so a viewer can fill them in while analysis runs
    lanes: dict[str, Lane] = field(default_factory=dict, compare=False, repr=False)

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


def default_analyzers(words_model: str | None = "auto", words_quality: str | None = None, words: bool = True,
                      ocr_languages: tuple[str, ...] | None = None) -> list[VideoAnalyzer | AudioAnalyzer]:
    """Every analyzer; ``words_model`` / ``words_quality``: the speech lane's recogniser
    (see SpeechActivityAnalyzer; default: the stored selection); ``words`` False: the speech
    lane without its words (the user skipped them); ``ocr_languages``: Tesseract's languages
    for the text lane (default: TextAnalyzer's, English and Russian)."""
    from .analysis.cuts import CutsAnalyzer
    from .analysis.faces import FacesAnalyzer
    from .analysis.loudness import LoudnessAnalyzer
    from .analysis.picture import PictureAnalyzer
    from .analysis.speech import SpeechActivityAnalyzer
    from .analysis.subsync import SubtitleSyncAnalyzer
    from .analysis.text import TextAnalyzer

    text = TextAnalyzer(languages=ocr_languages) if ocr_languages else TextAnalyzer()
    return [CutsAnalyzer(), PictureAnalyzer(), FacesAnalyzer(), text, LoudnessAnalyzer(),
            SpeechActivityAnalyzer(words=words, words_model=words_model, quality=words_quality), SubtitleSyncAnalyzer()]


def _made_by(a) -> tuple[str, ...]:
    """The lanes an analyzer makes (a lane-reading one only refines the lanes it reads)."""
    return tuple(n for n in a.lane_names() if n not in a.depends_on)


_END = object()
QUEUE_BYTES = 64 * 2**20  # decoded frames waiting for the analyzers (each also has its own short queue)


def _decode_thread(info, requests, out: queue.Queue, stop: threading.Event, fast_decode: bool,
                   timings: dict, notes) -> None:
    from .media.video import iter_frames

    cpu0 = time.thread_time()
    frames = iter_frames(info, requests, fast_decode=fast_decode, notes=notes)
    try:
        for frame in frames:
            while not stop.is_set():
                try:
                    out.put(frame, timeout=0.1)
                    break
                except queue.Full:
                    continue
            if stop.is_set():
                return
        out.put(_END)
    except BaseException as exc:  # handed to the consumer, re-raised there
        out.put(exc)
    finally:
        frames.close()
        # this thread's share: the planes kept per frame (the decoder's own threads not counted)
        timings["(frame planes thread, CPU)"] = time.thread_time() - cpu0


def run(
    path: str,
    *,
    analyzers: Iterable[VideoAnalyzer | AudioAnalyzer] | None = None,
    cache: LaneCache | None | bool = True,
    cancel: threading.Event | None = None,
    fast_decode: bool = True,
    progress_every_s: float = 0.1,
    preset: str | None = None,
    skip: Iterable[str] = (),
) -> Generator[Progress, None, AnalysisResult]:
    """``skip``: names of analyzers not to run; their lanes are in the
    result as unavailable, 'not run: skipped by the user' (ValueError for a name no analyzer has)."""
    cancel = cancel or threading.Event()
    analyzers = list(analyzers) if analyzers is not None else default_analyzers()
    skip = set(skip)
    unknown = skip - {a.name for a in analyzers}
    if unknown:
        raise ValueError(f"no analyzer named {', '.join(sorted(unknown))}")
    kept = [a for a in analyzers if a.name not in skip]
    made = {n for a in kept for n in _made_by(a)}
    lanes: dict[str, Lane] = {n: Lane.skipped(n) for a in analyzers if a.name in skip
                              for n in _made_by(a) if n not in made}
    analyzers = kept
    yield Progress("probe", 0, 1)
    info = probe(path)
    yield Progress("probe", 1, 1)
    lane_cache = LaneCache() if cache is True else (cache or None)

    todo: list = []
    keys: dict[int, str] = {}
    producer: dict[str, str] = {}  # lane name -> cache key of the analyzer that makes it
    dependent = [a for a in analyzers if a.depends_on]
    cached_dependent: dict[int, dict] = {}
    cached_warnings: list[list[str]] = []  # what the decodes that made the cached lanes said
    cached_grid = None  # the frames the decoder showed, when fewer than the probe's grid
    models = models_fingerprint()
    used: set[str] = set()  # keys of the cache entries used
    for a in sorted(analyzers, key=lambda a: bool(a.depends_on)):  # producers first
        params = a.params()
        if a.depends_on:
            params = {**params, "_depends_on": {n: producer.get(n) for n in a.depends_on}}
        key = LaneCache.key(info.identity.key(), a.name, a.version, params, models)
        keys[id(a)] = key
        for n in a.lane_names():
            producer.setdefault(n, key)
        entry = lane_cache.entry(key) if lane_cache else None
        hit = entry["lanes"] if entry is not None else None
        # a lane-reading analyzer's cached lanes stand only on cached lanes: if one it reads
        # is made afresh (a model found damaged), so are its own
        read_cached = all(producer.get(n) in used for n in a.depends_on)
        if hit is not None and all(n in hit for n in a.lane_names()) and read_cached and _models_whole(a):
            used.add(key)
            cached_warnings.append(entry["warnings"])
            if entry["decoded_times"] is not None and isinstance(a, VideoAnalyzer):
                cached_grid = entry["decoded_times"]
            if a.depends_on:
                cached_dependent[id(a)] = hit  # applied after the lanes it depends on
            else:
                for n in a.lane_names():
                    lanes[n] = Lane.from_json(n, hit[n])
        else:
            todo.append(a)
    todo.sort(key=analyzers.index)
    probed_frames = info.frame_count
    if cached_grid is not None and not any(isinstance(a, VideoAnalyzer) for a in todo):
        info = _with_decoded_times(info, cached_grid)  # as the decode that made the lanes showed it
    yield Progress("probe", 1, 1, tuple(lanes), dict(lanes))

    def check_cancel():
        if cancel.is_set():
            raise Cancelled("analysis cancelled")

    fresh: dict[int, list[Lane]] = {}
    timings: dict[str, float] = {}  # seconds spent inside each analyzer (not decoding)
    started = time.perf_counter()
    audio = [a for a in todo if isinstance(a, AudioAnalyzer)]
    video = [a for a in todo if isinstance(a, VideoAnalyzer)]
    # what each decode pass concealed or dropped; cached with the lanes it fed, so a warm
    # cache repeats the warnings of the decode it saved
    audio_notes, video_notes = DecodeNotes("audio"), DecodeNotes("video")

    # -- audio: decoded once in its own thread, beside the video pass ---------------------
    audio_worker = None
    audio_error: list[BaseException] = []
    if audio:
        stop_audio = threading.Event()

        def audio_pass():
            t0 = time.perf_counter()
            cpu0 = time.thread_time()
            try:
                # models load here, beside the video pass's start
                live_audio = _start_all(audio, info, fresh)
                if info.has_audio and live_audio:
                    from .media.audio import iter_audio

                    chunks = iter_audio(info, audio_notes)
                    try:
                        for chunk in chunks:
                            if stop_audio.is_set() or cancel.is_set():
                                return
                            for a in list(live_audio):
                                _guard(a, fresh, live_audio, lambda: a.feed(chunk), timings)
                    finally:
                        chunks.close()
                for a in live_audio:
                    _guard(a, fresh, [], lambda: fresh.__setitem__(id(a), a.finish()), timings)
            except BaseException as exc:  # re-raised in the caller
                audio_error.append(exc)
            finally:
                timings["(audio thread, wall)"] = time.perf_counter() - t0
                timings["(audio thread, CPU)"] = time.thread_time() - cpu0

        audio_worker = threading.Thread(target=audio_pass, name="reelstudio-audio", daemon=True)
        audio_worker.start()

    audio_collected = []

    def join_audio():
        if audio_worker is None or audio_collected:
            return
        audio_worker.join()
        if audio_error:
            raise audio_error[0]
        check_cancel()
        _collect(audio, fresh, lanes)
        audio_collected.append(True)

    # analyzers that read other lanes start, each in a thread, as soon as their own pass is
    # over and the lanes they read exist: subtitle sync (0.6 s of alignment) then runs beside
    # the cut model's last window instead of after it
    early: dict[int, _EarlyRun] = {}
    fresh_ids = {id(a) for a in todo if not a.depends_on}

    def start_dependents():
        for a in dependent:
            if id(a) in early or id(a) in cached_dependent or id(a) not in fresh or cancel.is_set():
                continue
            own = fresh[id(a)]
            if own and all(lane.status != "ok" for lane in own):
                continue  # its own pass made nothing to refine (no audio): applied below
            ready = dict(lanes)
            for k, got in list(fresh.items()):
                if k in fresh_ids:
                    ready.update({lane.name: lane for lane in got})
            if all(n in ready for n in a.depends_on):
                early[id(a)] = _EarlyRun(a, ready, timings)

    def poll_audio():
        """Publish the audio lanes as soon as the audio pass is over; start the analyzers
        that read lanes once those lanes exist."""
        if audio_worker is not None and not audio_worker.is_alive() and not audio_collected:
            join_audio()
        if dependent and (audio_worker is None or audio_collected):
            start_dependents()

    # -- video: one decode pass fanned out -------------------------------------------------
    cv_threads = _one_opencv_thread()
    try:
        if video:
            info = yield from _video_pass(video, info, fresh, lanes, timings, check_cancel, fast_decode,
                                          progress_every_s, poll_audio, video_notes)
        join_audio()
    finally:
        if audio_worker is not None and audio_worker.is_alive():
            stop_audio.set()
            for a in audio:  # a recogniser working in a child process is stopped, not awaited
                abort = getattr(a, "abort", None)
                if abort is not None:
                    abort()
            audio_worker.join()
        _restore_opencv_threads(cv_threads)
        for run_ in early.values():  # short and not cancellable: nothing is left running
            run_.thread.join()

    for name, reason in MODEL_LANES_PENDING.items():
        lanes.setdefault(name, Lane.unavailable(name, reason))
    # analyzers that read other lanes, in analyzer order
    for a in dependent:
        if id(a) in cached_dependent:
            hit = cached_dependent[id(a)]
            lanes.update({n: Lane.from_json(n, hit[n]) for n in a.lane_names()})
        elif id(a) in fresh and all(lane.status != "ok" for lane in fresh[id(a)]) and fresh[id(a)]:
            lanes.update({lane.name: lane for lane in fresh[id(a)] if lane.name not in lanes})
        else:
            check_cancel()
            run_ = early.get(id(a))
            if run_ is not None:
                run_.thread.join()
                if run_.error is not None:
                    raise run_.error
                fresh[id(a)] = run_.result
            else:
                fresh[id(a)] = _finish_with(a, dict(lanes), timings)
            lanes.update({lane.name: lane for lane in fresh[id(a)]})
    yield Progress("finish", 1, 1, tuple(lanes), dict(lanes))
    said = {"audio": audio_notes.sentences(), "video": video_notes.sentences()}
    warnings = list(info.warnings) + said["video"] + said["audio"]
    for hit in cached_warnings:
        warnings += hit
    info = dataclasses.replace(info, warnings=tuple(dict.fromkeys(warnings)))
    # write to the cache only once every lane is whole
    if lane_cache:
        for a in todo:
            got = {lane.name: lane for lane in fresh.get(id(a), [])}
            # a lane whose words model failed is not whole either: once repaired, it runs again
            if got and all(got[n].status == "ok" and got[n].data.get("words_status", "ok") == "ok"
                           for n in a.lane_names() if n in got):
                if isinstance(a, AudioAnalyzer):
                    lane_cache.put(keys[id(a)], {n: got[n].to_json() for n in got}, warnings=said["audio"])
                else:
                    grid = None if info.frame_count == probed_frames else \
                        [info.timebase.frame_to_seconds(i) for i in range(info.frame_count)]
                    lane_cache.put(keys[id(a)], {n: got[n].to_json() for n in got}, warnings=said["video"],
                                   decoded_times=grid)
    timings["(total)"] = time.perf_counter() - started
    # flags, checklist and score for the platform preset (None: the default preset)
    return AnalysisResult(source=info, lanes=lanes, timings=timings).evaluated(preset)


def _models_whole(a) -> bool:
    """The analyzer's models are there and match their sha256: only then may its cached
    lanes stand in for a run (which would find the damage and say so)."""
    verify = getattr(a, "verify_models", None)  # analyzers outside the base classes have none
    try:
        if verify is not None:
            verify()
    except ReelStudioError:
        return False
    return True


def _finish_with(a, lanes: dict[str, Lane], timings: dict) -> list[Lane]:
    """A lane-reading analyzer's step; if it fails, its own lanes are unavailable (the lanes
    it would have refined stay as they were)."""
    t0 = time.perf_counter()
    try:
        return list(a.finish_with(lanes))
    except (Cancelled, KeyboardInterrupt, GeneratorExit):
        raise
    except Exception as exc:  # noqa: BLE001 - keep the lanes it would have refined
        return [Lane.failed(n, exc, _failure(a, exc)) for n in a.lane_names() if n not in lanes]
    finally:
        timings[a.name] = timings.get(a.name, 0.0) + time.perf_counter() - t0


class _EarlyRun:
    """``_finish_with`` in a thread of its own, started once the lanes it reads exist."""

    def __init__(self, a, lanes: dict[str, Lane], timings: dict):
        self.result: list[Lane] = []
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._work, args=(a, lanes, timings),
                                       name=f"reelstudio-{a.name}", daemon=True)
        self.thread.start()

    def _work(self, a, lanes, timings) -> None:
        try:
            self.result = _finish_with(a, lanes, timings)
        except BaseException as exc:  # re-raised by the caller
            self.error = exc


def _one_opencv_thread() -> int | None:
    """OpenCV splits each call over its own thread pool; with every analyzer already in a
    thread of its own that only adds hand-offs (a 270x480 -> 135x240 RGB reduction: 0.056
    CPU-ms on two OpenCV threads, 0.027 on one; the reel's whole pass: ~0.4 CPU-s less).
    Returns the previous setting for ``_restore_opencv_threads``."""
    try:
        import cv2
    except ImportError:  # pragma: no cover - a dependency; the lanes that need it report it
        return None
    before = cv2.getNumThreads()
    cv2.setNumThreads(1)
    return before


def _restore_opencv_threads(before: int | None) -> None:
    if before is not None:
        import cv2

        cv2.setNumThreads(before)


class _AnalyzerThread:
    """One video analyzer fed in a thread of its own, in frame order, through a short queue.

    The analyzers' heavy steps (ONNX Runtime, OpenCV, numpy) release the GIL, so on two cores
    the face detector, the cut model and the text detector overlap instead of queueing behind
    each other on one thread (60 s 1080x1920 reel: the serial pass spent 9.5 s inside the
    analyzers one after another)."""

    DEPTH = 48  # frames waiting for this analyzer; the decoder waits when one falls behind

    def __init__(self, a, info, req, fresh, live, timings, cancel: threading.Event):
        self.a, self.info, self.req, self.fresh, self.live, self.timings = a, info, req, fresh, live, timings
        self.cancel = cancel
        self.q: queue.Queue = queue.Queue(maxsize=self.DEPTH)
        self.error: list[BaseException] = []
        self.thread = threading.Thread(target=self._work, name=f"reelstudio-{a.name}", daemon=True)
        self.thread.start()

    def put(self, item) -> None:
        while not self.cancel.is_set():
            try:
                self.q.put(item, timeout=0.1)
                return
            except queue.Full:
                if not self.thread.is_alive():
                    return

    def _work(self) -> None:
        a = self.a
        cpu0 = time.thread_time()
        try:
            # the model loads in this thread, while the decoder starts and the others load theirs
            if not _start_all([a], self.info, self.fresh) and a in self.live:
                self.live.remove(a)
            while True:
                item = self.q.get()
                if self.cancel.is_set():
                    return
                if isinstance(item, np.ndarray):  # the end: the frames' times
                    if a in self.live:
                        _guard(a, self.fresh, [], lambda: self.fresh.__setitem__(id(a), a.finish(item)), self.timings)
                    return
                if a not in self.live:  # failed: drain until the end
                    continue
                # a lazy analyzer gets a callable and makes only the pictures it looks at
                image = item.images.ref(self.req) if a.lazy_picture else None

                def step():
                    a.feed(item.index, image if image is not None else item.images[self.req])

                _guard(a, self.fresh, self.live, step, self.timings)
        except BaseException as exc:  # Cancelled, or a bug outside the guard: re-raised by the pass
            self.error.append(exc)
            self.cancel.set()
        finally:
            self.timings[f"({a.name} thread, CPU)"] = time.thread_time() - cpu0


def _video_pass(video, info, fresh, lanes, timings, check_cancel, fast_decode, progress_every_s, poll_audio,
                notes):
    """Decode the video once in a thread and feed every video analyzer (each in its own
    thread); returns the source info with the frame grid the decoder actually showed."""
    live = list(video)  # each analyzer starts in its own thread; one that cannot leaves this list
    times: list[float] = []
    if live:
        requests = {id(a): a.frame_request(info).resolved(info) for a in live}
        from .media.video import queued_bytes

        # deep enough that the decoder keeps going while a model chews on a 250-frame window,
        # bounded in bytes
        per_frame = queued_bytes(info, list(requests.values()))
        frames: queue.Queue = queue.Queue(maxsize=int(max(16, min(320, QUEUE_BYTES // max(1, per_frame)))))
        stop = threading.Event()
        worker = threading.Thread(target=_decode_thread, name="reelstudio-decode",
                                  args=(info, list(requests.values()), frames, stop, fast_decode, timings, notes),
                                  daemon=True)
        worker.start()
        halt = threading.Event()  # set by a failing analyzer thread, or when the pass ends early
        workers = [_AnalyzerThread(a, info, requests[id(a)], fresh, live, timings, halt) for a in list(live)]
        total = info.frame_count
        waited = 0.0
        finished = False
        try:
            last = time.monotonic()
            while True:
                t_wait = time.perf_counter()
                item = frames.get()
                waited += time.perf_counter() - t_wait
                if item is _END:
                    break
                if isinstance(item, BaseException):
                    raise item
                check_cancel()
                for w in workers:
                    if w.error:
                        raise w.error[0]
                    w.put(item)
                times.append(item.pts_s)
                if time.monotonic() - last > progress_every_s:
                    last = time.monotonic()
                    poll_audio()
                    _publish_failed(video, live, fresh, lanes)  # a damaged model is said at once
                    yield Progress("video", len(times), max(total, len(times)), tuple(lanes), dict(lanes))
            if len(times) < info.frame_count and not (notes.dropped or notes.concealed):
                notes.undecoded = info.frame_count - len(times)
            info = _with_decoded_times(info, times)
            frame_times = np.asarray([info.timebase.frame_to_seconds(i) for i in range(len(times))])
            for w in workers:
                w.put(frame_times)
            for w in workers:
                while w.thread.is_alive():
                    w.thread.join(timeout=progress_every_s)
                    check_cancel()
                    if w.thread.is_alive():
                        poll_audio()
                        yield Progress("video", len(times), max(total, len(times)), tuple(lanes), dict(lanes))
                if w.error:
                    raise w.error[0]
            finished = True
        finally:
            timings["(waiting for decoder)"] = waited
            stop.set()
            if not finished:
                halt.set()
            while worker.is_alive():
                try:  # unblock a producer waiting on a full queue
                    frames.get_nowait()
                except queue.Empty:
                    pass
                worker.join(timeout=0.05)
            for w in workers:
                while w.thread.is_alive():
                    try:  # unblock the analyzer thread's get
                        w.q.put_nowait(None)
                    except queue.Full:
                        pass
                    w.thread.join(timeout=0.05)
    _collect(video, fresh, lanes)

    return info


def _publish_failed(video, live, fresh, lanes) -> None:
    """The lanes of video analyzers that have already failed (a model missing or damaged at
    their start): final, so shown now rather than at the end of a long pass."""
    for a in video:
        if a not in live and id(a) in fresh and not a.depends_on:
            for lane in fresh[id(a)]:
                lanes.setdefault(lane.name, lane)


def _start_all(analyzers, info, fresh) -> list:
    live = []
    for a in analyzers:
        try:
            a.start(info)
            live.append(a)
        except ReelStudioError as exc:
            fresh[id(a)] = [Lane.failed(n, exc) for n in a.lane_names()]
    return live


def _guard(a, fresh, live, call: Callable[[], None], timings: dict | None = None) -> None:
    """Run one analyzer step; a failing analyzer becomes an unavailable lane, not a dead run."""
    t0 = time.perf_counter()
    try:
        call()
    except (Cancelled, KeyboardInterrupt, GeneratorExit):
        raise
    except Exception as exc:  # noqa: BLE001 - one lane's bug must not sink the others
        fresh[id(a)] = [Lane.failed(n, exc, _failure(a, exc)) for n in a.lane_names()]
        if a in live:
            live.remove(a)
    finally:
        if timings is not None:
            timings[a.name] = timings.get(a.name, 0.0) + time.perf_counter() - t0


def _failure(a, exc: Exception) -> str:
    """The reason of a lane whose analyzer raised: a model's own words, else the bug's."""
    from .errors import ModelError

    return str(exc) if isinstance(exc, ModelError) else f"{a.name} failed: {exc.__class__.__name__}: {exc}"


def _collect(analyzers, fresh, lanes) -> None:
    for a in analyzers:
        if a.depends_on:  # their lanes are applied after every other lane exists
            continue
        for lane in fresh.get(id(a), []):
            lanes[lane.name] = lane


def _with_decoded_times(info: SourceInfo, times: list[float]) -> SourceInfo:
    """The grid is what the decoder showed: keep the probe's grid when they agree."""
    if not times or len(times) == info.frame_count:
        return info
    cfr = frame_times_are_constant(times, info.fps)
    tb = Timebase(info.fps, len(times), () if cfr else tuple(times))
    step = float(1 / info.fps) if cfr or len(times) < 2 else times[-1] - times[-2]
    return dataclasses.replace(info, timebase=tb, duration_s=times[-1] + step)


def analyze(path: str, on_progress: Callable[[Progress], None] | None = None, **kwargs) -> AnalysisResult:
    """Run the generator to the end (for callers that do not need to interleave work)."""
    gen = run(path, **kwargs)
    try:
        while True:
            p = next(gen)
            if on_progress:
                on_progress(p)
    except StopIteration as stop:
        return stop.value
