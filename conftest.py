"""Fixtures every app's tests share: the real Paris Call snapshots and history (kept under
tests/data/, see tests.realdata), and a clean slate of process-wide memos for every test."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

# One test client makes every request: the API's per-IP rate limit would trip (tests that are
# about it turn it on). Set before Django reads its settings; live servers inherit it.
os.environ.setdefault("API_RATE_LIMIT", "0")
os.environ.setdefault("PAGE_BUDGET", "0")

from tests.realdata import HISTORY, PARISCALL, SNAPSHOTS, snapshot_folder

__all__ = ["HISTORY", "PARISCALL", "SNAPSHOTS", "import_snapshots", "snapshot_folder"]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """With CI=true (.ci/run) a skip fails the test, except in tests marked `postgresql` (they
    need a PostgreSQL server, which a machine may lack): CI must run every test."""
    report = yield
    if (
        report.skipped
        and not hasattr(report, "wasxfail")
        and _ci()
        and not item.get_closest_marker("postgresql")
    ):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = (
            f"skipped, but with CI=true only tests marked postgresql may skip: {reason}"
        )
    return report


def _ci() -> bool:
    from pactlog import env

    return env.flag("CI", False)


@pytest.fixture(autouse=True)
def forget_process_memos() -> None:
    """Every test starts with empty caches and memos: the database is restored between tests,
    so a memo keyed by a primary key and a registry version could answer for another test's
    rows (pactlog.memos)."""
    from django.core.cache import caches

    from pactlog import memos

    for cache in caches.all(initialized_only=True):
        cache.clear()
    memos.forget_all()


@pytest.fixture
def pariscall_data() -> Path:
    """The folder holding `<day>/_supporters/` for each of SNAPSHOTS."""
    return PARISCALL


@pytest.fixture
def pariscall_history(pariscall_data: Path) -> Path:
    """The bundle of the site's history of `_supporters/` (`import-git` reads it as it is)."""
    return HISTORY


def import_snapshots(days: tuple[str, ...] = SNAPSHOTS) -> None:
    from pactlog.importing.run import import_jekyll

    for day in days:
        import_jekyll(snapshot_folder(day), "paris-call", dt.date.fromisoformat(day))


@pytest.fixture
def paris_call(pariscall_data: Path, db: None):
    """The `paris-call` agreement with the 2019-12-31 then 2020-12-31 snapshots imported."""
    from pactlog.registry.models import Agreement

    import_snapshots()
    return Agreement.objects.get(slug="paris-call")


@pytest.fixture
def paris_call_site(
    paris_call: object, live_server: Any, capsys: pytest.CaptureFixture[str]
) -> str:
    """A live instance over the real data with the claims published in 2018, their verdicts
    stored and the log integrated: what a verifier checks from outside."""
    from django.core.management import call_command

    from pactlog.claims.verdicts import refresh_all
    from pactlog.log.integrate import integrate
    from tests.realdata import CLAIMS_2018

    call_command("claims", "add", "--agreement", "paris-call", "--json", str(CLAIMS_2018))
    refresh_all()
    integrate()
    capsys.readouterr()
    return str(live_server.url) + "/"
