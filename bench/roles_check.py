"""How well does code read what a number counts (service/roles.py)? Scored on the dev goldens: every
golden figure's number in its quote should read as its role (killed/injured, or "either"), and
every golden non-figure should not read as killed or injured. Run: python bench/roles_check.py"""

from __future__ import annotations

import argparse
from collections import Counter

from service.evaluation.golden import load_cases
from service.numbers import find_numbers
from service.resources import data_dir
from service.roles import figure_role


def main() -> None:
    """Print each disagreement and the totals."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="dev", choices=["dev", "test", "all"])
    split = parser.parse_args().split
    eval_dir = data_dir("eval")
    tally: Counter[str] = Counter()
    for case in load_cases(eval_dir / "cases", eval_dir / "golden", split=split):
        for gold in case.golden.casualties:
            mentions = find_numbers(gold.quote)
            for role, value in (("killed", gold.killed), ("injured", gold.injured)):
                if value is None:
                    continue
                mention = next((m for m in mentions if m.value == value), None)
                got = figure_role(gold.quote, mention, mentions) if mention else None
                ok = got in (role, "either")
                tally["figures"] += 1
                tally["figures_ok"] += ok
                if not ok:
                    print(f"{case.name}: figure {value} {role} read as {got}: {gold.quote[:100]!r}")
        for nf in case.golden.non_figures:
            mentions = find_numbers(nf.quote)
            mention = next((m for m in mentions if m.value == nf.value), None)
            got = figure_role(nf.quote, mention, mentions) if mention else None
            ok = got not in ("killed", "injured")
            tally["non_figures"] += 1
            tally["non_figures_ok"] += ok
            if not ok:
                print(f"{case.name}: non-figure {nf.value} ({nf.counts}) read as {got}: {nf.quote[:100]!r}")
    print(
        f"{split}: golden figures read with their role {tally['figures_ok']}/{tally['figures']}; "
        f"non-figures not read as casualties {tally['non_figures_ok']}/{tally['non_figures']}"
    )


if __name__ == "__main__":
    main()
