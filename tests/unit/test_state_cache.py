"""The KV state cache counts every byte a state holds, so a long run stays within its memory."""

from dataclasses import dataclass

import numpy as np

from service.engine import bounded_state_cache, state_bytes


@dataclass
class FakeState:
    llama_state_size: int
    scores: np.ndarray
    input_ids: np.ndarray


def test_logits_copies_count_toward_the_capacity() -> None:
    capacity = 10 * 1024 * 1024
    cache = bounded_state_cache(capacity)
    for i in range(20):
        # 1 MB of KV bytes but 4 MB of logits: the stock cache would keep all 20 (20 MB "of KV").
        cache[(i, i + 1)] = FakeState(1 << 20, np.zeros((1024, 1024), dtype=np.float32), np.zeros(8))
    assert cache.cache_size <= capacity
    assert len(cache.cache_state) == capacity // state_bytes(next(iter(cache.cache_state.values())))
    assert (19, 20) in cache.cache_state  # the most recent state is kept
