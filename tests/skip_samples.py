"""Two tests that skip, run only by tests/test_ci_skips.py (the name keeps pytest from
collecting it otherwise)."""

import pytest


def test_skips_for_a_missing_tool():
    pytest.skip("a tool is not installed")


@pytest.mark.postgresql
def test_skips_without_postgresql():
    pytest.skip("needs PostgreSQL")
