"""A copy cut inside a clause: a summary sentence that ends on words of an article sentence where
the article goes on with the verb those last words are the subject of ("...identified as a
nine-year-old boy" where the page ran two sentences together: "...identified as a nine-year-old
boy continues to fight for his life"). Cut there, the noun takes a role the article does not give
it. The article's parse shows it either way: the noun is the subject of a verb after the cut, or
the next word is a finite verb with no subject, no conjunction and no subordinator of its own,
while the sentence's main verb lies before the cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

_SUBJECTS = frozenset(("nsubj", "nsubjpass"))
_FINITE = frozenset(("VBZ", "VBD", "VBP"))
# The claim's last words that must run in the article sentence: fewer may be a common phrase.
_TAIL_WORDS = (4, 6)
_WORD = re.compile(r"[\w'’-]+")


def _words(doc: Doc) -> list[Token]:
    """The tokens that are words (not punctuation), the claim's and the article's read alike."""
    return [t for t in doc if _WORD.fullmatch(t.text)]


def _norm(word: Token) -> str:
    return word.lower_.replace("’", "'")


@dataclass(frozen=True)
class CutClause:
    """A summary that stops where the article's clause goes on with a verb of its last noun."""

    subject: str
    verb: str

    def __str__(self) -> str:
        return (
            f"it stops inside an article clause: there {self.subject!r} is the subject of "
            f"{self.verb!r}, which the summary leaves out"
        )


def _tail_end(tail: list[str], sentence: Doc) -> list[int]:
    """Indices of the article tokens that end a run of the claim's last words."""
    tokens = _words(sentence)
    words = [_norm(t) for t in tokens]
    n = len(tail)
    return [tokens[i + n - 1].i for i in range(len(words) - n + 1) if words[i : i + n] == tail]


def _subjectless_verb(token: Token) -> bool:
    """A finite verb (or the verb a finite auxiliary serves) that has no subject, conjunction or
    subordinator of its own: the rest of another sentence run on ("has been arrested" after a
    relative clause is its sentence's main verb, with a subject far before)."""
    if token.tag_ not in _FINITE:
        return False
    verb = token.head if token.dep_ in ("aux", "auxpass") else token
    return not any(c.dep_ in (*_SUBJECTS, "cc", "mark", "expl") for c in verb.children)


def _cut(sentence: Doc, end: int) -> CutClause | None:
    """What the article's clause goes on with right after its token `end`, when the word there
    loses its role in the cut: it is the subject of a later verb, or the next word is a verb
    that has no subject of its own."""
    last = sentence[end]
    if last.sent.root.i > end:
        # the article's main verb comes after the cut: the copy is a relative clause said as a
        # sentence of its own ("a girl who spoke about ..."), which the other checks read
        return None
    if last.dep_ in _SUBJECTS and last.head.i > end and last.head.pos_ in ("VERB", "AUX"):
        return CutClause(last.text, last.head.text)
    if end + 1 < len(sentence) and _subjectless_verb(sentence[end + 1]):
        return CutClause(last.text, sentence[end + 1].text)
    return None


def cut_clauses(claim: Doc, article: list[Doc]) -> list[CutClause]:
    """The claim's ending read against each article sentence that ends a run of its last words."""
    words = [_norm(t) for t in _words(claim)]
    low, high = _TAIL_WORDS
    if len(words) < low:
        return []
    tail = words[-min(high, len(words)) :]
    found = []
    for sentence in article:
        for end in _tail_end(tail, sentence):
            cut = _cut(sentence, end)
            if cut is not None:
                found.append(cut)
                break
    return found
