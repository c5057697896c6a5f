"""Load a versioned prompt set (prompts/set.toml and the files it names)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import tomllib

from service.errors import NewsdigestError
from service.event_types import TAXONOMY_FILE
from service.resources import data_dir

_VERSION = re.compile(r"\.(v\d+)\.")


@dataclass(frozen=True)
class LoadedTerm:
    """A loaded term, the regex that finds it, and its neutral replacement."""

    term: str
    pattern: re.Pattern[str]
    neutral: str


@dataclass(frozen=True)
class PromptSet:
    """Everything the model is told, identified by `version` (part of every output and cache key)."""

    name: str
    version: str
    digest: str
    extract_system: str
    extract_examples: tuple[dict, ...]
    summary_system: str
    summary_examples: tuple[dict, ...]
    lexicon: tuple[LoadedTerm, ...]
    injection: tuple[re.Pattern[str], ...]
    verify_system: str
    # Event records v2 (opt-in): versioned apart, so the keys and prompt_version of results made
    # without them stay what they were.
    events_system: str
    events_examples: tuple[dict, ...]
    events_version: str
    events_digest: str


def _file_version(path: Path) -> str:
    found = _VERSION.search(path.name)
    return f"{path.name.split('.')[0]}.{found.group(1)}" if found else path.name


def _jsonl(path: Path) -> tuple[dict, ...]:
    return tuple(json.loads(line) for line in path.read_text().splitlines() if line.strip())


def load_prompts(location: Path | None = None) -> PromptSet:
    """Load the set from a directory holding set.toml, or a set TOML file; default: bundled prompts/."""
    set_file = location or data_dir("prompts") / "set.toml"
    if set_file.is_dir():
        set_file = set_file / "set.toml"
    try:
        with set_file.open("rb") as fh:
            spec = tomllib.load(fh)
        base = set_file.parent
        keys = ("extract_system", "extract_examples", "summary_system", "summary_examples", "lexicon")
        paths = {k: base / spec[k] for k in keys}
        # Added in prompt set v3; older sets get the bundled files so they stay comparable.
        for key, default in (("injection", "injection.v1.toml"), ("verify_system", "verify.v2.md")):
            paths[key] = base / spec[key] if key in spec else data_dir("prompts") / default
        events_paths = {
            key: base / spec[key] if key in spec else data_dir("prompts") / default
            for key, default in (
                ("events_system", "events.v1.md"),
                ("events_examples", "events-examples.v1.jsonl"),
            )
        }
        events_examples = _jsonl(events_paths["events_examples"])
        examples = _jsonl(paths["extract_examples"])
        summary_examples = _jsonl(paths["summary_examples"])
        with paths["lexicon"].open("rb") as fh:
            lexicon = tuple(
                LoadedTerm(t["term"], re.compile(rf"\b(?:{t['pattern']})\b", re.IGNORECASE), t["neutral"])
                for t in tomllib.load(fh)["terms"]
            )
        with paths["injection"].open("rb") as fh:
            injection = tuple(
                re.compile(p["pattern"], re.IGNORECASE | re.MULTILINE) for p in tomllib.load(fh)["patterns"]
            )
    except (OSError, KeyError, ValueError, re.error) as exc:
        raise NewsdigestError(f"cannot load prompt set {set_file}: {exc}") from exc
    version = "+".join(_file_version(p) for p in paths.values())
    # The content hash goes into the cache key: an edited prompt file whose name kept its version
    # must still invalidate cached results.
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in paths.values())).hexdigest()
    events_files = list(events_paths.values())
    return PromptSet(
        name=spec.get("name", base.name),
        version=version,
        digest=digest,
        extract_system=paths["extract_system"].read_text().strip(),
        extract_examples=examples,
        summary_system=paths["summary_system"].read_text().strip(),
        summary_examples=summary_examples,
        lexicon=lexicon,
        injection=injection,
        verify_system=paths["verify_system"].read_text().strip(),
        events_system=events_paths["events_system"].read_text().strip(),
        events_examples=events_examples,
        events_version="+".join(_file_version(p) for p in events_files),
        # The taxonomy's names are the types the event prompt allows: an edit to it changes answers.
        events_digest=hashlib.sha256(
            b"".join(p.read_bytes() for p in [*events_files, data_dir("prompts") / TAXONOMY_FILE])
        ).hexdigest(),
    )
