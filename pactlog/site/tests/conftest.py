"""Shared fixtures of the site's tests."""

from __future__ import annotations

import pytest

from pactlog.site.translations import compile_all


@pytest.fixture(autouse=True, scope="session")
def compiled_translations() -> None:
    """French pages need the compiled catalogue."""
    compile_all()
