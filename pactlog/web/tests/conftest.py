"""Fresh caches for every test: registry versions repeat as each test rolls back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import caches

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
