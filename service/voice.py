"""Whose voice a sentence speaks in: quoted words are someone else's, and "I", "we" or "you" outside
quotation marks are the writer's or the reader's ("I really enjoy...", "your searches reveal..."),
never the service's, which reports in the third person."""

from __future__ import annotations

import re
from collections.abc import Iterable

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


_WORD = re.compile(r"[\w’'-]+")
# Shortest run of the article's quoted words worth restoring quotation marks to: one or two words
# ("our", "my son") are as likely the model's own as the speaker's.
_MIN_QUOTED_WORDS = 4
# Words a quotation cannot stop on and still be read whole ("“the future of our” nation").
_OPEN_ENDED = frozenset(
    ("my", "our", "your", "their", "his", "her", "its", "the", "a", "an", "of", "to", "in", "on", "at",
     "for", "with", "by", "from", "and", "or", "but", "that")
)  # fmt: skip


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower().replace("’", "'"), m.start(), m.end()) for m in _WORD.finditer(text)]


def requote(sentence: str, article: Iterable[str]) -> str:
    """`sentence` with quotation marks put back round words the article quotes, when the model left
    them out and so says "our country" or "you" in its own voice ("...an attack against the future
    of our country" from 'called it "an attack against the future of our country"'); unchanged when
    a first- or second-person word is not inside a run of at least four words the article quotes."""
    if persons_word(sentence) is None:
        return sentence  # most sentences: no need to read the article's quotations
    passages = [
        _words(text[start + 1 : end - 1] if end - start > 1 else "")
        for text in article
        for start, end in quoted_spans(text)
    ]
    text = sentence
    while (person := _PERSON.search(voice := own_voice(text))) is not None:
        own = [w for w in _words(text) if voice[w[1]] != " "]
        at = next(i for i, w in enumerate(own) if w[1] <= person.start() < w[2])
        run = _quoted_run(own, at, passages)
        if run is None:
            return sentence
        start, end = own[run[0]][1], own[run[1]][2]
        text = f"{text[:start]}“{text[start:end]}”{text[end:]}"
    return text


def _quoted_run(
    own: list[tuple[str, int, int]], at: int, passages: list[list[tuple[str, int, int]]]
) -> tuple[int, int] | None:
    """The longest run of `own` words round word `at` that a quoted passage has word for word, as
    (first, last) indexes of `own`, ending on a word that closes a phrase; None when no passage has
    four such words."""
    best: tuple[int, int] | None = None
    for passage in passages:
        said = [w for w, _, _ in passage]
        for offset in range(len(said)):
            if said[offset] != own[at][0]:
                continue
            back = 0  # words matching before word `at`, then after it
            while back < min(at, offset) and said[offset - back - 1] == own[at - back - 1][0]:
                back += 1
            ahead = 0
            while ahead < min(len(own) - at, len(said) - offset) - 1 and (
                said[offset + ahead + 1] == own[at + ahead + 1][0]
            ):
                ahead += 1
            first, last = at - back, at + ahead
            while last > at and own[last][0] in _OPEN_ENDED:
                last -= 1
            if own[last][0] in _OPEN_ENDED:
                continue
            if last - first + 1 >= _MIN_QUOTED_WORDS and (best is None or last - first > best[1] - best[0]):
                best = (first, last)
    return best
