"""Exact frames by index for a player or thumbnails: seek, step forward, step backward.

``FrameReader(path).frame(n)`` is the picture of frame ``n`` on the source grid (the same
numbering as :func:`reelstudio.media.video.iter_frames`), RGB and display-oriented.

How it stays fast:

- the demuxer's packet list, read once, maps every frame index to its PTS and to the
  keyframe a seek must start from;
- the decoder stays positioned: asking for the next frame decodes one more picture, and a
  target a little ahead is reached by decoding forward instead of seeking;
- decoded pictures (the decoder's own YUV, ~1.5 bytes a pixel) stay in an LRU cache with a
  byte budget, so stepping back inside what was decoded costs one colour conversion;
- stepping backward past the cached run starts a background prefetch, on a second decoder,
  of the frames before it.

Thread safety: every public method may be called from any thread; calls are serialised on
one lock (the prefetch runs on its own decoder and only shares the cache).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import Callable

import numpy as np

from ..errors import CorruptMedia
from .frameindex import FrameIndex, build_index
from .probe import SourceInfo, _ff_reason, open_container, pick_video_stream, probe
from .video import _to_display

# A target this close ahead is decoded to even across a keyframe: a seek costs more.
_SHORT_HOP = 6
_READ_AHEAD = 2  # frames decoded ahead in the background while stepping forward


class _Cache:
    """Decoded pictures under a byte budget; thread-safe. Over budget, the picture farthest
    from ``focus`` (the frame last asked for) goes first, else the least recently used: a
    plain LRU evicted the frames just below a backward-stepping cursor (touched long ago, on
    the way forward) to make room for the background fill further below."""

    def __init__(self, budget_bytes: int):
        self.budget = max(0, int(budget_bytes))
        self.focus: int | None = None
        self.used = 0
        self._items: OrderedDict[int, tuple[object, int]] = OrderedDict()
        self._lock = threading.Lock()
        self.changed = threading.Condition(self._lock)

    def get(self, index: int):
        with self._lock:
            item = self._items.get(index)
            if item is None:
                return None
            self._items.move_to_end(index)
            return item[0]

    def __contains__(self, index: int) -> bool:
        with self._lock:
            return index in self._items

    def put(self, index: int, frame, nbytes: int) -> None:
        with self._lock:
            old = self._items.pop(index, None)
            if old is not None:
                self.used -= old[1]
            if nbytes > self.budget:
                self.changed.notify_all()
                return
            self._items[index] = (frame, nbytes)
            self.used += nbytes
            while self.used > self.budget and self._items:
                if self.focus is None:
                    _, (_, size) = self._items.popitem(last=False)
                else:
                    focus = self.focus
                    far = max(self._items, key=lambda k: abs(k - focus))
                    _, size = self._items.pop(far)
                self.used -= size
            self.changed.notify_all()

    def run_below(self, index: int) -> int:
        """The lowest ``lo`` such that every frame in [lo, index] is cached (index+1 if none)."""
        with self._lock:
            lo = index
            while lo in self._items:
                lo -= 1
            return lo + 1

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.used = 0
            self.changed.notify_all()


def _frame_bytes(frame) -> int:
    return sum(p.buffer_size for p in frame.planes)


class _Decoder:
    """One container + decoder, positioned; owned by one thread at a time."""

    def __init__(self, info: SourceInfo, index: FrameIndex, threads: int):
        self.info = info
        self.index = index
        self.container = open_container(info.path)
        self.stream = pick_video_stream(self.container)
        self.stream.thread_type = "AUTO"
        if threads:
            self.stream.codec_context.thread_count = threads
        self._pts_to_index = {p: n for n, p in enumerate(index.pts)}
        self._frames = None  # the running decode generator
        self.position = -1  # index of the last picture this decoder produced
        self.seeks = 0  # counters for tests and the bench
        self.decoded = 0

    def close(self) -> None:
        self._frames = None
        self.container.close()

    def _index_of(self, frame) -> int | None:
        if frame.pts is not None:
            return self._pts_to_index.get(frame.pts)
        return self.position + 1  # no PTS: the decoder's order is presentation order

    def seek_to_keyframe(self, keyframe: int) -> None:
        ts = self.index.seek_ts.get(keyframe, self.index.pts[keyframe])
        try:
            self.container.seek(ts, backward=True, any_frame=False, stream=self.stream)
        except Exception as exc:  # av.error.FFmpegError: some demuxers cannot seek
            raise CorruptMedia(f"{self.info.path}: cannot seek in the video stream ({_ff_reason(exc)})") from None
        self._frames = self.container.decode(self.stream)
        self.position = -1
        self.seeks += 1

    def next(self):
        """The next decoded picture and its index, or (None, None) at the end of the stream."""
        import av

        if self._frames is None:
            return None, None
        while True:
            try:
                frame = next(self._frames)
            except StopIteration:
                self._frames = None
                return None, None
            except av.error.FFmpegError as exc:
                self._frames = None
                raise CorruptMedia(
                    f"{self.info.path}: decoding stopped near frame {self.position + 1} ({_ff_reason(exc)})"
                ) from None
            n = self._index_of(frame)
            if n is None:
                continue  # a picture outside the frame grid (discarded by the edit list)
            self.decoded += 1
            self.position = n
            return frame, n

    def decode_to(self, target: int, keep: Callable[[int, object], None]):
        """Decode until ``target``; every picture passes through ``keep``. Returns the frame."""
        ahead = self._frames is not None and self.position < target
        if ahead and (target - self.position <= _SHORT_HOP
                      or self.index.keyframe_at_or_before(target) <= self.position):
            # no keyframe in between (a seek would restart further back), or just a few frames
            frame, n = self.next()
        else:
            frame, n = self._seek_for(target)
        while True:
            if frame is None:
                raise CorruptMedia(f"{self.info.path}: frame {target} cannot be decoded (the stream ends before it)")
            keep(n, frame)
            if n == target:
                return frame
            if n > target:
                raise CorruptMedia(f"{self.info.path}: frame {target} cannot be decoded (the decoder skipped it)")
            frame, n = self.next()

    def _seek_for(self, target: int):
        """Seek so the next picture is at or before ``target``; returns that first picture."""
        keyframe = self.index.keyframe_at_or_before(target)
        # a demuxer may land after the asked timestamp (seek by DTS vs PTS, sparse index):
        # fall back to earlier keyframes until the first picture is not past the target
        while True:
            self.seek_to_keyframe(keyframe)
            frame, n = self.next()
            if frame is not None and n <= target:
                return frame, n
            if keyframe == 0:
                raise CorruptMedia(f"{self.info.path}: frame {target} cannot be decoded")
            keyframe = self.index.keyframe_at_or_before(keyframe - 1)


class FrameReader:
    """Exact frames of one video by index, display-oriented RGB (see the module doc)."""

    def __init__(self, path: str | os.PathLike, *, cache_mb: float = 256, prefetch: bool = True,
                 threads: int = 0, info: SourceInfo | None = None):
        self.info = info if info is not None else probe(path)
        container = open_container(self.info.path)
        try:
            self.index = build_index(container, pick_video_stream(container))
        finally:
            container.close()
        if len(self.index.pts) != self.info.frame_count:
            raise CorruptMedia(
                f"{self.info.path}: the stream changed while it was read "
                f"({len(self.index.pts)} frames now, {self.info.frame_count} before)")
        self._threads = threads
        self._lock = threading.RLock()
        self._cache = _Cache(int(cache_mb * (1 << 20)))
        self._decoder = _Decoder(self.info, self.index, threads)
        self._scalers: dict = {}
        self._prefetch_enabled = prefetch
        self._prefetch: _Prefetcher | None = None
        self._last_request: int | None = None
        self._ahead_thread: threading.Thread | None = None
        self._ahead_target = -1
        self._closed = False

    # -- public ----------------------------------------------------------------------
    @property
    def frame_count(self) -> int:
        return self.info.frame_count

    def frame_time(self, index: int) -> float:
        return self.info.timebase.frame_to_seconds(index)

    def display_size(self, max_width: int | None = None, max_height: int | None = None) -> tuple[int, int]:
        """The display size scaled down (never up) to fit, aspect kept, even numbers."""
        w, h = self.info.width, self.info.height
        scale = 1.0
        if max_width:
            scale = min(scale, max_width / w)
        if max_height:
            scale = min(scale, max_height / h)
        if scale >= 1.0:
            return w, h
        return max(2, int(w * scale) // 2 * 2), max(2, int(h * scale) // 2 * 2)

    def frame(self, index: int, size: tuple[int, int] | None = None) -> np.ndarray:
        """Frame ``index`` as H x W x 3 uint8 RGB, upright; ``size`` = (width, height) to scale to."""
        index = int(index)
        if not 0 <= index < self.frame_count:
            raise IndexError(f"frame {index} is outside 0..{self.frame_count - 1}")
        with self._lock:
            if self._closed:
                raise ValueError("the FrameReader is closed")
            last, self._last_request = self._last_request, index
            self._cache.focus = index
            stepping = last is not None and 0 < abs(index - last) <= _SHORT_HOP
            if self._prefetch is not None and not stepping:
                self._prefetch.cancel()  # a jump elsewhere: the frames it fetches are not wanted now
            raw = self._raw(index)
            image = self._convert(raw, size)
            if stepping and self._prefetch_enabled:
                if index < last:
                    self._prefetch_before(index)
                else:
                    self._read_ahead(index + _READ_AHEAD)
            return image

    def stats(self) -> dict:
        d = self._decoder
        p = self._prefetch
        return {"seeks": d.seeks, "decoded": d.decoded, "cache_bytes": self._cache.used,
                "prefetched": p.decoded if p else 0}

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self._prefetch is not None:
                self._prefetch.stop()
            if self._ahead_thread is not None:
                self._ahead_wake.set()
            self._decoder.close()
            self._cache.clear()

    def __enter__(self) -> "FrameReader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- internals -------------------------------------------------------------------
    def _keep(self, n: int, frame) -> None:
        self._cache.put(n, frame, _frame_bytes(frame))

    def _raw(self, index: int):
        frame = self._cache.get(index)
        if frame is not None:
            return frame
        p = self._prefetch
        if p is not None and p.covers(index):
            frame = p.wait_for(index, self._cache)
            if frame is not None:
                return frame
        return self._decoder.decode_to(index, self._keep)

    def _convert(self, frame, size: tuple[int, int] | None) -> np.ndarray:
        from av.video.reformatter import VideoReformatter

        info = self.info
        w, h = size if size else (info.width, info.height)
        w, h = int(w), int(h)
        turned = info.rotation in (90, 270)
        cw, ch = (h, w) if turned else (w, h)
        scaler = self._scalers.get((cw, ch))
        if scaler is None:
            scaler = self._scalers[(cw, ch)] = VideoReformatter()
        # BILINEAR: a picture for the eye, scaled once; the analysis path uses AREA
        out = scaler.reformat(frame, width=cw, height=ch, format="rgb24", interpolation="BILINEAR")
        # contiguous rows (the decoder pads them): Qt and PIL take the buffer as it is
        return np.ascontiguousarray(_to_display(out.to_ndarray(), info.rotation))

    def _read_ahead(self, target: int) -> None:
        """Stepping forward: decode the next frames while the caller shows this one."""
        target = min(target, self.frame_count - 1)
        d = self._decoder
        if target <= d.position or target - d.position > _SHORT_HOP or target in self._cache:
            return
        self._ahead_target = target
        if self._ahead_thread is None:
            self._ahead_wake = threading.Event()
            self._ahead_thread = threading.Thread(target=self._ahead_work, name="reelstudio-frame-readahead",
                                                  daemon=True)
            self._ahead_thread.start()
        self._ahead_wake.set()

    def _ahead_work(self) -> None:
        while True:
            self._ahead_wake.wait()
            self._ahead_wake.clear()
            with self._lock:
                if self._closed:
                    return
                target, d = self._ahead_target, self._decoder
                if d.position < target <= d.position + _SHORT_HOP and d._frames is not None:
                    try:
                        d.decode_to(target, self._keep)
                    except Exception:  # noqa: BLE001 - a request for that frame reports it
                        pass

    def _prefetch_before(self, index: int) -> None:
        lo = self._cache.run_below(index)
        frames_fit = max(1, self._cache.budget // max(1, self._frame_bytes_estimate()))
        span = max(8, min(frames_fit // 2, 120))
        if index - lo >= span // 2 or lo <= 0:
            return  # enough cached below, or the start of the clip
        if self._prefetch is None:
            self._prefetch = _Prefetcher(self.info, self.index, self._threads, self._cache)
        start = max(0, lo - span)
        self._prefetch.request(start, lo)

    def _frame_bytes_estimate(self) -> int:
        return self.info.coded_width * self.info.coded_height * 3 // 2


class _Prefetcher:
    """A background decoder that fills the cache with frames [start, stop)."""

    def __init__(self, info: SourceInfo, index: FrameIndex, threads: int, cache: _Cache):
        self._info, self._index, self._threads, self._cache = info, index, threads, cache
        self._decoder: _Decoder | None = None
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._job: tuple[int, int] | None = None  # queued
        self._running: tuple[int, int] | None = None  # being decoded
        self._stop = False
        self._cancelled = False
        self.decoded = 0
        self._thread = threading.Thread(target=self._work, name="reelstudio-frame-prefetch", daemon=True)
        self._thread.start()

    def request(self, start: int, stop: int) -> None:
        with self._lock:
            if self._running is not None and self._running[0] <= start and stop <= self._running[1]:
                return
            self._job = (start, stop)
            self._wake.notify_all()

    def cancel(self) -> None:
        with self._lock:
            self._job = None
            self._cancelled = True

    def covers(self, index: int) -> bool:
        with self._lock:
            running = None if self._cancelled else self._running
            return any(j is not None and j[0] <= index < j[1] for j in (running, self._job))

    def wait_for(self, index: int, cache: _Cache, timeout: float = 5.0):
        """The picture once the prefetch has decoded it; None if it will not."""
        with cache.changed:
            ok = cache.changed.wait_for(lambda: index in cache._items or not self.covers(index), timeout)
        return cache.get(index) if ok else None

    def stop(self) -> None:
        with self._lock:
            self._stop = True
            self._job = None
            self._wake.notify_all()
        self._thread.join(timeout=5)
        if self._decoder is not None:
            self._decoder.close()

    def _work(self) -> None:
        while True:
            with self._lock:
                while self._job is None and not self._stop:
                    self._wake.wait()
                if self._stop:
                    return
                job, self._job = self._job, None
                self._running = job
                self._cancelled = False
            try:
                self._fill(*job)
            except Exception:  # noqa: BLE001 - a failed prefetch only means the reader decodes itself
                pass
            finally:
                with self._lock:
                    self._running = None
                with self._cache.changed:
                    self._cache.changed.notify_all()

    def _fill(self, start: int, stop: int) -> None:
        if self._decoder is None:
            self._decoder = _Decoder(self._info, self._index, self._threads)
        d = self._decoder
        todo = [n for n in range(start, stop) if n not in self._cache]
        if not todo:
            return

        def keep(n, frame):
            with self._lock:
                if self._stop or self._cancelled or self._job is not None:
                    raise _Abandoned  # cancelled, or a newer job: drop this one
            if start <= n < stop:
                self._cache.put(n, frame, _frame_bytes(frame))
                self.decoded += 1

        try:
            d.decode_to(todo[0], keep)
            while d.position < todo[-1]:  # on through any keyframe: a seek would skip frames
                frame, n = d.next()
                if frame is None:
                    return
                keep(n, frame)
        except _Abandoned:
            pass


class _Abandoned(Exception):
    pass
