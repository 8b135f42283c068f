"""The public read kit: every public view of the site, groups, claims, exports and log is
declared with it, and what the declaration says is what the answer does."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from pactlog.web.reads import EXPOSED_HEADERS, declaration_of

PUBLIC_NAMESPACES = {"site", "site_plain", "groups", "claims", "exports", "log", "log_page"}


def named_views(patterns: list[Any], namespace: str = "") -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            found += named_views(entry.url_patterns, entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            found.append((f"{namespace}:{entry.name}", entry.callback))
    return found


def test_every_public_view_declares_what_it_reads():
    views = [
        (name, view)
        for name, view in named_views(get_resolver().url_patterns)
        if name.split(":")[0] in PUBLIC_NAMESPACES
    ]
    assert len(views) >= 20
    undeclared = [name for name, view in views if declaration_of(view) is None]
    assert undeclared == []


@pytest.mark.parametrize(
    "url",
    ["/en/test-call/", "/test-call/counters.json", "/exports/test-call/supporters.csv", "/log/"],
)
def test_declared_views_answer_get_and_head_only(small, client, url):
    assert client.get(url).status_code in (200, 404)
    assert client.head(url).status_code in (200, 404)
    assert client.post(url).status_code == 405
    assert client.delete(url).status_code == 405


def test_a_cross_origin_view_says_so_on_a_304_too(small, client):
    first = client.get("/test-call/counters.json")
    assert first["Access-Control-Allow-Origin"] == "*"
    again = client.get("/test-call/counters.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"
    assert again["Access-Control-Expose-Headers"] == EXPOSED_HEADERS


def test_a_page_is_not_readable_from_other_origins(small, client):
    assert "Access-Control-Allow-Origin" not in client.get("/en/test-call/")


@pytest.mark.parametrize(
    ("url", "status", "kind"),
    [
        ("/fr/test-call/?as_of=2020-02-31", 400, "text/html"),
        ("/fr/nowhere/", 404, "text/html"),
        ("/test-call/counters.json?as_of=nope", 400, "application/json"),
        ("/exports/nowhere/supporters.json", 404, "application/json"),
    ],
)
def test_mistakes_are_answered_as_declared_in_the_readers_language(
    small, client, url, status, kind
):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == status
    assert response["Content-Type"].startswith(kind)
    if url.startswith("/fr/"):
        assert 'lang="fr"' in response.content.decode()


def test_a_preflight_to_a_download_is_answered_without_a_list_of_paths(small, client):
    response = client.options(
        "/exports/test-call/supporters.csv",
        HTTP_ORIGIN="https://news.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]
    page = client.options(
        "/en/test-call/", HTTP_ORIGIN="https://x.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert "Access-Control-Allow-Origin" not in page


def test_downloads_count_against_the_rate_limit_and_pages_do_not(small, client, settings):
    settings.API_RATE_LIMIT = 2
    csv = [client.get("/exports/test-call/supporters.csv").status_code for _ in range(3)]
    assert csv == [200, 200, 429]
    assert client.get("/en/test-call/").status_code == 200
