"""The decode fan-out: one reader thread, a bounded queue per consumer, one end marker."""

import threading
import time

import pytest

from reelstudio.media.fanout import FanOut


def _consume(fan, k, out):
    try:
        out[k] = list(fan.consumer(k))
    except Exception as exc:  # noqa: BLE001 - what the consumer saw
        out[k] = exc


def test_every_consumer_gets_every_item_in_order():
    fan = FanOut(range(500), consumers=3, depth=4)
    out = {}
    threads = [threading.Thread(target=_consume, args=(fan, k, out)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    assert all(out[k] == list(range(500)) for k in range(3))
    assert fan.ended and fan.error is None
    fan.close()
    fan.close()  # safe twice


def test_a_reader_error_reaches_the_consumer_after_the_items_before_it():
    def items():
        yield 1
        yield 2
        raise ValueError("damaged")

    fan = FanOut(items(), consumers=2, depth=8)
    for k in range(2):
        got = []
        with pytest.raises(ValueError, match="damaged"):
            for item in fan.consumer(k):
                got.append(item)
        assert got == [1, 2]
    fan.close()


def test_a_consumer_that_leaves_does_not_hold_the_others_back():
    fan = FanOut(range(1000), consumers=2, depth=2)
    first = fan.consumer(0)
    assert next(first) == 0
    first.close()  # leaves
    assert list(fan.consumer(1)) == list(range(1000))
    fan.close()


def test_close_stops_the_reader_and_wakes_a_waiting_consumer():
    closed = threading.Event()

    def endless():
        try:
            n = 0
            while True:
                yield n
                n += 1
        finally:
            closed.set()  # the source is closed in the reader's own thread

    fan = FanOut(endless(), consumers=1, depth=2, name="test-reader")
    seen = []
    worker = threading.Thread(target=lambda: seen.extend(fan.consumer(0)))
    worker.start()
    time.sleep(0.05)
    fan.close()
    worker.join(2)
    assert not worker.is_alive() and fan.closed and not fan.ended
    assert closed.is_set() and not fan.reading
    assert not [t for t in threading.enumerate() if t.name == "test-reader"]
    fan.close()
