"""The event taxonomy: the bundled file loads and covers general news; names, legacy values and
compatibility read as documented; a broken file is refused with the reason."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from service.event_types import OTHER, TaxonomyError, load_taxonomy
from service.extract import EventType

NEWS_TYPES = {
    "attack", "armed_clash", "airstrike", "bombing", "shooting", "accident", "disaster", "disease",
    "crime", "arrest", "court", "protest", "election", "political_decision", "diplomacy", "economic",
    "science_technology", "sport", "other",
}  # fmt: skip


def test_bundled_taxonomy_covers_general_news_with_definitions() -> None:
    taxonomy = load_taxonomy()
    assert taxonomy.version == "event_types.v1"
    assert set(taxonomy.names) >= NEWS_TYPES
    for event_type in taxonomy.types:
        assert event_type.definition.endswith("."), event_type.name
        assert event_type.family


def test_every_extract_v3_type_reads_as_a_taxonomy_name() -> None:
    taxonomy = load_taxonomy()
    mapped = {value: taxonomy.normalize(value) for value in get_args(EventType)}
    unmapped = [value for value, name in mapped.items() if name == OTHER and value != OTHER]
    assert unmapped == []
    assert mapped["ground_assault"] == "armed_clash"
    assert mapped["flood"] == "disaster"
    assert mapped["explosion"] == "accident"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("court", "court"),
        ("Political Decision", "political_decision"),
        ("science-technology", "science_technology"),
        ("crash", "accident"),
        ("parade", OTHER),
        ("", OTHER),
        (None, OTHER),
    ],
)
def test_normalize(value: str | None, expected: str) -> None:
    assert load_taxonomy().normalize(value) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("airstrike", "shelling", True),  # same family
        ("shooting", "crime", True),  # listed as near
        ("crime", "shooting", True),  # near works both ways
        ("accident", "bombing", True),  # a blast of unknown cause
        ("court", "sport", False),
        ("disaster", "armed_clash", False),
        ("other", "election", True),
        ("election", "election", True),
    ],
)
def test_compatible(a: str, b: str, expected: bool) -> None:
    assert load_taxonomy().compatible(a, b) is expected


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "types.toml"
    path.write_text('version = "t.v0"\n' + body, encoding="utf-8")
    return path


OTHER_ENTRY = '[[types]]\nname = "other"\nfamily = "other"\ndefinition = "Anything else."\n'


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('[[types]]\nname = "parade"\nfamily = "civic"\ndefinition = "Floats."\n', "must have an 'other'"),
        (OTHER_ENTRY * 2, "duplicate type names"),
        (
            OTHER_ENTRY
            + '[[types]]\nname = "fair"\nfamily = "civic"\ndefinition = "Stalls."\nnear = ["gala"]\n',
            "near names unknown types: gala",
        ),
        (OTHER_ENTRY + '[[types]]\nname = "Big Fair"\nfamily = "civic"\ndefinition = "x."\n', "snake_case"),
        (OTHER_ENTRY + '[[types]]\nname = "fair"\nfamily = "civic"\n', "needs a family and a definition"),
        (
            OTHER_ENTRY + '[[types]]\nname = "fair"\nfamily = "civic"\ndefinition = "x."\ncues = "tents"\n',
            "list",
        ),
        (
            OTHER_ENTRY.replace('"Anything else."', '"Anything else."\nlegacy = ["misc"]')
            + '[[types]]\nname = "fair"\nfamily = "civic"\ndefinition = "x."\nlegacy = ["misc"]\n',
            "mapped to two types",
        ),
        ("types = []\n", "non-empty"),
        ("[[types\n", "cannot read"),
    ],
)
def test_broken_taxonomy_is_refused_with_its_reason(tmp_path: Path, body: str, reason: str) -> None:
    with pytest.raises(TaxonomyError, match=reason):
        load_taxonomy(_write(tmp_path, body))


def test_a_small_valid_file_loads(tmp_path: Path) -> None:
    body = (
        OTHER_ENTRY + '[[types]]\nname = "fair"\nfamily = "civic"\ndefinition = "Stalls."\ncues = ["tents"]\n'
    )
    taxonomy = load_taxonomy(_write(tmp_path, body))
    assert taxonomy.names == ("other", "fair")
    assert taxonomy.get("fair").cues == ("tents",)
    with pytest.raises(KeyError):
        taxonomy.get("gala")
