"""The Ray engine: Ray Data feeds the articles to a pool of actors that each hold one pipeline.

Ray is an optional extra (`pip install 'newsdigest[ray]'`) and is imported only in this module,
only when the engine runs."""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from service.batch.errors import EngineUnavailableError
from service.batch.items import BatchItem
from service.batch.outcome import Outcome
from service.batch.records import analyze_item, unreadable_record
from service.schema import ArticleInput
from service.settings import Settings

# An actor that dies is replaced (restarts without limit: a node can be lost any time), and the
# article it had is retried once on the replacement; a second death makes it a failure.
ACTOR_RESTARTS = -1
TASK_RETRIES = 1


@dataclass(frozen=True)
class RayOptions:
    """Where and how wide: a cluster address (None = start a local one), actors, CPUs per actor."""

    address: str | None = None
    workers: int | None = None
    worker_cpus: int = 1


def _import_ray() -> ModuleType:
    try:
        import ray
        import ray.data  # the data library is a separate part of the ray[data] extra
    except ImportError as exc:
        raise EngineUnavailableError(
            "--engine ray needs Ray Data: pip install 'newsdigest[ray]' (or 'ray[data]')"
        ) from exc
    return ray


class ArticleWorker:
    """One actor of the pool: builds the pipeline once from the driver's settings, then analyzes."""

    def __init__(self, settings: Settings) -> None:
        """Resolve and verify the model (loaded on the first article), open the shared cache."""
        from service.pipeline import Pipeline

        self._pipeline = Pipeline.from_settings(settings)
        self._use_cache = not settings.no_cache

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        """Records (as JSON strings, one Arrow string column) and this actor's pid, per article."""
        records = []
        for item_id, source, article in zip(batch["id"], batch["source"], batch["article"], strict=True):
            item = BatchItem(str(item_id), str(source), ArticleInput.model_validate_json(article))
            records.append(json.dumps(analyze_item(self._pipeline, item, use_cache=self._use_cache)))
        return {"record": records, "pid": [os.getpid()] * len(records)}


def worker_settings(settings: Settings, options: RayOptions) -> Settings:
    """What the driver ships to each actor: its settings, threads = its CPUs, no API keys."""
    return settings.model_copy(update={"n_threads": options.worker_cpus, "api_keys": []})


class RayEngine:
    """Stream items through a Ray Data actor pool; records come back in completion order."""

    def __init__(self, settings: Settings, options: RayOptions) -> None:
        """Remember what to ship; nothing connects before the first call."""
        self._settings = worker_settings(settings, options)
        self._options = options

    def __call__(self, items: list[BatchItem]) -> Iterator[Outcome]:
        """Connect (or start a local cluster), run, and shut down what this call started."""
        ray = _import_ray()
        started_here = not ray.is_initialized()
        if started_here:
            try:
                ray.init(address=self._options.address, logging_level="WARNING")
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise EngineUnavailableError(
                    f"cannot reach the Ray cluster at {self._options.address or 'a new local one'}: {exc}"
                ) from exc
        try:
            yield from self._stream(ray, items)
        finally:
            if started_here:
                ray.shutdown()

    def _pool_size(self, ray: ModuleType) -> int:
        if self._options.workers is not None:
            return self._options.workers
        cpus = int(ray.cluster_resources().get("CPU", 1))
        return max(1, cpus // self._options.worker_cpus)

    def _stream(self, ray: ModuleType, items: list[BatchItem]) -> Iterator[Outcome]:
        rows = []
        for item in items:
            if item.article is None:
                # Unreadable input is recorded by the driver at once; it never reaches a worker.
                yield Outcome(unreadable_record(item), os.getpid())
            else:
                rows.append({"id": item.id, "source": item.source, "article": item.article.model_dump_json()})
        if not rows:
            return
        # One article per block: a worker that dies loses (and retries) only the articles it holds.
        dataset = ray.data.from_items(rows, override_num_blocks=max(1, len(rows)))
        # A block whose retry also died is dropped, not fatal; the runner records it as failed.
        dataset.context.max_errored_blocks = -1
        dataset.context.enable_progress_bars = False  # the runner draws the one progress bar
        with warnings.catch_warnings():
            # Ray 2.60 has no named parameter for actor restarts and task retries yet: they go in
            # `ray_remote_args`, which warns of a future removal (the pinned version keeps them).
            warnings.filterwarnings("ignore", message=".*ray_remote_args.*deprecated")
            mapped = dataset.map_batches(
                ArticleWorker,
                fn_constructor_kwargs={"settings": self._settings},
                batch_size=1,
                compute=ray.data.ActorPoolStrategy(
                    size=self._pool_size(ray),
                    # One article queued behind the running one keeps an actor busy between tasks.
                    max_tasks_in_flight_per_actor=2,
                ),
                num_cpus=self._options.worker_cpus,
                max_restarts=ACTOR_RESTARTS,
                max_task_retries=TASK_RETRIES,
            )
        try:
            for row in mapped.iter_rows():
                yield Outcome(json.loads(row["record"]), int(row["pid"]))
        except ray.exceptions.RayError as exc:
            # Typically every actor failed to start (model not fetched on a node, a bad path): the
            # cause is the last line of Ray's report. Records written so far stay; a rerun resumes.
            lines = [line for line in str(exc).splitlines() if line.strip()]
            cause = lines[-1] if lines else type(exc).__name__
            raise EngineUnavailableError(f"the Ray run stopped: {cause}; rerun to resume") from exc
