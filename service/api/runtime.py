"""Everything one running server owns: settings, the analyzer, its worker, the batch store, metrics."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from service.api.batch_runner import BatchRunner
from service.api.batches import BatchStore
from service.api.metrics import ApiMetrics
from service.api.queue import ModelWorker
from service.errors import BackendError, ModelError
from service.pipeline import Analyzer, Pipeline
from service.settings import Settings

log = logging.getLogger("newsdigest.api")

AnalyzerFactory = Callable[[Settings], Analyzer]

# Retry-After while the model is still loading (a 1.5B GGUF loads in a few seconds).
LOADING_RETRY_S = 5


def _load_pipeline(settings: Settings) -> Analyzer:
    """The real pipeline (llama.cpp is imported only here, inside `from_settings`)."""
    pipeline = Pipeline.from_settings(settings)
    # The engine loads its weights lazily; loading them now makes /readyz mean "loaded and
    # answering", and the first request does not pay the load.
    try:
        pipeline.llm.warm_up()
    except BackendError as exc:
        # A model server started with newsdigest may still be loading: requests get 503 until it
        # answers, rather than the server staying unready until restarted.
        log.warning("the model server does not answer yet: %s", exc)
    return pipeline


class Runtime:
    """Lifecycle of one server: start loads the model in the background, stop drains gracefully."""

    def __init__(
        self,
        settings: Settings,
        analyzer: Analyzer | None = None,
        factory: AnalyzerFactory | None = None,
    ) -> None:
        self.settings = settings
        self.metrics = ApiMetrics()
        self.analyzer: Analyzer | None = None
        self.worker: ModelWorker | None = None
        self.store: BatchStore | None = None
        self.runner: BatchRunner | None = None
        self.load_error: str | None = None
        self._given = analyzer
        self._factory = factory or _load_pipeline
        self._loader: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Open the batch store, requeue interrupted items, and load the analyzer."""
        self.store = BatchStore(self.settings.data_dir / "batches.sqlite3")
        requeued = self.store.requeue_running()
        if requeued:
            log.info("requeued %d batch items interrupted by the last shutdown", requeued)
        if self._given is not None:
            self._ready(self._given)
        else:
            # Load in the background so /healthz answers while the model loads.
            self._loader = asyncio.create_task(self._load(), name="newsdigest-load")

    async def _load(self) -> None:
        try:
            analyzer = await asyncio.to_thread(self._factory, self.settings)
        except Exception as exc:
            self.load_error = str(exc) or type(exc).__name__
            log.exception("could not load the model %s", self.settings.model)
            return
        self._ready(analyzer)

    def _ready(self, analyzer: Analyzer) -> None:
        """Start the worker and the batch runner once the analyzer exists."""
        assert self.store is not None
        self.analyzer = analyzer
        self.worker = ModelWorker(analyzer, self.settings.queue_size, self.metrics.observe_job)
        self.worker.start()
        self.runner = BatchRunner(
            self.store,
            analyzer,
            self.worker,
            lambda outcome: self.metrics.batch_items.labels(outcome).inc(),
        )
        self.runner.start()
        self.runner.wake()
        self.metrics.model_ready.set(1)
        log.info("model %s ready", analyzer.model_name)

    def require(self) -> tuple[Analyzer, ModelWorker]:
        """The analyzer and its worker, or ModelError (503) while loading or after a failed load."""
        if self.analyzer is None or self.worker is None:
            if self.load_error is not None:
                raise ModelError(f"the model could not be loaded: {self.load_error}")
            raise ModelError("the model is still loading; retry shortly")
        if not self.worker.alive:
            raise ModelError("the model worker has stopped")
        return self.analyzer, self.worker

    def retry_after_s(self) -> int:
        """Retry-After for a 503: the queue's pace, or the load time while loading."""
        if self.worker is None:
            return LOADING_RETRY_S
        return self.worker.retry_after_s()

    def refresh_gauges(self) -> None:
        """Bring sampled gauges up to date before an exposition."""
        if self.worker is not None:
            interactive, background = self.worker.depth()
            self.metrics.queue_depth.labels("interactive").set(interactive)
            self.metrics.queue_depth.labels("batch").set(background)
            self.metrics.model_busy.set(1 if self.worker.busy else 0)
        if self.store is not None:
            self.metrics.batch_backlog.set(self.store.pending_total())

    async def stop(self) -> None:
        """Finish the in-flight analysis, put unfinished batch items back to pending, close."""
        grace = self.settings.request_timeout_s
        if self._loader is not None and not self._loader.done():
            self._loader.cancel()
            await asyncio.gather(self._loader, return_exceptions=True)
        if self.runner is not None:
            await self.runner.stop(grace)
        if self.worker is not None:
            finished = await asyncio.to_thread(self.worker.stop, grace)
            if not finished:
                log.warning("the model was still busy after %.0f s; exiting anyway", grace)
        close = getattr(self.analyzer, "close", None)
        if callable(close):
            close()
        if self.store is not None:
            # Anything still marked running did not finish; the next start would requeue it anyway.
            self.store.requeue_running()
            self.store.close()
        log.info("stopped")
