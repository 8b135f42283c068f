"""Entering claims: one writer, an event each, replayed; verdicts follow the record."""

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from pactlog.claims.engine import ClaimError
from pactlog.claims.models import Claim, ClaimVerdict
from pactlog.claims.services import save_claim
from pactlog.claims.spec import parse_claim
from pactlog.claims.tests.conftest import count_claim
from pactlog.claims.verdicts import refresh
from pactlog.registry import services
from pactlog.registry.dates import Interval
from pactlog.registry.models import Event
from pactlog.registry.replay import current_state, replay_database
from pactlog.registry.services import ActorSpec, event_count

D = dt.date


def test_a_claim_is_an_event_replayed_and_entered_once(small_call):
    before = event_count()
    claim, changed = save_claim(small_call, parse_claim(count_claim()))
    assert changed and event_count() == before + 1
    event = Event.objects.order_by("-seq").first()
    assert event is not None and event.type == "claim.saved"
    payload = json.loads(event.payload)
    assert payload["id"] == claim.public_id and payload["quote"] == "three states signed"
    assert payload["source"]["url"] == "https://example.org/a"
    again, changed = save_claim(small_call, parse_claim(count_claim()))
    assert (again.pk, changed, event_count()) == (claim.pk, False, before + 1)
    assert replay_database() == current_state()
    assert replay_database().claims[claim.public_id] == payload


def test_a_correction_keeps_the_id_and_is_a_new_event(small_call):
    claim, _ = save_claim(small_call, parse_claim(count_claim()))
    fixed, changed = save_claim(small_call, parse_claim(count_claim(value=2)), claim.public_id)
    assert changed and fixed.public_id == claim.public_id and Claim.objects.count() == 1
    assert replay_database() == current_state()


def test_verdicts_are_computed_and_follow_the_record(
    small_call, django_capture_on_commit_callbacks
):
    claim, _ = save_claim(small_call, parse_claim(count_claim(op="<", value=4)))
    first = refresh(claim)
    assert first is not None and first.verdict == "undetermined"  # 3 certain, Canada unsure
    assert first.details["range"] == {"low": 3, "high": 4, "uncertain": 1}
    assert refresh(claim) == first  # same version: nothing new
    spain = services.create_actors([ActorSpec(kind="state", name="ES", category="state",
                                              country="ESP")])  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        services.start_endorsements(small_call, [(spain[0], Interval.day(D(2018, 11, 15)))])
    history = list(ClaimVerdict.objects.filter(claim=claim).order_by("registry_version"))
    assert [h.verdict for h in history] == ["undetermined", "inconsistent"]
    assert history[1].details["range"] == {"low": 4, "high": 5, "uncertain": 1}
    assert history[1].details["held"] == {"before": "2018-11-14", "after": None}
    assert history[1].details["possible"] == {"before": "2018-11-18", "after": None}


def test_the_command_reports_bad_claims_and_goes_on(small_call, tmp_path, capsys):
    path = tmp_path / "claims.json"
    path.write_text(json.dumps({"agreement": "test-call", "claims": [
        count_claim(), count_claim(op="~"), count_claim(value=-1), "nonsense",
    ]}))  # fmt: skip
    with pytest.raises(CommandError) as error:
        call_command("claims", "add", "--agreement", "test-call", "--json", str(path), "--report")
    assert error.value.returncode == 1
    report = json.loads(capsys.readouterr().out)
    assert report["added"] == 1 and len(report["problems"]) == 3
    assert report["problems"][0]["file"].endswith("claims[2]")
    assert "op must be" in report["problems"][0]["message"]
    path.write_text(json.dumps({"agreement": "other", "claims": []}))
    with pytest.raises(CommandError, match="about 'other'") as error:
        call_command("claims", "add", "--agreement", "test-call", "--json", str(path))
    assert error.value.returncode == 2
    path.write_bytes(b"\xff\x00")
    with pytest.raises(CommandError, match="not UTF-8 JSON"):
        call_command("claims", "add", "--agreement", "test-call", "--json", str(path))


