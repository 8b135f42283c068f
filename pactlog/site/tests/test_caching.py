"""ETags follow the registry version; cached counters and lists change when an event is written."""

from __future__ import annotations

import datetime as dt

import pytest

from pactlog.registry.caching import registry_version
from pactlog.registry.dates import Interval, today
from pactlog.site.tests import factories

DAY = Interval.day(dt.date(2020, 2, 1))
PAGES = [
    "/en/test-call/?as_of=2020-03-01",
    "/en/test-call/supporters/?as_of=2020-03-01",
    "/en/test-call/supporters/alpha/",
    "/en/test-call/changes/?from=2020-01-01&to=2020-03-01",
    "/en/test-call/principles/",
    "/en/test-call/embed/counters?as_of=2020-03-01",
    "/en/test-call/feed.atom",
    "/test-call/counters.json?as_of=2020-03-01",
]


@pytest.fixture
def small(db):
    target = factories.agreement()
    factories.endorse(target, factories.organisations(["Alpha"]), DAY)
    return target


@pytest.mark.parametrize("url", PAGES)
def test_pages_answer_if_none_match_with_304(small, client, url):
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


def test_etag_differs_by_language_but_not_for_counters_json(small, client):
    assert client.get("/en/test-call/")["ETag"] != client.get("/fr/test-call/")["ETag"]
    assert (
        client.get("/test-call/counters.json")["ETag"]
        == f'"v{registry_version()}-{today().isoformat()}"'
    )


def test_a_new_day_changes_etags_and_page_keys(small, client, rf, monkeypatch):
    """Pages without `as_of` are "as of today": yesterday's copy must not answer after midnight
    even when no event was written."""
    from pactlog.registry import caching
    from pactlog.web import pagecache

    request = rf.get("/en/test-call/")
    before = (
        caching.registry_etag(request),
        caching.language_neutral_etag(request),
        pagecache.page_key(request, ("as_of",)),
    )
    tomorrow = today() + dt.timedelta(days=1)
    for module in (caching, pagecache):
        monkeypatch.setattr(module, "today", lambda: tomorrow)
    after = (
        caching.registry_etag(request),
        caching.language_neutral_etag(request),
        pagecache.page_key(request, ("as_of",)),
    )
    assert all(old != new for old, new in zip(before, after, strict=True))


def test_writing_an_event_changes_the_etag_and_the_cached_answers(small, client):
    url = "/en/test-call/supporters/?as_of=2020-03-01"
    before = client.get(url)
    assert "1 supporter in force" in before.content.decode()
    counters = client.get("/test-call/counters.json?as_of=2020-03-01").json()
    assert counters["total"] == 1

    factories.endorse(small, factories.organisations(["Beta"]), DAY)

    stale = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert stale.status_code == 200
    assert stale["ETag"] != before["ETag"]
    html = stale.content.decode()
    assert "2 supporters in force" in html and "Beta" in html
    assert client.get("/test-call/counters.json?as_of=2020-03-01").json()["total"] == 2
    home = client.get("/en/test-call/?as_of=2020-03-01").content.decode()
    assert '<span class="n">2</span>' in home


def test_a_page_seen_once_is_served_from_the_cache(small, client, django_assert_max_num_queries):
    url = "/en/test-call/supporters/?as_of=2020-03-01"
    first = client.get(url).content
    with django_assert_max_num_queries(3):  # the registry version, for the ETag and the key
        assert client.get(url).content == first


def test_a_cached_answer_reads_the_registry_version_once(small, client, django_assert_num_queries):
    """ETag, page cache and fragment caches share one read of the version per GET."""
    for url in ("/en/test-call/supporters/?as_of=2020-03-01", "/test-call/counters.json"):
        first = client.get(url)
        with django_assert_num_queries(1):
            again = client.get(url)
        assert again.content == first.content and again["ETag"] == first["ETag"]
