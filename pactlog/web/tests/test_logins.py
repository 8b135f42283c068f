"""Password guessing on the sign-in forms is throttled per client address."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("boss", "boss@example.org", "right-password-1")


def test_failed_admin_sign_ins_are_throttled(client, admin_user, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    url = "/admin/login/"
    bad = {"username": "boss", "password": "wrong"}
    assert [client.post(url, bad).status_code for _ in range(3)] == [200, 200, 200]
    blocked = client.post(url, {"username": "boss", "password": "right-password-1"})
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) >= 1
    assert "Too many failed sign-ins" in blocked.content.decode()
    other = client.post(url, bad, REMOTE_ADDR="192.0.2.44")
    assert other.status_code == 200  # another address has its own budget


def test_successful_sign_ins_do_not_count(client, admin_user, settings):
    settings.LOGIN_FAILURE_LIMIT = 1
    for _ in range(2):  # were successes counted, the second would be refused
        response = client.post(
            "/admin/login/", {"username": "boss", "password": "right-password-1"}
        )
        assert response.status_code == 302
        client.logout()


def test_moderation_login_is_throttled_too(client, db, settings):
    """`/moderation/login/` (served by the joining app) is guarded by path, before any view."""
    settings.LOGIN_FAILURE_LIMIT = 1
    from pactlog.web import ratelimit

    ratelimit.count("login-failures", "127.0.0.1", 1, settings.LOGIN_FAILURE_WINDOW)
    response = client.post("/moderation/login/", {"username": "x", "password": "y"})
    assert response.status_code == 429
