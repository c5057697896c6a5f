"""The real 0.5B model writes the same bytes for the same messages, whatever the process did before.

Asked first, asked after another article's calls (other prompts, other prefixes), and asked in a
new process that loads the prefix state from disk instead of evaluating it: one answer."""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from service.extract import Candidate, SentenceFacts, build_messages
from service.models import resolve
from service.prompts import load_prompts
from service.providers.llama_cpp import LlamaEngine
from service.settings import Settings
from service.summary import PlainDraft
from service.summary import build_messages as summary_messages
from service.text import Span

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]


def extraction(title: str, sentence: str) -> list[dict[str, str]]:
    """The real extraction prompt (rules and few-shot turns) for one sentence written for this test."""
    return build_messages(load_prompts(), title, Candidate(Span(0, len(sentence), sentence), ""))


PYLON = extraction(
    "Gale batters the coast", "High winds toppled a pylon at Marsby on Friday, and two linemen were hurt."
)
# Same title, so llama-cpp-python's own reuse would restore HAIL's state up to "SENTENCE:" and evaluate
# PYLON's sentence in another batch: measured on main's engine, PYLON's KV bytes then differ.
HAIL = extraction("Gale batters the coast", "Hail smashed greenhouses at Marsby on Friday; nobody was hurt.")
MINE = extraction(
    "Flooded tin mine", "Water burst into a tin mine near Corvath overnight; one miner died, rescuers said."
)
LEAD = summary_messages(
    load_prompts(),
    "Ferry fire",
    "A fire broke out on a ferry off Tarrow on Sunday. It was towed to port.",
    False,
)

# A new process: load the model, answer PYLON from the prefix state on disk, print what it left.
CHILD = """
import json, sys
from dataclasses import asdict
from pathlib import Path
from service.models import resolve
from service.providers.llama_cpp import LlamaEngine
from tests.providers.test_prefix_determinism import ask, kv_digest
messages, models_dir, prefix_dir = json.loads(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
model = resolve("qwen2.5-0.5b", models_dir)
engine = LlamaEngine(model, n_ctx=4096, n_threads=2, seed=0, prefix_dir=prefix_dir)
content = ask(engine, messages)
stats = asdict(engine.prefix_states.stats)
print(json.dumps({"content": content, "kv": kv_digest(engine), "stats": stats}))
"""


def ask(engine: LlamaEngine, messages: list[dict[str, str]]) -> str:
    """The model's raw answer text (the JSON it wrote, before parsing)."""
    engine.structured(messages, SentenceFacts, max_tokens=320)
    assert engine.last_content is not None
    return engine.last_content


def kv_digest(engine: LlamaEngine) -> str:
    """sha256 of the KV data the last call left: prompt and answer, as llama.cpp computed them.

    Far more sensitive than the answer: a change in how the prompt was cut into batches changes
    these bytes even when greedy decoding still picks the same tokens."""
    import llama_cpp

    ctx = engine._llama.ctx
    size = llama_cpp.llama_state_seq_get_size(ctx, 0)
    buffer = (ctypes.c_uint8 * size)()
    written = llama_cpp.llama_state_seq_get_data(ctx, buffer, size, 0)
    return hashlib.sha256(ctypes.string_at(buffer, written)).hexdigest()


def test_same_messages_same_bytes_first_after_others_and_in_a_new_process(
    model_settings: Settings, tmp_path: Path
) -> None:
    model = resolve(model_settings.model, model_settings.models_dir)
    prefix_dir = tmp_path / "prefix-states"
    alone = LlamaEngine(model, n_ctx=4096, n_threads=2, seed=0, prefix_dir=prefix_dir)
    first = ask(alone, PYLON)
    assert json.loads(first)["figures"], first  # a real reading of the sentence, not an empty answer
    first_kv = kv_digest(alone)
    assert alone.prefix_states.stats.disk_writes == 1 and len(list(prefix_dir.glob("*.kv"))) == 1
    del alone

    # Another article's calls first (the same few-shot prefix with another sentence, then another
    # prompt), in a process of its own that keeps its states in RAM only.
    busy = LlamaEngine(model, n_ctx=4096, n_threads=2, seed=0)
    ask(busy, HAIL)
    busy.structured(LEAD, PlainDraft, max_tokens=160)
    assert ask(busy, PYLON) == first
    assert kv_digest(busy) == first_kv
    assert busy.prefix_states.stats.ram_hits >= 1  # the prefix was restored, not evaluated again
    del busy

    child = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(PYLON), str(model_settings.models_dir), str(prefix_dir)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    fresh = json.loads(child.stdout.strip().splitlines()[-1])
    assert fresh["stats"]["disk_loads"] == 1 and fresh["stats"]["evaluated_tokens"] == 0
    assert (fresh["content"], fresh["kv"]) == (first, first_kv)


def test_a_prefix_file_llama_cpp_rejects_is_evaluated_again(
    model_settings: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A well-formed file (header and checksum right) whose KV data is cut short: warned, rewritten."""
    model = resolve(model_settings.model, model_settings.models_dir)
    engine = LlamaEngine(model, n_ctx=4096, n_threads=2, seed=0, prefix_dir=tmp_path)
    prepared: list[list[int]] = []
    prepare = engine.prefix_states.prepare

    def spy(tokens: list[int]) -> int:
        n = prepare(tokens)
        prepared.append(tokens[:n])
        return n

    engine.prefix_states.prepare = spy  # type: ignore[method-assign]
    first = ask(engine, MINE)
    (prefix,) = prepared
    files = engine.prefix_states.files
    assert files is not None and files.directory == tmp_path
    blob = files.load(prefix)
    assert blob is not None and len(list(tmp_path.glob("*.kv"))) == 1
    files.save(prefix, blob[: len(blob) // 3])

    again = LlamaEngine(model, n_ctx=4096, n_threads=2, seed=0, prefix_dir=tmp_path)
    with caplog.at_level("WARNING", logger="newsdigest.engine"):
        assert ask(again, MINE) == first
    assert any("llama.cpp refused its KV data" in r.getMessage() for r in caplog.records)
    assert again.prefix_states.stats.disk_writes == 1 and files.load(prefix) == blob
