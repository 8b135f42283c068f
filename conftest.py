"""Fixtures every app's tests share: the real Paris Call snapshots and history from
../shared/data."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

# One test client makes every request: the API's per-IP rate limit would trip (tests that are
# about it turn it on). Set before Django reads its settings; live servers inherit it.
os.environ.setdefault("API_RATE_LIMIT", "0")
os.environ.setdefault("PAGE_BUDGET", "0")

ROOT = Path(__file__).resolve().parent
SHARED = ROOT.parent / "shared"
PARISCALL = SHARED / "data" / "pariscall"
SNAPSHOTS = ("2019-12-31", "2020-12-31")
HISTORY = PARISCALL / "history-until-2020.bundle"  # the site's git history, branch until-2020


def snapshot_folder(day: str) -> Path:
    return PARISCALL / day / "_supporters"


@pytest.fixture
def pariscall_data() -> Path:
    """The folder of real snapshots; tests that need it skip, saying why, where it is absent."""
    if not all(snapshot_folder(day).is_dir() for day in SNAPSHOTS):
        pytest.skip(f"the real Paris Call snapshots are not at {PARISCALL}")
    return PARISCALL


@pytest.fixture
def pariscall_history(pariscall_data: Path) -> Path:
    """The bundle of the site's history (`import-git` reads it as it is); skips where absent."""
    if not HISTORY.is_file():
        pytest.skip(f"the history bundle is not at {HISTORY}")
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
