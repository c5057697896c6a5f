"""`serve` command: every setting is a flag, only typed flags override env vars, bad models fail fast."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from service.api import serve
from service.errors import ModelNotFoundError
from service.settings import Settings


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> list[Settings]:
    """Settings `serve` would run with (no server, no model check)."""
    seen: list[Settings] = []
    monkeypatch.setattr(serve, "run", lambda settings, **_: seen.append(settings))
    monkeypatch.setattr(serve, "resolve", lambda *_: None)
    return seen


def test_every_setting_has_a_flag_with_its_description() -> None:
    help_text = CliRunner().invoke(serve.serve_command, ["--help"], terminal_width=200).output

    for name in Settings.model_fields:
        flag = "--api-key" if name == "api_keys" else f"--{name.replace('_', '-')}"
        assert flag in help_text, flag
    assert "How long a request may wait for a result before 504." in help_text


def test_flags_override_env_and_env_fills_the_rest(
    captured: list[Settings], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NEWSDIGEST_PORT", "9001")
    monkeypatch.setenv("NEWSDIGEST_QUEUE_SIZE", "3")

    result = CliRunner().invoke(
        serve.serve_command,
        ["--port", "9100", "--data-dir", str(tmp_path), "--api-key", "k1", "--api-key", "k2", "--no-cache"],
    )

    assert result.exit_code == 0, result.output
    (settings,) = captured
    assert settings.port == 9100  # typed flag wins
    assert settings.queue_size == 3  # env var kept: no flag typed
    assert settings.data_dir == tmp_path
    assert [k.get_secret_value() for k in settings.api_keys] == ["k1", "k2"]
    assert settings.no_cache is True
    assert settings.host == "127.0.0.1"


def test_an_invalid_flag_value_is_a_usage_error(captured: list[Settings]) -> None:
    result = CliRunner().invoke(serve.serve_command, ["--port", "70000"])

    assert result.exit_code == 2
    assert captured == []


def test_a_missing_model_fails_before_serving(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[Any] = []
    monkeypatch.setattr(serve, "run", lambda *a, **k: started.append(a))

    def missing(*_: Any) -> None:
        raise ModelNotFoundError("model 'qwen2.5-9b' is not fetched yet; run `newsdigest models fetch`")

    monkeypatch.setattr(serve, "resolve", missing)

    result = CliRunner().invoke(serve.serve_command, ["--model", "qwen2.5-9b"])

    assert result.exit_code == 1
    assert "newsdigest models fetch" in result.output
    assert started == []
