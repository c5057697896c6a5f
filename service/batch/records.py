"""The OUTPUT line of one article: its Analysis or an error, always with its id and source."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from service.batch.items import BatchItem
from service.errors import InputError, NewsdigestError
from service.schema import Analysis

if TYPE_CHECKING:  # the pipeline imports every feature; the CLI starts without it
    from service.pipeline import Analyzer

log = logging.getLogger("newsdigest.batch")

Record = dict[str, Any]


def result_record(item: BatchItem, analysis: Analysis) -> Record:
    """`{"id", "source", ...Analysis}`: the same shape `newsdigest analyze` prints, plus the id."""
    return {"id": item.id, "source": item.source, **analysis.model_dump(mode="json")}


def error_record(item: BatchItem, code: str, detail: str) -> Record:
    """`{"id", "source", "error", "detail"}`, with the API's error codes."""
    return {"id": item.id, "source": item.source, "error": code, "detail": detail}


def is_failure(record: Record) -> bool:
    """Whether an OUTPUT record is an error record."""
    return "error" in record


def unreadable_record(item: BatchItem) -> Record:
    """The error record of an item whose input could not be read as an article."""
    return error_record(item, InputError.code, item.error or "no article")


def analyze_item(analyzer: Analyzer, item: BatchItem, *, use_cache: bool) -> Record:
    """Analyze one item into its record; never raises, so one bad article cannot end the job."""
    if item.error is not None or item.article is None:
        return unreadable_record(item)
    try:
        analysis = analyzer.analyze(item.article, use_cache=use_cache)
    except NewsdigestError as exc:
        return error_record(item, exc.code, str(exc))
    except Exception as exc:  # a bug on one article is that article's failure, not the job's
        log.exception("unexpected error on %s", item.source)
        return error_record(item, "internal_error", f"{type(exc).__name__}: {exc}")
    return result_record(item, analysis)
