"""One decode pass fanned out to every analyzer; progress, cancellation and cache.

``run(path)`` is a generator: it yields :class:`Progress` between frames and returns the
:class:`AnalysisResult` (``StopIteration.value``). Closing the generator, or setting the
``cancel`` event, stops the decode thread and writes nothing to the cache.

Each analyzer has one ``passes.Job``: its cache key, and the cached entry that stands in for
running it or the lanes its run made. The sound is decoded once in a thread of its own
(``passes.AudioPass``); the picture once, fanned out to a thread per video analyzer
(``passes.VideoPass``); analyzers that read other lanes refine them last (``passes.Dependents``).
"""

from __future__ import annotations

import dataclasses
import threading
import time
from typing import Callable, Generator, Iterable

from .analysis.base import AudioAnalyzer, Lane, VideoAnalyzer
from .cache import LaneCache
from .errors import ReelStudioError
from .media.probe import DecodeNotes, SourceInfo, probe
from .passes import (AudioPass, Dependents, Job, Progress, VideoPass, one_opencv_thread, restore_opencv_threads,
                     with_decoded_times)
from .resources import models_fingerprint
from .result import AnalysisResult

__all__ = ["Progress", "analyze", "default_analyzers", "run"]


def default_analyzers(words_model: str | None = "auto", words_quality: str | None = None, words: bool = True,
                      ocr_languages: tuple[str, ...] | None = None) -> list[VideoAnalyzer | AudioAnalyzer]:
    """Every analyzer; ``words_model`` / ``words_quality``: the speech lane's recogniser
    (see SpeechActivityAnalyzer; default: the stored selection); ``words`` False: the speech
    lane without its words (the user skipped them); ``ocr_languages``: Tesseract's languages
    for the text lane (default: TextAnalyzer's, English and Russian)."""
    from .analysis import BUILTIN, builtin_class, registered

    kwargs = {"text": {"languages": ocr_languages} if ocr_languages else {},
              "speech": {"words": words, "words_model": words_model, "quality": words_quality}}
    made = [builtin_class(name)(**kwargs.get(name, {})) for name in BUILTIN]
    # then the analyzers other modules of reelstudio.analysis registered (analysis.register)
    return made + [cls() for cls in registered()]


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
    lanes = _skipped_lanes(analyzers, set(skip))
    yield Progress("probe", 0, 1)
    probed = probe(path)
    yield Progress("probe", 1, 1)
    lane_cache = LaneCache() if cache is True else (cache or None)
    jobs = _plan([a for a in analyzers if a.name not in skip], probed, lane_cache)
    info = _apply_cached(jobs, lanes, probed)
    yield Progress("probe", 1, 1, dict(lanes))

    timings: dict[str, float] = {}  # seconds spent inside each analyzer (not decoding)
    started = time.perf_counter()
    in_order = sorted(jobs, key=lambda job: analyzers.index(job.analyzer))
    todo = [job for job in in_order if job.cached is None]
    # what each decode pass concealed or dropped; cached with the lanes it fed, so a warm
    # cache repeats the warnings of the decode it saved
    notes = {"audio": DecodeNotes("audio"), "video": DecodeNotes("video")}
    audio = AudioPass([j for j in todo if isinstance(j.analyzer, AudioAnalyzer)], info, notes["audio"], cancel,
                      timings)
    dependents = Dependents([job for job in in_order if job.reads_lanes], timings, cancel)

    def poll() -> None:  # the audio lanes once that pass is over, then what reads lanes
        if audio.publish(lanes, cancel):
            dependents.start_ready(lanes, todo)

    cv_threads = one_opencv_thread()
    try:
        video = [job for job in todo if isinstance(job.analyzer, VideoAnalyzer)]
        if video:
            info = yield from VideoPass(video, info, notes["video"], fast_decode, timings).run(
                lanes, cancel, poll, progress_every_s)
            _let_picture_models_go(video, audio.jobs)
        audio.publish(lanes, cancel, wait=True)
    finally:
        audio.stop()
        restore_opencv_threads(cv_threads)
        dependents.join()  # short and not cancellable: nothing is left running
    dependents.apply(lanes)
    yield Progress("finish", 1, 1, dict(lanes))
    said = {kind: n.sentences() for kind, n in notes.items()}
    info = _with_warnings(info, said, jobs)
    if lane_cache:
        _store(lane_cache, todo, info, probed.frame_count, said)
    timings["(total)"] = time.perf_counter() - started
    # flags, checklist and score for the platform preset (None: the default preset)
    return AnalysisResult(source=info, lanes=lanes, timings=timings).evaluated(preset)


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


def _made_by(a) -> tuple[str, ...]:
    """The lanes an analyzer makes (a lane-reading one only refines the lanes it reads)."""
    return tuple(n for n in a.lane_names() if n not in a.depends_on)


