"""Every component of the cache key changes it; hits are marked as cached."""

import pytest

from service.cache import ResultCache, cache_key

BASE = dict(
    input_text="At least 38 people were killed.",
    metadata={"title": None, "published": None, "outlet": None},
    prompt_version="extract.v1",
    schema_version="1",
    model_sha256="a" * 64,
    decoding={"temperature": 0.0},
    package_version="0.1.0",
)


@pytest.mark.parametrize(
    ("field", "other"),
    [
        ("input_text", "At least 39 people were killed."),
        ("metadata", {"title": "T", "published": None, "outlet": None}),
        ("prompt_version", "extract.v2"),
        ("schema_version", "2"),
        ("model_sha256", "b" * 64),
        ("decoding", {"temperature": 0.2}),
        ("package_version", "0.1.1"),
    ],
)
def test_each_component_changes_the_key(field: str, other: object) -> None:
    assert cache_key(**{**BASE, field: other}) != cache_key(**BASE)


def test_key_is_stable() -> None:
    assert cache_key(**BASE) == cache_key(**dict(BASE))


def test_hit_is_marked_cached(tmp_path, sample_analysis) -> None:
    cache = ResultCache(tmp_path, size_limit_mb=10)
    assert cache.get("k") is None
    cache.put("k", sample_analysis)
    hit = cache.get("k")
    assert hit is not None and hit.provenance.cached is True
    assert hit.summary == sample_analysis.summary
    cache.close()


def test_the_input_text_is_kept_beside_its_result_and_not_counted(tmp_path, sample_analysis) -> None:
    cache = ResultCache(tmp_path, size_limit_mb=10)
    cache.put("k", sample_analysis, "Four fishermen were rescued off the cape on Friday.")
    cache.put("html-input", sample_analysis)
    assert cache.text("k") == "Four fishermen were rescued off the cape on Friday."
    assert cache.text("html-input") is None and cache.text("never-stored") is None
    assert len(cache) == 2
    cache.close()
