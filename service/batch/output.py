"""OUTPUT: an append-only JSONL file, fsynced per record, that also tells a rerun what is done."""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import TracebackType

from service.batch.errors import BatchError
from service.batch.records import Record, is_failure


def _drop_torn_tail(path: Path) -> None:
    """Cut a last line left half-written by a crash, so the next record starts on its own line."""
    with path.open("rb+") as fh:
        size = fh.seek(0, os.SEEK_END)
        if size == 0:
            return
        fh.seek(size - 1)
        if fh.read(1) == b"\n":
            return
        # Walk back to the last newline; only the torn record's bytes are lost (it is redone).
        block = 65536
        end = size
        while end > 0:
            start = max(0, end - block)
            fh.seek(start)
            chunk = fh.read(end - start)
            cut = chunk.rfind(b"\n")
            if cut >= 0:
                fh.truncate(start + cut + 1)
                return
            end = start
        fh.truncate(0)


def recorded(path: Path) -> dict[str, bool]:
    """Ids already in OUTPUT, each mapped to whether its record is a failure; {} if none yet."""
    if not path.exists():
        return {}
    if not path.is_file():
        raise BatchError(f"{path}: OUTPUT must be a file")
    done: dict[str, bool] = {}
    with path.open("rb") as fh:
        for line in fh:
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError):
                continue  # a torn last line: its article was in flight and is redone
            if isinstance(record, dict) and "id" in record:
                done[str(record["id"])] = is_failure(record)
    return done


class RecordWriter:
    """Appends one JSON line per record and fsyncs it, so a crash loses only articles in flight."""

    def __init__(self, path: Path) -> None:
        """Open OUTPUT for appending (created if missing), after cutting a torn last line."""
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            _drop_torn_tail(path)
        try:
            self._file = path.open("ab")
        except OSError as exc:
            raise BatchError(f"{path}: cannot write OUTPUT ({exc.strerror})") from exc

    def write(self, record: Record) -> None:
        """Append and make durable one record (one write, then fsync)."""
        line = json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"
        self._file.write(line)
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        """Close OUTPUT."""
        self._file.close()

    def __enter__(self) -> RecordWriter:
        """Use as a context manager."""
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Close on the way out, also on Ctrl-C."""
        self.close()
