"""Claims rows that say what each checks, count phrases in the plural form of their number,
and a claim about a day after its source's publication flagged when entered and shown."""

from __future__ import annotations

import json
from io import StringIO

from django.core.management import call_command

from pactlog.claims.demo import example_claims
from pactlog.claims.services import save_claim
from pactlog.claims.spec import last_day_published, parse_claim
from pactlog.claims.tests.conftest import count_claim
from pactlog.demo.example import load_example


def test_three_claims_of_one_quote_say_what_each_checks(client, small_call):
    quote = "more than 2 states and 1 company signed on launch day"
    for claim in (
        count_claim(quote=quote, op=">", value=2),
        count_claim(quote=quote, quantity="private-sector", op="=", value=1),
        count_claim(quote=quote, kind="states-absent", states=["CAN"]),
    ):
        save_claim(small_call, parse_claim(claim))
    html = client.get("/en/test-call/claims/").content.decode()
    assert "Checks: more than 2 states" in html
    assert "Checks: exactly 1 private sector organisation" in html
    assert "Checks: not endorsed: Canada" in html
    french = client.get("/fr/test-call/claims/").content.decode()
    assert "Vérifie : plus de 2 États" in french


def test_the_reasons_count_in_the_plural_form_of_their_number(client, small_call):
    claim, _ = save_claim(small_call, parse_claim(count_claim(op=">", value=50)))
    html = client.get(f"/en/test-call/claims/{claim.public_id}/").content.decode()
    assert "the record counts between 3 and 4 states" in html
    assert "1 supporter&#x27;s dates cannot tell whether it had joined" in html
    assert "more than 50 states" in html and "50 State" not in html


def test_last_day_a_publication_date_can_mean():
    assert str(last_day_published("2023-03-01")) == "2023-03-01"
    assert str(last_day_published("2024-02")) == "2024-02-29"
    assert str(last_day_published("2023-12")) == "2023-12-31"
    assert str(last_day_published("2023")) == "2023-12-31"
    assert last_day_published("") is None


def test_a_claim_after_its_publication_is_flagged_when_entered_and_on_its_pages(
    client, small_call, tmp_path
):
    late = count_claim(as_of="2019-02-01")  # published 2018-11-20
    path = tmp_path / "claims.json"
    path.write_text(json.dumps({"agreement": "test-call", "claims": [count_claim(), late]}))
    out = StringIO()
    call_command("claims", "add", "--agreement", "test-call", "--json", str(path), "--report",
                 stdout=out)  # fmt: skip
    report = json.loads(out.getvalue())
    assert report["added"] == 2 and report["problems"] == []
    assert [w["file"].rsplit(":", 1)[1] for w in report["warnings"]] == ["claims[2]"]
    assert "after the source's publication" in report["warnings"][0]["message"]
    html = client.get("/en/test-call/claims/").content.decode()
    assert html.count("a day after the source") == 1


def test_the_demo_claims_refer_to_days_their_sources_could_know(db):
    agreement = load_example()
    specs = [parse_claim(claim) for claim in example_claims(agreement)]
    assert len(specs) == 5
    assert [s.quote for s in specs if s.refers_after_publication] == []
