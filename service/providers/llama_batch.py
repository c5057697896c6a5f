"""The llama.cpp side of batched decoding: a second context of the loaded model with one KV sequence per slot.

The prompt prefix states come from the engine's `PrefixStates` (built in the engine's own context,
the same bytes the one-at-a-time path restores). One extra sequence, the holder, keeps the last
loaded prefix; a slot gets it with `llama_memory_seq_cp`, which shares the cells (no re-evaluation,
no copy). Each slot samples with its own chain: the JSON-schema grammar, then greedy, as
llama-cpp-python's own completion does at temperature 0."""

from __future__ import annotations

import ctypes
from typing import Any

from service.errors import ModelError
from service.providers.batch_scheduler import NoRoom
from service.providers.prefix_states import PrefixStates


class LlamaSequences:
    """`size` decoding slots (sequences 0..size-1) and the prefix holder (sequence `size`)."""

    def __init__(self, llama: Any, prefix_states: PrefixStates, *, size: int, n_batch: int) -> None:
        """A context beside `llama`'s: room for every slot's full window plus the holder's."""
        import llama_cpp
        from llama_cpp import _internals

        params = llama_cpp.llama_context_params.from_buffer_copy(llama.context_params)
        params.n_ctx = (size + 1) * int(llama.n_ctx())
        params.n_seq_max = size + 1
        # One KV buffer for all sequences, so a slot can share the holder's prefix cells.
        params.kv_unified = True
        params.n_batch = n_batch
        params.n_ubatch = min(n_batch, int(params.n_ubatch))
        self._llama = llama
        self._prefix_states = prefix_states
        self._holder = size
        self._held: list[int] | None = None
        self._samplers: dict[int, Any] = {}
        self._context = _internals.LlamaContext(model=llama._model, params=params, verbose=False)
        self._ctx = self._context.ctx
        self._memory = llama_cpp.llama_get_memory(self._ctx)
        self._vocab = llama_cpp.llama_model_get_vocab(llama._model.model)
        self._batch = llama_cpp.llama_batch_init(n_batch, 0, 1)
        self._n_batch = n_batch

    def start(self, seq: int, tokens: list[int], grammar: str | None) -> int:
        """Share the prompt's prefix state into slot `seq` and arm its sampler; return the prefix length."""
        import llama_cpp

        loaded, blob = self._prefix_states.state(tokens)
        if blob is not None:
            prefix = tokens[:loaded]
            if self._held != prefix:
                self._hold(prefix, blob)
            llama_cpp.llama_memory_seq_cp(self._memory, self._holder, seq, -1, -1)
        self._samplers[seq] = self._sampler(grammar)
        return loaded

    def _hold(self, prefix: list[int], blob: bytes) -> None:
        """Load `blob` into the holder sequence; NoRoom if the cache has no contiguous room for it."""
        import llama_cpp

        llama_cpp.llama_memory_seq_rm(self._memory, self._holder, -1, -1)
        self._held = None
        buffer = (ctypes.c_uint8 * len(blob)).from_buffer_copy(blob)
        loaded = llama_cpp.llama_state_seq_set_data(self._ctx, buffer, len(blob), self._holder)
        if loaded == 0:
            raise NoRoom(f"no room for a {len(prefix)}-token prefix state")
        if llama_cpp.llama_memory_seq_pos_max(self._memory, self._holder) != len(prefix) - 1:
            llama_cpp.llama_memory_seq_rm(self._memory, self._holder, -1, -1)
            raise ModelError(f"llama.cpp loaded the wrong state for a {len(prefix)}-token prefix")
        self._held = prefix

    def _sampler(self, grammar: str | None) -> Any:
        """Grammar (when given), then greedy."""
        import llama_cpp

        chain = llama_cpp.llama_sampler_chain_init(llama_cpp.llama_sampler_chain_default_params())
        if grammar is not None:
            constrained = llama_cpp.llama_sampler_init_grammar(self._vocab, grammar.encode(), b"root")
            if not constrained:
                llama_cpp.llama_sampler_free(chain)
                raise ValueError("llama.cpp could not parse the grammar of the response schema")
            llama_cpp.llama_sampler_chain_add(chain, constrained)
        llama_cpp.llama_sampler_chain_add(chain, llama_cpp.llama_sampler_init_greedy())
        return chain

    def decode(self, entries: list[tuple[int, int, int, bool]]) -> None:
        """Evaluate the entries as one llama.cpp batch."""
        import llama_cpp

        if not 0 < len(entries) <= self._n_batch:
            raise ValueError(f"a batch of {len(entries)} tokens (1..{self._n_batch} fit)")
        batch = self._batch
        for i, (token, pos, seq, logits) in enumerate(entries):
            batch.token[i] = token
            batch.pos[i] = pos
            batch.n_seq_id[i] = 1
            batch.seq_id[i][0] = seq
            batch.logits[i] = logits
        batch.n_tokens = len(entries)
        code = llama_cpp.llama_decode(self._ctx, batch)
        if code != 0:
            raise ModelError(f"llama_decode failed ({code}) on a batch of {len(entries)} tokens")

    def sample(self, seq: int, index: int) -> int:
        """Slot `seq`'s next token from the logits at `index` (the chain also accepts it)."""
        import llama_cpp

        return int(llama_cpp.llama_sampler_sample(self._samplers[seq], self._ctx, index))

    def is_end(self, token: int) -> bool:
        """End of generation (for Qwen: <|im_end|>, <|endoftext|>)."""
        import llama_cpp

        return bool(llama_cpp.llama_vocab_is_eog(self._vocab, token))

    def text(self, tokens: list[int]) -> str:
        """Generated tokens as text, as llama-cpp-python decodes them."""
        return str(self._llama.detokenize(tokens).decode("utf-8", errors="ignore"))

    def end(self, seq: int) -> None:
        """Drop slot `seq`'s cells (the holder keeps shared prefix cells alive) and its sampler."""
        import llama_cpp

        llama_cpp.llama_memory_seq_rm(self._memory, seq, -1, -1)
        sampler = self._samplers.pop(seq, None)
        if sampler is not None:
            llama_cpp.llama_sampler_free(sampler)

    def reset(self) -> None:
        """Empty every sequence, the holder too."""
        import llama_cpp

        for seq in list(self._samplers):
            self.end(seq)
        llama_cpp.llama_memory_clear(self._memory, True)
        self._held = None

    def close(self) -> None:
        """Free the batch, the samplers and the context."""
        import llama_cpp

        self.reset()
        llama_cpp.llama_batch_free(self._batch)
        self._context.close()
