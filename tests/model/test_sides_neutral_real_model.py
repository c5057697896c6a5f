"""The real model on two articles written for these tests: a race where the crowd cheered the runner
on (no kept sentence turns who cheered whom round), and a raid on a group the article calls a
terrorist group (the summary neither uses the loaded word in its own voice nor garbles its phrase)."""

from __future__ import annotations

import re

import pytest

from service.schema import ArticleInput
from service.summary import own_voice

pytestmark = pytest.mark.model

RACE = (
    "Veteran runner wins harbour marathon\n\n"
    "Ingrid Solberg, 41, won the Halden harbour marathon on Sunday in two hours and 31 minutes, "
    "the oldest winner in the race's history.\n\n"
    "Thousands of spectators lined the quay and cheered her on over the last two kilometres. "
    "Solberg was applauded by the other runners at the finish line.\n\n"
    "She said she had trained for the race for a year after an injury kept her out of last "
    "season. The organisers said 4,200 runners took part."
)
RAID = (
    "Police seize weapons in raid on armed cell\n\n"
    "Police in the port city of Varna arrested four men on Tuesday in a raid on a flat that "
    "officers said was used by a terrorist group to store weapons.\n\n"
    "The terrorist group's leader was among those held, a police spokesman said. Officers found "
    "rifles, ammunition and forged passports in the flat.\n\n"
    "The four men are due to appear in court on Friday. Nobody was hurt in the raid."
)
_TURNED = re.compile(
    r"\bSolberg\b[^.]*\b(cheered on|cheered|applauded)\b[^.]*\b(spectators|crowd|runners|fans)\b", re.I
)


def _kept(result) -> list[str]:
    return [s.text for s in result.summary_sentences if s.verdict == "kept"]


def test_no_kept_sentence_turns_who_cheered_whom_round(real_pipeline) -> None:
    result = real_pipeline.analyze(ArticleInput(text=RACE), use_cache=False)
    kept = _kept(result)
    assert result.summary and kept
    for sentence in kept:
        assert not _TURNED.search(sentence), sentence


def test_a_loaded_word_is_replaced_in_its_form_or_the_sentence_goes(real_pipeline) -> None:
    result = real_pipeline.analyze(ArticleInput(text=RAID), use_cache=False)
    assert result.summary
    # Every sentence the model wrote is kept without the loaded word in its own voice, or dropped
    # with the reason said; only the article's own first sentence (the fallback when nothing the
    # model wrote survives) may carry the article's word, as the article's attributed words.
    written = [s for s in result.summary_sentences if s.origin == "model"]
    assert written, result.summary_sentences
    for sentence in written:
        if sentence.verdict == "kept":
            assert not re.search(r"\bterrorists?\b", own_voice(sentence.text), re.I), sentence.text
        else:
            assert sentence.reasons, sentence.text
    for sentence in result.summary_sentences:
        if sentence.verdict == "kept" and sentence.origin != "article":
            assert not re.search(r"\bterrorists?\b", own_voice(sentence.text), re.I), sentence.text
    assert not re.search(r"\bgroups group", result.summary, re.I), result.summary
