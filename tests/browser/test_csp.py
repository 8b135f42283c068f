"""Under the strict Content-Security-Policy, the pages with scripts run without a violation."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/en/paris-call/",
        "/fr/paris-call/supporters/?q=micro",
        "/en/paris-call/coverage/",
        "/en/paris-call/embed/counters",
        "/api/v1/docs",
    ],
)
def test_no_policy_violation(live_site: str, page: Any, path: str) -> None:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    response = page.goto(live_site + path, wait_until="networkidle")
    assert response.status == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert violations == []
    assert page.console_errors == []
