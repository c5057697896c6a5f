"""The real model, through the CLI: event records for articles with no casualty figure at all."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from service.event_record import EventRecord, evidence_spans
from service.settings import Settings
from tests.conftest import DATA, TEST_MODEL

pytestmark = pytest.mark.model

# Written for this test: a court ruling and a local election, neither with a casualty figure.
ARTICLES = ("court.txt", "election.txt")


@pytest.fixture(scope="module")
def analyzed(model_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """`newsdigest analyze --event-records` on both articles in one process (JSON Lines)."""
    paths = [str(DATA / "events" / name) for name in ARTICLES]
    done = subprocess.run(
        [
            *(sys.executable, "-m", "service.cli", "analyze", "--event-records", "--no-verify-summary"),
            *("--model", TEST_MODEL, "--models-dir", str(model_settings.models_dir)),
            *("--cache-dir", str(tmp_path_factory.mktemp("cache")), *paths),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("index", range(len(ARTICLES)))
def test_an_article_without_figures_gets_events_with_actors_and_exact_spans(analyzed, index: int) -> None:
    text = (DATA / "events" / ARTICLES[index]).read_text(encoding="utf-8")
    result = analyzed[index]
    assert result["events"] == []  # no casualty figure: the v1 contract has nothing to say
    records = [EventRecord.model_validate(r) for r in result["event_records"]]
    assert records, result["warnings"]
    with_actors = [r for r in records if r.actors]
    assert with_actors, [r.model_dump() for r in records]
    for record in records:
        for name, span in evidence_spans(record):
            assert text[span.start : span.end] == span.quote, (name, span)
        for actor in record.actors:
            assert actor.evidence.quote == actor.name
    # The lead sentence (after the headline) reports the news: its event is found and is not background.
    lead = text.split("\n\n")[1].strip()
    news = [r for r in records if r.mentions[0].evidence.quote == lead]
    assert news and news[0].background is False
    assert result["provenance"]["prompt_version"].endswith("+events.v1+events-examples.v1")
