"""Prefix states without a model: one canonical state per prefix, kept in RAM and on disk, checked when read.

A fake context stands in for llama.cpp. Its state is a digest chained over the token runs it
evaluated, so, like llama.cpp, evaluating [a, b] in one run gives another state than a then b: a
test passes only if every call is built from the same runs whatever happened before it."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main
from service.errors import ModelError
from service.providers.factory import build_llm
from service.providers.llama_cpp import LazyEngine
from service.providers.prefix_states import PrefixStates, StateLRU, cuts
from service.providers.state_files import StateFiles, token_bytes
from service.settings import Settings

MARK = 9  # the token that starts a message (chatml's <|im_start|>)
IDENTITY = {"model_sha256": "ab" * 32, "n_ctx": 4096, "llama_cpp_python": "0.3.36"}

SYSTEM = [11, 12, 13, 14]
EXAMPLE_Q, EXAMPLE_A = [21, 22, 23], [31, 32]
OTHER_SYSTEM = [41, 42]
ARTICLE, OTHER_ARTICLE = [51, 52, 53, 54, 55], [61, 62, 63]
ANSWER, FIX = [71, 72], [81, 82, 83]


def prompt(*messages: list[int]) -> list[int]:
    """A chat prompt: each message opened by MARK, then the generation prompt (MARK + one token)."""
    tokens: list[int] = []
    for message in messages:
        tokens += [MARK, *message]
    return [*tokens, MARK, 1]


class FakeKV:
    """A context whose state depends on how its tokens were cut into evaluation runs."""

    def __init__(self, refuse: bool = False) -> None:
        self.tokens: list[int] = []
        self.digest = b""
        self.runs: list[int] = []
        self.refuse = refuse

    def clear(self) -> None:
        self.tokens, self.digest = [], b""

    def evaluate(self, tokens: Sequence[int]) -> None:
        self.tokens += tokens
        self.digest = hashlib.sha256(self.digest + token_bytes(tokens)).digest()
        self.runs.append(len(tokens))

    def snapshot(self) -> bytes:
        return b"KV" + self.digest + token_bytes(self.tokens)

    def restore(self, tokens: Sequence[int], blob: bytes) -> bool:
        if self.refuse or not blob.startswith(b"KV") or blob[34:] != token_bytes(tokens):
            return False
        self.tokens, self.digest = list(tokens), blob[2:34]
        return True


def states(kv: FakeKV, directory: Path | None = None, capacity: int = 1 << 20) -> PrefixStates:
    files = StateFiles(directory, IDENTITY) if directory else None
    return PrefixStates(kv, frozenset({MARK}), capacity, files)


def kv_state_before_suffix(calls: list[list[int]], directory: Path | None) -> bytes:
    """Run `calls` in one fresh process; what the context held when the last call's suffix began."""
    kv = FakeKV()
    engine = states(kv, directory)
    held = b""
    for tokens in calls:
        n = engine.prepare(tokens)
        held = kv.snapshot()
        kv.evaluate(tokens[n:])  # what llama-cpp-python then does: the suffix, then decoding
    return held


EXTRACT = prompt(SYSTEM, EXAMPLE_Q, EXAMPLE_A, ARTICLE)
EXTRACT_OTHER = prompt(SYSTEM, EXAMPLE_Q, EXAMPLE_A, OTHER_ARTICLE)
VERIFY = prompt(OTHER_SYSTEM, OTHER_ARTICLE)
RETRY = prompt(SYSTEM, EXAMPLE_Q, EXAMPLE_A, ARTICLE, ANSWER, FIX)


def test_cuts_are_the_starts_of_all_messages_but_the_first_and_the_generation_prompt() -> None:
    assert cuts(EXTRACT, frozenset({MARK})) == [5, 9, 12]
    assert EXTRACT[12:] == [MARK, *ARTICLE, MARK, 1]
    assert cuts([5, 6, 7], frozenset({MARK})) == []


