"""Start every call from the one canonical state of its prompt's prefix, so no answer depends on history.

llama.cpp's numbers depend on how a prompt is cut into evaluation batches, so reusing whatever the
context holds from the previous call (or the cached state with the longest common prefix) makes the
answer to an article depend on the article before it. Here a prompt is cut only where one of its
messages starts (a chat template's turn marker), which depends on the prompt alone:

- the state of a prefix that ends at a cut is defined as: the state at the previous cut (empty
  before the first), plus that one message evaluated on top of it;
- a call restores the state at its last cut (the start of its last message: system rules and
  few-shot turns before it) and evaluates only the rest.

Built once from an empty context, from a cached shorter prefix or loaded from disk, that state is
the same bytes, so a call gives the same answer whatever ran before it in the process."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from service.errors import ModelError
from service.providers.state_files import StateFiles, token_bytes


class KVContext(Protocol):
    """The llama.cpp context operations prefix states need (one sequence, positions from 0)."""

    def clear(self) -> None:
        """Empty the context."""
        ...

    def evaluate(self, tokens: Sequence[int]) -> None:
        """Evaluate `tokens` after what the context holds."""
        ...

    def snapshot(self) -> bytes:
        """The KV state of what the context holds (no logits)."""
        ...

    def restore(self, tokens: Sequence[int], blob: bytes) -> bool:
        """Make the context hold exactly `tokens` from `blob`; False if llama.cpp rejects it."""
        ...


@dataclass
class PrefixStats:
    """What the prefix states saved: counts since the engine was loaded."""

    calls: int = 0
    ram_hits: int = 0
    disk_loads: int = 0
    disk_writes: int = 0
    evaluated_tokens: int = 0


def cuts(tokens: Sequence[int], markers: frozenset[int]) -> list[int]:
    """Where states are defined: the starts of all messages but the first and the generation prompt."""
    starts = [i for i, token in enumerate(tokens) if token in markers and i > 0]
    return starts[:-1]


class StateLRU:
    """Prefix states in RAM, the least recently used dropped beyond `capacity_bytes`."""

    def __init__(self, capacity_bytes: int) -> None:
        """An empty cache."""
        self._capacity = capacity_bytes
        self._states: OrderedDict[bytes, bytes] = OrderedDict()
        self._size = 0

    @staticmethod
    def key(tokens: Sequence[int]) -> bytes:
        """The key of a prefix: a digest of its tokens."""
        return hashlib.sha256(token_bytes(tokens)).digest()

    def get(self, tokens: Sequence[int]) -> bytes | None:
        """The state of `tokens`, now the most recently used, or None."""
        key = self.key(tokens)
        blob = self._states.get(key)
        if blob is not None:
            self._states.move_to_end(key)
        return blob

    def put(self, tokens: Sequence[int], blob: bytes) -> None:
        """Keep a state; evict the oldest until the rest fit (the new one always stays)."""
        self.discard(tokens)
        self._states[self.key(tokens)] = blob
        self._size += len(blob)
        while self._size > self._capacity and len(self._states) > 1:
            _, old = self._states.popitem(last=False)
            self._size -= len(old)

    def discard(self, tokens: Sequence[int]) -> None:
        """Forget the state of `tokens` if it is kept."""
        old = self._states.pop(self.key(tokens), None)
        if old is not None:
            self._size -= len(old)

    def __len__(self) -> int:
        """Number of states kept."""
        return len(self._states)

    @property
    def size(self) -> int:
        """Bytes kept."""
        return self._size


class PrefixStates:
    """Puts a llama.cpp context into the canonical state of a prompt's prefix before each call."""

    # States are kept in RAM (bounded) and, with `files`, the ones built from an empty context (the
    # fixed rules-and-examples prefixes) are saved for the next process. A state built on top of
    # another (a retry: the article and the refused answer are in its prefix) is used once: RAM only.

    def __init__(
        self, kv: KVContext, markers: frozenset[int], capacity_bytes: int, files: StateFiles | None
    ) -> None:
        """Manage the prefixes of `kv`; `markers` are the tokens that start a chat message."""
        self._kv = kv
        self._markers = markers
        self._ram = StateLRU(capacity_bytes)
        self._files = files
        self.stats = PrefixStats()

    @property
    def files(self) -> StateFiles | None:
        """Where the fixed prefixes' states are saved (None: RAM only)."""
        return self._files

    def prepare(self, tokens: Sequence[int]) -> int:
        """Restore the state of the prompt's prefix; return its length (the caller evaluates the rest)."""
        self.stats.calls += 1
        bounds = cuts(tokens, self._markers)
        if not bounds:
            self._kv.clear()
            return 0
        prefix = list(tokens[: bounds[-1]])
        blob, from_disk = self._known(prefix)
        if blob is None:
            blob = self._build(tokens, bounds)
        if not self._kv.restore(prefix, blob):
            if not from_disk:
                raise ModelError(f"llama.cpp could not restore the state of a {len(prefix)}-token prefix")
            if self._files is not None:
                self._files.reject(prefix, "llama.cpp refused its KV data")
            self._ram.discard(prefix)
            blob = self._build(tokens, bounds, reuse=False)
            if not self._kv.restore(prefix, blob):
                raise ModelError(f"llama.cpp could not restore the state of a {len(prefix)}-token prefix")
        return len(prefix)

    def state(self, tokens: Sequence[int]) -> tuple[int, bytes | None]:
        """The length and bytes of the canonical state of the prompt's prefix, built if new, not restored.

        For a caller that loads the state into another context (service.providers.llama_batch)."""
        self.stats.calls += 1
        bounds = cuts(tokens, self._markers)
        if not bounds:
            return 0, None
        prefix = list(tokens[: bounds[-1]])
        blob, _ = self._known(prefix)
        if blob is None:
            blob = self._build(tokens, bounds)
        return len(prefix), blob

    def _known(self, prefix: list[int]) -> tuple[bytes | None, bool]:
        """A kept state of `prefix` and whether it came from disk, or (None, False)."""
        blob = self._ram.get(prefix)
        if blob is not None:
            self.stats.ram_hits += 1
            return blob, False
        if self._files is None:
            return None, False
        blob = self._files.load(prefix)
        if blob is None:
            return None, False
        self.stats.disk_loads += 1
        self._ram.put(prefix, blob)
        return blob, True

    def _build(self, tokens: Sequence[int], bounds: list[int], reuse: bool = True) -> bytes:
        """Evaluate the state at `bounds[-1]` message by message, from the deepest known state before it."""
        edges = [0, *bounds]
        start = 0
        for i in range(len(edges) - 2, 0, -1) if reuse else ():
            ancestor = list(tokens[: edges[i]])
            blob, _ = self._known(ancestor)
            if blob is not None and self._kv.restore(ancestor, blob):
                start = i
                break
        if start == 0:
            self._kv.clear()
        for a, b in zip(edges[start:], edges[start + 1 :], strict=False):
            self._kv.evaluate(tokens[a:b])
            self.stats.evaluated_tokens += b - a
        blob = self._kv.snapshot()
        prefix = list(tokens[: bounds[-1]])
        self._ram.put(prefix, blob)
        if start == 0 and self._files is not None and self._files.save(prefix, blob):
            self.stats.disk_writes += 1
        return blob
