"""Markdown and self-contained HTML reports of a run: metrics, then expected vs got per fact."""

from __future__ import annotations

import html
from pathlib import Path

from service.evaluation.metrics import METRICS, format_value
from service.evaluation.runner import CaseResult, EvalRun

_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#222;line-height:1.4}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}
tr.bad td{background:#fde8e8} tr.good td{background:#eef8ee}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.summary{background:#f8f8f8;border-left:3px solid #999;padding:.5rem 1rem;white-space:pre-wrap}
.error{color:#a00;font-weight:bold}
"""


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


def html_report(run: EvalRun) -> str:
    """The same content as `markdown_report`, as one HTML page with inline CSS."""
    esc = html.escape
    metrics = run.metrics
    rows = "".join(
        f"<tr><td>{esc(m.name)}</td><td class=num>{format_value(m, metrics[m.name])}</td>"
        f"<td>{esc(m.description)}</td></tr>"
        for m in METRICS
    )
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        f"<title>newsdigest eval: {esc(run.label)}</title><style>{_CSS}</style></head><body>",
        f"<h1>newsdigest eval: {esc(run.label)}</h1>",
        f"<p>{len(run.results)} cases{' (fast subset)' if run.fast else ''}.</p>",
        f"<table><tr><th>metric</th><th>value</th><th>definition</th></tr>{rows}</table>",
        "<h2>Cases</h2><ul>",
        *(
            f"<li><a href='#{esc(r.score.case)}'>{esc(r.score.case)}</a>: "
            f"{sum(1 for f in r.score.facts if f.ok is False)} wrong</li>"
            for r in run.results
        ),
        "</ul>",
    ]
    for result in run.results:
        parts.append(_html_case(result))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _html_case(result: CaseResult) -> str:
    esc = html.escape
    score = result.score
    bad = sum(1 for f in score.facts if f.ok is False)
    cls = {True: "good", False: "bad", None: ""}
    rows = "".join(
        f"<tr class='{cls[f.ok]}'><td>{esc(f.key)}</td><td>{esc(f.expected)}</td>"
        f"<td>{esc(f.got)}</td><td>{_verdict(f.ok)}</td></tr>"
        for f in score.facts
    )
    error = f"<p class=error>Analysis failed: {esc(score.error)}</p>" if score.error else ""
    summary = (
        f"<h3>Summary</h3><div class=summary>{esc(result.analysis.summary)}</div>"
        if result.analysis is not None
        else ""
    )
    highlights = result.case.golden.highlights
    reference = (
        f"<h3>Journalists' highlights</h3><div class=summary>{esc(highlights)}</div>" if highlights else ""
    )
    return (
        f"<h2 id='{esc(score.case)}'>{esc(score.case)} ({bad} wrong)</h2>{error}"
        f"<table><tr><th>fact</th><th>expected</th><th>got</th><th></th></tr>{rows}</table>"
        f"{summary}{reference}"
    )


def write_reports(run: EvalRun, directory: Path | None = None) -> tuple[Path, Path]:
    """Write report.md and report.html into `directory` (default: the run folder)."""
    target = directory or run.run_dir
    if target is None:
        raise ValueError("the run has no folder; pass a report directory")
    target.mkdir(parents=True, exist_ok=True)
    md, page = target / "report.md", target / "report.html"
    md.write_text(markdown_report(run), encoding="utf-8")
    page.write_text(html_report(run), encoding="utf-8")
    return md, page
