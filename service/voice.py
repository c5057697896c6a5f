"""Whose voice a sentence speaks in: quoted words are someone else's, and "I", "we" or "you" outside
quotation marks are the writer's or the reader's ("I really enjoy...", "your searches reveal..."),
never the service's, which reports in the third person."""

from __future__ import annotations

import re

# Double quotes, typographic single quotes, and plain single quotes that open after no letter
# ("'here's your coat,' he said"; not the apostrophe of "it's").
# A quotation still open when the sentence ends ('She said: "If we win.', split before its closing
# mark) runs to the end; an open plain single quote only before a capital, to spare "'90s".
_QUOTED = re.compile(
    r"[\"“][^\"”]*(?:[\"”]|$)|‘[^’]*(?:’|$)|(?<![\w'])'(?:[^']|(?<=\w)'(?=\w))*'(?!\w)"
    r"|(?<![\w'])'(?=[A-Z])(?:[^']|(?<=\w)'(?=\w))*$"
)
# "I" and "US" are told apart by case: "us" only in lower case ("the US" is a country).
_PERSON = re.compile(
    r"(?<![\w'’])(?:I|[Mm]e|[Mm]y|[Mm]ine|[Ww]e|us|[Oo]ur|[Oo]urs|[Yy]ou|[Yy]our|[Yy]ours)(?!\w)"
)


def own_voice(text: str) -> str:
    """`text` with quoted passages blanked out: what the service says in its own voice."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` quotes someone: the [start, end) of every quoted passage."""
    return [m.span() for m in _QUOTED.finditer(text)]


def persons_word(text: str) -> str | None:
    """The first "I", "we" or "you" word `text` says outside quotation marks, else None."""
    found = _PERSON.search(own_voice(text))
    return found.group(0) if found else None
