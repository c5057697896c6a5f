"""A loaded word's neutral replacement in the grammatical form the word has in its sentence.

The lexicon gives one neutral phrase per loaded term ("terrorists" -> "armed groups"), written for
the term's plain plural use. Put blindly in place of every form it garbles the sentence: "the
terrorist group's" became "the armed groups group's", "a militant" "a fighters", "were massacred"
"were killing". The parse says what the loaded word is doing (a noun, singular or plural, a
modifier of another noun, a verb), and the replacement takes that form: its number, its
modifier part before a noun, its verb form, the article "a"/"an" before it. Where no form fits (a
one-word plural before a noun: "militant group"; one person said as a group: "a terrorist"; a
participle in a noun's place) there is none, and the caller drops the sentence rather than say it
wrongly.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

# Heads of a replacement that name a group, never one person: "a terrorist" is not "an armed group".
_COLLECTIVE = frozenset(("group", "force", "organisation", "organization", "movement", "faction", "militia"))


@dataclass(frozen=True)
class Replacement:
    """Replace the text at [start, end) of the sentence by `text`."""

    start: int
    end: int
    text: str


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def _is_plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith("ss")


def _verb_form(neutral: str, tag: str) -> str | None:
    """ "killing"/"killed" as the verb form `tag` asks for (past, participle or -ing)."""
    if " " in neutral:
        return None
    stem = neutral.removesuffix("ing") if neutral.endswith("ing") else neutral.removesuffix("ed")
    if stem == neutral:
        return None  # a noun ("government"): no verb form
    return stem + ("ing" if tag == "VBG" else "ed")


def _noun_form(neutral: str, plural: bool) -> str | None:
    """The replacement as a noun of the given number, or None when it is not a noun (a participle)
    or would make one person a group."""
    *mods, head = neutral.split()
    if head.endswith("ed"):
        return None  # "killed" is no noun: "the martyrs" -> "the killed" says something else
    if plural:
        head = head if _is_plural(head) else _plural(head)
    else:
        head = _singular(head)
        if head in _COLLECTIVE:
            return None
    return " ".join([*mods, head])


def _modifier_form(neutral: str) -> str | None:
    """The replacement before a noun ("armed" of "armed groups", "government" as it is), or None
    for a one-word plural or a participle ("fighters group" is no phrase)."""
    *mods, head = neutral.split()
    if mods:
        return " ".join(mods)
    return None if _is_plural(head) or head.endswith("ed") else head


def _modifies_a_noun(token: Token) -> bool:
    head = token.head
    return token.dep_ in ("amod", "compound", "nmod") and head.i > token.i and head.pos_ in ("NOUN", "PROPN")


def fitted(doc: Doc, start: int, end: int, neutral: str) -> Replacement | None:
    """The replacement of the loaded word at characters [start, end) of the parsed sentence, in the
    form the word takes there, or None when no form of `neutral` fits."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    word = span[-1]  # "freedom fighters": the head is the last word
    surface = doc.text[start:end].lower()
    if word.tag_.startswith("VB"):
        form = _verb_form(neutral, word.tag_)
    elif _modifies_a_noun(word):
        form = _modifier_form(neutral)
    elif word.pos_ in ("NOUN", "PROPN") or word.tag_ in ("NN", "NNS", "NNP", "NNPS"):
        form = _noun_form(neutral, word.tag_ in ("NNS", "NNPS") or _is_plural(surface))
    else:
        form = None  # an adjective on its own ("became militant"): no neutral word of that kind
    if form is None:
        return None
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in ("a", "an") and before.i == span.start - 1:
        article = "an" if form[0].lower() in "aeiou" else "a"
        article = article.capitalize() if before.text[0].isupper() else article
        return Replacement(before.idx, end, f"{article} {form}")
    return Replacement(start, end, form)
