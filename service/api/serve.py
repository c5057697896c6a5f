"""`newsdigest serve`: run the API under uvicorn, with settings from flags, env vars and TOML."""

from __future__ import annotations

from typing import Any

import click
import uvicorn
from litestar import Litestar

from service.api.app import create_app
from service.api.logs import configure_logging
from service.cli_options import given_settings, settings_options
from service.errors import ModelError
from service.models import resolve
from service.settings import Settings


def run(settings: Settings, app: Litestar | None = None, log_level: str = "info") -> None:
    """Serve `app` (default: the real one) on settings.host:settings.port until SIGTERM/SIGINT.

    uvicorn stops accepting on SIGTERM, lets in-flight requests finish, then runs the lifespan
    shutdown, which finishes the running analysis and puts unfinished batch items back to pending.
    """
    configure_logging(log_level)
    config = uvicorn.Config(
        app or create_app(settings),
        host=settings.host,
        port=settings.port,
        lifespan="on",
        log_config=None,  # keep our JSON logging
        access_log=False,  # the app writes its own structured access line
        server_header=False,
        timeout_graceful_shutdown=int(settings.request_timeout_s) + 5,
    )
    uvicorn.Server(config).run()


@click.command("serve")
@settings_options
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["debug", "info", "warning", "error"]),
    help="Log level of the server.",
)
@click.pass_context
def serve_command(ctx: click.Context, log_level: str, **values: Any) -> None:
    """Serve the HTTP API (one model, one worker) on 127.0.0.1:8000 by default."""
    try:
        settings = given_settings(ctx, values)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    try:
        # Fail fast on a missing or corrupt model instead of serving 503s.
        resolve(settings.model, settings.models_dir)
    except ModelError as exc:
        raise click.ClickException(str(exc)) from exc
    run(settings, log_level=log_level)


if __name__ == "__main__":
    serve_command()
