"""The on-disk result cache: a key over everything that changes the answer, values are Analysis JSON."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import diskcache

from service.schema import Analysis

# Input texts are kept beside their results under this prefix, so a review page can be drawn later.
TEXT_PREFIX = "text:"


def cache_key(
    *,
    input_text: str,
    metadata: dict[str, Any],
    prompt_version: str,
    schema_version: str,
    model_sha256: str,
    decoding: dict[str, Any],
    package_version: str,
) -> str:
    """sha256 over every component that can change the result; change any one and the key changes.

    The exact input text is hashed (not a normalized form) because evidence offsets refer to it."""
    payload = {
        "input": input_text,
        "metadata": metadata,
        "prompt_version": prompt_version,
        "schema_version": schema_version,
        "model_sha256": model_sha256,
        "decoding": decoding,
        "package_version": package_version,
    }
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


class ResultCache:
    """Analysis results in a diskcache directory, bounded in size (oldest stored go first)."""

    def __init__(self, directory: Path, size_limit_mb: int) -> None:
        """Open (or create) the cache directory."""
        self._cache = diskcache.Cache(
            str(directory),
            size_limit=size_limit_mb * 1024 * 1024,
            # Stored, not used: with LRU every cache hit is also a SQLite write, which serializes hits.
            eviction_policy="least-recently-stored",
        )

    def get(self, key: str) -> Analysis | None:
        """The stored result, marked as cached, or None."""
        raw = self._cache.get(key)
        if raw is None:
            return None
        result = Analysis.model_validate_json(raw)
        result.provenance.cached = True
        return result

    def put(self, key: str, result: Analysis, text: str | None = None) -> None:
        """Store a result (as JSON, so a schema change can never unpickle stale objects) and its text.

        The text goes in after the result: eviction takes the oldest stored first, so a result
        never outlives its text for long, and a text alone is harmless."""
        self._cache.set(key, result.model_dump_json())
        if text is not None:
            self._cache.set(TEXT_PREFIX + key, text)

    def text(self, key: str) -> str | None:
        """The input text stored with the result of `key`, or None (HTML input, evicted, or older)."""
        found = self._cache.get(TEXT_PREFIX + key)
        return found if isinstance(found, str) else None

    def __len__(self) -> int:
        """Number of stored results (their texts are not counted)."""
        return sum(1 for k in self._cache.iterkeys() if not str(k).startswith(TEXT_PREFIX))

    def close(self) -> None:
        """Release the SQLite handle."""
        self._cache.close()
