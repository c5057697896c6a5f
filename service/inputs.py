"""Read articles for the CLI: files, folders, stdin; .txt, .html and .jsonl (one article per line)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from service.errors import InputError
from service.schema import ArticleInput

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".md")


@dataclass(frozen=True)
class Item:
    """One article to analyze, or the reason it cannot be read; `name` says where it came from."""

    name: str
    article: ArticleInput | None = None
    error: str | None = None


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text of an input file, or InputError saying why it is not text."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 (byte {exc.start}); convert it to UTF-8") from exc


def _from_bytes(data: bytes, name: str, suffix: str) -> Iterator[Item]:
    try:
        text = decode_text(data, name)
    except InputError as exc:
        yield Item(name, error=str(exc))
        return
    if suffix == ".jsonl":
        yield from _jsonl(text, name)
    elif suffix in (".html", ".htm") or text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        yield Item(name, ArticleInput(html=text))
    else:
        yield Item(name, ArticleInput(text=text))


def _jsonl(text: str, name: str) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
            if isinstance(record, str):
                record = {"text": record}
            yield Item(where, ArticleInput.model_validate(record))
        except (json.JSONDecodeError, ValidationError) as exc:
            first = str(exc).splitlines()[0]
            yield Item(where, error=f"{where}: not an article record ({first})")


def iter_items(paths: list[str]) -> Iterator[Item]:
    """Articles from each path in order: `-` is stdin, a folder gives its article files sorted."""
    for raw in paths:
        if raw == "-":
            yield from _from_bytes(sys.stdin.buffer.read(), "<stdin>", ".txt")
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                yield Item(raw, error=f"{raw}: folder has no .txt, .html or .jsonl files")
            for file in files:
                yield from _from_bytes(file.read_bytes(), str(file), file.suffix.lower())
        elif path.is_file():
            yield from _from_bytes(path.read_bytes(), raw, path.suffix.lower())
        else:
            yield Item(raw, error=f"{raw}: no such file or folder")
