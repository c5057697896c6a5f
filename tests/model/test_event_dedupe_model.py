"""The real model, through the CLI: a toll told apart from its event, updated, restated: one record."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from service.event_record import EventRecord, evidence_spans
from service.settings import Settings
from tests.conftest import DATA, TEST_MODEL

pytestmark = pytest.mark.model

# Written for this test: an explosion, its toll in the next sentence, the toll updated, then restated.
ARTICLE = DATA / "events" / "blast.txt"


@pytest.fixture(scope="module")
def result(model_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """`newsdigest analyze --event-records` on the article."""
    done = subprocess.run(
        [
            *(sys.executable, "-m", "service.cli", "analyze", "--event-records", "--no-verify-summary"),
            *("--model", TEST_MODEL, "--models-dir", str(model_settings.models_dir)),
            *(
                "--cache-dir",
                str(tmp_path_factory.mktemp("cache")),
                str(ARTICLE),
            ),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_the_blast_and_its_toll_are_one_record_with_the_toll_once(result: dict) -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    records = [EventRecord.model_validate(r) for r in result["event_records"]]
    for record in records:
        for name, span in evidence_spans(record):
            assert text[span.start : span.end] == span.quote, (name, span)
    with_figures = [r for r in records if r.casualties]
    dump = [r.model_dump(exclude={"actors"}) for r in records]
    # Every figure of the explosion on one record, which reports the lead (the explosion itself).
    assert len(with_figures) == 1, dump
    (blast,) = with_figures
    assert blast.background is False
    assert "explosion" in blast.mentions[0].evidence.quote, dump
    # No figure twice: the restated seven dead are a mention, and an updated count is not a second claim.
    figures = [(c.killed, c.injured) for c in blast.casualties]
    assert len(figures) == len(set(figures)), dump
    killed = [c.killed for c in blast.casualties if c.killed is not None]
    assert len(killed) <= 1, dump
