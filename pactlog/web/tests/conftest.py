"""Fresh caches for every test: registry versions repeat as each test rolls back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.cache import caches

from pactlog.registry.dates import Interval
from pactlog.site.tests import factories
from pactlog.site.translations import compile_all


@pytest.fixture(autouse=True, scope="session")
def compiled_translations() -> None:
    compile_all()


@pytest.fixture(autouse=True)
def empty_caches() -> Iterator[None]:
    for alias in ("default", "ratelimit"):
        caches[alias].clear()
    yield
    for alias in ("default", "ratelimit"):
        caches[alias].clear()


@pytest.fixture
def small(db):
    """An agreement with one organisation endorsing since 2020-02-01."""
    target = factories.agreement()
    factories.endorse(target, factories.organisations(["Alpha"]), Interval.day(dt.date(2020, 2, 1)))
    return target
