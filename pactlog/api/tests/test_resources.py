"""Agreements and actors: their public fields, as the events carry them."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_agreements_list_and_detail(client, paris_call):
    listed = client.get("/api/v1/agreements").json()
    assert [a["slug"] for a in listed] == ["paris-call"]
    assert "principles" not in listed[0]
    detail = client.get("/api/v1/agreements/paris-call").json()
    assert detail["slug"] == "paris-call"
    assert detail["categories"] == paris_call.categories
    assert isinstance(detail["principles"], list)


def test_actor_shows_its_endorsements(client, paris_call):
    france = client.get("/api/v1/actors/france")
    assert france.status_code == 200
    body = france.json()
    assert (body["kind"], body["country"], body["name"]) == ("state", "FRA", "France")
    assert body["endorsements"][0]["agreement"] == "paris-call"
    assert body["endorsements"][0]["status"] == "active"


def test_supporter_pages_link_to_their_neighbours(client, paris_call):
    url = "/api/v1/agreements/paris-call/supporters?as_of=2020-12-31&page_size=50&page=2"
    page = client.get(url).json()
    assert page["count"] == 1170
    assert len(page["supporters"]) == 50
    assert page["previous"].startswith("http://testserver/api/v1/")
    assert "page=1" in page["previous"] and "page=3" in page["next"]
    assert "as_of=2020-12-31" in page["next"] and "page_size=50" in page["next"]
    last = client.get(url.replace("page=2", "page=24")).json()
    assert last["next"] is None and len(last["supporters"]) == 1170 - 23 * 50
