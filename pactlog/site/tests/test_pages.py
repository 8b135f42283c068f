"""Every page of the site against the real Paris Call snapshots (2019-12-31 then 2020-12-31)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.test import Client

from pactlog.registry import queries
from pactlog.registry.provenance import with_provenance

pytestmark = pytest.mark.slow

NBSP = "\u202f"  # Babel's French thousands separator


def found(pattern: str, text: str) -> str:
    match = re.search(pattern, text, re.S)
    assert match, pattern
    return match.group(1)


def get(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def test_agreements_list_links_each_agreement(paris_call, client):
    html = get(client, "/en/")
    assert "Paris Call for Trust and Security in Cyberspace" in html
    assert 'href="/en/paris-call/"' in html
    assert "Example data" not in html


def test_home_counts_by_category_as_of_a_date(paris_call, client):
    html = get(client, "/en/paris-call/?as_of=2020-12-31")
    counters = re.findall(r'class="counter ([a-z-]+)"><span class="n">([\d,]+)</span>', html)
    assert dict(counters) == {
        "total": "1,170", "state": "79", "public-authority": "33",
        "civil-society": "374", "private-sector": "684",
    }  # fmt: skip
    assert "1,076" in get(client, "/en/paris-call/?as_of=2019-12-31")


def test_home_in_french_formats_numbers_and_dates(paris_call, client):
    html = get(client, "/fr/paris-call/?as_of=2020-12-31")
    assert f"1{NBSP}170" in html
    assert "31 décembre 2020" in html
    assert "Appel de Paris pour la confiance" in html
    assert "Secteur privé" in html


def test_home_has_growth_chart_data_table_newest_and_principles(paris_call, client):
    html = get(client, "/en/paris-call/?as_of=2020-12-31")
    series = json.loads(found(r'id="growth-data" type="application/json">(.*?)</script>', html))
    assert series[-1]["date"] == "2020-12-31"
    assert series[-1]["total"] == 1170
    assert series[-1]["by_category"]["state"] == 79
    assert "<caption>Supporters in force by month and category</caption>" in html
    assert "Newest supporters" in html
    assert "Protect individuals and infrastructure" in html
    assert 'href="/en/paris-call/text/"' in html
    assert "vendor/plot/plot.umd.min.js" in html


def test_supporters_filter_by_category_names_states_by_language(paris_call, client):
    html = get(client, "/en/paris-call/supporters/?category=state&as_of=2020-12-31")
    assert "79 supporters in force on" in html
    assert "United Kingdom" in html
    html = get(client, "/fr/paris-call/supporters/?category=state&as_of=2020-12-31")
    assert "79 soutiens en vigueur le" in html
    assert "Royaume-Uni" in html


def test_supporters_search_is_case_and_accent_insensitive(paris_call, client):
    html = get(client, "/en/paris-call/supporters/?q=MICROSOFT&as_of=2020-12-31")
    assert re.search(r"<bdi>Microsoft[^<]*</bdi>", html)
    folded = get(client, "/fr/paris-call/supporters/?q=republique&category=state&as_of=2020-12-31")
    assert "République" in folded


def test_supporters_count_matches_the_query_service(paris_call, client):
    as_of = dt.date(2020, 12, 31)
    selection = queries.SupporterFilter(country="FRA")
    expected = queries.in_force(paris_call, as_of, selection).count()
    html = get(client, f"/en/paris-call/supporters/?country=FRA&as_of={as_of}")
    assert f"{expected:,} supporters in force" in html


def test_supporters_paginates_and_sorts(paris_call, client):
    html = get(client, "/en/paris-call/supporters/?as_of=2020-12-31&page=2&order=-date")
    assert "Page 2 of 24" in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert "order=-date" in found(r'href="([^"]*)" rel="next"', html)


def test_supporters_download_links_carry_the_selection(paris_call, client):
    html = get(client, "/en/paris-call/supporters/?category=state&q=united&as_of=2020-12-31")
    assert (
        'href="/exports/paris-call/supporters.csv?as_of=2020-12-31&amp;category=state&amp;q=united&amp;order=name"'
        in html
    )
    assert "/exports/paris-call/supporters.json?as_of=2020-12-31&amp;category=state" in html


def test_language_switch_keeps_path_and_filters(paris_call, client):
    html = get(client, "/en/paris-call/supporters/?category=state&q=united")
    assert 'href="/fr/paris-call/supporters/?category=state&amp;q=united"' in html


def test_supporter_page_spells_out_dates_history_and_other_agreements(paris_call, client):
    html = get(client, "/en/paris-call/supporters/microsoft/")
    assert "<h1><bdi>Microsoft</bdi></h1>" in html
    assert "Private sector" in html
    assert re.search(r"<dd>(on|by|between) [^<]+</dd>", html)
    assert "Endorsement started" in html
    assert "This supporter endorses no other agreement" in html


def test_supporter_page_of_a_state_is_named_in_french(paris_call, client):
    state = queries.in_force(paris_call, dt.date(2020, 12, 31)).get(
        actor__country="GBR", actor__kind="state"
    )
    html = get(client, f"/fr/paris-call/supporters/{state.actor.public_id}/")
    assert "<h1><bdi>Royaume-Uni</bdi></h1>" in html


def test_changes_between_snapshots_match_the_query_service(paris_call, client):
    answer = queries.changes(paris_call, dt.date(2019, 12, 31), dt.date(2020, 12, 31))
    html = get(client, "/en/paris-call/changes/?from=2019-12-31&to=2020-12-31")
    counters = dict(
        re.findall(r'<span class="n">([\d,]+)</span> <span class="label">(\w+)</span>', html)[i][
            ::-1
        ]
        for i in range(3)
    )
    assert counters == {
        "joined": f"{len(answer['joined']):,}",
        "left": f"{len(answer['left']):,}",
        "uncertain": f"{len(answer['uncertain']):,}",
    }
    assert len(answer["joined"]) > 0


def test_principles_and_full_text(paris_call, client):
    html = get(client, "/fr/paris-call/principles/")
    assert "Protéger les individus et les infrastructures" in html
    html = get(client, "/en/paris-call/text/")
    assert "https://pariscall.international/en/call" in html


def test_counters_json_equals_the_query_service(paris_call, client):
    response = client.get("/paris-call/counters.json?as_of=2020-12-31")
    assert response.status_code == 200
    answer = response.json()
    assert answer == with_provenance(queries.counts(paris_call, dt.date(2020, 12, 31)), paris_call)
    assert answer["observed_until"] == "2020-12-31"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_embed_may_be_framed_and_other_pages_may_not(paris_call, client):
    embed = client.get("/en/paris-call/embed/counters?as_of=2020-12-31")
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert embed["Content-Security-Policy"].endswith("; frame-ancestors *")
    assert "1,170" in embed.content.decode()
    home = client.get("/en/paris-call/")
    assert home["X-Frame-Options"] == "DENY"


def test_feed_lists_new_supporters(paris_call, client):
    response = client.get("/en/paris-call/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert body.count("<entry>") == 50
    assert "/en/paris-call/supporters/" in body


def test_supporters_filter_by_group_of_states(paris_call, client):
    from pactlog.groups.catalogue import get_group

    as_of = dt.date(2020, 12, 31)
    expected = get_group("g7").members(as_of) & queries.states_in_force(paris_call, as_of)
    html = get(client, f"/en/paris-call/supporters/?group=g7&category=state&as_of={as_of}")
    assert f"{len(expected)} supporters in force" in html
    assert '<option value="g7" selected>' in html


def test_agreement_tabs_lead_to_coverage_in_each_language(paris_call, client):
    assert 'href="/en/paris-call/coverage/"' in get(client, "/en/paris-call/")
    french = get(client, "/fr/paris-call/coverage/")
    assert re.search(r'href="/fr/paris-call/coverage/" aria-current="page">Couverture<', french)
