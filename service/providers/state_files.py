"""KV states of prompt prefixes on disk: one file per prefix, checked when read, written atomically."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger("newsdigest.engine")

MAGIC = b"newsdigest prefix state 1\n"
SUFFIX = ".kv"
# A prompt edit or another model leaves its states behind; past this the least recently used go.
DEFAULT_BUDGET_BYTES = 1024 * 1024 * 1024


def token_bytes(tokens: Sequence[int]) -> bytes:
    """The tokens as 32-bit integers (llama.cpp's token type)."""
    return array("i", tokens).tobytes()


class StateFiles:
    """Prefix states under `directory`, valid only for the engine that `identity` describes."""

    # `identity` (model, context size, llama.cpp version and build...) is part of each file's name and
    # is written inside it, so a state is only ever restored into an engine like the one that made it.

    def __init__(
        self, directory: Path, identity: dict[str, Any], budget_bytes: int = DEFAULT_BUDGET_BYTES
    ) -> None:
        """Remember where states go; nothing is created before the first save."""
        self.directory = directory
        self._identity = json.loads(json.dumps(identity, sort_keys=True))
        self._budget = budget_bytes

    def path(self, tokens: Sequence[int]) -> Path:
        """The file that holds the state of exactly `tokens`."""
        digest = hashlib.sha256(json.dumps(self._identity, sort_keys=True).encode() + b"\0")
        digest.update(token_bytes(tokens))
        return self.directory / f"{digest.hexdigest()[:40]}{SUFFIX}"

    def load(self, tokens: Sequence[int]) -> bytes | None:
        """The saved state of `tokens`; None when there is none or it is unusable (then a warning)."""
        path = self.path(tokens)
        try:
            raw = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):  # never saved (saving says why it cannot)
            return None
        except OSError as exc:
            log.warning("cannot read prefix state %s (%s); evaluating the prefix instead", path, exc)
            return None
        try:
            blob = self._parse(raw, tokens)
        except ValueError as exc:
            self.reject(tokens, str(exc))
            return None
        with contextlib.suppress(OSError):  # last use orders eviction; a read-only dir still works
            os.utime(path)
        return blob

    def reject(self, tokens: Sequence[int], reason: str) -> None:
        """Say that the file of `tokens` is not used and why; the caller evaluates and saves anew."""
        log.warning("ignoring prefix state %s: %s; it will be rewritten", self.path(tokens), reason)

    def _parse(self, raw: bytes, tokens: Sequence[int]) -> bytes:
        """The KV bytes of a file's content, or ValueError saying what is wrong with it."""
        if not raw.startswith(MAGIC):
            raise ValueError("not a newsdigest prefix state file")
        end = raw.find(b"\n", len(MAGIC))
        try:
            header = json.loads(raw[len(MAGIC) : end]) if end > 0 else None
        except (ValueError, UnicodeDecodeError) as exc:
            raise ValueError(f"unreadable header ({exc})") from exc
        if not isinstance(header, dict):
            raise ValueError("unreadable header")
        saved_by = header.get("identity")
        if saved_by != self._identity:
            saved = saved_by if isinstance(saved_by, dict) else {}
            differ = sorted(
                k for k in set(self._identity) | set(saved) if saved.get(k) != self._identity.get(k)
            )
            raise ValueError(f"saved by another engine ({', '.join(differ)} differ)")
        body = raw[end + 1 :]
        if hashlib.sha256(body).hexdigest() != header.get("sha256"):
            raise ValueError("checksum mismatch (truncated or damaged)")
        expected = token_bytes(tokens)
        if header.get("n_tokens") != len(tokens) or not body.startswith(expected):
            raise ValueError("it holds the state of another prefix")
        blob = body[len(expected) :]
        if not blob:
            raise ValueError("it holds no KV data")
        return blob

    def save(self, tokens: Sequence[int], blob: bytes) -> bool:
        """Write the state of `tokens` (False if it could not be); readers see the old file or the new."""
        path = self.path(tokens)
        body = token_bytes(tokens) + blob
        header = {
            "identity": self._identity,
            "n_tokens": len(tokens),
            "sha256": hashlib.sha256(body).hexdigest(),
        }
        tmp: str | None = None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".", suffix=".part")
            with os.fdopen(fd, "wb") as fh:
                fh.write(MAGIC + json.dumps(header, sort_keys=True).encode() + b"\n" + body)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except OSError as exc:
            # A cache that cannot be written only costs speed: the next process evaluates the prefix.
            log.warning("cannot save prefix state %s: %s", path, exc)
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            return False
        self._trim(keep=path)
        return True

    def _trim(self, keep: Path) -> None:
        """Delete the least recently used states until the directory fits its budget."""
        files = []
        for candidate in self.directory.glob(f"*{SUFFIX}"):
            with contextlib.suppress(OSError):
                stat = candidate.stat()
                files.append((stat.st_mtime, stat.st_size, candidate))
        total = sum(size for _, size, _ in files)
        for _, size, candidate in sorted(files):
            if total <= self._budget:
                break
            if candidate != keep:
                with contextlib.suppress(OSError):
                    candidate.unlink()
                    total -= size
