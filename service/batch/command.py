"""`newsdigest batch INPUT OUTPUT`: the click command; engines are imported only when chosen."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from service.batch.outcome import Engine
from service.cli_options import given_settings, settings_options
from service.errors import NewsdigestError
from service.settings import Settings


def _local_engine(settings: Settings) -> tuple[Engine, Any]:
    from service.batch.local import LocalEngine
    from service.pipeline import Pipeline

    pipeline = Pipeline.from_settings(settings)
    return LocalEngine(pipeline, use_cache=not settings.no_cache), pipeline


def _ray_engine(settings: Settings, address: str | None, workers: int | None, worker_cpus: int) -> Engine:
    from service.batch.ray_engine import RayEngine, RayOptions

    return RayEngine(settings, RayOptions(address=address, workers=workers, worker_cpus=worker_cpus))


@click.command()
@click.argument("input_spec", metavar="INPUT")
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: this process, one article at a time; ray: a Ray Data actor pool (the `ray` extra).",
)
@click.option("--address", default=None, help="Ray cluster address (default: start a local one).")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Ray actors, each holding one model (default: the cluster's CPUs / --worker-cpus).",
)
@click.option(
    "--worker-cpus",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="CPUs each Ray actor reserves; its llama.cpp threads.",
)
@settings_options
@click.pass_context
def batch_command(
    ctx: click.Context,
    input_spec: str,
    output: Path,
    engine: str,
    address: str | None,
    workers: int | None,
    worker_cpus: int,
    **values: Any,
) -> None:
    """Analyze many articles into OUTPUT (JSON Lines), resumably.

    INPUT is a .jsonl file (one article per line; an `id` field names it), a folder of
    .txt/.html/.jsonl files or a quoted glob. OUTPUT gets one line per article: its analysis or
    `{"id", "source", "error", "detail"}`. A rerun skips the ids already in OUTPUT, so a crash or
    Ctrl-C loses at most the articles in flight. Exit code 1 if any article failed in this run."""
    from service.batch.run import run_batch

    settings = given_settings(ctx, values)
    closing: Any = None
    try:
        if engine == "ray":
            chosen = _ray_engine(settings, address, workers, worker_cpus)
        else:
            chosen, closing = _local_engine(settings)
        summary = run_batch(input_spec, output, chosen, progress=sys.stderr.isatty())
    except NewsdigestError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if closing is not None:
            closing.close()
    click.echo(summary.text(), err=True)
    if summary.failed_total:
        ctx.exit(1)
