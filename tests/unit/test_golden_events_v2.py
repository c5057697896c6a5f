"""The v2 event labels: every golden of the suite is valid and its own oracle scores 1.0; a label
that breaks a rule (eval/README.md, "Event labels") is refused with its reason."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from service.evaluation.event_scorers import score_event_records
from service.evaluation.event_view import predicted_events
from service.evaluation.golden import GoldenError, load_case, load_cases
from service.evaluation.metrics import aggregate
from service.evaluation.oracle import oracle_event_records
from service.event_types import load_taxonomy
from service.resources import data_dir

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "eval"


def test_every_golden_has_news_events_and_its_oracle_scores_one() -> None:
    eval_dir = data_dir("eval")
    cases = load_cases(eval_dir / "cases", eval_dir / "golden")
    assert len(cases) == 94
    taxonomy = load_taxonomy()
    counts = []
    for case in cases:
        assert any(not event.background for event in case.golden.events_v2), case.name
        records = oracle_event_records(case.golden, case.article)
        events = predicted_events(records, taxonomy)
        counts.append(score_event_records(case.golden, events, case.article, taxonomy).counts)
    metrics = aggregate(counts)
    for name in ("event_v2_recall", "event_v2_precision", "event_type_accuracy", "event_actor_accuracy"):
        assert metrics[name] == 1.0, name
    assert metrics["event_duplicate_rate"] == 0.0


def _broken(tmp_path: Path, change: Callable[[dict], None]) -> Path:
    shutil.copytree(FIXTURES, tmp_path / "eval")
    path = tmp_path / "eval" / "golden" / "mini-aleppo.json"
    golden = json.loads(path.read_text(encoding="utf-8"))
    change(golden)
    path.write_text(json.dumps(golden), encoding="utf-8")
    return tmp_path / "eval"


def _set(key: str, value: object, event: int = 0) -> Callable[[dict], None]:
    def change(golden: dict) -> None:
        golden["events_v2"][event][key] = value

    return change


def _old_format(golden: dict) -> None:
    golden["eval_id"] = "newsdigest.facts.v2"
    del golden["events_v2"]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (_set("event_type", "shelling attack"), "event_type 'shelling attack' is not in the taxonomy"),
        (_set("quotes", ["At least 12 people died in Aleppo"]), "quotes: not in the article"),
        (_set("quotes", []), "at least 1 item"),
        (_set("place", "Homs"), "place 'Homs' is not written in the article"),
        (_set("date_text", "on Sunday"), "date 'on Sunday' is not written in the article"),
        (
            _set("actors", [{"name": "rescue workers", "role": "source", "aliases": ["medics"]}]),
            "neither 'rescue workers' nor an alias is written",
        ),
        (_set("actors", [{"name": "local rescuers", "role": "witness"}], event=1), "role"),
        (_set("place_aliases", ["Syria"], event=2), "place_aliases without a place"),
        (_set("what", "x" * 101), "at most 100 characters"),
        (_set("mood", "grim"), "Extra inputs are not permitted"),
        (_old_format, "newsdigest.facts.v3"),
    ],
)
def test_a_label_that_breaks_a_rule_is_refused(
    tmp_path: Path, change: Callable[[dict], None], reason: str
) -> None:
    eval_dir = _broken(tmp_path, change)
    with pytest.raises(GoldenError, match=reason):
        load_case("mini-aleppo", eval_dir / "cases", eval_dir / "golden")


def test_date_aliases_need_a_date(tmp_path: Path) -> None:
    def change(golden: dict) -> None:
        golden["events_v2"][2].update({"date_text": None, "date_aliases": ["since 2011"]})

    eval_dir = _broken(tmp_path, change)
    with pytest.raises(GoldenError, match="date_aliases without a date_text"):
        load_case("mini-aleppo", eval_dir / "cases", eval_dir / "golden")


def test_an_event_without_place_or_time_is_valid(tmp_path: Path) -> None:
    def change(golden: dict) -> None:
        golden["events_v2"][2].update({"date_text": None, "place": None})

    eval_dir = _broken(tmp_path, change)
    event = load_case("mini-aleppo", eval_dir / "cases", eval_dir / "golden").golden.events_v2[2]
    assert event.place is None and event.date_text is None
