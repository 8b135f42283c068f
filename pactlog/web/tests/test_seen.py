"""Regression tests for what an attacker saw on the public surface: no 500, no cheap DoS.

Each test names the numbered item of the hardening issue it guards. They run on SQLite and,
when DATABASE_URL names a PostgreSQL server, on PostgreSQL (where NUL bytes used to be 500s).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import caches

from pactlog.registry.dates import Interval
from pactlog.registry.models import Agreement
from pactlog.site.growth import MAX_YEARS, growth_series
from pactlog.site.tests import factories

DAY = Interval.day(dt.date(2020, 2, 1))


@pytest.fixture
def small(db):
    target = factories.agreement()
    factories.endorse(target, factories.organisations(["Alpha", "Beta"]), DAY)
    return target


# 1. Dates far ahead or far back: a 400 in the reader's language, not a 500 or a huge page.
@pytest.mark.parametrize("day", ["9999-12-31", "2200-01-01", "9998-06-30", "1899-01-01"])
@pytest.mark.parametrize(
    "url",
    [
        "/en/test-call/?as_of={}",
        "/en/test-call/supporters/?as_of={}",
        "/en/test-call/embed/counters?as_of={}",
        "/en/test-call/coverage/?as_of={}",
        "/en/groups/eu/?as_of={}",
        "/en/test-call/changes/?to={}",
    ],
)
def test_far_dates_are_refused_quickly(small, client, url, day):
    response = client.get(url.format(day))
    assert response.status_code == 400
    assert "must be between" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/test-call/counters.json?as_of=9999-12-31",
        "/exports/test-call/supporters.csv?as_of=9999-12-31",
        "/exports/test-call/supporters.json?as_of=2200-01-01",
    ],
)
def test_far_dates_are_json_400s_for_data(small, client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "must be between" in response.json()["detail"]


def test_api_refuses_far_dates_with_422(small, client):
    response = client.get("/api/v1/agreements/test-call/counts?as_of=9999-12-31")
    assert response.status_code == 422
    assert "must be between" in response.json()["detail"]


def test_errors_speak_the_readers_language(small, client):
    page = client.get("/fr/test-call/?as_of=2200-01-01")
    assert page.status_code == 400
    assert "doit être compris entre" in page.content.decode()
    api = client.get(
        "/api/v1/agreements/test-call/counts?as_of=2200-01-01", HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert api.status_code == 422
    assert "doit être compris entre" in api.json()["detail"]


def test_an_odd_imported_date_does_not_lengthen_the_growth_series(small):
    odd = factories.organisations(["Old"])
    factories.endorse(small, odd, Interval(dt.date(1901, 1, 1), dt.date(2020, 3, 1)))
    series = growth_series(small, dt.date(2020, 12, 31))
    assert series[0]["date"] == "2020-01-31"  # from the launch, not from 1901
    assert len(series) == 12
    Agreement.objects.filter(pk=small.pk).update(launched_on=None)
    small.refresh_from_db()
    unbounded = growth_series(small, dt.date(2020, 12, 31))
    assert len(unbounded) <= MAX_YEARS * 12 + 12


def test_the_home_page_a_year_ahead_stays_small(small, client):
    ahead = (dt.date.today() + dt.timedelta(days=300)).isoformat()
    response = client.get(f"/en/test-call/?as_of={ahead}")
    assert response.status_code == 200
    assert len(response.content) < 200_000


# 2. Page numbers: superscripts and 5,000 digits are 400s.
@pytest.mark.parametrize("page", ["²", "9" * 5000, "٣", "1e3"])
def test_odd_page_numbers_are_400(small, client, page):
    response = client.get("/en/test-call/supporters/", {"page": page})
    assert response.status_code == 400
    assert "page must be a whole number" in response.content.decode()


def test_api_page_numbers_are_bounded(small, client):
    response = client.get("/api/v1/agreements/test-call/supporters", {"page": "9" * 5000})
    assert response.status_code == 422


# 3. NUL bytes (a database error on PostgreSQL) in queries and path slugs.
@pytest.mark.parametrize(
    "url",
    [
        "/en/test-call/supporters/?q=Al%00pha",
        "/en/test-call/supporters/?country=FR%00A",
        "/en/test-call/supporters/?group=e%00u",
        "/en/test-call/supporters/?order=name%00",
        "/en/test-call/supporters/?category=%00",
        "/en/test-call/?as_of=2020-01-01%00",
        "/exports/test-call/supporters.csv?q=Al%00pha",
        "/exports/test-call/supporters.json?q=%00&country=%00&group=%00&nature=%00",
        "/exports/test-call/supporters.json?order=%00",
        "/api/v1/agreements/test-call/supporters?q=Al%00pha",
        "/api/v1/agreements/%00",
        "/api/v1/agreements/%00/supporters",
        "/api/v1/agreements/%00/counts",
        "/api/v1/actors/%00",
        "/api/v1/actors/a%00b",
        "/api/v1/groups/%00",
        "/en/groups/%00/",
    ],
)
def test_nul_bytes_never_reach_the_database(small, client, url):
    response = client.get(url)
    assert response.status_code < 500, response.content[:300]


def test_nul_is_stripped_from_a_search(small, client):
    response = client.get("/en/test-call/supporters/?q=Al%00pha")
    assert response.status_code == 200
    assert "Alpha" in response.content.decode()
    api = client.get("/api/v1/agreements/test-call/supporters?q=Al%00pha").json()
    assert [s["name"] for s in api["supporters"]] == ["Alpha"]
    assert client.get("/api/v1/actors/%00").status_code == 404


# 5. The page cache: junk parameters, errors, expiry.
def _page_keys() -> list[str]:
    cache = caches["default"]
    return [k for k in getattr(cache, "_cache", {}) if ":site:page:" in k]


def test_junk_parameters_do_not_grow_the_page_cache(small, client):
    client.get("/en/test-call/?as_of=2020-03-01")
    before = len(_page_keys())
    for n in range(20):
        assert client.get(f"/en/test-call/?as_of=2020-03-01&junk={n}").status_code == 200
    assert len(_page_keys()) == before


def test_parameter_order_does_not_matter(small, client):
    client.get("/en/test-call/changes/?from=2020-01-01&to=2020-03-01")
    before = len(_page_keys())
    client.get("/en/test-call/changes/?to=2020-03-01&from=2020-01-01")
    assert len(_page_keys()) == before


def test_errors_are_not_cached(small, client):
    before = len(_page_keys())
    for n in range(5):
        assert client.get(f"/en/test-call/?as_of=nope{n}").status_code == 400
    assert client.get("/en/no-such-call/").status_code == 404
    assert len(_page_keys()) == before


def test_cache_entries_expire(small, client, settings):
    assert settings.CACHES["default"]["TIMEOUT"] and settings.CACHE_TIMEOUT > 0
    client.get("/en/test-call/")
    cache = caches["default"]
    expiries = [cache._expire_info[k] for k in _page_keys()]  # type: ignore[attr-defined]
    assert expiries and all(e is not None for e in expiries)


# 6. An agreement whose categories hold an unknown value (a typo) still shows its pages.
def test_unknown_category_does_not_break_pages(small, client):
    Agreement.objects.filter(pk=small.pk).update(categories=["civil-society", "civil-socety"])
    for url in (
        "/en/test-call/",
        "/en/test-call/supporters/",
        "/en/test-call/embed/counters",
        "/test-call/counters.json",
        "/api/v1/agreements/test-call",
        "/api/v1/agreements/test-call/counts",
        "/exports/test-call/datapackage.json",
        "/en/test-call/coverage/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url


def test_list_mistakes_are_in_french_on_french_pages(small, client):
    country = client.get("/fr/test-call/supporters/?country=XX").content.decode()
    assert "country doit être un code ISO 3166-1 alpha-3" in country
    page = client.get("/fr/test-call/supporters/?page=9").content.decode()
    assert "page ne peut dépasser 1" in page
    english = client.get("/en/test-call/supporters/?page=9").content.decode()
    assert "page must be at most 1" in english


def test_query_service_refusals_are_in_the_readers_language(client, db):
    """The registry's own messages (unknown agreement, group, supporter) follow the reader's
    language, as the parsers' do."""
    from pactlog.site.tests import factories

    factories.agreement()
    english = client.get("/en/test-call/supporters/?group=nope")
    french = client.get("/fr/test-call/supporters/?group=nope")
    assert english.status_code == french.status_code == 400
    assert "no group &#x27;nope&#x27;" in english.content.decode()
    assert "aucun groupe &#x27;nope&#x27;" in french.content.decode()
    missing = client.get("/fr/no-such-call/")
    assert missing.status_code == 404 and "aucun texte" in missing.content.decode()
    api = client.get("/api/v1/agreements/no-such-call/counts", HTTP_ACCEPT_LANGUAGE="fr")
    assert api.status_code == 404 and api.json()["detail"] == "aucun texte 'no-such-call'"
    api = client.get("/api/v1/agreements/no-such-call/counts", HTTP_ACCEPT_LANGUAGE="en")
    assert api.status_code == 404 and api.json()["detail"] == "no agreement 'no-such-call'"
