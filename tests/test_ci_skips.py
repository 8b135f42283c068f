"""With CI=true a skipped test fails the run, unless it is marked `postgresql` (conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_samples(ci: str | None) -> str:
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci is not None:
        env["CI"] = ci
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/skip_samples.py", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.stdout


def test_with_ci_only_postgresql_tests_may_skip():
    out = run_samples("true")
    assert "1 failed, 1 skipped" in out
    assert "only tests marked postgresql may skip: Skipped: a tool is not installed" in out


@pytest.mark.parametrize("ci", [None, "false"])
def test_elsewhere_a_skip_is_a_skip(ci):
    assert "2 skipped" in run_samples(ci)
