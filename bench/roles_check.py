"""How well does code read what a number counts? Scored on the goldens of a split: every golden
figure's number in its quote should read as its role (killed/injured, or "either"), and every
golden non-figure should not read as killed or injured. Three readers side by side: the word
window alone (service/roles.py window_role), the dependency parse alone (service/syntax.py), and
the product's reading (parse first, window where the parse finds no governing word).
Run: python bench/roles_check.py [--split dev|test|all] [--show window|parse|product]"""

from __future__ import annotations

import argparse
from collections import Counter

from service.evaluation.golden import load_cases
from service.numbers import NumberMention, find_numbers
from service.resources import data_dir
from service.roles import figure_role, window_role
from service.syntax import parser

READERS = ("window", "parse", "product")


def _read(quote: str, mention: NumberMention, mentions: list[NumberMention]) -> dict[str, str | None]:
    return {
        "window": window_role(quote, mention, mentions),
        "parse": parser().role(quote, mention.start, mention.end),
        "product": figure_role(quote, mention, mentions),
    }


def main() -> None:
    """Print each disagreement of the shown reader and the totals of all three."""
    args = argparse.ArgumentParser()
    args.add_argument("--split", default="dev", choices=["dev", "test", "all"])
    args.add_argument("--show", default="product", choices=READERS)
    ns = args.parse_args()
    eval_dir = data_dir("eval")
    tally: Counter[str] = Counter()
    for case in load_cases(eval_dir / "cases", eval_dir / "golden", split=ns.split):
        for gold in case.golden.casualties:
            mentions = find_numbers(gold.quote)
            for role, value in (("killed", gold.killed), ("injured", gold.injured)):
                mention = next((m for m in mentions if m.value == value), None)
                if value is None or mention is None:
                    continue
                tally["figures"] += 1
                for reader, got in _read(gold.quote, mention, mentions).items():
                    ok = got in (role, "either")
                    tally[f"{reader}_figures"] += ok
                    if not ok and reader == ns.show:
                        print(f"{case.name}: figure {value} {role} read as {got}: {gold.quote[:100]!r}")
        for nf in case.golden.non_figures:
            mentions = find_numbers(nf.quote)
            mention = next((m for m in mentions if m.value == nf.value), None)
            if mention is None:
                continue
            tally["non_figures"] += 1
            for reader, got in _read(nf.quote, mention, mentions).items():
                ok = got not in ("killed", "injured")
                tally[f"{reader}_non_figures"] += ok
                if not ok and reader == ns.show:
                    print(
                        f"{case.name}: non-figure {nf.value} ({nf.counts}) read as {got}: {nf.quote[:100]!r}"
                    )
    for reader in READERS:
        print(
            f"{ns.split} {reader:8}: golden figures read with their role "
            f"{tally[f'{reader}_figures']}/{tally['figures']}; non-figures not read as casualties "
            f"{tally[f'{reader}_non_figures']}/{tally['non_figures']}"
        )


if __name__ == "__main__":
    main()
