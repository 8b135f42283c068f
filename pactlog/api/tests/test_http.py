"""ETags and 304, cross-origin reads and the per-IP rate limit."""

from __future__ import annotations

import pytest

from pactlog.registry.caching import registry_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement():
    from pactlog.registry.models import Agreement

    return Agreement.objects.create(slug="paris-call", title_en="Paris Call")


def test_answers_carry_an_etag_and_a_match_gets_304(client, agreement):
    first = client.get("/api/v1/agreements/paris-call/counts?as_of=2020-12-31")
    assert first.status_code == 200
    etag = first["ETag"]
    assert str(registry_version()) in etag
    again = client.get(
        "/api/v1/agreements/paris-call/counts?as_of=2020-12-31", HTTP_IF_NONE_MATCH=etag
    )
    assert again.status_code == 304
    assert again.content == b""


def test_a_new_event_changes_the_etag(client, agreement):
    from pactlog.registry.models import EventCounter

    before = client.get("/api/v1/agreements")["ETag"]
    EventCounter.objects.update_or_create(pk=1, defaults={"next_seq": registry_version() + 1})
    after = client.get("/api/v1/agreements", HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200
    assert after["ETag"] != before


def test_reads_allow_any_origin(client, agreement):
    response = client.get("/api/v1/agreements", HTTP_ORIGIN="https://news.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]


def test_preflight_allows_if_none_match(client):
    response = client.options(
        "/api/v1/agreements",
        HTTP_ORIGIN="https://news.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


def test_pages_outside_the_api_get_no_cors_header(client):
    response = client.get("/admin/login/")
    assert "Access-Control-Allow-Origin" not in response


def test_rate_limit_answers_429_with_retry_after(client, agreement, settings):
    settings.API_RATE_LIMIT = 3
    statuses = [client.get("/api/v1/agreements").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/v1/agreements")
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 61
    assert "3 requests a minute" in limited.json()["detail"]
    assert limited["Access-Control-Allow-Origin"] == "*"
    other_client = client.get("/api/v1/agreements", REMOTE_ADDR="192.0.2.7")
    assert other_client.status_code == 200


def test_rate_limit_is_off_by_default_under_tests(client, agreement):
    assert all(client.get("/api/v1/agreements").status_code == 200 for _ in range(30))
