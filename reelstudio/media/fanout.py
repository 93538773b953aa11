"""One reader thread feeding each consumer through a bounded queue of its own.

The shape of PySceneDetect's ``FanOutVideoStream``: the reader puts every item into each
consumer's queue in turn (waiting while one is full, so the slowest consumer sets the pace),
then one end marker. A reader error reaches each consumer after the items before it.
``close()`` stops the reader and wakes every consumer; it may be called twice.
"""

from __future__ import annotations

import queue
import threading
from typing import Callable, Iterable, Iterator

_END = object()  # the one end marker: after the last item, after a reader error, or on close()
_POLL_S = 0.1  # how often a waiting put looks whether it should give up


def put_until(q: queue.Queue, item, stopped: Callable[[], bool]) -> bool:
    """Put ``item``, waiting while ``q`` is full; False if ``stopped()`` turned true first."""
    while not stopped():
        try:
            q.put(item, timeout=_POLL_S)
            return True
        except queue.Full:
            continue
    return False


def _drain(q: queue.Queue) -> None:
    try:
        while True:
            q.get_nowait()
    except queue.Empty:
        pass


class FanOut:
    """``items`` iterated once in a thread named ``name``; consumer ``k`` reads them in order
    from ``consumer(k)``. A consumer that stops reading calls ``leave(k)`` (done for it when
    its iterator is closed) and the reader goes on without it."""

    def __init__(self, items: Iterable, consumers: int = 1, depth: int = 8, name: str = "reelstudio-reader"):
        self._queues = [queue.Queue(maxsize=max(1, depth)) for _ in range(consumers)]
        self._left = [False] * consumers
        self._stop = threading.Event()
        self.error: BaseException | None = None  # what the reader raised, if anything
        self.ended = False  # the reader went through every item
        self._thread = threading.Thread(target=self._read, args=(items,), name=name, daemon=True)
        self._thread.start()

    @property
    def reading(self) -> bool:
        return self._thread.is_alive()

    @property
    def closed(self) -> bool:
        return self._stop.is_set()

    def join(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)

    def _put(self, k: int, item) -> bool:
        """Hand ``item`` to consumer ``k``; False once the fan-out is closed."""
        return put_until(self._queues[k], item, lambda: self._stop.is_set() or self._left[k]) \
            or not self._stop.is_set()

    def _read(self, items: Iterable) -> None:
        source = iter(items)
        try:
            for item in source:
                for k in range(len(self._queues)):
                    if not self._put(k, item):
                        return
            self.ended = True
        except BaseException as exc:  # raised at each consumer, after the items before it
            self.error = exc
        finally:
            close = getattr(source, "close", None)
            if close is not None:  # a generator stopped early runs its cleanup in its own thread
                close()
            for k in range(len(self._queues)):
                self._put(k, _END)

    def consumer(self, k: int) -> Iterator:
        """Consumer ``k``'s items in order; then the reader's error, if it had one. After
        ``close()`` it ends quietly (check ``closed`` to tell that from the real end)."""
        q = self._queues[k]
        try:
            while True:
                item = q.get()
                if item is _END:
                    if self.error is not None and not self._stop.is_set():
                        raise self.error
                    return
                yield item
        finally:
            self.leave(k)

    def leave(self, k: int) -> None:
        """Consumer ``k`` reads no more: the reader stops feeding it."""
        self._left[k] = True
        _drain(self._queues[k])

    def close(self) -> None:
        """Stop the reader, wait for it, and wake every consumer; safe to call again."""
        self._stop.set()
        while self._thread.is_alive():
            for q in self._queues:  # a reader waiting on a full queue gives up within _POLL_S
                _drain(q)
            self._thread.join(timeout=0.05)
        for q in self._queues:
            _drain(q)
            q.put_nowait(_END)  # a consumer waiting in get() wakes and ends

    def __enter__(self) -> "FanOut":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
