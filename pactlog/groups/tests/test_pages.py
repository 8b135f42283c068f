"""The coverage pages and the group pages on the real snapshots, and their 400/404 answers."""

import json
import re

import pytest


def section(pattern: str, body: str, group: int = 0) -> str:
    """The part of a page that `pattern` finds (the test fails if it is not there)."""
    match = re.search(pattern, body, re.S)
    assert match, pattern
    return match.group(group)


def text(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
def test_coverage_index_lists_every_group_with_its_numbers_and_a_bar(client, paris_call):
    response = client.get("/en/paris-call/coverage/?as_of=2020-12-31")
    assert response.status_code == 200
    assert response.has_header("ETag")
    body = text(response)
    assert body.count('class="coverage-bar"') == 10
    row = re.search(
        r'coverage/five-eyes/\?as_of=2020-12-31">Five Eyes</a></th>(.*?)</tr>', body, re.S
    )
    assert row is not None
    assert re.findall(r'<td class="num"[^>]*>(\d+)</td>', row.group(1)) == ["5", "4", "0", "1"]
    assert 'class="world-map"' in body


@pytest.mark.django_db
def test_group_coverage_names_states_in_the_readers_language(client, paris_call):
    en = text(client.get("/en/paris-call/coverage/five-eyes/?as_of=2020-12-31"))
    fr = text(client.get("/fr/paris-call/coverage/five-eyes/?as_of=2020-12-31"))
    absent_en = section(r'id="list-absent">.*?</section>', en, 0)
    absent_fr = section(r'id="list-absent">.*?</section>', fr, 0)
    assert "<li>United States</li>" in absent_en
    assert "<li>États-Unis</li>" in absent_fr
    assert "Royaume-Uni" in fr


@pytest.mark.django_db
def test_group_coverage_map_data_highlights_the_members(client, paris_call):
    body = text(client.get("/en/paris-call/coverage/g7/?as_of=2020-12-31"))
    data = json.loads(
        section(r'<script id="world-map-1-data" type="application/json">(.*?)</script>', body, 1)
    )
    assert data["group"] == "g7"
    assert sorted(data["members"]) == ["124", "250", "276", "380", "392", "826", "840"]
    assert data["status"]["250"] == "endorsed" and "840" not in data["status"]
    assert len(data["status"]) == 79
    assert data["atlas"].endswith("vendor/world-atlas/countries-110m.json")
    assert data["names"]["840"] == "United States"


@pytest.mark.django_db
def test_united_kingdom_leaves_the_eu_coverage(client, paris_call):
    before = text(client.get("/en/paris-call/coverage/eu/?as_of=2019-12-31"))
    after = text(client.get("/en/paris-call/coverage/eu/?as_of=2020-12-31"))
    assert "<li>United Kingdom</li>" in before
    assert "<li>United Kingdom</li>" not in after


@pytest.mark.django_db
def test_group_page_shows_members_history_and_agreements(client, paris_call):
    response = client.get("/fr/groups/eu/?as_of=2020-12-31")
    assert response.status_code == 200
    body = text(response)
    assert "27 États membres" in body
    assert "Royaume-Uni" in body  # in the history of departures
    assert paris_call.title("fr") in body
    members_table = section(r'id="members-caption">.*?</table>', body, 0)
    assert "Royaume-Uni" not in members_table
    assert "Allemagne" in members_table


@pytest.mark.django_db
def test_group_index_lists_the_groups(client):
    body = text(client.get("/en/groups/?as_of=2024-03-07"))
    assert 'href="/en/groups/nato/?as_of=2024-03-07"' in body
    assert re.search(
        r"North Atlantic Treaty Organization \(NATO\)</a></th><td class=\"num\">32<", body
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/en/groups/nope/", 404, "no group &#x27;nope&#x27;"),
        ("/en/paris-call/coverage/nope/", 404, "no group &#x27;nope&#x27;"),
        ("/en/nope/coverage/", 404, "no agreement &#x27;nope&#x27;"),
        ("/en/nope/coverage/eu/", 404, "no agreement"),
        ("/en/paris-call/coverage/?as_of=2020-13-01", 400, "as_of must be a date as YYYY-MM-DD"),
        ("/fr/paris-call/coverage/eu/?as_of=hier", 400, "as_of doit être une date"),
        ("/en/groups/eu/?as_of=2020-02-30", 400, "as_of must be a date"),
        ("/en/groups/?as_of=%3Cscript%3E", 400, "&lt;script&gt;"),
    ],
)
def test_mistakes_are_4xx_pages_with_a_message(client, paris_call, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    assert message in text(response)


@pytest.mark.django_db
def test_same_registry_version_answers_304(client, paris_call):
    first = client.get("/en/paris-call/coverage/")
    again = client.get("/en/paris-call/coverage/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
