"""Rate limits behind the documented nginx front: one budget per real client, not per proxy."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from pactlog.web.clients import client_ip

PROXY = "127.0.0.1"


def ip(remote: str, forwarded: str | None = None) -> str:
    request = RequestFactory().get("/")
    request.META["REMOTE_ADDR"] = remote
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(request)


def test_forwarded_for_is_ignored_without_trusted_proxies(settings):
    settings.PACTLOG_TRUSTED_PROXIES = []
    assert ip(PROXY, "203.0.113.9") == PROXY


def test_forwarded_for_is_read_from_a_trusted_proxy(settings):
    settings.PACTLOG_TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    assert ip(PROXY, "203.0.113.9") == "203.0.113.9"
    # A client cannot choose its address by sending the header itself: nginx appends the
    # peer, and the rightmost untrusted address is the one nginx saw.
    assert ip(PROXY, "198.51.100.1, 203.0.113.9") == "203.0.113.9"
    assert ip(PROXY, "2001:db8::1") == "2001:db8::1"
    # Junk stops the walk at the last address we can trust.
    assert ip(PROXY, "not-an-ip") == PROXY
    # A peer that is not a proxy is the client, whatever it claims.
    assert ip("192.0.2.5", "203.0.113.9") == "192.0.2.5"


def test_networks_are_accepted(settings):
    settings.PACTLOG_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert ip("10.1.2.3", "203.0.113.9, 10.9.9.9") == "203.0.113.9"


@pytest.mark.django_db
def test_two_clients_behind_the_proxy_have_separate_budgets(client, settings):
    settings.PACTLOG_TRUSTED_PROXIES = [PROXY]
    settings.API_RATE_LIMIT = 3

    def get(who: str) -> int:
        return client.get("/api/v1/groups", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=who).status_code

    assert [get("203.0.113.1") for _ in range(4)] == [200, 200, 200, 429]
    assert [get("203.0.113.2") for _ in range(3)] == [200, 200, 200]
    assert get("203.0.113.1") == 429


@pytest.mark.django_db
def test_flooding_the_page_cache_does_not_reset_limits(client, settings):
    settings.API_RATE_LIMIT = 2
    assert [client.get("/api/v1/groups").status_code for _ in range(3)] == [200, 200, 429]
    caches["default"].clear()  # what eviction by a flood of junk pages would do
    assert client.get("/api/v1/groups").status_code == 429
