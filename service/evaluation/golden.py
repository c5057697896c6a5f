"""Load and validate eval cases: an article plus its golden facts (eval id newsdigest.facts.v2)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from service.errors import InputError
from service.numbers import states_number

EVAL_ID = "newsdigest.facts.v2"
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


class KeyPoint(BaseModel):
    """A point a summary should make; covered when every inner list has one term in the summary."""

    model_config = ConfigDict(extra="forbid")

    point: str
    terms: list[list[str]]


class Golden(BaseModel):
    """The expected facts of one case."""

    model_config = ConfigDict(extra="forbid")

    eval_id: Literal["newsdigest.facts.v2"]
    case: str
    source: str
    split: Split
    kind: Kind
    outlet: str
    fast: bool = False
    published: str | None = None
    casualties: list[GoldCasualty]
    events: list[GoldEvent]
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


def check_consistent(golden: Golden, article: str) -> list[str]:
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
