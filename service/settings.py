"""All settings in one object, fed by NEWSDIGEST_* env vars, an optional TOML file and CLI flags."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)


def _cache_home() -> Path:
    """XDG cache home, so models and results survive across runs of the tool."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsdigest"


class Settings(BaseSettings):
    """newsdigest settings; every field is also a CLI flag and a NEWSDIGEST_<NAME> variable."""

    model_config = SettingsConfigDict(env_prefix="NEWSDIGEST_", extra="ignore")

    model: str = Field(
        "qwen2.5-1.5b",
        description="Registry name (see `newsdigest models list`) or path to a GGUF file.",
    )
    models_dir: Path = Field(
        default_factory=lambda: _cache_home() / "models",
        description="Where assembled registry models are stored.",
    )
    cache_dir: Path = Field(
        default_factory=lambda: _cache_home() / "results",
        description="Directory of the on-disk result cache.",
    )
    cache_size_limit_mb: int = Field(1024, ge=1, description="Size limit of the result cache (MB).")
    no_cache: bool = Field(False, description="Neither read nor write the result cache.")
    prompts_dir: Path | None = Field(
        None, description="Prompt set directory (default: the bundled prompts/)."
    )
    n_threads: int = Field(
        default_factory=lambda: max(1, min(os.cpu_count() or 1, 8)),
        ge=1,
        description="CPU threads for llama.cpp.",
    )
    n_ctx: int = Field(4096, ge=512, description="Context window in tokens.")
    seed: int = Field(0, description="Sampling seed (decoding is greedy; kept for reproducibility).")
    batch_size: int = Field(
        1,
        ge=1,
        le=16,
        description="backend=llama_cpp: model calls of one article decoded together in one batch "
        "(1 = one after another; answers may differ slightly from 1, so it is part of the cache key).",
    )
    prefix_state_cache: bool = Field(
        True,
        description="backend=llama_cpp: save the KV state of each prompt's fixed prefix (system rules "
        "and examples) under cache_dir/prefix-states, so a new process loads it instead of evaluating "
        "it (56 MB for the 1.5B model's prompt set; independent of no_cache); false = RAM only.",
    )
    backend: Literal["llama_cpp", "openai"] = Field(
        "llama_cpp",
        description="Model backend: llama_cpp (the GGUF `model`, in-process, offline) or openai (an "
        "OpenAI-compatible server at `base_url`: llama-server, vLLM, Ollama, LM Studio...).",
    )
    base_url: str = Field(
        "http://127.0.0.1:8080/v1", description="backend=openai: the server's API root (ends in /v1)."
    )
    # Not `api_key`: `--api-key` is already the flag of `api_keys` (tokens of newsdigest's own API).
    backend_api_key: SecretStr | None = Field(
        None, description="backend=openai: bearer token the server expects; unset = the placeholder EMPTY."
    )
    api_model: str | None = Field(
        None, description="backend=openai: model name to request; unset = the first one the server lists."
    )
    api_timeout_s: float = Field(
        120.0, gt=0, description="backend=openai: seconds one request may take before it is retried."
    )
    api_retries: int = Field(
        2,
        ge=0,
        description="backend=openai: retries of a request that failed to connect, timed out or got "
        "408/409/429/5xx, with exponential backoff (0.5 s doubling, at most 8 s).",
    )
    api_concurrency: int = Field(
        4,
        ge=1,
        description="backend=openai: model calls sent at once (at most the server's parallel slots, "
        "e.g. llama-server -np; 1 = one after another).",
    )
    api_response_format: Literal["auto", "json_schema", "json_object"] = Field(
        "auto",
        description="backend=openai: how the schema is sent: json_schema (OpenAI, vLLM, llama-server, "
        "Ollama, LM Studio), json_object + schema (llama-cpp-python's server); auto = json_object "
        "only when the server says it is llama-cpp-python.",
    )
    verify_summary: bool = Field(
        True,
        description="Ask the model, per summary sentence that passed the code checks, whether the "
        "article states it (about 3-6 s per sentence on 2 cores); false = code checks only.",
    )
    event_records: bool = Field(
        False,
        description="Also return event records v2 (`event_records`: every event of any kind, each "
        "field with its span in the text); one more short model call per lead or event sentence.",
    )
    max_article_chars: int = Field(200_000, ge=100, description="Articles longer than this are rejected.")
    host: str = Field("127.0.0.1", description="HTTP bind address for `serve`.")
    port: int = Field(8000, ge=0, le=65535, description="HTTP port for `serve`.")
    api_keys: list[SecretStr] = Field(
        default_factory=list,
        description="Bearer tokens accepted by the API (JSON list in the env var); empty = no auth.",
    )
    max_body_bytes: int = Field(
        1_000_000,
        ge=1024,
        description="Largest request body accepted (POST /v1/batches: batch_max_body_bytes).",
    )
    batch_max_body_bytes: int = Field(
        64_000_000,
        ge=1024,
        description="Largest body POST /v1/batches accepts (a batch of many articles); other routes "
        "keep max_body_bytes.",
    )
    queue_size: int = Field(8, ge=1, description="Requests that may wait for the model at once.")
    request_timeout_s: float = Field(
        300.0, gt=0, description="How long a request may wait for a result before 504."
    )
    batch_max: int = Field(5000, ge=1, description="Most articles accepted in one batch.")
    data_dir: Path = Field(
        default_factory=lambda: _cache_home() / "server",
        description="Where the server keeps batches (SQLite).",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """CLI/init values win over env vars, which win over the TOML file named by NEWSDIGEST_CONFIG."""
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        config = os.environ.get("NEWSDIGEST_CONFIG")
        if config:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=Path(config)))
        return tuple(sources)
