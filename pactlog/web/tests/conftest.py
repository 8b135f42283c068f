"""Shared fixtures of the web plumbing's tests (every test's caches are emptied by the root
conftest.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from pactlog.registry.dates import Interval
from pactlog.site.tests import factories
from pactlog.site.translations import compile_all


@pytest.fixture(autouse=True, scope="session")
def compiled_translations() -> None:
    compile_all()


@pytest.fixture
def small(db):
    """An agreement with one organisation endorsing since 2020-02-01."""
    target = factories.agreement()
    factories.endorse(target, factories.organisations(["Alpha"]), Interval.day(dt.date(2020, 2, 1)))
    return target
