"""The batch scheduler's bookkeeping, driven through a scripted context (no model)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from service.providers.batch_scheduler import BatchScheduler, Completion, NoRoom

END = 0


class Counting:
    """A context whose 'model' answers token t with t + 1, and ends after `last` (then END)."""

    def __init__(self, last: int = 9, prefix: int = 0) -> None:
        """`prefix`: how many leading prompt tokens `start` claims to load from a prefix state."""
        self.last = last
        self.prefix = prefix
        self.batches: list[list[tuple[int, int, int, bool]]] = []
        self.held: dict[int, list[int]] = {}
        self.started: list[tuple[int, list[int]]] = []
        self.resets = 0
        self.start_error: Callable[[int, list[int]], Exception | None] = lambda seq, tokens: None
        self.decode_error: Exception | None = None
        self.hold_decoding = threading.Event()
        self.hold_decoding.set()
        self._entries: list[tuple[int, int, int, bool]] = []

    def start(self, seq: int, tokens: list[int], grammar: str | None) -> int:
        """Record the slot; fail as scripted."""
        error = self.start_error(seq, tokens)
        if error is not None:
            raise error
        assert seq not in self.held, "a slot was given out twice"
        self.started.append((seq, tokens))
        self.held[seq] = list(tokens[: self.prefix])
        return self.prefix

    def decode(self, entries: list[tuple[int, int, int, bool]]) -> None:
        """Check every token lands right after what its sequence holds."""
        assert self.hold_decoding.wait(10)
        if self.decode_error is not None:
            raise self.decode_error
        for token, pos, seq, _ in entries:
            assert pos == len(self.held[seq]), (seq, pos, len(self.held[seq]))
            self.held[seq].append(token)
        self.batches.append(list(entries))
        self._entries = entries

    def sample(self, seq: int, index: int) -> int:
        """The next number, END after `last`."""
        token, _, owner, wants = self._entries[index]
        assert owner == seq and wants
        return END if token >= self.last else token + 1

    def is_end(self, token: int) -> bool:
        """END ends."""
        return token == END

    def text(self, tokens: list[int]) -> str:
        """Numbers separated by spaces."""
        return " ".join(map(str, tokens))

    def end(self, seq: int) -> None:
        """Free the slot."""
        del self.held[seq]

    def reset(self) -> None:
        """Free every slot."""
        self.resets += 1
        self.held.clear()


def together(scheduler: BatchScheduler, prompts: list[list[int]], **kwargs: object) -> list[Completion]:
    """Submit all prompts at once from threads of their own."""
    with ThreadPoolExecutor(len(prompts)) as pool:
        futures = [pool.submit(scheduler.submit, p, None, **kwargs) for p in prompts]  # type: ignore[arg-type]
        return [f.result(timeout=10) for f in futures]


def test_calls_sent_together_decode_in_one_batch_each_with_its_own_answer() -> None:
    kv = Counting(last=9)
    scheduler = BatchScheduler(kv, size=3, n_batch=64, n_ctx=100, gather_s=1.0)
    done = together(scheduler, [[1, 2, 3], [4, 5], [7]], max_tokens=50)
    scheduler.close()
    assert [d.tokens for d in done] == [(4, 5, 6, 7, 8, 9), (6, 7, 8, 9), (8, 9)]
    assert [d.finish_reason for d in done] == ["stop"] * 3
    assert [d.prompt_tokens for d in done] == [3, 2, 1]
    # The three prompts were read in one batch, and each generated token was fed back with its own slot.
    assert sorted(seq for _, _, seq, _ in kv.batches[0]) == [0, 0, 0, 1, 1, 2]
    assert max(len(b) for b in kv.batches[1:]) == 3


def test_max_tokens_and_stop_strings_end_a_sequence() -> None:
    kv = Counting(last=1000)
    scheduler = BatchScheduler(kv, size=2, n_batch=64, n_ctx=100, gather_s=0.5)
    capped, stopped = together(scheduler, [[10], [20]], max_tokens=4)
    assert (capped.tokens, capped.finish_reason) == ((11, 12, 13, 14), "length")
    assert stopped.finish_reason == "length"
    (cut,) = together(scheduler, [[30]], max_tokens=50, stop=("33",))
    scheduler.close()
    assert (cut.tokens, cut.finish_reason) == ((31, 32, 33), "stop")


def test_more_calls_than_slots_wait_for_a_free_slot() -> None:
    kv = Counting(last=40)
    scheduler = BatchScheduler(kv, size=2, n_batch=64, n_ctx=100, gather_s=0.5)
    prompts = [[start] for start in (30, 32, 34, 36, 38)]
    done = together(scheduler, prompts, max_tokens=50)
    scheduler.close()
    assert [d.tokens[-1] for d in done] == [40] * 5
    assert [len(d.tokens) for d in done] == [10, 8, 6, 4, 2]
    assert max(len({seq for _, _, seq, _ in batch}) for batch in kv.batches) == 2
    assert {seq for seq, _ in kv.started} == {0, 1}


def test_a_long_prompt_is_read_in_chunks_beside_the_other_sequences() -> None:
    kv = Counting(last=205)
    scheduler = BatchScheduler(kv, size=2, n_batch=8, n_ctx=300, gather_s=0.5)
    long, short = together(scheduler, [list(range(1, 21)), [200]], max_tokens=3)
    scheduler.close()
    assert long.tokens == (21, 22, 23) and short.tokens == (201, 202, 203)
    assert all(len(batch) <= 8 for batch in kv.batches)
    # Logits only where an answer token is sampled: once per prompt, then every generated token.
    assert sum(wants for batch in kv.batches for *_, wants in batch) == 6


def test_the_prefix_the_context_loaded_is_not_evaluated_again() -> None:
    kv = Counting(last=99, prefix=3)
    scheduler = BatchScheduler(kv, size=1, n_batch=64, n_ctx=100, gather_s=0.0)
    done = scheduler.submit([5, 6, 7, 50], None, max_tokens=2)
    scheduler.close()
    assert done.tokens == (51, 52)
    assert [token for token, *_ in kv.batches[0]] == [50]


def test_a_prompt_longer_than_the_window_is_refused_at_once() -> None:
    scheduler = BatchScheduler(Counting(), size=2, n_batch=64, n_ctx=10, gather_s=0.0)
    with pytest.raises(ValueError, match="exceed context window"):
        scheduler.submit(list(range(10)), None, max_tokens=5)
    # The answer is cut at the window, not at max_tokens.
    done = scheduler.submit([1], None, max_tokens=50)
    scheduler.close()
    assert done.tokens == tuple(range(2, 10))


def test_a_failed_start_fails_that_call_only() -> None:
    kv = Counting(last=9)
    kv.start_error = lambda seq, tokens: ValueError("bad grammar") if tokens == [6] else None
    scheduler = BatchScheduler(kv, size=2, n_batch=64, n_ctx=100, gather_s=0.5)
    with ThreadPoolExecutor(2) as pool:
        good = pool.submit(scheduler.submit, [7], None, max_tokens=5)
        bad = pool.submit(scheduler.submit, [6], None, max_tokens=5)
        assert good.result(timeout=10).tokens == (8, 9)
        with pytest.raises(ValueError, match="bad grammar"):
            bad.result(timeout=10)
    scheduler.close()


def test_a_failed_batch_fails_the_calls_in_flight_and_the_next_calls_still_work() -> None:
    kv = Counting(last=9)
    kv.decode_error = RuntimeError("decode failed")
    scheduler = BatchScheduler(kv, size=2, n_batch=64, n_ctx=100, gather_s=0.5)
    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(scheduler.submit, [p], None, max_tokens=5) for p in (1, 2)]
        for future in futures:
            with pytest.raises(RuntimeError, match="decode failed"):
                future.result(timeout=10)
    assert kv.resets == 1
    kv.decode_error = None
    assert scheduler.submit([7], None, max_tokens=5).tokens == (8, 9)
    scheduler.close()


def test_no_room_for_a_prefix_waits_until_the_context_is_emptied() -> None:
    kv = Counting(last=30)
    first_started = threading.Event()

    def crowded(seq: int, tokens: list[int]) -> Exception | None:
        # The second call finds no room while the first is in flight, and room after a reset.
        if tokens == [2]:
            return NoRoom("full") if kv.held else None
        first_started.set()
        return None

    kv.start_error = crowded
    kv.hold_decoding.clear()  # the first call stays in flight until the second is queued
    scheduler = BatchScheduler(kv, size=2, n_batch=64, n_ctx=100, gather_s=0.0)
    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(scheduler.submit, [1], None, max_tokens=20)
        assert first_started.wait(10)
        second = pool.submit(scheduler.submit, [2], None, max_tokens=3)
        while not scheduler.waiting:
            time.sleep(0.001)
        kv.hold_decoding.set()
        assert first.result(timeout=10).tokens == tuple(range(2, 22))
        assert second.result(timeout=10).tokens == (3, 4, 5)
    scheduler.close()
    assert kv.resets == 1
    # Never side by side: the second started only once the first had ended.
    assert all(len({seq for _, _, seq, _ in batch}) == 1 for batch in kv.batches)


def test_a_closed_scheduler_refuses_calls() -> None:
    scheduler = BatchScheduler(Counting(), size=2, n_batch=64, n_ctx=100)
    scheduler.close()
    with pytest.raises(RuntimeError, match="closed"):
        scheduler.submit([1], None, max_tokens=2)
