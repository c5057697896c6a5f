"""Batches and their items in a small SQLite file, so a restart (even kill -9) loses no finished work."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.schema import Analysis, ArticleInput

_SCHEMA = """
CREATE TABLE IF NOT EXISTS batches (
    id TEXT PRIMARY KEY,
    created_at REAL NOT NULL,
    total INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS items (
    batch_id TEXT NOT NULL REFERENCES batches(id),
    idx INTEGER NOT NULL,
    article TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
    cache_key TEXT,
    result TEXT,
    error TEXT,
    detail TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    updated_at REAL NOT NULL,
    PRIMARY KEY (batch_id, idx)
);
CREATE INDEX IF NOT EXISTS items_by_status ON items (status);
"""


@dataclass(frozen=True)
class BatchItem:
    """One article of a batch, as stored."""

    batch_id: str
    index: int
    status: str
    article: ArticleInput
    cache_key: str | None
    result: dict[str, Any] | None
    error: str | None
    detail: str | None
    attempts: int


@dataclass(frozen=True)
class BatchCounts:
    """Progress of one batch."""

    batch_id: str
    created_at: float
    total: int
    pending: int
    running: int
    done: int
    failed: int


class BatchStore:
    """SQLite (WAL) store; every state change is its own committed transaction.

    One connection shared by the event loop and worker threads, serialized by a lock: writes are
    small, and SQLite allows one writer at a time anyway.
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        # isolation_level=None: autocommit, so each statement is durable once it returns.
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable against a crash of this process (kill -9); only an OS crash can lose
        # the last commits, and those results are in the result cache too.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()

    def create(self, articles: list[ArticleInput]) -> str:
        """Store a new batch with all items pending; return its id."""
        batch_id = uuid.uuid4().hex
        now = time.time()
        rows = [(batch_id, i, a.model_dump_json(exclude_none=True), now) for i, a in enumerate(articles)]
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute(
                "INSERT INTO batches (id, created_at, total) VALUES (?, ?, ?)",
                (batch_id, now, len(articles)),
            )
            self._db.executemany(
                "INSERT INTO items (batch_id, idx, article, status, updated_at) "
                "VALUES (?, ?, ?, 'pending', ?)",
                rows,
            )
        return batch_id

    def requeue_running(self) -> int:
        """Put items left `running` (by a crash or a shutdown) back to pending; return how many."""
        with self._lock:
            cur = self._db.execute(
                "UPDATE items SET status = 'pending', updated_at = ? WHERE status = 'running'",
                (time.time(),),
            )
            return cur.rowcount

    def claim_next(self) -> BatchItem | None:
        """Mark the oldest pending item running and return it, or None if nothing is pending."""
        with self._lock:
            row = self._db.execute(
                "UPDATE items SET status = 'running', attempts = attempts + 1, updated_at = ? "
                "WHERE rowid = (SELECT rowid FROM items WHERE status = 'pending' "
                "ORDER BY rowid LIMIT 1) RETURNING *",
                (time.time(),),
            ).fetchone()
        return None if row is None else _item(row)

    def finish(self, item: BatchItem, analysis: Analysis) -> None:
        """Record a result (committed at once)."""
        with self._lock:
            self._db.execute(
                "UPDATE items SET status = 'done', cache_key = ?, result = ?, error = NULL, "
                "detail = NULL, updated_at = ? WHERE batch_id = ? AND idx = ?",
                (
                    analysis.provenance.cache_key,
                    analysis.model_dump_json(),
                    time.time(),
                    item.batch_id,
                    item.index,
                ),
            )

    def fail(self, item: BatchItem, error: str, detail: str) -> None:
        """Record a failure (committed at once)."""
        with self._lock:
            self._db.execute(
                "UPDATE items SET status = 'failed', error = ?, detail = ?, updated_at = ? "
                "WHERE batch_id = ? AND idx = ?",
                (error, detail, time.time(), item.batch_id, item.index),
            )

    def release(self, item: BatchItem) -> None:
        """Put a claimed item back to pending (shutdown before it finished)."""
        with self._lock:
            self._db.execute(
                "UPDATE items SET status = 'pending', updated_at = ? "
                "WHERE batch_id = ? AND idx = ? AND status = 'running'",
                (time.time(), item.batch_id, item.index),
            )

    def counts(self, batch_id: str) -> BatchCounts | None:
        """Progress of a batch, or None if unknown."""
        with self._lock:
            head = self._db.execute(
                "SELECT created_at, total FROM batches WHERE id = ?", (batch_id,)
            ).fetchone()
            if head is None:
                return None
            by_status = dict(
                self._db.execute(
                    "SELECT status, count(*) FROM items WHERE batch_id = ? GROUP BY status",
                    (batch_id,),
                ).fetchall()
            )
        return BatchCounts(
            batch_id,
            head["created_at"],
            head["total"],
            by_status.get("pending", 0),
            by_status.get("running", 0),
            by_status.get("done", 0),
            by_status.get("failed", 0),
        )

    def items(self, batch_id: str) -> list[BatchItem]:
        """All items of a batch in order."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM items WHERE batch_id = ? ORDER BY idx", (batch_id,)
            ).fetchall()
        return [_item(r) for r in rows]

    def pending_total(self) -> int:
        """Items waiting or running across all batches."""
        with self._lock:
            row = self._db.execute(
                "SELECT count(*) FROM items WHERE status IN ('pending', 'running')"
            ).fetchone()
        return int(row[0])


def _item(row: sqlite3.Row) -> BatchItem:
    return BatchItem(
        batch_id=row["batch_id"],
        index=row["idx"],
        status=row["status"],
        article=ArticleInput.model_validate_json(row["article"]),
        cache_key=row["cache_key"],
        result=json.loads(row["result"]) if row["result"] else None,
        error=row["error"],
        detail=row["detail"],
        attempts=row["attempts"],
    )
