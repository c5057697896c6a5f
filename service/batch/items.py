"""INPUT (a JSONL file, a folder of .txt/.html files or a glob) read into identified articles."""

from __future__ import annotations

import glob
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from service.errors import InputError
from service.inputs import SUFFIXES, decode_text, iter_items
from service.schema import ArticleInput


@dataclass(frozen=True)
class BatchItem:
    """One article to analyze, or why it cannot be; `id` names its line in OUTPUT."""

    id: str
    source: str
    article: ArticleInput | None = None
    error: str | None = None


def _files(spec: str) -> list[Path] | None:
    """The article files INPUT names, sorted; None when it names nothing at all."""
    path = Path(spec)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    if path.is_file():
        return [path]
    if glob.has_magic(spec):
        return sorted(Path(p) for p in glob.glob(spec, recursive=True) if Path(p).is_file())
    return None


def _jsonl_line(line: str, where: str) -> BatchItem:
    """One JSONL line: an article record whose optional `id` names it, else its file:line."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return BatchItem(where, where, error=f"{where}: not JSON ({exc.msg})")
    if isinstance(record, str):
        record = {"text": record}
    if not isinstance(record, dict):
        return BatchItem(
            where, where, error=f"{where}: not an article record (a JSON {type(record).__name__})"
        )
    raw_id = record.pop("id", None)
    item_id = where if raw_id is None or raw_id == "" else str(raw_id)
    try:
        return BatchItem(item_id, where, ArticleInput.model_validate(record))
    except ValidationError as exc:
        first = str(exc).splitlines()[0]
        return BatchItem(item_id, where, error=f"{where}: not an article record ({first})")


def _jsonl(path: Path) -> Iterator[BatchItem]:
    try:
        text = decode_text(path.read_bytes(), str(path))
    except (OSError, InputError) as exc:
        yield BatchItem(str(path), str(path), error=str(exc))
        return
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield _jsonl_line(line, f"{path}:{number}")


def _file(path: Path) -> Iterator[BatchItem]:
    if path.suffix.lower() == ".jsonl":
        yield from _jsonl(path)
        return
    # Plain text and HTML files: the CLI's reader, so both commands accept the same files.
    for item in iter_items([str(path)]):
        yield BatchItem(item.name, item.name, item.article, item.error)


def read_items(spec: str) -> Iterator[BatchItem]:
    """Every article INPUT names, in order; a repeated id becomes an error item under its source."""
    files = _files(spec)
    if files is None:
        yield BatchItem(spec, spec, error=f"{spec}: no such file, folder or matching glob")
        return
    if not files:
        yield BatchItem(spec, spec, error=f"{spec}: no .txt, .html or .jsonl files")
        return
    first_seen: dict[str, str] = {}
    for path in files:
        for item in _file(path):
            if item.id in first_seen:
                detail = f"{item.source}: id {item.id!r} repeats the one at {first_seen[item.id]}"
                yield BatchItem(item.source, item.source, error=detail)
                continue
            first_seen[item.id] = item.source
            yield item
