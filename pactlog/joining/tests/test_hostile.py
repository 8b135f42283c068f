"""Hostile input: stored safely, shown escaped, warned about, never a 500."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from pactlog.joining import lookalikes
from pactlog.joining.models import JoinRequest, State
from pactlog.joining.tests.conftest import FORM

pytestmark = pytest.mark.usefixtures("no_limits")


def post(client, **changes):
    return client.post("/en/example/join/", {**FORM, **changes})


def warnings_of(name: str, **fields) -> list[dict]:
    request = JoinRequest.objects.create(
        agreement_id=fields.pop("agreement"), name=name, category=fields.get("category", "private-sector"),
        country=fields.get("country", ""), website=fields.get("website", ""),
        submitted_at="2026-01-01T00:00:00Z", state=State.CONFIRMED,
    )  # fmt: skip
    return [w.as_dict() for w in lookalikes.warnings_for(request)]


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("name", "Acme\x07 Corp", "control characters"),
        ("name", "Acme\x00 Corp", "control characters"),
        ("name_en", "Acme\x1b Corp", "control characters"),
        ("name_fr", "Acmé\x07", "control characters"),
        ("contact_role", "C\nEO", "control characters"),
        ("message", "Hello\x1b[31m", "control characters"),
        ("name", "A" * 10_000, "at most 300"),
        ("message", "x" * 10_000, "at most 5000"),
        ("contact_email", "not-an-address", "valid email"),
        ("website", "javascript:alert(1)", "valid URL"),
        ("authority", "", "Tick this box"),
        ("category", "emperor", "valid choice"),
        ("country", "XXX", "valid choice"),
    ],
)
def test_refused_with_a_message_that_says_what_to_fix(client, agreement, field, value, message):
    response = post(client, **{field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert JoinRequest.objects.count() == 0


def test_html_and_formula_payloads_are_stored_and_escaped(client, agreement, smtp):
    name = '=HYPERLINK("http://evil.example")<script>alert(1)</script>'
    assert post(client, name=name, message="<img src=x onerror=alert(1)>").status_code == 200
    request = JoinRequest.objects.get()
    assert request.name == name
    request.state = State.CONFIRMED
    request.save()
    client.force_login(User.objects.create_superuser("root", "r@x.example", "pw-for-tests-only"))
    for path in ("/moderation/", f"/moderation/requests/{request.pk}/"):
        html = client.get(path).content.decode()
        assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
        assert "<img src=x" not in html
    # The plain text says the name as it is; its HTML alternative escapes it.
    html_part = smtp.messages[0].get_body(("html",))
    assert html_part is not None
    html_mail = str(html_part.get_content())
    assert "<script>" not in html_mail and "&lt;script&gt;" in html_mail


def test_rtl_override_and_zero_width_joiner_are_kept_and_flagged(client, agreement, smtp):
    name = "Micro\u202esoft\u200d"
    assert post(client, name=name).status_code == 200
    assert JoinRequest.objects.get().name == name
    kinds = {w["kind"] for w in warnings_of("Micro\u202esoft\u200d", agreement=agreement.pk)}
    assert {"invisible", "lookalike"} <= kinds


def test_homoglyph_of_an_existing_supporter(agreement):
    found = warnings_of("Mіcrosoft", agreement=agreement.pk)  # Cyrillic і
    kinds = {w["kind"]: w for w in found}
    assert kinds["lookalike"]["actor"] == "microsoft"
    assert "mixed-script" in kinds
    greek = warnings_of("ΜΙCROSOFT", agreement=agreement.pk)  # Greek capitals
    assert any(w["kind"] == "lookalike" and w["actor"] == "microsoft" for w in greek)


def test_duplicate_by_name_and_by_domain(agreement):
    by_name = warnings_of("Microsoft Corporation", agreement=agreement.pk, country="USA")
    assert any(w["kind"] == "duplicate" and w["actor"] == "microsoft" for w in by_name)
    by_domain = warnings_of(
        "MS Research", agreement=agreement.pk, website="http://microsoft.com/research"
    )
    assert any(w["kind"] == "duplicate" and "microsoft.com" in w["detail"] for w in by_domain)
    plain = warnings_of("Fondation Totalement Différente", agreement=agreement.pk, country="BEL")
    assert plain == []


def test_pending_requests_are_compared_too(agreement):
    warnings_of("Cyber Peace Institute", agreement=agreement.pk)
    found = warnings_of("CyberPeace Institute", agreement=agreement.pk)
    assert any(
        w["kind"] == "duplicate" and w["actor"] is None and "request #" in w["detail"]
        for w in found
    )


def test_the_json_list_survives_hostile_names(agreement):
    warnings_of("\u202e\u0007?\U0001f600" * 50, agreement=agreement.pk)
    out = StringIO()
    call_command("requests", "list", "--json", stdout=out)
    assert json.loads(out.getvalue())["requests"][0]["warnings"][0]["kind"] == "invisible"


def test_absurd_numbers_in_urls_are_not_errors(client, agreement):
    huge = "9" * 30
    client.force_login(User.objects.create_superuser("root", "r@x.example", "pw-for-tests-only"))
    assert client.get(f"/moderation/requests/{huge}/").status_code == 404
    answer = client.post(f"/moderation/requests/{huge}/approve/", follow=True)
    assert answer.status_code == 200 and b"there is no request" in answer.content
    assert client.post(f"/en/example/join/confirm/{huge}/abc/").status_code == 400
    assert client.get("/en/example/supporters/nobody/withdraw/").status_code == 404
