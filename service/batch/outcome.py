"""What an engine hands back per article, and the engine interface the runner drives."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from service.batch.items import BatchItem
from service.batch.records import Record


@dataclass(frozen=True)
class Outcome:
    """One article's OUTPUT record and the pid of the process that made it (not written)."""

    record: Record
    worker_pid: int


# Takes the items not yet in OUTPUT (unreadable ones too: they become error records), yields one
# outcome per item in completion order.
Engine = Callable[[list[BatchItem]], Iterator[Outcome]]
