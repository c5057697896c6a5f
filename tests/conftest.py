"""Shared fixtures: paths to test data, settings in a temp dir, the real 0.5B model when asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.models import fetch, load_registry
from service.settings import Settings

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"
TEST_MODEL = "qwen2.5-0.5b"


@pytest.fixture
def seed_text():
    """Read a seed article by its number prefix ("000")."""

    def read(prefix: str) -> str:
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        return path.read_text(encoding="utf-8")

    return read


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings isolated from the user's cache."""
    return Settings(cache_dir=tmp_path / "cache", data_dir=tmp_path / "data")


@pytest.fixture
def sample_analysis():
    """A small valid Analysis."""
    from service.schema import Analysis, ArticleMeta, Provenance

    return Analysis(
        summary="At least 38 people were killed in Aleppo.",
        events=[],
        article=ArticleMeta(),
        provenance=Provenance(
            model="m",
            model_sha256="0" * 64,
            prompt_version="p",
            schema_version="1",
            package_version="0",
            cache_key="k",
        ),
    )


@pytest.fixture(scope="session")
def model_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for the small model, with a private result cache."""
    settings = Settings(model=TEST_MODEL, cache_dir=tmp_path_factory.mktemp("cache"))
    fetch(load_registry()[TEST_MODEL], settings.models_dir)
    return settings
