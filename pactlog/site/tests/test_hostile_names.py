"""Names and titles that try to inject markup, formulas or reversed text stay inert text."""

from __future__ import annotations

import datetime as dt

import pytest

from pactlog.registry.dates import Interval
from pactlog.site.tests import factories

SCRIPT, ONMOUSEOVER, FORMULA, RLO = factories.HOSTILE_NAMES
ESCAPED_SCRIPT = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Corp"
ESCAPED_ONMOUSEOVER = "&quot;onmouseover=&quot;alert(1)&quot; Ltd"


@pytest.fixture
def hostile(db):
    target = factories.agreement(
        "hostile-call",
        title_en="<script>alert('t')</script> Call",
        summary_en='"onmouseover=x',
        is_example=True,
    )
    actors = factories.organisations(factories.HOSTILE_NAMES)
    factories.endorse(target, actors, Interval(dt.date(2020, 1, 1), dt.date(2020, 12, 31)))
    return {"agreement": target, "actors": actors}


def pages(hostile) -> list[str]:
    ids = [actor.public_id for actor in hostile["actors"]]
    return [
        "/en/",
        "/en/hostile-call/?as_of=2021-01-01",
        "/en/hostile-call/supporters/?as_of=2021-01-01",
        "/en/hostile-call/supporters/?as_of=2021-01-01&q=%3Cscript%3E",
        "/en/hostile-call/changes/?from=2019-12-31&to=2021-01-01",
        "/en/hostile-call/principles/",
        "/en/hostile-call/text/",
        "/en/hostile-call/embed/counters?as_of=2021-01-01",
        *[f"/en/hostile-call/supporters/{actor_id}/" for actor_id in ids],
        "/fr/hostile-call/supporters/?as_of=2021-01-01",
    ]


def test_every_page_escapes_hostile_names(hostile, client):
    for url in pages(hostile):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "<script>alert" not in html, url
        assert '"onmouseover=' not in html, url
        assert "Example data" in html or "Données d'exemple" in html, url


def test_list_shows_hostile_names_as_text_isolated_from_their_neighbours(hostile, client):
    html = client.get("/en/hostile-call/supporters/?as_of=2021-01-01").content.decode()
    assert f"<bdi>{ESCAPED_SCRIPT}</bdi>" in html
    assert f"<bdi>{ESCAPED_ONMOUSEOVER}</bdi>" in html
    assert "<bdi>=HYPERLINK(&quot;http://evil.example&quot;,&quot;click&quot;)</bdi>" in html
    assert "<bdi>Evil \u202egnp.exe Foundation</bdi>" in html


def test_supporter_page_does_not_link_a_javascript_website(hostile, client):
    actor = hostile["actors"][0]
    html = client.get(f"/en/hostile-call/supporters/{actor.public_id}/").content.decode()
    assert "javascript:alert(1)" in html  # shown as text
    assert 'href="javascript:' not in html


def test_feed_escapes_hostile_names(hostile, client):
    body = client.get("/en/hostile-call/feed.atom").content.decode()
    assert "<script>" not in body
    assert "&lt;script&gt;alert" in body
    assert "\u202e" in body  # kept as text in XML, which has no markup for it


def test_counters_json_is_json_whatever_the_title(hostile, client):
    response = client.get("/hostile-call/counters.json?as_of=2021-01-01")
    assert response.json()["total"] == 4
