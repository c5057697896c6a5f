"""Browser fixtures: Debian's Chromium driven by Playwright, and review pages of real 0.5B outputs."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import TestClient

from service.api import create_app
from service.evaluation.case_page import case_page
from service.evaluation.golden import Case, load_case
from service.evaluation.runner import CaseResult
from service.evaluation.scorers import score_case
from service.pipeline import Pipeline
from service.review import render
from service.schema import Analysis, ArticleInput
from service.settings import Settings
from tests.model.conftest import real_pipeline  # noqa: F401 (the shared loaded 0.5B pipeline)

DATA = Path(__file__).resolve().parents[1] / "data"
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
VIEWPORT = {"width": 1280, "height": 800}

# Written for these tests: two figures with sources, a non-casualty count, a second incident.
ARTICLE = (
    "Ferry capsizes off Lamu\n\n"
    "At least 14 passengers drowned and 23 were injured when an overloaded ferry capsized off Lamu "
    "island on Thursday, the Kenya Red Cross said.\n\n"
    "Rescuers pulled 40 survivors from the water. The ferry was carrying about 90 people, officials said.\n\n"
    "Separately, two fishermen died when their boat sank near Malindi on Wednesday, local police said."
)


def find_chromium() -> str:
    """NEWSDIGEST_CHROMIUM, else the first Chromium on PATH; fail (never skip) when there is none."""
    given = os.environ.get("NEWSDIGEST_CHROMIUM")
    if given:
        if not Path(given).is_file():
            pytest.fail(f"NEWSDIGEST_CHROMIUM={given} does not exist", pytrace=False)
        return given
    for name in BROWSER_NAMES:
        if found := shutil.which(name):
            return found
    pytest.fail(
        "no Chromium found for the browser tests (looked for NEWSDIGEST_CHROMIUM and "
        f"{', '.join(BROWSER_NAMES)} on PATH): install it with `apt-get install -y chromium` "
        "(.ci/run does this) or set NEWSDIGEST_CHROMIUM to its executable",
        pytrace=False,
    )


# Module scope: Playwright's sync API keeps an event loop running in this thread while it is
# open, and pytest-asyncio tests collected after the browser tests cannot start their own.
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per test module (Playwright's own browser download is not used)."""
    executable = find_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: pip install -e '.[test]'", pytrace=False)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True)
        yield launched
        launched.close()


@dataclass
class OpenedPage:
    """A browser tab with what it logged: console errors, page errors, network requests."""

    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def tab(browser: Any) -> Iterator[OpenedPage]:
    """A fresh 1280x800 tab that records console errors and refuses every network request."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    opened = OpenedPage(page)
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: opened.errors.append(str(exc)))

    def refuse(route: Any) -> None:
        if not route.request.url.startswith("file:"):
            opened.requests.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", refuse)
    yield opened
    context.close()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """NEWSDIGEST_SCREENSHOT_DIR (e.g. docs/ to refresh the README's pictures), else a temp folder."""
    given = os.environ.get("NEWSDIGEST_SCREENSHOT_DIR")
    if given:
        Path(given).mkdir(parents=True, exist_ok=True)
        return Path(given)
    return tmp_path_factory.mktemp("screenshots")


class BorrowedPipeline:
    """The session's pipeline lent to an app: its shutdown must not close the shared cache."""

    def __init__(self, pipeline: Pipeline) -> None:
        self._pipeline = pipeline
        self.model_name = pipeline.model_name

    def __getattr__(self, name: str) -> Any:
        if name == "close":
            raise AttributeError(name)
        return getattr(self._pipeline, name)


@dataclass(frozen=True)
class RealPage:
    """A review page made from a real model output, with the analysis and text behind it."""

    html: str
    text: str
    analysis: Analysis


@pytest.fixture(scope="session")
def analysis_review(real_pipeline: Pipeline, model_settings: Settings, tmp_path_factory: Any) -> RealPage:  # noqa: F811
    """The 0.5B model's analysis of ARTICLE, and its review page as the API serves it."""
    settings = model_settings.model_copy(update={"data_dir": tmp_path_factory.mktemp("data"), "api_keys": []})
    with TestClient(app=create_app(settings, BorrowedPipeline(real_pipeline)), timeout=600) as client:
        made = client.post("/v1/analyses", json={"text": ARTICLE, "title": "Ferry capsizes off Lamu"})
        assert made.status_code == 200, made.text
        analysis = Analysis.model_validate(made.json())
        page = client.get(f"/v1/analyses/{analysis.provenance.cache_key}/review")
        assert page.status_code == 200, page.text
    return RealPage(page.text, ARTICLE, analysis)


@pytest.fixture(scope="session")
def case_review(real_pipeline: Pipeline) -> tuple[RealPage, Case]:  # noqa: F811
    """The 0.5B model's analysis of a small eval case, and that case's review page."""
    case = load_case("mini-aleppo", DATA / "eval" / "cases", DATA / "eval" / "golden")
    analysis = real_pipeline.analyze(ArticleInput(text=case.article))
    result = CaseResult(case, analysis, score_case(case.golden, analysis, case.article))
    return RealPage(render(case_page(result)), case.article, analysis), case
