"""Code checks of one summary sentence: support by one article sentence, not a patchwork of several."""

from __future__ import annotations

import pytest

from service.document import Document
from service.verify import code_problems

ARTICLE = (
    "Anna Berg, 41, won the regional chess title in Tarnow on Saturday. "
    "Her brother Tomas finished third in the junior league last year. "
    "The tournament drew 300 players from nine countries."
)


def _joined(sentence: str) -> bool:
    return any("joins facts" in p for p in code_problems(sentence, Document.from_text(ARTICLE), []).problems)


@pytest.mark.parametrize(
    "sentence",
    [
        # one sentence's person given another sentence's result
        "Anna Berg won the regional chess title and finished third in the junior league last year.",
        "Tomas Berg won the chess title after finishing third in the tournament of nine countries.",
    ],
)
def test_a_sentence_stitched_from_several_article_sentences_is_dropped(sentence: str) -> None:
    assert _joined(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Anna Berg, 41, took the regional chess title in Tarnow on Saturday.",
        "Her brother Tomas came third in the junior league last year.",
        "The tournament brought together 300 players from nine countries.",
    ],
)
def test_a_paraphrase_of_one_article_sentence_is_kept(sentence: str) -> None:
    assert not _joined(sentence)
