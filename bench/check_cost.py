"""What the code checks of a summary sentence cost: milliseconds per kept model sentence of a saved run.

Reads a saved eval run (its predictions and the eval cases' articles), parses every article and
sentence once so the timings are of the checks, not of spaCy, then times each check alone and
`verify.problems_by_check` whole. CPU only, no model; run it under the model lock on a shared
machine so nothing else runs:
    flock /tmp/newsdigest-model.lock python bench/check_cost.py eval/runs/<run>
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from spacy.tokens import Doc

from service.causatives import caused_deeds
from service.cut_clauses import cut_clauses
from service.dated_claims import misdated
from service.directions import turned_journeys
from service.document import Document
from service.group_doers import widened_acts
from service.hedged_things import hedged_things
from service.modality import overstatements
from service.name_words import names_as_things
from service.rankings import widened_ranks
from service.schema import Event
from service.sequence import reversed_order, unstated_causes
from service.sides import reversed_sides
from service.syntax import parser
from service.venues import moved_events
from service.verify import problems_by_check

CASES = Path("eval/cases")


def _kept_model_sentences(run: Path) -> list[tuple[str, Document, list[Event]]]:
    """(sentence, article, verified events) for every kept model-written sentence of the run."""
    work = []
    for path in sorted((run / "predictions").glob("*.json")):
        pred = json.loads(path.read_text(encoding="utf-8"))
        doc = Document.from_text((CASES / f"{path.stem}.txt").read_text(encoding="utf-8"))
        events = [Event.model_validate(e) for e in pred.get("events", [])]
        for s in pred.get("summary_sentences", []):
            if s.get("verdict") == "kept" and s.get("origin") == "model":
                work.append((s["text"], doc, events))
    return work


def _time(fn: Callable[[], object], repeat: int) -> float:
    """Median milliseconds of `repeat` calls."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1e3)
    return statistics.median(times)


def main() -> None:
    """Print each check's cost per sentence over the run's kept model sentences."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("run", type=Path, help="a saved eval run folder (with predictions/)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    parse = parser().parse
    work = _kept_model_sentences(args.run)
    parsed: list[tuple[Doc, list[Doc], Document, str, list[Event]]] = []
    for sentence, doc, events in work:
        parsed.append((parse(sentence), [parse(s.text) for s in doc.sentences], doc, sentence, events))
        problems_by_check(sentence, doc, events)  # warm every cache the product warms
    checks: dict[str, Callable[[Doc, list[Doc]], object]] = {
        "reversed_sides": reversed_sides,
        "reversed_order": reversed_order,
        "overstatements": overstatements,
        "hedged_things": hedged_things,
        "moved_events": moved_events,
        "names_as_things": names_as_things,
        "unstated_causes": unstated_causes,
        "misdated": misdated,
        "turned_journeys": turned_journeys,
        "widened_acts": widened_acts,
        "cut_clauses": cut_clauses,
        "caused_deeds": caused_deeds,
        "widened_ranks": widened_ranks,
    }
    print(f"{len(parsed)} kept model sentences of {args.run}")
    for name, check in checks.items():
        _report(name, [_time(partial(check, c, a), args.repeat) for c, a, *_ in parsed])
    whole = [_time(partial(problems_by_check, s, d, e), args.repeat) for *_, d, s, e in parsed]
    _report("problems_by_check", whole)


def _report(name: str, per: list[float]) -> None:
    """One line: median and max milliseconds per sentence."""
    print(f"{name:18} median {statistics.median(per):6.2f} ms  max {max(per):7.2f} ms per sentence")


if __name__ == "__main__":
    main()
