"""Shared fixtures of the site's tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from pactlog.site.translations import compile_all


@pytest.fixture(autouse=True, scope="session")
def compiled_translations() -> None:
    """French pages need the compiled catalogue."""
    compile_all()


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """Each test rolls its database back, so registry versions repeat between tests."""
    cache.clear()
    yield
    cache.clear()
