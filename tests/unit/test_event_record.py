"""The v2 event contract: the documented example validates against its article; bad records are refused."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from service.event_record import EventRecord, evidence_spans

DOC = Path(__file__).resolve().parents[2] / "docs" / "events-v2.md"


def _blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)\n```", DOC.read_text(encoding="utf-8"), re.DOTALL)


def _example() -> tuple[str, list[dict]]:
    (article,) = _blocks("text")
    (records,) = _blocks("json")
    return article, json.loads(records)


def test_documented_example_validates_and_every_span_is_exact() -> None:
    article, payload = _example()
    records = [EventRecord.model_validate(item) for item in payload]
    assert [r.background for r in records] == [False, True]
    spans = [span for record in records for _, span in evidence_spans(record)]
    assert len(spans) == 14
    for span in spans:
        assert article[span.start : span.end] == span.quote


def test_evidence_spans_name_their_field_in_order() -> None:
    _, payload = _example()
    record = EventRecord.model_validate(payload[1])
    assert [name for name, _ in evidence_spans(record)] == [
        "what", "when", "where", "actors[0]", "actors[1]", "casualties[0]", "mentions[0]",
    ]  # fmt: skip


def _changed(path: list[str | int], value: object) -> dict:
    _, payload = _example()
    record = payload[0]
    target = record
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return record


@pytest.mark.parametrize(
    ("path", "value", "error"),
    [
        (["event_type"], "parade", "unknown event type 'parade'"),
        (["mentions"], [], "at least 1 item"),
        (["when", "date"], "4 March 2025", "should match pattern"),
        (["actors", 0, "role"], "witness", "'agent', 'affected' or 'source'"),
        (["what", "text"], "x" * 121, "at most 120 characters"),
        (["where", "evidence", "start"], -1, "greater than or equal to 0"),
    ],
)
def test_invalid_records_are_refused(path: list[str | int], value: object, error: str) -> None:
    with pytest.raises(ValidationError, match=error):
        EventRecord.model_validate(_changed(path, value))


def test_when_and_where_may_be_absent() -> None:
    record = EventRecord.model_validate({**_changed(["when"], None), "where": None})
    assert [name for name, _ in evidence_spans(record)][:2] == ["what", "actors[0]"]
