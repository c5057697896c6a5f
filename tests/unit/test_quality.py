"""The codebase stays lint-clean, type-clean and layered (core never imports providers or the API)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff() -> None:
    done = run(sys.executable, "-m", "ruff", "check", "service", "tests", "bench")
    assert done.returncode == 0, done.stdout[-4000:]


def test_mypy() -> None:
    done = run(sys.executable, "-m", "mypy")
    assert done.returncode == 0, done.stdout[-4000:]


@pytest.mark.skipif(shutil.which("lint-imports") is None, reason="import-linter not installed")
def test_import_layers() -> None:
    done = run("lint-imports")
    assert done.returncode == 0, done.stdout[-4000:]
