"""Load and validate eval cases: an article plus its golden facts (eval id newsdigest.facts.v3)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from service.errors import InputError
from service.event_types import Taxonomy, load_taxonomy
from service.numbers import states_number

# v3: every golden has `events_v2` (event records v2, eval/README.md "Event labels"); v2 files lack it.
EVAL_ID = "newsdigest.facts.v3"
Split = Literal["dev", "test"]
Kind = Literal[
    "conflict", "accident", "disaster", "crime_courts", "politics", "business", "health", "science",
    "sport", "other",
]  # fmt: skip


class GoldenError(InputError):
    """A case or golden file is missing, malformed or inconsistent with its article."""

    code = "invalid_golden"


class GoldCasualty(BaseModel):
    """One casualty figure the article states, as a person read it."""

    model_config = ConfigDict(extra="forbid")

    killed: int | None
    injured: int | None
    group: str | None = None
    qualifier: str | None = None
    claimed_by: str | None
    claimed_by_aliases: list[str] = Field(default_factory=list)
    location: str | None
    date_text: str | None
    quote: str
    required: bool = True


class NonFigure(BaseModel):
    """A number near a casualty word that counts something else (arrests, evacuees, ages...)."""

    model_config = ConfigDict(extra="forbid")

    value: int
    counts: str = Field(description="What the number counts: arrested, evacuated, missing, age...")
    quote: str


class Trap(BaseModel):
    """A false statement a careless summary would make; hit when one summary sentence has a term
    of every inner list of `terms` and none of `unless`."""

    model_config = ConfigDict(extra="forbid")

    claim: str
    shape: Literal["role", "number", "place", "date", "group", "quote", "injection", "relation", "lead"]
    terms: list[list[str]]
    unless: list[str] = Field(default_factory=list)
    why: str


class GoldEvent(BaseModel):
    """One event the article reports, with the names its place may go by."""

    model_config = ConfigDict(extra="forbid")

    event_type: str
    location: str
    location_aliases: list[str] = Field(default_factory=list)
    date_text: str | None = None


class GoldActor(BaseModel):
    """Someone an event involves, with the role the article gives them and other names it uses."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    role: Literal["agent", "affected", "source"]
    aliases: list[str] = Field(default_factory=list)


class GoldEventV2(BaseModel):
    """One real-world event the article reports (or mentions as background), as a person read it."""

    model_config = ConfigDict(extra="forbid")

    event_type: str = Field(description="A name from prompts/event_types.v1.toml.")
    what: str = Field(
        min_length=1, max_length=100, description="A short neutral predicate, in the labeller's words."
    )
    place: str | None
    place_aliases: list[str] = Field(default_factory=list)
    date_text: str | None
    date_aliases: list[str] = Field(default_factory=list)
    actors: list[GoldActor] = Field(default_factory=list)
    background: bool
    quotes: list[str] = Field(min_length=1, description="Verbatim article spans that report it.")


class KeyPoint(BaseModel):
    """A point a summary should make; covered when every inner list has one term in the summary."""

    model_config = ConfigDict(extra="forbid")

    point: str
    terms: list[list[str]]


class Golden(BaseModel):
    """The expected facts of one case."""

    model_config = ConfigDict(extra="forbid")

    eval_id: Literal["newsdigest.facts.v3"]
    case: str
    source: str
    split: Split
    kind: Kind
    outlet: str
    fast: bool = False
    published: str | None = None
    casualties: list[GoldCasualty]
    events: list[GoldEvent]
    events_v2: list[GoldEventV2]
    boilerplate: list[str] = Field(default_factory=list)
    key_points: list[KeyPoint] = Field(default_factory=list)
    non_figures: list[NonFigure] = Field(default_factory=list)
    traps: list[Trap] = Field(default_factory=list)
    highlights: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Case:
    """An article and its golden facts."""

    name: str
    article: str
    golden: Golden


def _written(phrase: str, article: str) -> bool:
    """True when the article writes `phrase` (case- and whitespace-insensitive)."""
    return " ".join(phrase.lower().split()) in " ".join(article.lower().split())


