"""Markdown and HTML reports of a run: metrics, expected vs got per fact, a review page per case."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from service.evaluation.case_page import case_page
from service.evaluation.metrics import METRICS, format_value
from service.evaluation.runner import CaseResult, EvalRun
from service.review import render


def _verdict(ok: bool | None) -> str:
    return {True: "ok", False: "✗", None: "·"}[ok]


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_report(run: EvalRun) -> str:
    """The run as Markdown: config, metrics, then per case a fact table and the summary."""
    lines = [
        f"# newsdigest eval: {run.label}",
        "",
        f"{len(run.results)} cases{' (fast subset)' if run.fast else ''}.",
        "",
        "| metric | value | definition |",
        "|---|---:|---|",
    ]
    metrics = run.metrics
    lines += [f"| {m.name} | {format_value(m, metrics[m.name])} | {m.description} |" for m in METRICS]
    for result in run.results:
        lines += ["", *_md_case(result)]
    return "\n".join(lines) + "\n"


def _md_case(result: CaseResult) -> list[str]:
    score = result.score
    bad = sum(1 for f in score.facts if f.ok is False)
    lines = [f"## {score.case} ({bad} wrong)", ""]
    if score.error:
        lines += [f"**Analysis failed:** {score.error}", ""]
    lines += ["| fact | expected | got | |", "|---|---|---|---|"]
    lines += [
        f"| {_md_cell(f.key)} | {_md_cell(f.expected)} | {_md_cell(f.got)} | {_verdict(f.ok)} |"
        for f in score.facts
    ]
    if result.analysis is not None:
        lines += [
            "",
            "Summary:",
            "",
            *[f"> {line}" for line in result.analysis.summary.splitlines()],
        ]
    return lines


def case_page_name(case: str) -> str:
    """Relative path of a case's review page from the report (case names are file-safe slugs)."""
    return f"cases/{quote(case)}.html"


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("service.evaluation", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
    )


def html_report(run: EvalRun) -> str:
    """The same content as `markdown_report`, as one HTML page, each case linking its review page."""
    metrics = run.metrics
    cases = [
        {
            "name": r.score.case,
            "wrong": sum(1 for f in r.score.facts if f.ok is False),
            "page": case_page_name(r.score.case),
            "error": r.score.error,
            "facts": r.score.facts,
            "summary": r.analysis.summary if r.analysis is not None else None,
            "highlights": r.case.golden.highlights,
        }
        for r in run.results
    ]
    rows = [
        {"name": m.name, "value": format_value(m, metrics[m.name]), "description": m.description}
        for m in METRICS
    ]
    return _environment().get_template("report.html.j2").render(run=run, metrics=rows, cases=cases) + "\n"


def case_html(result: CaseResult) -> str:
    """One case's review page: golden vs predicted figures on its article."""
    return render(case_page(result))


def write_reports(run: EvalRun, directory: Path | None = None) -> tuple[Path, Path]:
    """Write report.md, report.html and one review page per case (cases/) into `directory`."""
    target = directory or run.run_dir
    if target is None:
        raise ValueError("the run has no folder; pass a report directory")
    target.mkdir(parents=True, exist_ok=True)
    md, page = target / "report.md", target / "report.html"
    md.write_text(markdown_report(run), encoding="utf-8")
    page.write_text(html_report(run), encoding="utf-8")
    (target / "cases").mkdir(exist_ok=True)
    for result in run.results:
        (target / case_page_name(result.score.case)).write_text(case_html(result), encoding="utf-8")
    return md, page
