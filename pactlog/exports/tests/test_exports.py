"""Supporter selections as CSV and JSON: the same answers as the command line's `--json`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from pactlog.exports.columns import HEADER
from pactlog.exports.tests.conftest import body_of, csv_rows
from pactlog.registry import services
from pactlog.registry.models import Actor

pytestmark = pytest.mark.slow


def cli_supporters(*args: str) -> dict:
    out = io.StringIO()
    call_command("supporters", "--agreement", "paris-call", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_json_export_equals_the_cli(client, paris_call):
    response = client.get("/exports/paris-call/supporters.json?as_of=2020-12-31")
    assert response.status_code == 200
    assert response.streaming
    assert json.loads(body_of(response)) == cli_supporters("--as-of", "2020-12-31")


def test_csv_export_lists_the_selection_the_cli_lists(client, paris_call):
    query = {"as_of": "2019-12-31", "category": "civil-society", "q": "fondation"}
    response = client.get("/exports/paris-call/supporters.csv", query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="paris-call-supporters-2019-12-31.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    expected = cli_supporters(
        "--as-of", "2019-12-31", "--category", "civil-society", "--q", "fondation"
    )
    assert [r["id"] for r in rows] == [s["id"] for s in expected["supporters"]]
    assert list(rows[0]) == HEADER
    assert rows[0]["start_not_after"] == expected["supporters"][0]["start"]["not_after"]


def test_whole_csv_has_every_supporter_in_force(client, paris_call):
    response = client.get("/exports/paris-call/supporters.csv?as_of=2020-12-31&bom=1")
    text = body_of(response)
    assert text.startswith("\ufeffid,name,")
    assert text.count("\r\n") == 1 + 1170


def test_group_filter_selects_member_states(client, paris_call):
    rows = csv_rows(client.get("/exports/paris-call/supporters.csv?as_of=2020-12-31&group=g7"))
    assert rows and {r["country"] for r in rows} <= {
        "CAN",
        "FRA",
        "DEU",
        "ITA",
        "JPN",
        "GBR",
        "USA",
    }


def test_names_that_look_like_formulas_are_neutralised(client, paris_call):
    actor = Actor.objects.filter(kind="organisation").order_by("pk")[0]
    # Written past the service layer on purpose: the import path would keep such a name too.
    Actor.objects.filter(pk=actor.pk).update(name='=HYPERLINK("http://evil")')
    rows = csv_rows(client.get("/exports/paris-call/supporters.csv?as_of=2020-12-31"))
    hostile = next(r for r in rows if r["id"] == actor.public_id)
    assert hostile["name"] == '\'=HYPERLINK("http://evil")'


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("as_of=31-12-2020", 400, "YYYY-MM-DD"),
        ("country=XXX", 400, "ISO 3166-1"),
        ("category=aliens", 400, "category"),
        ("group=g99", 400, "g99"),
        ("order=random", 400, "order"),
        ("bom=yes", 400, "bom"),
        ("q=" + "x" * 5000, 400, "200"),
    ],
)
def test_bad_parameters_are_400_with_a_message(client, paris_call, query, status, message):
    response = client.get(f"/exports/paris-call/supporters.csv?{query}")
    assert response.status_code == status
    assert message in response.json()["detail"]


def test_unknown_agreement_is_404(client, db):
    response = client.get("/exports/nope/supporters.json")
    assert response.status_code == 404
    assert "nope" in response.json()["detail"]


def test_exports_carry_etags_and_cors(client, paris_call):
    first = client.get("/exports/paris-call/supporters.csv?as_of=2020-12-31")
    assert first["Access-Control-Allow-Origin"] == "*"
    again = client.get(
        "/exports/paris-call/supporters.csv?as_of=2020-12-31", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304


def test_only_reads_are_allowed(client, paris_call):
    assert client.post("/exports/paris-call/supporters.csv").status_code == 405


def test_today_is_the_default_date(client, paris_call):
    response = client.get("/exports/paris-call/supporters.json")
    assert json.loads(body_of(response))["as_of"] == dt.date.today().isoformat()


def test_nature_filter_is_the_same_on_every_reader(client, paris_call):
    """The site's nature filter reaches its download links, the API and the CLI alike."""
    expected = cli_supporters("--as-of", "2020-12-31", "--nature", "university")
    assert 40 < expected["count"] < 100
    assert {s["nature"] for s in expected["supporters"]} == {"university"}
    rows = csv_rows(
        client.get("/exports/paris-call/supporters.csv?as_of=2020-12-31&nature=university")
    )
    assert [r["id"] for r in rows] == [s["id"] for s in expected["supporters"]]
    api = client.get(
        "/api/v1/agreements/paris-call/supporters?as_of=2020-12-31&nature=university&page_size=500"
    ).json()
    assert api["count"] == expected["count"]
    page = client.get(
        "/en/paris-call/supporters/?as_of=2020-12-31&nature=university"
    ).content.decode()
    assert f"{expected['count']} supporters in force" in page
    assert "nature=university" in page  # the download links carry it


def test_other_language_names_are_columns_and_fields(client, paris_call):
    actor = Actor.objects.filter(kind="organisation").order_by("pk")[0]
    spec = dataclasses.replace(services.spec_of(actor), names={"en": "-Its English form"})
    services.update_actors([(actor, spec, [])])
    assert HEADER[-2:] == ["name_en", "name_fr"]  # added after the earlier columns
    rows = csv_rows(client.get("/exports/paris-call/supporters.csv?as_of=2020-12-31"))
    row = next(r for r in rows if r["id"] == actor.public_id)
    assert (row["name"], row["name_en"], row["name_fr"]) == (actor.name, "'-Its English form", "")
    assert all(r["name_en"] == "" for r in rows if r["id"] != actor.public_id)
    listed = json.loads(body_of(client.get("/exports/paris-call/supporters.json?as_of=2020-12-31")))
    item = next(s for s in listed["supporters"] if s["id"] == actor.public_id)
    assert (item["name"], item["names"]) == (actor.name, {"en": "-Its English form"})
    fields = json.loads(client.get("/exports/paris-call/datapackage.json").content)
    described = [f["name"] for f in fields["resources"][0]["schema"]["fields"]]
    assert described == HEADER
