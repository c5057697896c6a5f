"""The eval report: report.html keeps its content and links one review page per case (golden vs predicted)."""

from __future__ import annotations

import re
from pathlib import Path

from service.evaluation.golden import load_case
from service.evaluation.oracle import oracle_analysis
from service.evaluation.report import write_reports
from service.evaluation.runner import CaseResult, EvalRun
from service.evaluation.scorers import score_case
from service.schema import Casualty, Evidence

DATA = Path(__file__).resolve().parents[1] / "data" / "eval"


def _status_of(page: str, record: str) -> str:
    """The status class of the table row of one record."""
    row = re.search(rf'<tr[^>]*data-record="{record}"[^>]*class="record s-(\w+)"', page)
    assert row is not None, f"no row for {record}"
    return row.group(1)


def _run(tmp_path: Path) -> Path:
    case = load_case("mini-aleppo", DATA / "cases", DATA / "golden")
    analysis = oracle_analysis(case.golden, case.article)
    figures = [(ei, ci, c) for ei, e in enumerate(analysis.events) for ci, c in enumerate(e.casualties)]
    twelve = next(c for _, _, c in figures if c.killed == 12)
    twelve.claimed_by = "the Syrian army"  # matched figure, wrong source
    ei, ci, _ = next(f for f in figures if f[2].killed == 7)
    del analysis.events[ei].casualties[ci]  # the Idlib figure is missed
    quote = "Subscribe to our newsletter"
    start = case.article.index(quote)
    analysis.events[0].casualties.append(
        Casualty(
            killed=4, injured=None, group=None, qualifier=None, claimed_by=None,
            evidence=Evidence(quote=quote, start=start, end=start + len(quote)),
        )
    )  # fmt: skip
    result = CaseResult(case, analysis, score_case(case.golden, analysis, case.article))
    write_reports(EvalRun("test-model", "p1", None, [result]), tmp_path)
    return tmp_path


def test_case_page_marks_missed_wrong_and_extra_figures(tmp_path: Path) -> None:
    page = (_run(tmp_path) / "cases" / "mini-aleppo.html").read_text(encoding="utf-8")
    assert _status_of(page, "g0") == "found" and _status_of(page, "g1") == "missed"
    assert _status_of(page, "g2") in {"found", "optional"}
    statuses = {r: _status_of(page, r) for r in re.findall(r'data-record="(p\d+)"', page)}
    assert sorted(statuses.values()).count("wrong") == 1 and "extra" in statuses.values()
    assert "wrong: claimed_by" in page
    missed = "".join(re.findall(r'<mark[^>]*data-records="[^"]*\bg1\b[^"]*"[^>]*>([^<]*)</mark>', page))
    assert missed == "an air strike on Monday killed seven civilians"


def test_report_keeps_its_content_and_links_the_case_pages(tmp_path: Path) -> None:
    report = (_run(tmp_path) / "report.html").read_text(encoding="utf-8")
    assert 'href="cases/mini-aleppo.html"' in report
    assert "<td>casualty_precision</td>" in report and "<td>false_summary_rate</td>" in report
    assert "casualties[0].claimed_by" in report and "the Syrian army" in report
    assert "<h3>Summary</h3>" in report
