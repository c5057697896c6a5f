"""`newsdigest review RESULT.json [--text ARTICLE]`: review pages of saved `analyze` output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from service.errors import InputError, NewsdigestError
from service.inputs import iter_items
from service.review.files import write_page
from service.schema import Analysis


def read_results(path: Path) -> list[dict[str, Any]]:
    """The records of a saved result: one JSON object (`--pretty` too) or JSON Lines."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read it ({exc})") from exc
    try:
        whole = json.loads(raw)
        records = whole if isinstance(whole, list) else [whole]
    except json.JSONDecodeError:
        try:
            records = [json.loads(line) for line in raw.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: neither JSON nor JSON Lines ({exc.msg}, line {exc.lineno})") from exc
    if not records or not all(isinstance(r, dict) for r in records):
        raise InputError(f"{path}: expected analysis objects (the output of `newsdigest analyze`)")
    return records


def read_article_text(path: str) -> str | None:
    """The plain text of an article file as `analyze` reads it; None for HTML (the result has it)."""
    items = list(iter_items([path]))
    if len(items) != 1:
        raise InputError(f"{path}: give one article (it holds {len(items)})")
    item = items[0]
    if item.error or item.article is None:
        raise InputError(item.error or f"{path}: not an article")
    return item.article.text


def _text_for(record: dict[str, Any], analysis: Analysis, given: str | None) -> str | None:
    """--text if given; else the source file named in the record, when it still exists."""
    if given is not None or analysis.article.extracted_text is not None:
        return given
    source = record.get("source")
    if isinstance(source, str) and Path(source).is_file():
        return read_article_text(source)
    return None


@click.command("review")
@click.argument("result", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--text",
    "article",
    type=click.Path(exists=True, dir_okay=False),
    help="The article the result was made from (default: the result's `source` file; HTML input needs none).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the pages (default: the result's folder).",
)
def review_command(result: Path, article: str | None, out_dir: Path | None) -> None:
    """Write the review page (self-contained HTML) of each analysis in RESULT and print its path."""
    try:
        records = read_results(result)
        if article is not None and len(records) > 1:
            raise InputError(f"{result} holds {len(records)} analyses; --text fits only one")
        given = read_article_text(article) if article is not None else None
        for record in records:
            try:
                analysis = Analysis.model_validate(record)
            except ValidationError as exc:
                raise InputError(f"{result}: not an analysis ({str(exc).splitlines()[0]})") from exc
            text = _text_for(record, analysis, given)
            source = record.get("source") if isinstance(record.get("source"), str) else result.stem
            click.echo(write_page(out_dir or result.parent, analysis, text, source))
    except NewsdigestError as exc:
        raise click.ClickException(str(exc)) from exc
