"""Independent calls side by side when the backend serves several, a plain loop when it serves one."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import pytest

from service.concurrency import map_calls
from service.errors import BackendError, GenerationError
from service.extract import Candidate, read_candidates
from service.llm import FakeLLM, Usage
from service.prompts import load_prompts
from service.text import Span

SENTENCES = [
    "Three miners died when the shaft flooded on Monday.",
    "Eleven workers were hurt in the blast at the depot.",
    "Two guards were killed at the checkpoint overnight.",
    "Rescuers said 40 people were injured in the stampede.",
]


def test_one_at_a_time_is_a_plain_loop_in_order() -> None:
    threads: list[str] = []

    def call(n: int) -> int:
        threads.append(threading.current_thread().name)
        return n * n

    assert map_calls(call, [3, 1, 2], max_concurrency=1) == [9, 1, 4]
    assert set(threads) == {threading.current_thread().name}  # no pool, no threads


def test_several_at_once_really_overlap_and_keep_the_order() -> None:
    # Four calls that can only finish when all four have started: a serial loop would time out.
    barrier = threading.Barrier(4, timeout=5)

    def call(n: int) -> int:
        barrier.wait()
        return -n

    assert map_calls(call, [1, 2, 3, 4], max_concurrency=4) == [-1, -2, -3, -4]


def test_the_first_error_reaches_the_caller() -> None:
    def call(n: int) -> int:
        if n == 2:
            raise BackendError("server went away")
        return n

    with pytest.raises(BackendError, match="server went away"):
        map_calls(call, [1, 2, 3, 4, 5, 6], max_concurrency=2)


@dataclass
class ParallelFake:
    """Answers each sentence from its own words; counts how many calls overlap."""

    max_concurrency: int = 4
    name: str = "parallel-fake"
    fingerprint: str = "1" * 64
    decoding: dict[str, Any] = field(default_factory=dict)
    usage: Usage = field(default_factory=Usage)
    n_ctx: int = 4096
    running: int = 0
    most_at_once: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    barrier: threading.Barrier = field(default_factory=lambda: threading.Barrier(4, timeout=5))

    def warm_up(self) -> None:
        pass

    def count_tokens(self, text: str) -> int:
        return len(text) // 4

    def structured(self, messages: list[dict[str, str]], response_model: Any, *, max_tokens: int) -> Any:
        sentence = messages[-1]["content"].split("SENTENCE: ", 1)[1]
        with self.lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        self.barrier.wait()
        with self.lock:
            self.running -= 1
        if "checkpoint" in sentence:
            raise GenerationError("model gave no valid SentenceFacts after 2 tries: figures")
        return response_model.model_validate(
            {
                "figures": [
                    {
                        "killed": 3 if sentence.startswith("Three") else None,
                        "injured": None,
                        "group": None,
                        "source": None,
                    }
                ],
                "event_type": "accident",
                "place": None,
                "when": None,
                "by": None,
                "target": None,
            }
        )


def candidates() -> list[Candidate]:
    spans, start = [], 0
    for text in SENTENCES:
        spans.append(Candidate(Span(start, start + len(text), text), ""))
        start += len(text) + 1
    return spans


def test_extraction_calls_run_together_and_come_back_in_sentence_order() -> None:
    llm = ParallelFake()
    readings, warnings = read_candidates(llm, load_prompts(), "Mine flood", candidates())
    assert llm.most_at_once == 4
    assert [r.candidate.sentence.text for r in readings] == [SENTENCES[0], SENTENCES[1], SENTENCES[3]]
    assert readings[0].facts.figures[0].killed == 3
    start = candidates()[2].sentence.start
    assert warnings == [
        f"sentence at {start} skipped: model gave no valid SentenceFacts after 2 tries: figures"
    ]


def test_a_one_call_backend_is_asked_in_sentence_order() -> None:
    fake = FakeLLM()
    facts = {"figures": [], "event_type": "other", "place": None, "when": None, "by": None, "target": None}
    fake.enqueue(*[facts] * len(SENTENCES))
    readings, _ = read_candidates(fake, load_prompts(), None, candidates())
    assert len(readings) == len(SENTENCES)
    assert [p[-1]["content"].rsplit("SENTENCE: ", 1)[1] for p in fake.prompts] == SENTENCES
