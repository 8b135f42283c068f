"""The soak benchmark, short: 0 errors and bounded worker memory under mixed load on PostgreSQL.

`make soak` (30 s) and `bench/soak.py --seconds 600` run it longer; this keeps the script working.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.live, pytest.mark.slow, pytest.mark.postgresql]


def test_short_soak_has_no_errors():
    url = os.environ.get("PACTLOG_TEST_DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("the soak runs on PostgreSQL: set PACTLOG_TEST_DATABASE_URL")
    if shutil.which("nginx") is None:
        pytest.skip("nginx is not installed")
    done = subprocess.run(
        [sys.executable, "bench/soak.py", "--seconds", "10", "--clients", "4"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert " 0 errors" in done.stdout and "OK:" in done.stdout