def test_the_prefix_state_does_not_depend_on_earlier_calls() -> None:
    alone = kv_state_before_suffix([EXTRACT], None)
    after_others = kv_state_before_suffix([VERIFY, EXTRACT_OTHER, RETRY, EXTRACT], None)
    assert alone == after_others
    # The same prompt evaluated in one run, as llama.cpp's own prefix reuse would, is another state.
    one_run = FakeKV()
    one_run.evaluate(EXTRACT[:12])
    assert one_run.snapshot() != alone


def test_a_second_article_evaluates_only_its_last_message() -> None:
    kv = FakeKV()
    engine = states(kv)
    assert engine.prepare(EXTRACT) == 12
    assert kv.runs == [4 + 1, 3 + 1, 2 + 1]  # built message by message from an empty context
    assert engine.prepare(EXTRACT_OTHER) == 12
    assert kv.runs == [5, 4, 3] and kv.tokens == EXTRACT[:12]
    assert engine.stats.ram_hits == 1 and engine.stats.evaluated_tokens == 12


def test_a_retry_builds_on_the_known_prefix_and_is_not_saved(tmp_path: Path) -> None:
    kv = FakeKV()
    engine = states(kv, tmp_path)
    engine.prepare(EXTRACT)
    kv.runs.clear()
    assert engine.prepare(RETRY) == len(prompt(SYSTEM, EXAMPLE_Q, EXAMPLE_A, ARTICLE, ANSWER)) - 2
    assert kv.runs == [len(ARTICLE) + 1, len(ANSWER) + 1]  # only the article and the refused answer
    assert len(list(tmp_path.glob("*.kv"))) == 1  # the fixed prefix only
    # Built from a cached prefix or from nothing: the same state.
    assert kv_state_before_suffix([EXTRACT, RETRY], None) == kv_state_before_suffix([RETRY], None)


def test_a_new_process_loads_the_prefix_from_disk(tmp_path: Path) -> None:
    first = kv_state_before_suffix([EXTRACT, VERIFY], tmp_path)
    assert len(list(tmp_path.glob("*.kv"))) == 2
    kv = FakeKV()
    engine = states(kv, tmp_path)
    engine.prepare(EXTRACT)
    assert kv.runs == [] and engine.stats.disk_loads == 1 and engine.stats.evaluated_tokens == 0
    assert kv.snapshot() == kv_state_before_suffix([EXTRACT], None)
    assert kv_state_before_suffix([EXTRACT, VERIFY], tmp_path) == first


def test_without_a_directory_nothing_is_written(tmp_path: Path) -> None:
    kv_state_before_suffix([EXTRACT, VERIFY], None)
    assert list(tmp_path.iterdir()) == []


