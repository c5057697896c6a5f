"""Casualty figures the parse reads in a sentence that the model's reading left out.

A small model reading one sentence sometimes returns no figure, or only the first of two ("12
were killed and 30 injured" read as 12 killed). Where the dependency parse shows a casualty word
governing a number, and the word window agrees, the figure is added as a draft; grounding then
checks it exactly like the model's own (stated, counted as a casualty, not a rate, not a part).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from service.extract import Candidate, FigureDraft, Reading, SentenceFacts
from service.foreseen import foreseen
from service.numbers import NumberMention, find_numbers
from service.roles import window_role
from service.syntax import is_telling, number_token, parser
from service.wide_tolls import counts_many_events

# A part of a toll given before ("40 died, including 12 children", "among them three police"):
# the model chooses whether the part is its own figure; code never adds one.
_PART_BEFORE = re.compile(
    r"\b(?:including|among(?:\s+(?:them|those|whom|the\s+\w+))?|of (?:them|whom|those)|"
    r"of the (?:dead|injured)|of which|such as|mostly|mainly)\s+"
    r"(?:(?:were|was|are|is)\s+)?(?:at least |more than |about |some |nearly |almost )?$",
    re.IGNORECASE,
)
# "four of the dead", "two of the 12 victims": a part of a toll ("one of the two climbers" is not).
_PART_AFTER = re.compile(
    r"^\s+(?:of|out of)\s+(?:the|those|these|its|their)\s+(?:\w+\s+)?"
    r"(?:dead|deaths|killed|injured|wounded|hurt|victims|casualties|bodies)\b",
    re.IGNORECASE,
)
_MAX_ADDED = 2
# A rate is no event's toll: "40 a minute", "per hour", "each year".
_RATE = re.compile(
    r"\b(?:in|a|an|per|each|every)\s+(?:second|minute|hour|day|week|month|year)\b", re.IGNORECASE
)


def _part(sentence: str, mention: NumberMention) -> bool:
    """The number counts a part of a toll: "including 12", "among the dead were two", "four of the dead"."""
    return bool(_PART_BEFORE.search(sentence[: mention.start]) or _PART_AFTER.match(sentence[mention.end :]))


def _told_twice(token: Token) -> bool:
    """The number is hearsay: one teller gives what another told ("the neighbour said the man
    told her one had died"), which the model's reading, not the parse, must weigh."""
    tellers = [
        v
        for v in token.ancestors
        if is_telling(v.lemma_.lower()) and any(c.dep_ == "nsubj" for c in v.children)
    ]
    return len(tellers) >= 2


def _no_deed(sentence: str, mention: NumberMention) -> bool:
    """The number does not count people something happened to: the harm is only foreseen ("one
    hornet can kill 40 bees"), the number is the doer ("one gunman killed"), or it sums many
    events ("the national road toll stands at 10"); nor is it the parse's to add when it is
    hearsay."""
    token = number_token(parser().parse(sentence), mention.start, mention.end)
    if token is None or _told_twice(token):
        return True
    noun = token.head if token.dep_ == "nummod" else token
    if noun.dep_ == "agent" or (noun.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in noun.head.children)):
        return True  # "one gunman killed four": one did the killing
    return foreseen(sentence, mention) or counts_many_events(sentence, mention)


def _parsed_role(sentence: str, mention: NumberMention, mentions: list[NumberMention]) -> str | None:
    """killed or injured only when the parse and the word window both say so, of a deed done."""
    if _no_deed(sentence, mention) or _RATE.search(sentence):
        return None
    role = parser().role(sentence, mention.start, mention.end)
    if role not in ("killed", "injured"):
        return None
    return role if window_role(sentence, mention, mentions) == role else None


def missed_figures(
    sentence: str, facts: SentenceFacts, elsewhere: frozenset[int] = frozenset()
) -> list[FigureDraft]:
    """Drafts for the numbers of `sentence` that count the killed or injured and that no figure
    of the model's reading uses, nor any of its readings of the article's other sentences
    (`elsewhere`: a toll said again is already a figure); a part of another figure is never added."""
    mentions = find_numbers(sentence)
    used = {v for f in facts.figures for v in (f.killed, f.injured) if v is not None} | elsewhere
    added: list[FigureDraft] = []
    for mention in mentions:
        value = int(mention.value)
        if value != mention.value or value in used or _part(sentence, mention):
            continue
        role = _parsed_role(sentence, mention, mentions)
        if role is None:
            continue
        used.add(value)
        added.append(
            FigureDraft(
                killed=value if role == "killed" else None,
                injured=value if role == "injured" else None,
                group=None,
                source=parser().speaker(sentence, mention.start, mention.end),
            )
        )
    return added[:_MAX_ADDED]


def complete_readings(
    readings: list[Reading], candidates: list[Candidate]
) -> tuple[list[Reading], list[str]]:
    """Each reading with the figures the parse adds, and a code-only reading (no event type, place
    or time) for a candidate the model could not answer; one warning per figure added."""
    by_start = {r.candidate.sentence.start: r for r in readings}
    proposed = frozenset(v for r in readings for v in _stated_values(r))
    completed: list[Reading] = []
    warnings: list[str] = []
    for candidate in candidates:
        reading = by_start.get(candidate.sentence.start)
        facts = (
            reading.facts
            if reading is not None
            else SentenceFacts(figures=[], event_type="other", place=None, when=None, by=None, target=None)
        )
        added = missed_figures(candidate.sentence.text, facts, proposed)
        for fig in added:
            what = f"killed={fig.killed}" if fig.killed is not None else f"injured={fig.injured}"
            warnings.append(
                f"added {what} from the parse: the model's reading of the sentence at "
                f"{candidate.sentence.start} left it out"
            )
        if reading is None and not added:
            continue
        stated = {int(m.value) for m in find_numbers(candidate.sentence.text)}
        figures = _merged(list(facts.figures), added, stated, warnings)
        completed.append(Reading(candidate, facts.model_copy(update={"figures": figures})))
    return completed, warnings


def _merged(
    figures: list[FigureDraft], added: list[FigureDraft], stated: set[int], warnings: list[str]
) -> list[FigureDraft]:
    """An added count of the hurt joins the one figure that has the dead and no hurt ("12 were
    killed and 30 injured" is one figure), and the other way round; a field whose number the
    sentence does not state is open too (the parse's number replaces it); else it stands alone."""
    for fig in added:
        field, other = ("injured", "killed") if fig.injured is not None else ("killed", "injured")
        open_ = [f for f in figures if getattr(f, field) not in stated and getattr(f, other) in stated]
        if len(open_) == 1 and _same_speaker(open_[0].source, fig.source):
            at = figures.index(open_[0])
            if (old := getattr(open_[0], field)) is not None:
                warnings.append(
                    f"replaced {field}={old} by {getattr(fig, field)}: the sentence does not state {old}"
                )
            source = open_[0].source or fig.source
            figures[at] = open_[0].model_copy(update={field: getattr(fig, field), "source": source})
        else:
            figures.append(fig)
    return figures


def _same_speaker(a: str | None, b: str | None) -> bool:
    """Two credits name the same speaker, or one of them names none."""
    return a is None or b is None or a.strip().lower() == b.strip().lower()


def _stated_values(reading: Reading) -> set[int]:
    """The model's figures for a sentence that the sentence states (an unstated one is dropped)."""
    stated = {m.value for m in find_numbers(reading.candidate.sentence.text)}
    return {v for f in reading.facts.figures for v in (f.killed, f.injured) if v is not None and v in stated}
