"""How many people a casualty word is about when no number says it: "a guard was shot dead" is
one person, "Ana Ruiz and Tom Bell were found dead" two.

Only counts the words prove: a noun with "a" or "an", a proper name, or a list of them joined by
"and". "The driver", "the family", "he" and "the officers" are left alone: whether they are one
person, many, or people already counted elsewhere, the words do not say.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from service.syntax import Role, framed_role, negated, role_of_word

_RELATIVE = frozenset(("who", "that", "which", "whom"))
# Singular words that name several people ("a family of four", "a couple").
_SEVERAL = frozenset(
    ("family", "couple", "crew", "team", "group", "class", "crowd", "unit", "convoy", "squad", "gang", "pair")
)


@dataclass(frozen=True)
class Counted:
    """People a casualty word is about, counted from the words: the role, how many, and the noun
    that names them when it is a common noun ("guard")."""

    role: Role
    count: int
    noun: str | None


def _one(token: Token) -> str | None:
    """ "a guard" -> "guard"; "Ana Ruiz" -> ""; anything else -> None (not provably one person)."""
    if token.tag_ == "NNP":
        # a name counts one person only when the parser calls it a person ("High Kingdom" the horse)
        return "" if token.ent_type_ == "PERSON" else None
    one = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)
    if token.tag_ in ("NN", "JJR") and token.lemma_.lower() not in _SEVERAL and one:
        words = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
        return " ".join([w.text for w in words] + [token.text])
    return None


def _count(head: Token) -> tuple[int, str | None] | None:
    """How many people a noun and the nouns joined to it by "and" are, if each is one."""
    items = [head]
    while (more := next((c for c in items[-1].children if c.dep_ == "conj"), None)) is not None:
        items.append(more)
    # a list the parse did not join by "conj" ("A, B, C and D"): other names hang elsewhere
    others = [t for t in head.subtree if t.dep_ in ("conj", "appos") and t.pos_ != "NUM" and t not in items]
    if others:
        return None
    nouns = [_one(t) for t in items]
    if any(n is None for n in nouns):
        return None
    common = {n for n in nouns if n}
    return len(items), (common.pop() if len(common) == 1 and len(items) == 1 else None)


def _about(verb: Token) -> Token | None:
    """The people a casualty verb happened to: its passive subject, its object, or the subject of an
    intransitive death ("died"); through a relative pronoun to the noun it stands for."""
    transitive = verb.lemma_.lower() in ("kill", "injure", "wound", "shoot", "stab", "murder", "hurt")
    deps = ("nsubjpass", "dobj") if transitive else ("nsubjpass", "nsubj")
    for child in verb.children:
        if child.dep_ in deps:
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head
            return None if child.pos_ == "PRON" else child
    return None


def counted_people(doc: Doc) -> list[Counted]:
    """Every casualty word of `doc` whose people the words count, in order."""
    found = []
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or negated(verb):
            continue
        role = role_of_word(verb)
        if role == "either" or role is None:
            role = framed_role(verb) or role
        if role not in ("killed", "injured"):
            continue
        who = _about(verb)
        counted = _count(who) if who is not None else None
        if counted is not None:
            found.append(Counted(role, counted[0], counted[1]))
    return found
