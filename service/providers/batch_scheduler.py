"""Decode the calls that arrive from several threads together: one sequence each, one batch per step.

A single worker thread owns the model context. Calls wait in a queue; free sequence slots take them
(the prompt's prefix state is loaded by the `Sequences` backend, the rest of the prompt is evaluated
in the next batches together with the other sequences' new tokens), and each sequence stops on its
own at an end-of-generation token, a stop string or `max_tokens`. When the engine was idle, the
first call waits `gather_s` for the calls sent with it, so calls sent together start together and
the batches they share are the same on every run."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Protocol


class NoRoom(Exception):
    """The KV cache has no contiguous room for a prefix state while other sequences hold cells."""


@dataclass(frozen=True)
class Completion:
    """One sequence's answer."""

    tokens: tuple[int, ...]
    prompt_tokens: int
    finish_reason: str  # "stop" (end token or stop string) or "length" (max_tokens or the context)


class Sequences(Protocol):
    """The model context the scheduler drives: sequence slots, batched evaluation, per-slot sampling."""

    def start(self, seq: int, tokens: list[int], grammar: str | None) -> int:
        """Load the prompt's prefix into slot `seq` and arm its sampler; return the prefix length."""
        ...

    def decode(self, entries: list[tuple[int, int, int, bool]]) -> None:
        """Evaluate (token, position, seq, wants logits) entries as one batch."""
        ...

    def sample(self, seq: int, index: int) -> int:
        """The next token of slot `seq` from the logits at batch `index` (the grammar accepts it)."""
        ...

    def is_end(self, token: int) -> bool:
        """Whether `token` ends a generation."""
        ...

    def text(self, tokens: list[int]) -> str:
        """The text of generated tokens."""
        ...

    def end(self, seq: int) -> None:
        """Drop slot `seq`'s cells and sampler."""
        ...

    def reset(self) -> None:
        """Empty the whole context (no slot in use)."""
        ...


@dataclass
class _Request:
    tokens: list[int]
    grammar: str | None
    max_tokens: int
    stop: tuple[str, ...]
    done: threading.Event = field(default_factory=threading.Event)
    result: Completion | None = None
    error: BaseException | None = None


@dataclass
class _Slot:
    seq: int
    request: _Request
    pending: list[int]
    pos: int
    generated: list[int] = field(default_factory=list)


