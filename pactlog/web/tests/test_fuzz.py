"""Hypothesis over every public URL pattern and query parameter: no answer is ever a 5xx.

The routes come from the URL resolver itself (a new page is fuzzed without editing this file);
path parameters and query values are drawn from real slugs and hostile text: NUL and control
characters, superscript digits, 5,000-digit numbers, far dates, long strings. Runs on SQLite
and, when DATABASE_URL names PostgreSQL, there too (where NUL bytes used to be 500s).
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pactlog.registry import services
from pactlog.registry.dates import Interval
from pactlog.registry.vocabulary import ActorKind, Category
from pactlog.site.tests import factories

NOT_PUBLIC = ("admin/", "i18n/", "api/v1/docs", "api/v1/openapi.json")
PARAMS = [
    "as_of", "from", "to", "category", "country", "nature", "group", "q", "order", "page",
    "page_size", "bom", "junk", "op", "value", "quantity", "tolerance", "state", "token",
]  # fmt: skip
KNOWN = ["test-call", "alpha", "france", "eu", "g7", "un-members", "no-such-thing"]


def routes() -> list[str]:
    def walk(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    found = [r for r in walk(get_resolver().url_patterns) if not r.startswith(NOT_PUBLIC)]
    found += [r.replace("en/", "fr/", 1) for r in found if r.startswith("en/")]
    return sorted(set(found))


ROUTES = routes()
PLACEHOLDER = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")

hostile_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60
)
numbers = st.one_of(
    st.integers(-10, 10**6).map(str), st.just("9" * 5000), st.sampled_from(["²", "٣", "1e3", "0x1"])
)
dates = st.one_of(
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.sampled_from(["9999-12-31", "2200-01-01", "2020-02-30", "2020-1-1", "today"]),
)
values = st.one_of(
    hostile_text,
    numbers,
    dates,
    st.sampled_from([*KNOWN, "FRA", "XX", "civil-society", "ngo", "-date", "name", "1", "\x00"]),
    st.text(min_size=150, max_size=400),
)
#: Mostly names that exist (so the query string reaches the code), sometimes anything at all.
path_values = st.one_of(
    st.just("test-call"), st.sampled_from(KNOWN), st.just("test-call"), hostile_text.filter(bool)
)


@pytest.fixture
def registry(db):
    target = factories.agreement()
    factories.endorse(
        target, factories.organisations(["Alpha", "Bêta"]), Interval(None, dt.date(2020, 3, 1))
    )
    france = services.create_actors(
        [
            services.ActorSpec(
                kind=ActorKind.STATE, name="France", category=Category.STATE, country="FRA"
            )
        ]
    )
    factories.endorse(target, france, Interval.day(dt.date(2020, 2, 1)))
    return target


def test_every_public_pattern_is_fuzzed():
    assert any(r.startswith("api/v1/agreements/") for r in ROUTES)
    assert any(r.startswith("exports/") for r in ROUTES)
    assert any("counters.json" in r for r in ROUTES)
    assert any(r.endswith("feed.atom") for r in ROUTES)
    assert any("embed" in r for r in ROUTES)
    assert any("groups" in r for r in ROUTES)


@pytest.mark.slow
@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    route=st.sampled_from(ROUTES),
    path=st.lists(path_values, min_size=3, max_size=3),
    query=st.dictionaries(st.sampled_from(PARAMS), values, max_size=4),
)
def test_no_public_url_answers_5xx(registry, client, route, path, query):
    filled = iter(path)
    url = "/" + PLACEHOLDER.sub(lambda m: urllib.parse.quote(next(filled), safe=""), route)
    response = client.get(f"{url}?{urllib.parse.urlencode(query)}")
    event(f"{route.split('/')[0]}: {response.status_code}")
    assert response.status_code < 500, (url, query, response.content[:300])
