"""Every API answer equals the command line's `--json` answer to the same question."""

from __future__ import annotations

import pytest

from pactlog.api.tests.conftest import cli_json

pytestmark = pytest.mark.slow


def test_counts_equal_the_cli(client, paris_call):
    answer = client.get("/api/v1/agreements/paris-call/counts", {"as_of": "2020-12-31"})
    assert answer.status_code == 200
    expected = cli_json("counts", "--agreement", "paris-call", "--as-of", "2020-12-31")
    assert answer.json() == expected
    assert expected["total"] == 1170
    assert expected["by_category"]["state"] == 79


def test_supporter_pages_together_equal_the_cli_list(client, paris_call):
    expected = cli_json("supporters", "--agreement", "paris-call", "--as-of", "2020-12-31")
    listed: list[dict] = []
    url: str | None = "/api/v1/agreements/paris-call/supporters?as_of=2020-12-31&page_size=500"
    pages = 0
    while url:
        page = client.get(url).json()
        pages += 1
        for field in ("agreement", "as_of", "count", "uncertain"):
            assert page[field] == expected[field]
        listed += page["supporters"]
        url = page["next"]
    assert pages == 3
    assert listed == expected["supporters"]


def test_a_filtered_page_equals_the_cli_filtered_list(client, paris_call):
    expected = cli_json(
        "supporters", "--agreement", "paris-call", "--as-of", "2019-12-31",
        "--category", "civil-society", "--country", "FRA", "--q", "fondation",
    )  # fmt: skip
    answer = client.get(
        "/api/v1/agreements/paris-call/supporters",
        {"as_of": "2019-12-31", "category": "civil-society", "country": "fra", "q": "fondation"},
    ).json()
    assert expected["count"] > 0
    assert answer["supporters"] == expected["supporters"]
    assert (answer["count"], answer["uncertain"]) == (expected["count"], expected["uncertain"])


def test_changes_equal_the_cli(client, paris_call):
    expected = cli_json(
        "changes", "--agreement", "paris-call", "--from", "2019-12-31", "--to", "2020-12-31"
    )
    answer = client.get(
        "/api/v1/agreements/paris-call/changes", {"from": "2019-12-31", "to": "2020-12-31"}
    )
    assert answer.status_code == 200
    assert answer.json() == expected
    assert expected["joined"] and expected["left"]
