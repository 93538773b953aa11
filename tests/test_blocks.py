"""Per-frame values kept in numpy blocks (analysis.base.Blocks)."""

import numpy as np

from reelstudio.analysis.base import Blocks


def test_values_come_back_in_order_across_blocks_and_after_a_join():
    store = Blocks(np.float64, block=4)
    for v in range(10):
        store.append(v / 3)
    assert len(store) == 10
    assert store.array().tolist() == [v / 3 for v in range(10)]
    store.append(99.0)  # appending goes on after a join
    store.extend(np.arange(5))
    assert store.array().tolist() == [v / 3 for v in range(10)] + [99.0, 0, 1, 2, 3, 4]
    assert np.shares_memory(store.array(), store.array())  # joined once, then kept


def test_arrays_of_a_shape_and_an_empty_store():
    store = Blocks(np.uint8, (2, 3), block=3)
    assert store.array().shape == (0, 2, 3)
    for v in range(7):
        store.append(np.full((2, 3), v, np.uint8))
    out = store.array()
    assert out.shape == (7, 2, 3) and out[:, 0, 0].tolist() == list(range(7))


def test_extend_fills_blocks_exactly():
    store = Blocks(np.int16, block=5)
    store.extend(np.arange(3, dtype=np.int16))
    store.extend(np.arange(3, 15, dtype=np.int16))
    assert store.array().tolist() == list(range(15))
