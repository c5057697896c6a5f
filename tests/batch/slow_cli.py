"""`newsdigest` on a slow scripted model, run as its own process by the killed-driver test."""

from __future__ import annotations

import sys
import time
from typing import Any

from service.pipeline import Pipeline
from tests.batch.fakes import answering_llm

# Slow enough that the test can kill the process between two records.
SECONDS_PER_CALL = 0.15


def main() -> None:
    """Run the CLI with every pipeline built on a fake model that takes its time."""
    fake = answering_llm()
    answer = fake.structured

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(SECONDS_PER_CALL)
        return answer(*args, **kwargs)

    fake.structured = slow
    Pipeline.from_settings = classmethod(lambda cls, settings: cls(settings, fake))
    from service.cli import main as cli

    cli(sys.argv[1:])


if __name__ == "__main__":
    main()
