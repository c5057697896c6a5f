"""`newsdigest serve`: run the API under uvicorn, with settings from flags, env vars and TOML."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import uvicorn
from click.core import ParameterSource
from litestar import Litestar
from pydantic import SecretStr
from pydantic.fields import FieldInfo

from service.api.app import create_app
from service.api.logs import configure_logging
from service.errors import ModelError
from service.models import resolve
from service.settings import Settings

F = Callable[..., Any]


def _base_type(annotation: Any) -> Any:
    """`Path | None` -> Path; other annotations unchanged."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _option(name: str, field: FieldInfo) -> Callable[[F], F]:
    """One click option for one Settings field; help is the field's description."""
    flag = name.replace("_", "-")
    help_text = f"{field.description or ''} [env: NEWSDIGEST_{name.upper()}]"
    kind = _base_type(field.annotation)
    if kind is bool:
        decls = [f"--{flag}/--no-{flag}"] if field.default is True else [f"--{flag}"]
        return click.option(*decls, name, is_flag=True, default=None, help=help_text)
    if typing.get_origin(kind) is list and typing.get_args(kind) == (SecretStr,):
        return click.option(
            f"--{flag.removesuffix('s')}", name, multiple=True,
            help=f"{help_text} Repeat for several keys; prefer the env var (flags show in ps).",
        )
    click_type: Any = {
        int: click.INT, float: click.FLOAT, str: click.STRING,
        Path: click.Path(path_type=Path),
    }.get(kind, click.STRING)
    return click.option(f"--{flag}", name, type=click_type, default=None, help=help_text)


def settings_options(command: F) -> F:
    """Decorate a click command with one option per Settings field (generated, never hand-kept)."""
    for name, field in reversed(list(Settings.model_fields.items())):
        command = _option(name, field)(command)
    return command


def given_settings(ctx: click.Context, values: dict[str, Any]) -> Settings:
    """Settings from the flags the user typed; the rest come from env vars / TOML / defaults."""
    given = {
        name: value
        for name, value in values.items()
        if name in Settings.model_fields
        and ctx.get_parameter_source(name) == ParameterSource.COMMANDLINE
    }
    return Settings(**given)


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
    "--log-level", default="info", show_default=True,
    type=click.Choice(["debug", "info", "warning", "error"]), help="Log level of the server.",
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
