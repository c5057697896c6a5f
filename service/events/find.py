"""Event records v2 for any article: pick sentences, read them, ground every field, merge, attach figures."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.document import Document
from service.event_record import EventRecord
from service.event_types import Taxonomy, load_taxonomy
from service.events.attach import attach_figures
from service.events.build import ground_draft
from service.events.details import fold_details, one_act_per_sentence
from service.events.found import Found
from service.events.merge import merge_mentions
from service.events.nonevents import unanchored_state
from service.events.read import read_sentences
from service.events.sentences import Pick, only_toll_words, pick_sentences
from service.events.tolls import fold_tolls
from service.llm import LLM
from service.prompts import PromptSet
from service.schema import Event, Evidence


@dataclass
class EventReport:
    """The records that passed the checks, and what was dropped, said in words."""

    records: list[EventRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _toll_told(sentence: Evidence, pick: Pick, figure_events: list[Event], taxonomy: Taxonomy) -> bool:
    """A sentence after the lead that only tells a verified figure ("Seven people died, police
    said"): its reading could only be the toll, which the figure brings and code joins to its
    event, so it is not worth a call."""
    if pick.lead or not only_toll_words(sentence.quote, taxonomy):
        return False
    return any(
        c.evidence.start < sentence.end and sentence.start < c.evidence.end
        for e in figure_events
        for c in e.casualties
    )


def find_event_records(
    llm: LLM,
    prompts: PromptSet,
    doc: Document,
    published: str | None,
    figure_events: list[Event],
    taxonomy: Taxonomy | None = None,
) -> EventReport:
    """The events `doc` reports, one record each, every field grounded in the original input;
    `figure_events` are the verified casualty figures (service.ground), attached to their events."""
    taxonomy = taxonomy or load_taxonomy()
    picks = [
        p
        for p in pick_sentences(doc.body, taxonomy)
        if not _toll_told(doc.evidence(p.sentence), p, figure_events, taxonomy)
    ]
    readings, warnings = read_sentences(llm, prompts, taxonomy, doc.title, picks)
    found: list[Found] = []
    for reading in readings:
        of_sentence: list[Found] = []
        sentence = doc.evidence(reading.pick.sentence)
        context = doc.evidence(reading.pick.context) if reading.pick.context else None
        for i, draft in enumerate(reading.drafts):
            main_news = reading.pick.lead and i == 0 and reading.pick.sentence == doc.body[0]
            said: list[str] = []
            grounded = ground_draft(
                draft, sentence, context, published, main_news=main_news, warnings=said, taxonomy=taxonomy
            )
            if grounded is None and context is not None:
                # Shown the sentence before for a pronoun, the model sometimes reports that
                # sentence's event instead: it is kept when every field is grounded there.
                said_there: list[str] = []
                grounded = ground_draft(
                    draft, context, None, published, main_news=False, warnings=said_there, taxonomy=taxonomy
                )
                said = said_there if grounded is not None else said
            warnings.extend(said)
            if grounded is not None:
                of_sentence.append(grounded)
        found += one_act_per_sentence(of_sentence, taxonomy)
    # Details fold before the merge: the merge joins news of one family ("claimed responsibility"
    # with the arrest that followed) and would carry a second event into the first with them.
    merged = merge_mentions(fold_details(found, taxonomy), taxonomy)
    records = fold_tolls(attach_figures(merged, figure_events, taxonomy, published), taxonomy)
    for state in [r for r in records if unanchored_state(r)]:
        warnings.append(f"event record: dropped {state.what.text!r}: it states no act, time, place or toll")
        records.remove(state)
    return EventReport([r.to_record() for r in records], warnings)
