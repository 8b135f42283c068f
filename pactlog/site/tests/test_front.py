"""What nginx may keep (`X-Accel-Expires`), and that each view reads every parameter it is keyed
by: the front's cache is never keyed by a parameter a page does not read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import resolve
from django.utils import translation
from django.utils.datastructures import MultiValueDict

from pactlog.registry.dates import Interval
from pactlog.site.front import HEADER, LANGUAGE_NEUTRAL, READS
from pactlog.site.tests import factories

VALUES = {
    "as_of": "2020-03-01",
    "category": "civil-society",
    "country": "FRA",
    "nature": "ngo",
    "group": "g7",
    "q": "alpha",
    "order": "-date",
    "page": "1",
    "from": "2020-01-01",
    "to": "2020-03-01",
    "bom": "1",
}
#: One URL of every view the front may keep.
URLS = {
    "site:agreements": "/en/",
    "site:home": "/en/test-call/",
    "site:supporters": "/fr/test-call/supporters/",
    "site:supporter": "/en/test-call/supporters/alpha/",
    "site:changes": "/en/test-call/changes/",
    "site:principles": "/en/test-call/principles/",
    "site:text": "/en/test-call/text/",
    "site:embed_counters": "/en/test-call/embed/counters",
    "site:feed": "/en/test-call/feed.atom",
    "site_plain:counters_json": "/test-call/counters.json",
    "groups:index": "/en/groups/",
    "groups:group": "/en/groups/g7/",
    "groups:coverage": "/en/test-call/coverage/",
    "groups:group_coverage": "/fr/test-call/coverage/g7/",
    "exports:supporters-csv": "/exports/test-call/supporters.csv",
    "exports:supporters-json": "/exports/test-call/supporters.json",
    "exports:datapackage": "/exports/test-call/datapackage.json",
    "exports:endorsements-csv": "/exports/test-call/endorsements.csv",
}


@pytest.fixture
def small(db):
    target = factories.agreement()
    factories.endorse(target, factories.organisations(["Alpha"]), Interval.day(dt.date(2020, 2, 1)))
    return target


def with_params(url: str, names: frozenset[str]) -> str:
    query = "&".join(f"{name}={VALUES[name]}" for name in sorted(names))
    return f"{url}?{query}" if query else url


def test_every_kept_view_has_a_url_here():
    assert set(URLS) == set(READS)
    for name, url in URLS.items():
        with translation.override("fr" if url.startswith("/fr/") else "en"):
            assert resolve(url).view_name == name


@pytest.mark.parametrize("name", sorted(READS))
def test_kept_with_the_parameters_it_reads_and_reads_them_all(small, client, monkeypatch, name):
    read: set[str] = set()
    get, getitem, getlist = MultiValueDict.get, MultiValueDict.__getitem__, MultiValueDict.getlist

    def spy(method):
        def wrapper(self, key, *args, **kwargs):
            read.add(key)
            return method(self, key, *args, **kwargs)

        return wrapper

    monkeypatch.setattr(MultiValueDict, "get", spy(get))
    monkeypatch.setattr(MultiValueDict, "__getitem__", spy(getitem))
    monkeypatch.setattr(MultiValueDict, "getlist", spy(getlist))
    cache.clear()  # the view itself must run, not a cached copy of its page
    response = client.get(with_params(URLS[name], READS[name]))
    assert response.status_code == 200, response.content[:300]
    assert response[HEADER].isdigit()
    assert READS[name] <= read, f"{name} is keyed by parameters it never reads"
    if name in LANGUAGE_NEUTRAL:
        assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.parametrize(
    "url",
    [
        "/en/test-call/?utm_source=x",
        "/en/test-call/?as_of=2020-03-01&as_of=2020-04-01",
        "/test-call/counters.json?as_of=2020-03-01&page=2",
        "/en/no-such-call/",
        "/en/test-call/supporters/?page=99",
        "/en/test-call/supporters/?as_of=2020-02-31",
        "/exports/test-call/supporters.csv?order=nonsense",
        "/admin/login/",
        "/api/v1/agreements/test-call/counts",
    ],
)
def test_never_kept(small, client, url):
    response = client.get(url)
    assert HEADER not in response


def test_a_page_that_sets_a_cookie_is_not_kept(small, client, settings):
    from django.http import HttpResponse

    from pactlog.site.front import FrontCacheMiddleware

    def view(request):
        response = HttpResponse("hello")
        response.set_cookie("who", "me")
        return response

    request = client.get("/en/test-call/").wsgi_request
    assert HEADER not in FrontCacheMiddleware(view)(request)
    assert HEADER in FrontCacheMiddleware(lambda request: HttpResponse("hi"))(request)


def test_nothing_is_kept_with_publishing_off(small, client, settings):
    assert HEADER in client.get("/en/test-call/")
    settings.PUBLISH_DIR = None
    assert HEADER not in client.get("/en/test-call/")