class BatchScheduler:
    """Serves `submit()` from any thread; at most `size` sequences decode at once."""

    def __init__(
        self, sequences: Sequences, *, size: int, n_batch: int, n_ctx: int, gather_s: float = 0.05
    ) -> None:
        """Start the worker thread. `n_ctx`: the most tokens (prompt + answer) one sequence may hold."""
        self._seqs = sequences
        self._size = size
        self._n_batch = n_batch
        self._n_ctx = n_ctx
        self._gather_s = gather_s
        self._queue: deque[_Request] = deque()
        self._slots: list[_Slot] = []
        self._draining = False
        self._closed = False
        self._cond = threading.Condition()
        self.steps = 0
        self.widest = 0  # most sequences seen in one batch
        self._worker = threading.Thread(target=self._run, name="newsdigest-batch", daemon=True)
        self._worker.start()

    @property
    def waiting(self) -> int:
        """Calls queued for a slot."""
        with self._cond:
            return len(self._queue)

    @property
    def size(self) -> int:
        """Most sequences decoded at once."""
        return self._size

    def submit(
        self, tokens: list[int], grammar: str | None, *, max_tokens: int | None, stop: tuple[str, ...] = ()
    ) -> Completion:
        """Decode `tokens`' continuation (blocks until done); the worker's error is raised here."""
        if len(tokens) >= self._n_ctx:
            raise ValueError(f"Requested tokens ({len(tokens)}) exceed context window of {self._n_ctx}")
        budget = self._n_ctx - len(tokens)
        request = _Request(list(tokens), grammar, min(max_tokens, budget) if max_tokens else budget, stop)
        with self._cond:
            if self._closed:
                raise RuntimeError("the batch scheduler is closed")
            self._queue.append(request)
            self._cond.notify_all()
        request.done.wait()
        if request.error is not None:
            raise request.error
        assert request.result is not None
        return request.result

    def close(self) -> None:
        """Stop the worker once the sequences in flight are done; later submits fail."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if threading.current_thread() is not self._worker:  # a finalizer may run on the worker itself
            self._worker.join()

    def _run(self) -> None:
        """Admit, step, repeat, until closed and idle."""
        while True:
            try:
                if not self._admit():
                    return
                if self._slots:
                    self._step()
            except Exception as exc:  # the context's state is unknown now: fail what was in flight
                for slot in self._slots:
                    self._fail(slot.request, exc)
                self._slots = []
                with contextlib.suppress(Exception):
                    self._seqs.reset()

    def _admit(self) -> bool:
        """Give free slots to waiting calls; False when closed with nothing left to do."""
        with self._cond:
            while not self._slots and not self._queue:
                if self._closed:
                    return False
                self._cond.wait()
            if not self._slots:
                # Idle: the calls sent together with this one are moments away; start them in one batch.
                deadline = time.monotonic() + self._gather_s
                while len(self._queue) < self._size and (left := deadline - time.monotonic()) > 0:
                    self._cond.wait(left)
            if self._draining and not self._slots:
                self._seqs.reset()
                self._draining = False
            used = {slot.seq for slot in self._slots}
            free = [seq for seq in range(self._size) if seq not in used]
            taken: list[tuple[int, _Request]] = []
            while free and self._queue and not self._draining:
                taken.append((free.pop(0), self._queue.popleft()))
        for seq, request in taken:
            self._start(seq, request)
        return True

    def _start(self, seq: int, request: _Request) -> None:
        """Put one call into slot `seq`, or back in the queue if the context must be emptied first."""
        try:
            loaded = self._seqs.start(seq, request.tokens, request.grammar)
        except NoRoom:
            if self._slots:
                # Wait for the sequences in flight to end, then start from an empty context.
                with self._cond:
                    self._queue.appendleft(request)
                    self._draining = True
                return
            self._seqs.reset()
            try:
                loaded = self._seqs.start(seq, request.tokens, request.grammar)
            except Exception as exc:
                self._fail(request, exc)
                return
        except Exception as exc:
            self._fail(request, exc)
            return
        self._slots.append(_Slot(seq, request, request.tokens[loaded:], loaded))

    def _step(self) -> None:
        """One batch: every generating slot's last token, then prompt tokens of the slots still reading."""
        entries: list[tuple[int, int, int, bool]] = []
        wants: list[tuple[_Slot, int]] = []
        for slot in self._slots:
            if not slot.pending:
                entries.append((slot.generated[-1], slot.pos, slot.seq, True))
                wants.append((slot, len(entries) - 1))
                slot.pos += 1
        for slot in self._slots:
            room = self._n_batch - len(entries)
            if not slot.pending or room <= 0:
                continue
            chunk, slot.pending = slot.pending[:room], slot.pending[room:]
            for k, token in enumerate(chunk):
                last = not slot.pending and k == len(chunk) - 1
                entries.append((token, slot.pos, slot.seq, last))
                slot.pos += 1
                if last:
                    wants.append((slot, len(entries) - 1))
        self._seqs.decode(entries)
        self.steps += 1
        self.widest = max(self.widest, len({seq for _, _, seq, _ in entries}))
        for slot, index in wants:
            self._advance(slot, self._seqs.sample(slot.seq, index))

    def _advance(self, slot: _Slot, token: int) -> None:
        """Append a sampled token, or end the sequence."""
        request = slot.request
        if self._seqs.is_end(token):
            self._end(slot, "stop")
            return
        slot.generated.append(token)
        if request.stop:
            text = self._seqs.text(slot.generated)
            if any(stop in text for stop in request.stop):
                self._end(slot, "stop")
                return
        if len(slot.generated) >= request.max_tokens:
            self._end(slot, "length")

    def _end(self, slot: _Slot, reason: str) -> None:
        """Free the slot and hand its answer to the waiting caller."""
        self._slots.remove(slot)
        self._seqs.end(slot.seq)
        request = slot.request
        request.result = Completion(tuple(slot.generated), len(request.tokens), reason)
        request.done.set()

    @staticmethod
    def _fail(request: _Request, error: BaseException) -> None:
        """Wake the caller with `error`."""
        request.error = error
        request.done.set()