def check_events_v2(golden: Golden, article: str, taxonomy: Taxonomy) -> list[str]:
    """Problems of the v2 event labels: unknown types, quotes not verbatim, names the text lacks."""
    problems: list[str] = []
    for i, event in enumerate(golden.events_v2):
        key = f"events_v2[{i}]"
        if event.event_type not in taxonomy.names:
            problems.append(f"{key}.event_type {event.event_type!r} is not in the taxonomy")
        problems.extend(f"{key}.quotes: not in the article: {q!r}" for q in event.quotes if q not in article)
        # The main place and time must be written as labelled; aliases may be other names or
        # neutral renderings (a prediction's wording), and an actor needs one written naming.
        written = [("place", event.place), ("date", event.date_text)]
        problems.extend(
            f"{key}: {what} {name!r} is not written in the article"
            for what, name in written
            if name is not None and not _written(name, article)
        )
        problems.extend(
            f"{key}.actors[{j}]: neither {actor.name!r} nor an alias is written in the article"
            for j, actor in enumerate(event.actors)
            if not any(_written(name, article) for name in (actor.name, *actor.aliases))
        )
        if event.place is None and event.place_aliases:
            problems.append(f"{key}: place_aliases without a place")
        if event.date_text is None and event.date_aliases:
            problems.append(f"{key}: date_aliases without a date_text")
    return problems


def check_consistent(golden: Golden, article: str, taxonomy: Taxonomy | None = None) -> list[str]:
    """Problems that make a golden unusable with its article (quotes or boilerplate not in it)."""
    problems: list[str] = []
    for i, casualty in enumerate(golden.casualties):
        if casualty.quote not in article:
            problems.append(f"casualties[{i}].quote is not in the article: {casualty.quote!r}")
        if casualty.killed is None and casualty.injured is None:
            problems.append(f"casualties[{i}] has neither killed nor injured")
        problems.extend(
            f"casualties[{i}].{name} = {value} is not stated in its quote"
            for name, value in (("killed", casualty.killed), ("injured", casualty.injured))
            if value is not None and not states_number(casualty.quote, value)
        )
    problems.extend(
        f"boilerplate phrase is not in the article: {phrase!r}"
        for phrase in golden.boilerplate
        if phrase not in article
    )
    problems.extend(
        f"non_figures[{i}]: quote is not in the article or does not state {nf.value}"
        for i, nf in enumerate(golden.non_figures)
        if nf.quote not in article or not states_number(nf.quote, nf.value)
    )
    problems.extend(
        f"traps[{i}] has an empty terms list"
        for i, trap in enumerate(golden.traps)
        if not trap.terms or any(not alternatives for alternatives in trap.terms)
    )
    problems.extend(
        f"key_points[{i}] has an empty terms list"
        for i, point in enumerate(golden.key_points)
        if not point.terms or any(not alternatives for alternatives in point.terms)
    )
    problems.extend(check_events_v2(golden, article, taxonomy or load_taxonomy()))
    return problems


def load_golden(path: Path) -> Golden:
    """Parse and validate one golden file."""
    try:
        return Golden.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError, ValidationError) as exc:
        raise GoldenError(f"{path}: {exc}") from exc


def load_case(name: str, cases_dir: Path, golden_dir: Path) -> Case:
    """Load one case by name and check its golden against its article."""
    article_path = cases_dir / f"{name}.txt"
    try:
        article = article_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldenError(f"cannot read article {article_path}: {exc}") from exc
    golden = load_golden(golden_dir / f"{name}.json")
    if golden.case != name:
        raise GoldenError(f"{golden_dir / name}.json: case is {golden.case!r}, expected {name!r}")
    problems = check_consistent(golden, article)
    if problems:
        raise GoldenError(f"{golden_dir / name}.json: " + "; ".join(problems))
    return Case(name=name, article=article, golden=golden)


def load_cases(
    cases_dir: Path,
    golden_dir: Path,
    *,
    fast: bool = False,
    names: Iterable[str] = (),
    split: str = "all",
) -> list[Case]:
    """All cases with a golden file, in sorted order; only `fast` ones, one split or the `names` given."""
    wanted = list(names)
    available = sorted(path.stem for path in golden_dir.glob("*.json"))
    unknown = [name for name in wanted if name not in available]
    if unknown:
        raise GoldenError(f"no golden file for case(s): {', '.join(unknown)} in {golden_dir}")
    cases = [load_case(name, cases_dir, golden_dir) for name in (wanted or available)]
    if fast:
        cases = [case for case in cases if case.golden.fast]
    if split != "all":
        cases = [case for case in cases if case.golden.split == split]
    if not cases:
        raise GoldenError(f"no cases selected from {golden_dir} (fast={fast}, split={split})")
    return sorted(cases, key=lambda case: case.name)
