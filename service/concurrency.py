"""Independent model calls run side by side, as many at once as the backend serves."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

A = TypeVar("A")
R = TypeVar("R")


def map_calls(call: Callable[[A], R], items: Sequence[A], *, max_concurrency: int) -> list[R]:
    """`call(item)` for every item, at most `max_concurrency` at a time; results in the items' order.

    One at a time is a plain loop (no threads), so a backend that serves one call gains nothing and
    loses nothing. The first error is raised once the calls already running have finished."""
    if max_concurrency <= 1 or len(items) <= 1:
        return [call(item) for item in items]
    with ThreadPoolExecutor(
        max_workers=min(max_concurrency, len(items)), thread_name_prefix="newsdigest-call"
    ) as pool:
        futures = [pool.submit(call, item) for item in items]
        try:
            return [future.result() for future in futures]
        except BaseException:
            # Calls not started yet are not worth making: the caller gets the error, not their answers.
            for future in futures:
                future.cancel()
            raise