def _damaged(raw: bytes, how: str) -> bytes:
    if how == "truncated":
        return raw[: len(raw) // 2]
    if how == "flipped byte":
        return raw[:-3] + bytes([raw[-3] ^ 0x01]) + raw[-2:]
    if how == "empty":
        return b""
    return b"\x00\xffnot a state at all" * 10


@pytest.mark.parametrize("how", ["truncated", "flipped byte", "empty", "garbage"])
def test_a_damaged_file_is_ignored_with_a_warning_and_rewritten(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, how: str
) -> None:
    good = kv_state_before_suffix([EXTRACT], tmp_path)
    (path,) = tmp_path.glob("*.kv")
    path.write_bytes(_damaged(path.read_bytes(), how))
    with caplog.at_level(logging.WARNING, logger="newsdigest.engine"):
        assert kv_state_before_suffix([EXTRACT], tmp_path) == good
    (warning,) = [r.getMessage() for r in caplog.records]
    assert str(path) in warning and "ignoring prefix state" in warning and "rewritten" in warning
    caplog.clear()
    kv = FakeKV()
    engine = states(kv, tmp_path)
    engine.prepare(EXTRACT)
    assert engine.stats.disk_loads == 1 and kv.runs == [] and not caplog.records


def test_a_file_from_another_engine_is_ignored(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    older = StateFiles(tmp_path, {**IDENTITY, "llama_cpp_python": "0.3.35"})
    kv = FakeKV()
    kv.evaluate([1, 2, 3])
    prefix = EXTRACT[:12]
    older.save(prefix, kv.snapshot())
    expected = StateFiles(tmp_path, IDENTITY).path(prefix)
    assert older.path(prefix) != expected  # each engine has its own files...
    older.path(prefix).rename(expected)  # ...so this one was copied by hand
    with caplog.at_level(logging.WARNING, logger="newsdigest.engine"):
        kv_state_before_suffix([EXTRACT], tmp_path)
    (warning,) = [r.getMessage() for r in caplog.records]
    assert "saved by another engine (llama_cpp_python differ)" in warning
    assert StateFiles(tmp_path, IDENTITY).load(prefix) is not None  # rewritten for this engine


def test_a_file_of_another_prefix_is_ignored(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    kv_state_before_suffix([VERIFY], tmp_path)
    (verify_file,) = tmp_path.glob("*.kv")
    files = StateFiles(tmp_path, IDENTITY)
    verify_file.rename(files.path(EXTRACT[:12]))
    with caplog.at_level(logging.WARNING, logger="newsdigest.engine"):
        kv_state_before_suffix([EXTRACT], tmp_path)
    assert "it holds the state of another prefix" in caplog.records[0].getMessage()


def test_a_state_llama_cpp_refuses_is_evaluated_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    kv_state_before_suffix([EXTRACT], tmp_path)
    kv = FakeKV(refuse=True)
    engine = states(kv, tmp_path)
    with caplog.at_level(logging.WARNING, logger="newsdigest.engine"), pytest.raises(ModelError):
        engine.prepare(EXTRACT)  # refuses the rebuilt state too: a broken context is an error
    assert "llama.cpp refused its KV data" in caplog.records[0].getMessage()
    assert kv.runs == [5, 4, 3]


def test_an_unwritable_directory_costs_speed_not_the_call(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    with caplog.at_level(logging.WARNING, logger="newsdigest.engine"):
        assert kv_state_before_suffix([EXTRACT], blocked) == kv_state_before_suffix([EXTRACT], None)
    (warning,) = [r.getMessage() for r in caplog.records]
    assert warning.startswith(f"cannot save prefix state {blocked}/")


def test_files_are_written_whole_and_the_oldest_go_past_the_budget(tmp_path: Path) -> None:
    files = StateFiles(tmp_path, IDENTITY, budget_bytes=3000)
    for n in range(5):
        files.save([n] * 10, bytes(1000))
    kept = sorted(tmp_path.iterdir())
    assert not [p for p in kept if p.suffix != ".kv"]  # no temporary file left behind
    assert len(kept) == 2 and files.path([4] * 10) in kept and files.path([3] * 10) in kept
    assert files.load([4] * 10) == bytes(1000) and files.load([0] * 10) is None


def test_ram_keeps_the_most_recently_used_within_capacity() -> None:
    ram = StateLRU(capacity_bytes=300)
    for n in range(3):
        ram.put([n], bytes(100))
    ram.get([0])  # now the most recent
    ram.put([3], bytes(100))
    assert ram.get([1]) is None and ram.get([0]) is not None and ram.get([3]) is not None
    assert len(ram) == 3 and ram.size == 300
    ram.put([4], bytes(1000))  # larger than the capacity: kept alone
    assert len(ram) == 1 and ram.get([4]) is not None


def test_prefix_states_go_under_the_cache_dir_unless_switched_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gguf = tmp_path / "tiny.gguf"
    gguf.write_bytes(b"GGUF not really a model")
    on = build_llm(Settings(model=str(gguf), cache_dir=tmp_path / "c"))
    assert isinstance(on, LazyEngine) and on.prefix_dir == tmp_path / "c" / "prefix-states"
    monkeypatch.setenv("NEWSDIGEST_PREFIX_STATE_CACHE", "false")
    off = build_llm(Settings(model=str(gguf), cache_dir=tmp_path / "c"))
    assert isinstance(off, LazyEngine) and off.prefix_dir is None and not on.loaded
    help_text = CliRunner().invoke(main, ["analyze", "--help"], terminal_width=200).output
    assert "--prefix-state-cache / --no-prefix-state-cache" in help_text
