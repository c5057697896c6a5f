"""The real model on an article where some of the hurt died later and a death is told in the
sentence after its figure: no record counts a person twice, no summary sentence places a later
death at the scene, and no duration is a record's date (article written for this test)."""

from __future__ import annotations

import pytest

from service.schema import ArticleInput

pytestmark = pytest.mark.model

QUARRY = (
    "Rockfall at Dunmere quarry\n\n"
    "Five workers were hurt when part of a rock face collapsed at Dunmere quarry on Tuesday morning, "
    "and two of them later died in hospital, the county police said.\n\n"
    "One driver died when his truck was crushed by the falling rock at the quarry on Tuesday. "
    "He died later at Dunmere General Hospital.\n\n"
    "The rock face had been inspected two weeks before the collapse, the quarry's owner said. "
    "Work at the site was stopped for three days."
)
HURT_QUOTE = "Five workers were hurt"
DRIVER_QUOTE = "One driver died when his truck"


def test_the_dead_among_the_hurt_are_counted_once_and_a_later_death_is_not_placed(real_pipeline) -> None:
    result = real_pipeline.analyze(ArticleInput(text=QUARRY), use_cache=False)
    records = [(e, c) for e in result.events for c in e.casualties]
    hurt = [c for _, c in records if c.evidence.quote.startswith(HURT_QUOTE)]
    # five people in all: never five hurt and two more dead
    assert all((c.killed or 0) + (c.injured or 0) <= 5 for c in hurt), hurt
    assert sum((c.killed or 0) + (c.injured or 0) for c in hurt) <= 5, hurt
    # a duration or an offset from another event is no record's date
    assert all(e.date_text in (None, "") or "days" not in e.date_text for e, _ in records), records
    driver = next((s.text for s in result.summary_sentences if s.text.startswith("One driver")), None)
    if driver is not None:
        # the death came later in hospital: neither the quarry nor Tuesday is where or when he died
        assert "quarry" not in driver.lower() and "tuesday" not in driver.lower(), driver
