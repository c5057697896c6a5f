"""Who acted and who was hit: a record's perpetrator or target the model names must be written in
the article, and must not be only the one who tells of it ("the neighbour said the suspect said
one had died" names no target in "the neighbour").
"""

from __future__ import annotations

import re

from service.syntax import is_telling, parser

_SUBJECTS = frozenset(("nsubj", "nsubjpass"))


def _told_by(party: str, sentence: str) -> bool:
    """Every mention of `party` in `sentence` is the subject of a verb of telling."""
    doc = parser().parse(sentence)
    roots = []
    for match in re.finditer(rf"(?<!\w){re.escape(party)}(?!\w)", sentence, re.IGNORECASE):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and len(span):
            roots.append(span.root)
    return bool(roots) and all(r.dep_ in _SUBJECTS and is_telling(r.head.lemma_.lower()) for r in roots)


def checked_party(
    value: str | None, role: str, sentence: str, article: str, warnings: list[str]
) -> str | None:
    """`value` as the record's `role` ("perpetrator", "target") when the article writes it and its
    sentence does not make it only the teller; otherwise None, said in `warnings`."""
    if not value or not value.strip():
        return None
    party = value.strip()
    if party.lower() not in article.lower():
        warnings.append(f"dropped {role} {party!r}: not written in the article")
        return None
    if _told_by(party, sentence):
        warnings.append(f"dropped {role} {party!r}: in its sentence it tells of the event, it is no {role}")
        return None
    return party
