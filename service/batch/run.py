"""Run a batch: read INPUT, skip what OUTPUT already holds, stream the rest through an engine."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from tqdm import tqdm

from service.batch.items import BatchItem, read_items
from service.batch.outcome import Engine, Outcome
from service.batch.output import RecordWriter, recorded
from service.batch.records import error_record
from service.batch.summary import BatchSummary

# Error code of an article whose worker died on the first attempt and on its retry.
LOST = "worker_lost"


def run_batch(
    input_spec: str,
    output: Path,
    engine: Engine,
    *,
    progress: bool = False,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> BatchSummary:
    """Analyze every article of INPUT not yet in OUTPUT; each record is durable once written."""
    started = time.perf_counter()
    summary = BatchSummary()
    done = recorded(output)
    todo: list[BatchItem] = []
    for item in read_items(input_spec):
        summary.total += 1
        if item.id in done:
            summary.skipped += 1
            summary.skipped_failed += done[item.id]
        else:
            todo.append(item)
    with (
        RecordWriter(output) as writer,
        tqdm(
            total=len(todo),
            unit="article",
            file=sys.stderr,
            disable=not progress,
            dynamic_ncols=True,
        ) as bar,
    ):
        pending = {item.id: item for item in todo}
        for outcome in engine(todo) if todo else ():
            # A retried task may answer twice, or an engine for an id it was not given: written once.
            if pending.pop(str(outcome.record["id"]), None) is None:
                continue
            writer.write(outcome.record)
            summary.add(outcome.record)
            bar.set_postfix(failed=summary.failed_total, refresh=False)
            bar.update()
            if on_outcome is not None:
                on_outcome(outcome)
        # The engine finished without these (their worker died on every attempt): failures, not gaps.
        for item in pending.values():
            record = error_record(item, LOST, "the worker analyzing it died and its retry died too")
            writer.write(record)
            summary.add(record)
            bar.update()
    summary.seconds = time.perf_counter() - started
    return summary