def _skipped_lanes(analyzers: list, skip: set[str]) -> dict[str, Lane]:
    """The lanes only skipped analyzers make, unavailable: 'not run: skipped by the user'."""
    unknown = skip - {a.name for a in analyzers}
    if unknown:
        raise ValueError(f"no analyzer named {', '.join(sorted(unknown))}")
    made = {n for a in analyzers if a.name not in skip for n in _made_by(a)}
    return {n: Lane.skipped(n) for a in analyzers if a.name in skip for n in _made_by(a) if n not in made}


# -- the cache: which analyzers run, which lanes it holds -------------------------------------

def _plan(analyzers: list, info: SourceInfo, lane_cache: LaneCache | None) -> list[Job]:
    """One job per analyzer, producers first: its cache key and, when the cache holds its
    lanes and its models are whole, the entry that stands in for running it."""
    models = models_fingerprint()
    producer: dict[str, Job] = {}  # lane name -> the job that makes it
    jobs = []
    for a in sorted(analyzers, key=lambda a: bool(a.depends_on)):
        params = a.params()
        if a.depends_on:  # its lanes stand on the lanes it reads
            params = {**params, "_depends_on": {n: producer[n].key if n in producer else None for n in a.depends_on}}
        job = Job(a, LaneCache.key(info.identity.key(), a.name, a.version, params, models))
        for n in a.lane_names():
            producer.setdefault(n, job)
        entry = lane_cache.entry(job.key) if lane_cache else None
        # a lane-reading analyzer's cached lanes stand only on cached lanes: if one it reads
        # is made afresh (a model found damaged), so are its own
        on_cached = all(n in producer and producer[n].cached is not None for n in a.depends_on)
        if entry is not None and all(n in entry["lanes"] for n in a.lane_names()) and on_cached \
                and _models_whole(a):
            job.cached = entry
        jobs.append(job)
    return jobs


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


def _apply_cached(jobs: list[Job], lanes: dict[str, Lane], info: SourceInfo) -> SourceInfo:
    """The cached lanes of analyzers that make lanes (lane-reading ones are applied last);
    returns the source with the frame grid of the decode that made them, when no video
    analyzer runs afresh."""
    grid = None
    for job in jobs:
        if job.cached is None:
            continue
        if not job.reads_lanes:
            lanes.update({n: Lane.from_json(n, job.cached["lanes"][n]) for n in job.analyzer.lane_names()})
        if isinstance(job.analyzer, VideoAnalyzer) and job.cached["decoded_times"] is not None:
            grid = job.cached["decoded_times"]
    fresh_video = any(job.cached is None and isinstance(job.analyzer, VideoAnalyzer) for job in jobs)
    return info if grid is None or fresh_video else with_decoded_times(info, grid)


def _store(lane_cache: LaneCache, todo: list[Job], info: SourceInfo, probed_frames: int,
           said: dict[str, list[str]]) -> None:
    """Each fresh analyzer's lanes, once they are whole, with the warnings of the decode
    that fed them (and its frame grid, when it showed fewer frames than the probe found)."""
    grid = None
    if info.frame_count != probed_frames:
        grid = [info.timebase.frame_to_seconds(i) for i in range(info.frame_count)]
    for job in todo:
        got = job.made()
        # a lane whose words model failed is not whole either: once repaired, it runs again
        if not got or not all(got[n].status == "ok" and got[n].data.get("words_status", "ok") == "ok"
                              for n in job.analyzer.lane_names() if n in got):
            continue
        lanes_json = {n: lane.to_json() for n, lane in got.items()}
        if isinstance(job.analyzer, AudioAnalyzer):
            lane_cache.put(job.key, lanes_json, warnings=said["audio"])
        else:
            lane_cache.put(job.key, lanes_json, warnings=said["video"], decoded_times=grid)


def _with_warnings(info: SourceInfo, said: dict[str, list[str]], jobs: list[Job]) -> SourceInfo:
    """The source with what this run's decodes said, and what the decodes that made the
    cached lanes said."""
    warnings = list(info.warnings) + said["video"] + said["audio"]
    for job in jobs:
        if job.cached is not None:
            warnings += job.cached["warnings"]
    return dataclasses.replace(info, warnings=tuple(dict.fromkeys(warnings)))


def _let_picture_models_go(video_jobs, audio_jobs) -> None:
    """When the words wait for a large picture pass to end (speech.finish_after_picture), the
    picture models' sessions go with it: their arenas would stand beside the words worker (a
    2-hour clip: the analysis held 521 MB while the worker ran)."""
    if not any(getattr(job.analyzer, "finish_after_picture", False) for job in audio_jobs):
        return
    from .resources import release_sessions

    for job in video_jobs:
        if getattr(job.analyzer, "session", None) is not None:
            job.analyzer.session = None
    release_sessions()
