"""Scorers for false statements: wrong-role figures, traps stated, unsupported summary sentences."""

from __future__ import annotations

from collections.abc import Sequence

from service.evaluation.golden import Golden
from service.evaluation.matching import overlaps, spans_of, trap_hit
from service.evaluation.scorers import CaseScore, Fact, loaded_terms
from service.faithfulness import check_summary
from service.schema import Analysis
from service.text import sentences


def wrong_role_facts(golden: Golden, analysis: Analysis | None, article: str) -> list[Fact]:
    """Predicted figures that give a number the wrong role: a non-figure (arrests, evacuees, ages)
    reported as killed or injured, or a golden killed figure reported as injured and vice versa."""
    facts: list[Fact] = []
    if analysis is None:
        return facts
    for event in analysis.events:
        for c in event.casualties:
            span = [(c.evidence.start, c.evidence.end)]
            for role, value in (("killed", c.killed), ("injured", c.injured)):
                if value is None:
                    continue
                for nf in golden.non_figures:
                    if nf.value == value and overlaps(span[0], spans_of(nf.quote, article)):
                        facts.append(Fact(f"wrong_role: {value} {role}", f"{value} {nf.counts}", role, False))
                for gold in golden.casualties:
                    other = gold.injured if role == "killed" else gold.killed
                    same = gold.killed if role == "killed" else gold.injured
                    if other == value and same != value and overlaps(span[0], spans_of(gold.quote, article)):
                        wanted = "injured" if role == "killed" else "killed"
                        facts.append(Fact(f"wrong_role: {value} {role}", f"{value} {wanted}", role, False))
    return facts


def summary_sentence_facts(golden: Golden, summary: str, article: str) -> tuple[list[Fact], int, int]:
    """Each summary sentence with its verdict (a trap it states, or a number, date or name the
    article lacks); returns the facts, the number of traps hit and of false sentences."""
    facts: list[Fact] = []
    hit_traps: set[int] = set()
    false_sentences = 0
    for i, span in enumerate(sentences(summary)):
        hits = [t for t, trap in enumerate(golden.traps) if trap_hit(trap.terms, trap.unless, span.text)]
        hit_traps.update(hits)
        reasons = [f"trap[{t}] ({golden.traps[t].shape}): {golden.traps[t].claim}" for t in hits]
        reasons += [
            f"{issue.kind} {issue.text!r} not in the article"
            for issue in check_summary(article, span.text).issues
            if issue.kind in ("number", "date", "name")
        ]
        false_sentences += bool(reasons)
        facts.append(
            Fact(
                f"summary.sentence[{i}]",
                span.text,
                "; ".join(reasons) or "no false statement found",
                not reasons,
            )
        )
    facts += [
        Fact(
            f"trap[{t}]",
            f"not stated: {trap.claim}",
            "STATED" if t in hit_traps else "not stated",
            t not in hit_traps,
        )
        for t, trap in enumerate(golden.traps)
    ]
    return facts, len(hit_traps), false_sentences


def score_truth(
    golden: Golden, analysis: Analysis | None, article: str, lexicon: Sequence[str] = ()
) -> CaseScore:
    """Counts: wrong-role figures, traps stated, false summary sentences, loaded terms in the draft."""
    summary = analysis.summary if analysis else ""
    facts = wrong_role_facts(golden, analysis, article)
    sentence_facts, traps, false = summary_sentence_facts(golden, summary, article)
    draft = (analysis.summary_draft if analysis else None) or ""
    drafted = loaded_terms(draft, lexicon)
    counts = {
        "wrong_role_figures": float(len(facts)),
        "traps_hit": float(traps),
        "traps": float(len(golden.traps)),
        "false_sentences": float(false),
        "summary_sentences": float(len(sentences(summary))),
        "false_summaries": float(false > 0),
        "draft_loaded_terms": float(len(drafted)),
    }
    facts += sentence_facts
    facts += [Fact(f"draft.loaded: {t.lower()}", "neutral wording in the draft", t, None) for t in drafted]
    facts += [
        Fact(f"summary.dropped: {s.text[:70]}", "said only if true", "; ".join(s.reasons), None)
        for s in (analysis.summary_sentences if analysis else [])
        if s.verdict == "dropped"
    ]
    return CaseScore(golden.case, counts, facts)
