"""Shared fixtures of the web plumbing's tests (every test's caches are emptied by the root
conftest.py)."""

from __future__ import annotations

import pytest

from pactlog.site.translations import compile_all


@pytest.fixture(autouse=True, scope="session")
def compiled_translations() -> None:
    compile_all()
