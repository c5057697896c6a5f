"""CI gate: the fast eval subset (0.5B model, cases marked fast) must not regress its baseline."""

import subprocess
import sys

import pytest

pytestmark = pytest.mark.model


def test_fast_eval_gate_passes(model_settings, tmp_path) -> None:
    """`newsdigest eval --fast` exits 0; a prompt change that breaks facts makes this fail."""
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", "eval", "--fast", "--quiet", "--report-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert (tmp_path / "report.md").is_file()
    pages = list((tmp_path / "cases").glob("*.html"))  # one review page per case, linked from report.html
    assert pages and all(f'href="cases/{p.name}"' in (tmp_path / "report.html").read_text() for p in pages)