@pytest.mark.parametrize(
    "change, message",
    [
        ({"kind": "rumour"}, "kind must be"),
        ({"as_of": "2018-13-01"}, "as_of must be a date"),
        ({"as_of": "0001-01-01"}, "between"),
        ({"quantity": "planets"}, "quantity must be"),
        ({"value": 1.5}, "whole number"),
        ({"value": 10**30}, "between 0"),
        ({"quote": "a\x00b"}, "control characters"),
        ({"quote": "x" * 3000}, "at most"),
        ({"source": {"title": ""}}, "title is required"),
        ({"source": {"title": "t", "url": "javascript:alert(1)"}}, "http"),
        ({"source": {"title": "t", "published": "2018-13"}}, "no such month"),
        ({"op": "about", "tolerance_percent": "NaN"}, "tolerance_percent"),
        ({"op": "about", "tolerance_percent": 500}, "tolerance_percent"),
        ({"quantity": "group", "group": "nowhere"}, "group must be"),
        ({"kind": "states-absent", "states": ["XXX"]}, "not an ISO"),
        ({"kind": "group-missing", "group": "g7", "missing": []}, "list of ISO"),
        ({"kind": "launch-date", "value": "13 Nov"}, "claimed launch day"),
    ],
)
def test_bad_claims_say_what_to_fix(change, message):
    with pytest.raises(ClaimError, match=message):
        parse_claim(count_claim(**change))


def test_as_of_defaults_to_a_full_publication_date():
    claim = count_claim()
    del claim["as_of"]
    assert parse_claim(claim).as_of == D(2018, 11, 20)
    claim["source"]["published"] = "2018-11"
    with pytest.raises(ClaimError, match="as_of is required"):
        parse_claim(claim)


ADMIN_FORM = {
    "source_title": "A story", "source_publisher": "The Daily", "source_author": "",
    "source_url": "https://example.org/a", "source_published": "2018-11-20",
    "quote": "three states signed", "kind": "count", "as_of": "2018-11-20",
    "quantity": "state", "group": "", "op": "=", "value": "3", "tolerance_percent": "",
    "states": "", "claimed_date": "",
    "verdicts-TOTAL_FORMS": "0", "verdicts-INITIAL_FORMS": "0",
}  # fmt: skip


def test_the_admin_enters_claims_through_the_service(small_call, client):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("editor", "e@example.org", "pw-12345678")
    client.force_login(user)
    form = {**ADMIN_FORM, "agreement": str(small_call.pk)}
    response = client.post(
        "/admin/claims/claim/add/", {**form, "op": "about", "tolerance_percent": "500"}
    )
    assert response.status_code == 200 and Claim.objects.count() == 0
    assert response.status_code == 200
    response = client.post("/admin/claims/claim/add/", {**form, "value": "not a number"})
    assert response.status_code == 200 and Claim.objects.count() == 0
    response = client.post("/admin/claims/claim/add/", {**form, "op": ">="})
    assert response.status_code == 302, response.content.decode()[:3000]
    claim = Claim.objects.get()
    assert claim.public_id == parse_claim(count_claim(op=">=")).fingerprint("test-call")
    latest = claim.latest_verdict()
    assert latest is not None and latest.verdict == "consistent"  # FRA, DEU, ITA (+ Canada?)
    response = client.post(f"/admin/claims/claim/{claim.pk}/change/", {**form, "value": "2"})
    assert response.status_code == 302
    assert [json.loads(p)["value"] for p in Event.objects.filter(type="claim.saved")
            .values_list("payload", flat=True)] == [3, 2]  # fmt: skip
    assert [v.verdict for v in claim.verdicts.all()] == ["consistent", "inconsistent"]  # 2: no
    assert replay_database() == current_state()
    page = client.get(f"/admin/claims/claim/{claim.pk}/change/")
    assert page.status_code == 200 and b"inconsistent" in page.content


def test_the_example_agreement_ships_five_claims_covering_every_verdict(db):
    from pactlog.demo.example import load_example

    example = load_example(organisations=120)
    claims = list(Claim.objects.filter(agreement=example))
    verdicts: dict[str, list[str]] = {c.kind: [] for c in claims}
    for claim in claims:
        latest = refresh(claim)
        assert latest is not None
        verdicts[claim.kind].append(latest.verdict)
        assert "fictional" in claim.source_publisher
    assert len(claims) == 5
    assert {v for vs in verdicts.values() for v in vs} == {
        "consistent", "inconsistent", "undetermined",
    }  # fmt: skip
    assert set(verdicts) == {"count", "states-absent", "launch-date"}
    assert replay_database() == current_state()


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_the_same_claim_added_twice_at_once_is_one_claim_and_one_event(small_call):
    """Two editors (or two runs of `claims add`) entering the same claim concurrently."""
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite serialises whole databases)")
    spec = parse_claim(count_claim())
    barrier = threading.Barrier(2)
    results: list[bool] = []

    def add() -> None:
        try:
            barrier.wait()
            results.append(save_claim(small_call, spec)[1])
        finally:
            connection.close()

    threads = [threading.Thread(target=add) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False, True]
    assert Claim.objects.count() == 1
    assert Event.objects.filter(type="claim.saved").count() == 1


def test_a_huge_rejected_value_is_not_echoed_back():
    with pytest.raises(ClaimError) as error:
        parse_claim(count_claim(kind="x" * 100_000))
    assert len(str(error.value)) < 200
