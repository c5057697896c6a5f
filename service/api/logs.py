"""JSON log lines for the server, including the one access line per request."""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone
from typing import Any

ACCESS_LOGGER = "newsdigest.access"


class JsonFormatter(logging.Formatter):
    """One JSON object per line; a record's `fields` dict is merged into it."""

    def format(self, record: logging.LogRecord) -> str:
        """Render the record as a single JSON line."""
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(fields)
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str = "INFO") -> None:
    """Send every log record (ours, uvicorn's, Litestar's) to stderr as JSON lines."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())


def log_request(method: str, path: str, status: int, ms: float, cache_hit: bool | None, route: str) -> None:
    """Write the access line of one request."""
    logging.getLogger(ACCESS_LOGGER).info(
        "%s %s %d",
        method,
        path,
        status,
        extra={
            "fields": {
                "method": method,
                "path": path,
                "route": route,
                "status": status,
                "ms": round(ms, 2),
                "cache_hit": cache_hit,
            }
        },
    )
