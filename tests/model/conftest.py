"""A loaded real-model pipeline for the model tests (the model fixture lives in tests/conftest.py)."""

from __future__ import annotations

import pytest

from service.pipeline import Pipeline
from service.settings import Settings


@pytest.fixture(scope="session")
def real_pipeline(model_settings: Settings) -> Pipeline:
    """One loaded pipeline shared by the model tests (loading costs seconds)."""
    pipeline = Pipeline.from_settings(model_settings)
    yield pipeline
    pipeline.close()
