"""instructor's long retry reports, boiled down to the one line a user or a warning needs."""

from __future__ import annotations

import re


def last_problem(message: str) -> str:
    """The last validation problem from instructor's long retry report, on one line."""
    found = re.search(r"<last_exception>\s*(.*?)\s*</last_exception>", message, re.DOTALL)
    text = found.group(1) if found else message
    lines = [line.strip() for line in text.splitlines() if line.strip() and "errors.pydantic.dev" not in line]
    return " ".join(lines)[:300]
