"""Click options generated from the Settings fields, so every setting is also a CLI flag."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource
from pydantic import SecretStr
from pydantic.fields import FieldInfo

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
            f"--{flag.removesuffix('s')}",
            name,
            multiple=True,
            help=f"{help_text} Repeat for several keys; prefer the env var (flags show in ps).",
        )
    if typing.get_origin(kind) is typing.Literal:
        return click.option(f"--{flag}", name, type=click.Choice(typing.get_args(kind)), help=help_text)
    click_type: Any = {
        int: click.INT,
        float: click.FLOAT,
        str: click.STRING,
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
        if name in Settings.model_fields and ctx.get_parameter_source(name) == ParameterSource.COMMANDLINE
    }
    return Settings(**given)
