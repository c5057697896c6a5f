"""Where a number rule fires on ordinary articles: every sentence with a number, of the eval cases
and the unseen sets, read by one rule of code (no model), each hit printed for a reader to judge.

    python bench/number_rules.py wide_tolls     # tolls summed over many events
    python bench/number_rules.py foreseen       # casualties only foreseen
    python bench/number_rules.py other_tellers  # "police said" telling of another noun, not the number
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from service.foreseen import foreseen
from service.numbers import NumberMention, find_numbers
from service.syntax import parser, tells_of_another_thing
from service.text import sentences
from service.wide_tolls import counts_many_events


def _other_tellers(sentence: str, mention: NumberMention) -> bool:
    """Some subject of the sentence tells of another noun than the number."""
    doc = parser().parse(sentence)
    subjects = [t for t in doc if t.dep_ == "nsubj"]
    return any(
        tells_of_another_thing(doc, (t.idx, t.idx + len(t.text)), (mention.start, mention.end))
        for t in subjects
    )


RULES: dict[str, Callable[[str, NumberMention], bool]] = {
    "wide_tolls": counts_many_events,
    "foreseen": foreseen,
    "other_tellers": _other_tellers,
}


def main() -> None:
    """Print each sentence the rule fires on, then the counts."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rule", choices=sorted(RULES))
    args = ap.parse_args()
    rule = RULES[args.rule]
    articles = sorted(Path("eval/cases").glob("*.txt")) + sorted(Path("eval").glob("unseen*/*.txt"))
    read = fired = 0
    for path in articles:
        for sentence in sentences(path.read_text(encoding="utf-8")):
            mentions = find_numbers(sentence.text)
            read += bool(mentions)
            hits = [m.text for m in mentions if rule(sentence.text, m)]
            if hits:
                fired += 1
                print(f"{path.parent.name}/{path.stem}: {', '.join(hits)} | {sentence.text[:200]}")
    print(f"{args.rule}: fires on {fired} of {read} sentences with a number ({len(articles)} articles)")


if __name__ == "__main__":
    main()
