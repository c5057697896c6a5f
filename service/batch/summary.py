"""What a batch run did: done, failed by reason, cached, skipped, time."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from service.batch.records import Record, is_failure


@dataclass
class BatchSummary:
    """Counts of one run; `skipped` were already in OUTPUT and not touched."""

    total: int = 0
    skipped: int = 0
    skipped_failed: int = 0
    done: int = 0
    cached: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, record: Record) -> None:
        """Count one record written this run."""
        if is_failure(record):
            self.failed[str(record["error"])] += 1
            return
        self.done += 1
        if record.get("provenance", {}).get("cached"):
            self.cached += 1

    @property
    def failed_total(self) -> int:
        """Articles that failed in this run."""
        return sum(self.failed.values())

    def text(self) -> str:
        """One line for the terminal."""
        reasons = ", ".join(f"{code} {n}" for code, n in sorted(self.failed.items()))
        failed = f"failed {self.failed_total}" + (f" ({reasons})" if reasons else "")
        skipped = f"skipped {self.skipped} already in OUTPUT"
        if self.skipped_failed:
            skipped += f" ({self.skipped_failed} of them failures)"
        return (
            f"{self.total} articles: done {self.done} (cached {self.cached}), {failed}, "
            f"{skipped}; {self.seconds:.1f} s"
        )
