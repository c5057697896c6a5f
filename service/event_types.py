"""The event-type taxonomy (prompts/event_types.v1.toml): load it, check a name, compare two types."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import tomllib

from service.errors import NewsdigestError
from service.resources import data_dir

TAXONOMY_FILE = "event_types.v1.toml"
OTHER = "other"
_NAME = re.compile(r"^[a-z][a-z_]*$")


class TaxonomyError(NewsdigestError):
    """The taxonomy file is missing, malformed or inconsistent."""

    code = "invalid_taxonomy"


@dataclass(frozen=True)
class EventType:
    """One event type: its name, family, definition, cue words and the extract.v3 values it absorbs."""

    name: str
    family: str
    definition: str
    cues: tuple[str, ...]
    legacy: tuple[str, ...]
    near: tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    """All event types of one version, in file order."""

    version: str
    types: tuple[EventType, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Every type name, in file order."""
        return tuple(t.name for t in self.types)

    def get(self, name: str) -> EventType:
        """The type called `name`; KeyError if there is none."""
        for event_type in self.types:
            if event_type.name == name:
                return event_type
        raise KeyError(name)

    def normalize(self, value: str | None) -> str:
        """A free-text type as a taxonomy name: the name itself (any case, spaces or hyphens for
        underscores), an extract.v3 value it absorbs, else "other"."""
        key = re.sub(r"[\s-]+", "_", (value or "").strip().lower())
        if key in self.names:
            return key
        return next((t.name for t in self.types if key in t.legacy), OTHER)

    def compatible(self, a: str, b: str) -> bool:
        """True when two type names may describe the same event: equal, same family, listed as
        near on either side, or one of them is "other"."""
        if OTHER in (a, b) or a == b:
            return True
        first, second = self.get(a), self.get(b)
        return first.family == second.family or b in first.near or a in second.near


def _event_type(entry: dict[str, object]) -> EventType:
    def strings(key: str) -> tuple[str, ...]:
        values = entry.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise TaxonomyError(f"type {entry.get('name')!r}: {key} must be a list of strings")
        return tuple(values)

    name, family, definition = entry.get("name"), entry.get("family"), entry.get("definition")
    if not isinstance(name, str) or not _NAME.match(name):
        raise TaxonomyError(f"type name {name!r} is not a snake_case identifier")
    if not isinstance(family, str) or not family or not isinstance(definition, str) or not definition:
        raise TaxonomyError(f"type {name!r} needs a family and a definition")
    return EventType(name, family, definition, strings("cues"), strings("legacy"), strings("near"))


def _check(taxonomy: Taxonomy) -> None:
    names = taxonomy.names
    if len(set(names)) != len(names):
        raise TaxonomyError("duplicate type names")
    if OTHER not in names:
        raise TaxonomyError(f"the taxonomy must have an {OTHER!r} type")
    legacy = [value for t in taxonomy.types for value in t.legacy]
    if len(set(legacy)) != len(legacy):
        raise TaxonomyError("an extract.v3 value is mapped to two types")
    unknown = sorted({near for t in taxonomy.types for near in t.near} - set(names))
    if unknown:
        raise TaxonomyError(f"near names unknown types: {', '.join(unknown)}")


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Read and check a taxonomy file (default: the bundled prompts/event_types.v1.toml)."""
    source = path or data_dir("prompts") / TAXONOMY_FILE
    try:
        with source.open("rb") as fh:
            spec = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TaxonomyError(f"cannot read taxonomy {source}: {exc}") from exc
    entries = spec.get("types")
    if not isinstance(spec.get("version"), str) or not isinstance(entries, list) or not entries:
        raise TaxonomyError(f"{source}: needs a version string and a non-empty [[types]] list")
    taxonomy = Taxonomy(spec["version"], tuple(_event_type(entry) for entry in entries))
    _check(taxonomy)
    return taxonomy
