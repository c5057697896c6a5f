"""Test-only server process: the real app and `serve.run`, with the fake analyzer instead of a model.

NEWSDIGEST_FAKE_ANALYZER_DELAY: seconds each "model" call takes; NEWSDIGEST_FAKE_ANALYZER_LOG: file
that gets one line per model call (so a test can tell what was recomputed after a restart).
"""

from __future__ import annotations

import os
from pathlib import Path

from service.api.app import create_app
from service.api.serve import run
from service.settings import Settings
from tests.api.api_fakes import FakeAnalyzer


def main() -> None:
    """Serve the fake-backed app until SIGTERM/SIGINT."""
    settings = Settings()
    log = os.environ.get("NEWSDIGEST_FAKE_ANALYZER_LOG")
    analyzer = FakeAnalyzer(
        delay_s=float(os.environ.get("NEWSDIGEST_FAKE_ANALYZER_DELAY", "0")),
        log_path=Path(log) if log else None,
    )
    run(settings, create_app(settings, analyzer))


if __name__ == "__main__":
    main()
