"""Event records v2 plumbing with a scripted model: grounding, merging, background, figures, wiring."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from service.document import Document
from service.errors import GenerationError
from service.event_record import EventRecord, evidence_spans
from service.event_types import load_taxonomy
from service.events import find_event_records
from service.events.sentences import pick_sentences
from service.pipeline import Pipeline
from service.prompts import PromptSet, load_prompts
from service.resources import data_dir
from service.schema import ArticleInput, Casualty, Event
from service.settings import Settings
from tests.conftest import DATA
from tests.unit.events_fakes import draft, is_event_call, router, scripted

# Written for these tests. Its newsletter line is site furniture the cleaner removes, so offsets
# into the cleaned text and into the input differ: every span must still point into the input.
ARTICLE = (DATA / "events" / "ferry.txt").read_text(encoding="utf-8")
PUBLISHED = "2026-03-14"
S1 = "A passenger ferry sank off Carrow Head"
S2 = "Two crew members were killed and nine passengers were injured"
S4 = "which sank within twenty minutes"
S5 = "A third crew member died later"
S6 = "nine passengers hurt when the vessel went down"
S7 = "cargo ship sank near Carrow Head in 2019"
S8 = "Its owner was fined after a fuel leak"

SINKING = draft(
    "A passenger ferry sank",
    "accident",
    when="on Friday",
    where="Carrow Head",
    affected=["A passenger ferry"],
    source="the coastguard",
    background=True,  # wrong on purpose: the lead's main event is the news
)


@pytest.fixture(scope="module")
def prompts() -> PromptSet:
    return load_prompts()


@pytest.fixture(scope="module")
def doc(prompts: PromptSet) -> Document:
    return Document.build(ARTICLE, None, prompts.injection)


def _sentence(doc: Document, piece: str):
    return next(s for s in doc.body if piece in s.text)


def _figure_event(doc: Document, piece: str, killed: int | None, injured: int | None, place: str) -> Event:
    """A verified figure as service.ground reports it: its quote is the whole sentence."""
    evidence = doc.evidence(_sentence(doc, piece))
    casualty = Casualty(
        killed=killed, injured=injured, group=None, qualifier=None, claimed_by=None, evidence=evidence
    )
    return Event(
        event_type="accident",
        date_text=None,
        date=None,
        location=place,
        perpetrator=None,
        target=None,
        casualties=[casualty],
    )


def _records(doc, prompts, events, figure_events=()):
    fake = scripted(router(events))
    report = find_event_records(fake, prompts, doc, PUBLISHED, list(figure_events))
    return report, fake


def _assert_spans_exact(records: list[EventRecord]) -> int:
    spans = [span for record in records for _, span in evidence_spans(record)]
    for span in spans:
        assert ARTICLE[span.start : span.end] == span.quote, span
    return len(spans)


def test_picks_lead_and_event_sentences(doc: Document) -> None:
    picked = [p.sentence.text for p in pick_sentences(doc.body, load_taxonomy())]
    assert picked[0].startswith(S1) and picked[1].startswith(S2)  # the lead, whatever it says
    assert not any(text.startswith("Divers reached") for text in picked)  # no event word
    assert any(S7 in text for text in picked)


def test_fields_are_grounded_and_every_span_is_exact(doc, prompts) -> None:
    report, _ = _records(doc, prompts, {S1: [SINKING]})
    (record,) = report.records
    assert record.event_type == "accident" and record.what.text == "A passenger ferry sank"
    assert record.when is not None and record.when.date_text == "on Friday"
    assert record.when.date == "2026-03-13"  # the Friday before publication
    assert record.where is not None and (record.where.place, record.where.relation) == ("Carrow Head", "off")
    assert record.where.evidence.quote == "off Carrow Head"
    assert [(a.name, a.role) for a in record.actors] == [
        ("A passenger ferry", "affected"),
        ("the coastguard", "source"),
    ]
    assert record.background is False  # the model said true; the lead's main event is the news
    assert [m.kind for m in record.mentions] == ["report"]
    assert record.mentions[0].evidence.quote.startswith(S1)
    assert _assert_spans_exact(report.records) == 6


def test_unlocatable_actor_place_and_time_are_dropped_and_said(doc, prompts) -> None:
    invented = {
        **SINKING,
        "agents": ["the harbour police"],
        "where": "Lisbon",
        "when": "three days of mourning",
    }
    report, _ = _records(doc, prompts, {S1: [invented]})
    (record,) = report.records
    assert record.where is None and record.when is None
    assert "the harbour police" not in [a.name for a in record.actors]
    said = " | ".join(report.warnings)
    assert "dropped agent 'the harbour police': not written in its sentence" in said
    assert "dropped where='Lisbon'" in said
    assert "dropped when='three days of mourning': it is not a time expression" in said
    _assert_spans_exact(report.records)


def test_a_predicate_the_sentence_does_not_state_drops_the_event(doc, prompts) -> None:
    report, _ = _records(
        doc, prompts, {S1: [draft("the mayor resigned over tax rises", "political_decision")]}
    )
    assert report.records == []
    assert "dropped event 'the mayor resigned over tax rises': its predicate is not written" in " ".join(
        report.warnings
    )


def test_a_reworded_predicate_keeps_the_articles_words(doc, prompts) -> None:
    report, _ = _records(doc, prompts, {S1: [{**SINKING, "what": "the ferry sinks after it struck rocks"}]})
    (record,) = report.records
    # Three of its five content words are written ("ferry", "after", "rocks"; not "sinks" or
    # "struck"): the span runs from the first to the last of them and the text is the article's.
    assert record.what.text == "ferry sank off Carrow Head on Friday after striking rocks"
    assert record.what.text == record.what.evidence.quote


def test_two_mentions_of_one_event_are_merged(doc, prompts) -> None:
    later = draft("sank within twenty minutes", "accident", affected=["The ferry"])
    report, _ = _records(doc, prompts, {S1: [SINKING], S4: [later]})
    (record,) = report.records
    assert [m.kind for m in record.mentions] == ["report", "report"]
    assert S4 in record.mentions[1].evidence.quote
    assert ("The ferry", "affected") in [(a.name, a.role) for a in record.actors]
    _assert_spans_exact(report.records)


def test_another_place_keeps_events_apart(doc, prompts) -> None:
    elsewhere = draft("A third crew member died", "accident", where="Wexley")
    report, _ = _records(doc, prompts, {S1: [SINKING], S5: [elsewhere]})
    assert [r.where.place for r in report.records if r.where] == ["Carrow Head", "Wexley"]


def test_background_flagged_by_code_and_by_the_model(doc, prompts) -> None:
    old_loss = draft("cargo ship sank", "accident", where="Carrow Head", when="in 2019")  # model: news
    no_past = draft("had passed an inspection", "political_decision", background=True)
    fined = draft("Its owner was fined", "court", background=True)
    scripted_events = {S1: [SINKING], S4: [no_past], S7: [old_loss], S8: [fined]}
    report, _ = _records(doc, prompts, scripted_events)
    by_what = {r.what.text: r for r in report.records}
    assert by_what["cargo ship sank"].background is True  # code: a year before publication
    # The model's flag counts only where the sentence has words of the past ("in 2022" is in
    # the fine's sentence, outside its clause, so code alone cannot tell).
    assert by_what["Its owner was fined"].background is True
    assert by_what["had passed an inspection"].background is False
    assert by_what["A passenger ferry sank"].background is False
    # Same type and place, but one is background: the 2019 loss is not merged into the sinking.
    assert len(report.records) == 4
    report, _ = _records(doc, prompts, {**scripted_events, S8: [{**fined, "background": False}]})
    assert {r.what.text: r for r in report.records}["Its owner was fined"].background is False


def test_figures_are_attached_once_and_a_restated_figure_is_a_mention(doc, prompts) -> None:
    toll = draft("Two crew members were killed", "accident", affected=["Two crew members"])
    figures = [
        _figure_event(doc, S2, 2, 9, "off Carrow Head"),
        _figure_event(doc, S6, 2, 9, "unspecified"),  # the same figure, restated later
        _figure_event(doc, S5, 1, None, "Wexley"),  # no event record reports that sentence
    ]
    report, _ = _records(doc, prompts, {S1: [SINKING], S2: [toll]}, figures)
    sinking, hospital = report.records
    assert [(c.killed, c.injured) for c in sinking.casualties] == [(2, 9)]
    kinds = [(m.kind, m.evidence.quote[:20]) for m in sinking.mentions]
    assert kinds == [("report", S1[:20]), ("report", S2[:20]), ("restatement", "Two crew members wer")]
    assert S6 in sinking.mentions[2].evidence.quote
    # A figure no record reports gets its own record, grounded in its quote.
    assert [(c.killed, c.injured) for c in hospital.casualties] == [(1, None)]
    assert hospital.what.text == "A third crew member died later in hospital in Wexley"
    assert hospital.where is not None and hospital.where.evidence.quote == "in Wexley"
    all_figures = [c for r in report.records for c in r.casualties]
    assert len(all_figures) == 2  # three figure claims, two distinct figures
    _assert_spans_exact(report.records)


def test_a_sentence_the_model_cannot_answer_is_skipped_and_said(doc, prompts) -> None:
    def fails(messages):
        raise GenerationError("model gave no valid SentenceEvents after 2 tries: events.0.type missing")

    fake = scripted(fails)
    report = find_event_records(fake, prompts, doc, PUBLISHED, [])
    assert report.records == []
    assert report.warnings and all("skipped" in w for w in report.warnings)


def test_examples_are_grounded_by_the_code_they_teach(prompts) -> None:
    """Each few-shot answer is what the grounding keeps: no field of an example is dropped."""
    from service.events.build import ground_draft
    from service.events.read import response_model
    from service.schema import Evidence

    taxonomy = load_taxonomy()
    schema = response_model(taxonomy)
    for example in prompts.events_examples:
        answer = schema.model_validate(example["answer"])
        sentence = Evidence(quote=example["sentence"], start=0, end=len(example["sentence"]))
        context = example["context"] or None
        around = Evidence(quote=context, start=0, end=len(context)) if context else None
        for event in answer.events:
            warnings: list[str] = []
            found = ground_draft(
                event, sentence, around, None, main_news=False, warnings=warnings, taxonomy=taxonomy
            )
            assert found is not None and warnings == [], (example["sentence"], warnings)
            assert found.background == event.background
            proposed = {(n, "agent") for n in event.agents} | {(n, "affected") for n in event.affected}
            proposed |= {(event.source, "source")} if event.source else set()
            assert {(a.name, a.role) for a in found.actors} == proposed


def _pipeline(settings: Settings, fake, prompts: PromptSet | None = None) -> Pipeline:
    return Pipeline(settings, fake, prompts)


FIGURES = {
    S2: {
        "figures": [{"killed": 2, "injured": 9, "group": "crew members", "source": "the coastguard"}],
        "event_type": "accident",
        "place": "Carrow Head",
        "when": None,
        "by": None,
        "target": None,
    },
    S5: {
        "figures": [{"killed": 1, "injured": None, "group": None, "source": None}],
        "event_type": "accident",
        "place": "Wexley",
        "when": None,
        "by": None,
        "target": None,
    },
    S6: {
        "figures": [{"killed": 2, "injured": 9, "group": "crew members", "source": "officials"}],
        "event_type": "accident",
        "place": None,
        "when": None,
        "by": None,
        "target": None,
    },
}


def test_pipeline_fills_event_records_only_when_asked(tmp_path: Path) -> None:
    article = ArticleInput(text=ARTICLE, published=PUBLISHED)
    answer = router({S1: [SINKING]}, FIGURES, ["A passenger ferry sank off Carrow Head on Friday."])
    off = Settings(cache_dir=tmp_path / "off")
    on = Settings(cache_dir=tmp_path / "on", event_records=True)

    fake_off = scripted(answer)
    plain = _pipeline(off, fake_off).analyze(article)
    assert plain.event_records == [] and plain.events
    assert not any(is_event_call(m) for m in fake_off.prompts)
    assert "events" not in plain.provenance.timings_ms
    assert "events.v1" not in plain.provenance.prompt_version

    fake_on = scripted(answer)
    pipeline = _pipeline(on, fake_on)
    result = pipeline.analyze(article)
    assert sum(is_event_call(m) for m in fake_on.prompts) == 7  # one call per picked sentence
    assert result.events == plain.events and result.summary == plain.summary  # v1 output unchanged
    assert result.event_records[0].what.text == "A passenger ferry sank"
    assert result.event_records[0].casualties[0].killed == 2
    assert result.provenance.prompt_version.endswith("+events.v1+events-examples.v1")
    assert result.provenance.timings_ms["events"] >= 0
    assert result.provenance.cache_key != plain.provenance.cache_key
    for record in result.event_records:
        for _, span in evidence_spans(record):
            assert ARTICLE[span.start : span.end] == span.quote
    cached = pipeline.analyze(article)
    assert cached.provenance.cached is True and cached.event_records == result.event_records


def test_cache_key_follows_the_setting_and_the_event_prompts(tmp_path: Path) -> None:
    article = ArticleInput(text=ARTICLE)
    edited = tmp_path / "prompts"
    shutil.copytree(data_dir("prompts"), edited)
    (edited / "events.v1.md").write_text((edited / "events.v1.md").read_text() + "\nOne more rule.\n")
    changed = load_prompts(edited)
    assert changed.version == load_prompts().version and changed.events_digest != load_prompts().events_digest

    def key(event_records: bool, prompts: PromptSet | None) -> str:
        settings = Settings(cache_dir=tmp_path / "cache", event_records=event_records, no_cache=True)
        return _pipeline(settings, scripted(router({})), prompts).cache_key(article)

    assert key(False, None) == key(False, changed)  # off: the event prompts are not part of it
    assert key(True, None) != key(True, changed)
    assert key(True, None) != key(False, None)


def test_setting_comes_from_env_and_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from service.cli import main

    assert Settings().event_records is False
    monkeypatch.setenv("NEWSDIGEST_EVENT_RECORDS", "1")
    assert Settings().event_records is True
    shown = CliRunner().invoke(main, ["analyze", "--help"]).output
    assert "--event-records" in shown and "NEWSDIGEST_EVENT_RECORDS" in shown


def test_the_eval_scores_event_records_when_the_output_has_them(doc, prompts, sample_analysis) -> None:
    from service.evaluation.event_view import analysis_events

    report, _ = _records(doc, prompts, {S1: [SINKING], S7: [draft("cargo ship sank", "accident")]})
    legacy = _figure_event(doc, S2, 2, 9, "off Carrow Head")
    taxonomy = load_taxonomy()
    v1_only = sample_analysis.model_copy(update={"events": [legacy]})
    both = v1_only.model_copy(update={"event_records": report.records})

    (from_v1,) = analysis_events(v1_only, taxonomy)
    assert from_v1.what is None and from_v1.background is None  # v1 read as v2: no predicate
    read = analysis_events(both, taxonomy)
    assert [e.what for e in read] == ["A passenger ferry sank", "cargo ship sank"]
    assert read[1].background is True and read[0].place == "Carrow Head"


def test_parts_of_one_news_event_are_one_record_and_credited_names_are_sources(doc, prompts) -> None:
    went_down = draft("the vessel went down", "disaster", agents=["officials"])  # same family as accident
    report, _ = _records(doc, prompts, {S1: [SINKING], S6: [went_down]})
    (record,) = report.records
    assert record.event_type == "accident" and len(record.mentions) == 2
    assert ("officials", "source") in [(a.name, a.role) for a in record.actors]  # "..., officials said"


def test_a_phrase_that_is_not_a_place_is_not_kept_as_where(doc, prompts) -> None:
    report, _ = _records(doc, prompts, {S1: [{**SINKING, "where": "the coastguard"}]})
    assert report.records[0].where is None
    assert "event record: dropped where='the coastguard': not written in its sentence as a place" in (
        report.warnings
    )


def test_an_event_of_the_sentence_before_is_grounded_there(doc, prompts) -> None:
    # "Its owner was fined..." refers back, so the model also sees the sentence before; here it
    # reports that sentence's event, which is kept, grounded in that sentence.
    old_loss = draft("cargo ship sank", "accident", where="Carrow Head", when="in 2019")
    report, _ = _records(doc, prompts, {S1: [SINKING], S8: [old_loss]})
    loss = next(r for r in report.records if r.what.text == "cargo ship sank")
    assert S7 in loss.mentions[0].evidence.quote and loss.background is True
    _assert_spans_exact(report.records)


def test_the_type_follows_the_predicates_cue_words() -> None:
    from service.events.build import type_from_cues

    taxonomy = load_taxonomy()
    assert type_from_cues("crime", "pleaded not guilty to all charges", taxonomy) == "court"
    # A cue of its own ("fraud") keeps the model's type.
    assert type_from_cues("crime", "pleaded not guilty to fraud", taxonomy) == "crime"
    assert type_from_cues("accident", "a bus crashed into a wall", taxonomy) == "accident"
    assert type_from_cues("economic", "opened a new plant", taxonomy) == "economic"  # no cue: kept
    # No cue in the predicate: its clause decides, and only its clause (written for this test).
    clause = "The league's championship leader Ana Ruiz took the fastest lap"
    assert type_from_cues("court", "took the fastest lap", taxonomy, clause) == "sport"
    assert type_from_cues("court", "was fined", taxonomy, "Its owner was fined ") == "court"


def test_a_figure_joins_the_news_event_at_its_place_and_day_whatever_its_type(doc, prompts) -> None:
    toll = _figure_event(doc, S2, 2, 9, "Carrow Head")
    toll = toll.model_copy(update={"event_type": "bombing", "date_text": "on Friday"})  # a wrong guess
    report, _ = _records(doc, prompts, {S1: [SINKING]}, [toll])
    (record,) = report.records
    assert [(c.killed, c.injured) for c in record.casualties] == [(2, 9)]
