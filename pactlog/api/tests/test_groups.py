"""Groups, coverage and the `group=` filter, through pactlog.groups (docs/spec.md §8)."""

from __future__ import annotations

import datetime as dt

import pytest

from pactlog.api.tests.conftest import cli_json
from pactlog.registry import queries

pytestmark = pytest.mark.slow


def test_coverage_equals_the_cli(client, paris_call):
    expected = cli_json(
        "coverage", "--agreement", "paris-call", "--group", "g7", "--as-of", "2020-12-31"
    )
    answer = client.get(
        "/api/v1/agreements/paris-call/coverage", {"group": "g7", "as_of": "2020-12-31"}
    )
    assert answer.status_code == 200
    assert answer.json() == expected
    assert "USA" in expected["absent"] and "FRA" in expected["endorsed"]


def test_group_filter_lists_the_members_in_force(client, paris_call):
    from pactlog.groups.catalogue import get_group

    day = dt.date(2020, 12, 31)
    selection = queries.SupporterFilter(countries=get_group("g7").members(day))
    expected = queries.supporters(paris_call, day, selection)
    answer = client.get(
        "/api/v1/agreements/paris-call/supporters",
        {"group": "g7", "as_of": "2020-12-31", "page_size": "500"},
    ).json()
    assert answer["supporters"] == expected["supporters"]
    assert answer["count"] == expected["count"] > 0
    assert {s["country"] for s in answer["supporters"]} <= get_group("g7").members(day)


def test_groups_follow_dated_memberships(client, db):
    eu_2020 = client.get("/api/v1/groups/eu", {"as_of": "2020-01-30"}).json()
    eu_2021 = client.get("/api/v1/groups/eu", {"as_of": "2021-01-01"}).json()
    assert "GBR" in eu_2020["members"] and "GBR" not in eu_2021["members"]
    assert eu_2021["names"]["fr"]
    slugs = {g["slug"] for g in client.get("/api/v1/groups").json()}
    assert {"g7", "g20", "eu", "nato", "un-members"} <= slugs


def test_unknown_group_for_coverage_is_422(client, paris_call):
    response = client.get("/api/v1/agreements/paris-call/coverage", {"group": "g99"})
    assert response.status_code == 422
    assert "g99" in response.json()["detail"]
