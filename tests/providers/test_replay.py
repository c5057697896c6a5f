"""The replay wrapper answers a call it recorded, sends anything new to the model, never crosses models."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from service.llm import FakeLLM
from service.providers.replay import ReplayLLM


class Verdict(BaseModel):
    answer: str


ASK = [{"role": "user", "content": "Is the sky green?"}]


def test_a_recorded_call_is_answered_without_the_model(tmp_path: Path) -> None:
    record = tmp_path / "calls.jsonl"
    first = FakeLLM()
    first.enqueue({"answer": "no"})
    assert ReplayLLM(first, record).structured(ASK, Verdict, max_tokens=8).answer == "no"
    again = FakeLLM()  # nothing queued: a call that reached it would fail
    replay = ReplayLLM(again, record)
    assert replay.structured(ASK, Verdict, max_tokens=8).answer == "no"
    assert replay.replayed == 1 and again.usage.calls == 0


def test_a_new_prompt_a_new_budget_or_another_model_goes_to_the_model(tmp_path: Path) -> None:
    record = tmp_path / "calls.jsonl"
    first = FakeLLM()
    first.enqueue({"answer": "no"})
    ReplayLLM(first, record).structured(ASK, Verdict, max_tokens=8)
    other = FakeLLM(fingerprint="1" * 64)
    other.enqueue({"answer": "maybe"}, {"answer": "yes"}, {"answer": "perhaps"})
    replay = ReplayLLM(other, record)
    assert replay.structured(ASK, Verdict, max_tokens=8).answer == "maybe"  # another model
    same = FakeLLM()
    same.enqueue({"answer": "yes"}, {"answer": "perhaps"})
    replay = ReplayLLM(same, record)
    assert replay.structured(ASK, Verdict, max_tokens=9).answer == "yes"
    assert (
        replay.structured([{"role": "user", "content": "Is it?"}], Verdict, max_tokens=8).answer == "perhaps"
    )
    assert same.usage.calls == 2 and replay.replayed == 0


def test_a_torn_last_line_is_skipped(tmp_path: Path) -> None:
    record = tmp_path / "calls.jsonl"
    first = FakeLLM()
    first.enqueue({"answer": "no"})
    ReplayLLM(first, record).structured(ASK, Verdict, max_tokens=8)
    record.write_text(record.read_text() + '{"key": "abc", "ans', encoding="utf-8")
    assert ReplayLLM(FakeLLM(), record).structured(ASK, Verdict, max_tokens=8).answer == "no"


def test_batched_answers_are_kept_apart_from_one_at_a_time_ones(tmp_path: Path) -> None:
    record = tmp_path / "calls.jsonl"
    alone = FakeLLM()
    alone.enqueue({"answer": "no"})
    ReplayLLM(alone, record).structured(ASK, Verdict, max_tokens=8)
    batched = FakeLLM(decoding={"batch_size": 4})
    batched.enqueue({"answer": "batched"})
    replay = ReplayLLM(batched, record)
    assert replay.structured(ASK, Verdict, max_tokens=8).answer == "batched"
    assert replay.replayed == 0
