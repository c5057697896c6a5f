"""Background task that works through pending batch items, one at a time, behind interactive requests."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import anyio.to_thread

from service.api.batches import BatchItem, BatchStore
from service.api.queue import ModelWorker
from service.errors import BusyError, NewsdigestError
from service.pipeline import Analyzer
from service.schema import Analysis

log = logging.getLogger("newsdigest.api.batches")

# An item that was running when the process died this many times is probably what kills it.
MAX_ATTEMPTS = 3


class BatchRunner:
    """Claims pending items from the store, answers from the cache or the model, commits each result."""

    def __init__(
        self,
        store: BatchStore,
        analyzer: Analyzer,
        worker: ModelWorker,
        on_item: Callable[[str], None] | None = None,
    ) -> None:
        self._store = store
        self._analyzer = analyzer
        self._worker = worker
        self._on_item = on_item
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start the loop as a task of the running event loop."""
        self._task = asyncio.create_task(self._loop(), name="newsdigest-batches")

    def wake(self) -> None:
        """Tell the loop that new items were stored."""
        self._wake.set()

    async def stop(self, grace_s: float) -> None:
        """Take no new item; let the current one finish within `grace_s`, else put it back to pending."""
        self._stopping = True
        self._wake.set()
        if self._task is None:
            return
        try:
            await asyncio.wait_for(asyncio.shield(self._task), grace_s)
        except asyncio.TimeoutError:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _loop(self) -> None:
        while not self._stopping:
            self._wake.clear()
            item = await anyio.to_thread.run_sync(self._store.claim_next)
            if item is None:
                await self._wake.wait()
                continue
            await self._process(item)

    async def _process(self, item: BatchItem) -> None:
        """Run one claimed item and commit its outcome; on cancellation put it back to pending."""
        if item.attempts > MAX_ATTEMPTS:
            await anyio.to_thread.run_sync(
                self._store.fail,
                item,
                "abandoned",
                f"the server stopped {MAX_ATTEMPTS} times while analyzing this article",
            )
            self._report("failed")
            return
        try:
            analysis = await self._analyze(item)
        except asyncio.CancelledError:
            self._store.release(item)
            raise
        except BusyError:
            # Only raised while shutting down: the item stays for the next start.
            await anyio.to_thread.run_sync(self._store.release, item)
            return
        except NewsdigestError as exc:
            await anyio.to_thread.run_sync(self._store.fail, item, exc.code, str(exc))
            self._report("failed")
            return
        except Exception:
            log.exception("batch %s item %d failed unexpectedly", item.batch_id, item.index)
            await anyio.to_thread.run_sync(
                self._store.fail, item, "internal_error", "unexpected error; see the server log"
            )
            self._report("failed")
            return
        await anyio.to_thread.run_sync(self._store.finish, item, analysis)
        self._report("done")

    async def _analyze(self, item: BatchItem) -> Analysis:
        """A cached result if there is one (never queued), else the model at batch priority."""
        cached = await anyio.to_thread.run_sync(self._analyzer.lookup, item.article)
        if cached is not None:
            self._report("cache_hit")
            return cached
        future = self._worker.submit(item.article, background=True)
        waiter = asyncio.wrap_future(future)
        try:
            return await waiter
        finally:
            # If we are cancelled before the model started on it, the job is dropped.
            waiter.cancel()

    def _report(self, outcome: str) -> None:
        if self._on_item is not None:
            self._on_item(outcome)
