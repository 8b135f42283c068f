"""Claim pages in both languages, the check box, and the API (list, check, OpenAPI)."""

import json
import re

import pytest

from pactlog.claims.models import Claim
from pactlog.claims.services import save_claim
from pactlog.claims.spec import parse_claim
from pactlog.claims.tests.conftest import count_claim
from pactlog.registry.services import event_count


@pytest.fixture
def claims(small_call):
    saved = [
        save_claim(small_call, parse_claim(count_claim(op="=", value=2)))[0],  # [3, 4]: no
        save_claim(
            small_call,
            parse_claim(
                count_claim(
                    kind="states-absent",
                    states=["USA", "FRA"],
                    quote="France & the U.S. <b>held</b> out",
                )
            ),
        )[0],
    ]
    return saved


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_list_and_claim_pages_in_both_languages(client, claims):
    en = client.get("/en/test-call/claims/")
    fr = client.get("/fr/test-call/claims/")
    assert en.status_code == fr.status_code == 200
    assert "Inconsistent with the record" in text(en) and "Published claims" in text(en)
    assert "Incompatible avec le registre" in text(fr)
    assert "&lt;b&gt;held&lt;/b&gt;" in en.content.decode()  # quotes are escaped
    count, absent = claims
    page = client.get(f"/en/test-call/claims/{count.public_id}/")
    body = text(page)
    assert page.status_code == 200
    assert "between 3 and 4" in body and "holds for a count from 2 to 2" in body
    assert "never held for certain" in body  # Canada's unknown day keeps every count open
    assert "may have held until 18 November 2018" in body  # Italy came on the 19th
    assert 'id="claim-chart-data"' in page.content.decode()
    assert "<script>" not in page.content.decode()  # data via json_script, code in files
    found = re.search(r'<script id="claim-chart-data" type="application/json">(.*?)</script>',
                      page.content.decode(), re.S)  # fmt: skip
    assert found is not None
    chart = json.loads(found.group(1))
    assert chart["claimed"] == 2 and {"date": "2018-11-20", "low": 3, "high": 4} in chart["points"]
    assert "/en/test-call/supporters/?as_of=2018-11-20&amp;category=state" in page.content.decode()
    fr_page = client.get(f"/fr/test-call/claims/{absent.public_id}/")
    assert "France" in text(fr_page) and "États-Unis" in text(fr_page)
    assert "Incompatible avec le registre" in text(fr_page)
    assert client.get("/en/test-call/claims/nothing/").status_code == 404
    assert client.get("/en/nowhere/claims/").status_code == 404


def test_the_check_box_answers_and_stores_nothing(client, claims):
    home = client.get("/en/test-call/")
    assert 'action="/en/test-call/claims/check/"' in home.content.decode()
    before = (event_count(), Claim.objects.count())
    answer = client.get("/fr/test-call/claims/check/",
                        {"op": ">=", "value": "3", "quantity": "state", "as_of": "2018-11-19"})  # fmt: skip
    assert answer.status_code == 200
    assert "Compatible avec le registre" in text(answer)
    for bad in [{"value": "-3"}, {"value": "1e99"}, {"as_of": "2018-02-30"},
                {"as_of": "0001-01-01"}, {"quantity": "planets"}, {"op": "~"},
                {"value": "1\x00"}]:  # fmt: skip
        query = {"op": ">=", "value": "3", "quantity": "state", "as_of": "2018-11-19", **bad}
        response = client.get("/en/test-call/claims/check/", query)
        assert response.status_code == 400, bad
        assert 'class="errorlist"' in response.content.decode(), bad
    assert (event_count(), Claim.objects.count()) == before


def test_api_lists_claims_and_checks_without_storing(client, claims):
    listed = client.get("/api/v1/agreements/test-call/claims")
    assert listed.status_code == 200 and listed.has_header("ETag")
    rows = listed.json()
    assert [r["verdict"]["verdict"] for r in rows] == ["inconsistent", "inconsistent"]
    assert rows[0]["assertion"] == {"kind": "count", "as_of": "2018-11-20", "quantity": "state",
                                    "op": "=", "value": 2}  # fmt: skip
    before = event_count()

    def check(body):
        return client.post("/api/v1/agreements/test-call/claims/check", json.dumps(body),
                           content_type="application/json")  # fmt: skip

    ok = check({"kind": "count", "as_of": "2018-11-19", "quantity": "total", "op": "about",
                "value": 6, "tolerance_percent": 10})  # fmt: skip
    assert ok.status_code == 200, ok.content
    assert ok.json()["verdict"] == "undetermined" and ok.json()["range"]["low"] == 5
    launch = check({"kind": "launch-date", "as_of": "2018-11-19", "value": "2018-11-13"})
    assert launch.json()["verdict"] == "inconsistent"
    for body, message in [
        ({"kind": "count", "as_of": "2018-11-19"}, "quantity must be"),
        ({"kind": "count", "as_of": "2018-11-19", "quantity": "total", "op": ">",
          "value": 10**40}, "between 0"),
        ({"kind": "count", "as_of": "nope", "quantity": "total", "op": ">", "value": 1}, "as_of"),
        ({"kind": "states-absent", "as_of": "2018-11-19", "states": ["XXX"]}, "ISO"),
        ({"kind": "rumour", "as_of": "2018-11-19"}, "kind"),
    ]:  # fmt: skip
        response = check(body)
        assert response.status_code == 422, body
        assert message in response.json()["detail"], response.json()
    assert check({"kind": "launch-date", "as_of": "2018-11-19", "value": "2018-11-13"}).json() \
        == launch.json()  # fmt: skip
    assert event_count() == before
    missing = client.post("/api/v1/agreements/nowhere/claims/check",
                          json.dumps({"kind": "launch-date", "as_of": "2018-11-19",
                                      "value": "2018-11-13"}), content_type="application/json")  # fmt: skip
    assert missing.status_code == 404


def test_openapi_documents_the_claims_operations(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "get" in schema["paths"]["/api/v1/agreements/{slug}/claims"]
    check = schema["paths"]["/api/v1/agreements/{slug}/claims/check"]["post"]
    assert {"200", "400", "404", "422", "429"} <= set(check["responses"])
    assert "requestBody" in check
