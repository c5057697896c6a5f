"""The one model worker: a thread that owns every model call, fed by a bounded two-level queue."""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from service.errors import BusyError
from service.pipeline import Analyzer
from service.schema import Analysis, ArticleInput

log = logging.getLogger("newsdigest.api.queue")


@dataclass(frozen=True)
class JobReport:
    """What one finished model job cost; fed to metrics."""

    outcome: str
    seconds: float
    prompt_tokens: int
    completion_tokens: int
    model_seconds: float


@dataclass(eq=False)
class _Job:
    article: ArticleInput
    use_cache: bool
    future: Future[Analysis]


def _usage(analyzer: Analyzer) -> tuple[int, int, float] | None:
    """(prompt tokens, completion tokens, model seconds) so far, if the analyzer exposes its LLM."""
    usage = getattr(getattr(analyzer, "llm", None), "usage", None)
    if usage is None:
        return None
    return usage.prompt_tokens, usage.completion_tokens, usage.seconds


class ModelWorker:
    """Runs `analyzer.analyze` on one thread, because llama.cpp is not thread-safe.

    Interactive jobs wait in a queue of at most `capacity`; a full queue raises BusyError at once.
    Background (batch) jobs are unbounded here (the batch runner submits one at a time) and only
    run when no interactive job waits. A job whose future was cancelled before it started is skipped.
    """

    def __init__(
        self,
        analyzer: Analyzer,
        capacity: int,
        on_done: Callable[[JobReport], None] | None = None,
    ) -> None:
        self._analyzer = analyzer
        self._capacity = capacity
        self._on_done = on_done
        self._interactive: deque[_Job] = deque()
        self._background: deque[_Job] = deque()
        self._cond = threading.Condition()
        self._stopping = False
        self._busy = False
        # Seed for Retry-After before any job has finished: a typical article on a small CPU model.
        self._avg_job_s = 20.0
        self._thread = threading.Thread(target=self._run, name="newsdigest-model", daemon=True)

    def start(self) -> None:
        """Start the worker thread."""
        self._thread.start()

    @property
    def alive(self) -> bool:
        """True while the worker thread runs."""
        return self._thread.is_alive()

    @property
    def busy(self) -> bool:
        """True while a job is inside the model."""
        return self._busy

    def depth(self) -> tuple[int, int]:
        """Waiting jobs, not counting ones whose client gave up: (interactive, background)."""
        with self._cond:
            self._drop_cancelled()
            return len(self._interactive), len(self._background)

    def _drop_cancelled(self) -> None:
        """Forget waiting jobs that were cancelled, so they hold no queue slot (lock held)."""
        for waiting in (self._interactive, self._background):
            if any(job.future.cancelled() for job in waiting):
                live = [job for job in waiting if not job.future.cancelled()]
                waiting.clear()
                waiting.extend(live)

    def retry_after_s(self) -> int:
        """Seconds a rejected client should wait: the queue ahead of it at the recent job pace."""
        interactive, _ = self.depth()
        return max(1, min(3600, math.ceil(self._avg_job_s * (interactive + 1))))

    def submit(
        self, article: ArticleInput, *, use_cache: bool = True, background: bool = False
    ) -> Future[Analysis]:
        """Queue one analysis; raise BusyError when the interactive queue is full or stopping."""
        job = _Job(article, use_cache, Future())
        with self._cond:
            if self._stopping:
                raise BusyError("the server is shutting down")
            self._drop_cancelled()
            if background:
                self._background.append(job)
            else:
                if len(self._interactive) >= self._capacity:
                    raise BusyError(
                        f"{len(self._interactive)} requests already wait for the model; retry later"
                    )
                self._interactive.append(job)
            self._cond.notify()
        return job.future

    def stop(self, timeout: float) -> bool:
        """Refuse new jobs, cancel waiting ones, let the running one finish; True if it did in time."""
        with self._cond:
            self._stopping = True
            waiting = [*self._interactive, *self._background]
            self._interactive.clear()
            self._background.clear()
            self._cond.notify_all()
        for job in waiting:
            job.future.cancel()
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _next(self) -> _Job | None:
        """Block until a job is waiting (interactive first) or the worker stops."""
        with self._cond:
            while not (self._interactive or self._background or self._stopping):
                self._cond.wait()
            if self._interactive:
                return self._interactive.popleft()
            if self._background:
                return self._background.popleft()
            return None

    def _run(self) -> None:
        while (job := self._next()) is not None:
            # False when the client gave up (disconnect, deadline) before the job started.
            if not job.future.set_running_or_notify_cancel():
                continue
            self._busy = True
            try:
                self._execute(job)
            finally:
                self._busy = False

    def _execute(self, job: _Job) -> None:
        before = _usage(self._analyzer)
        started = time.perf_counter()
        outcome = "ok"
        try:
            result = self._analyzer.analyze(job.article, use_cache=job.use_cache)
        except Exception as exc:  # the thread must survive any analyzer failure
            outcome = type(exc).__name__
            job.future.set_exception(exc)
        else:
            job.future.set_result(result)
        seconds = time.perf_counter() - started
        self._avg_job_s = 0.7 * self._avg_job_s + 0.3 * seconds
        after = _usage(self._analyzer)
        if self._on_done is None:
            return
        prompt = completion = 0
        model_seconds = seconds
        if before is not None and after is not None:
            prompt, completion = after[0] - before[0], after[1] - before[1]
            model_seconds = after[2] - before[2]
        try:
            self._on_done(JobReport(outcome, seconds, prompt, completion, model_seconds))
        except Exception:  # metrics must never take the worker down
            log.exception("job report hook failed")
