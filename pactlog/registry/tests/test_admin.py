"""The secretariat's admin writes through the service layer: every save is an event."""

import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model

from pactlog.registry import services
from pactlog.registry.dates import Interval
from pactlog.registry.models import Actor, Agreement, Endorsement, Event
from pactlog.registry.replay import current_state, replay_database
from pactlog.registry.services import ActorSpec


@pytest.fixture
def staff(client, db):
    user = get_user_model().objects.create_superuser("secretariat", "s@example.org", "pw-12345678")
    client.force_login(user)
    return client


ACTOR_FORM = {
    "kind": "organisation",
    "name": "Acme",
    "category": "private-sector",
    "nature": "company",
    "nature_raw": "",
    "country": "FRA",
    "website": "https://acme.example",
    "wikidata": "",
    "lei": "",
    "source_keys-TOTAL_FORMS": "0",
    "source_keys-INITIAL_FORMS": "0",
}


def test_adding_and_correcting_an_actor_writes_events(staff, agreement):
    response = staff.post("/admin/registry/actor/add/", ACTOR_FORM)
    assert response.status_code == 302, response.content.decode()[:2000]
    actor = Actor.objects.get(public_id="acme")
    data = {**ACTOR_FORM, "name": "Acme Group", "country": "deu"}
    data.pop("kind")
    response = staff.post(f"/admin/registry/actor/{actor.pk}/change/", data)
    assert response.status_code == 302
    actor.refresh_from_db()
    assert (actor.name, actor.country, actor.public_id) == ("Acme Group", "DEU", "acme")
    saved = [
        json.loads(p)
        for p in Event.objects.filter(type="actor.saved").values_list("payload", flat=True)
    ]
    assert [p["name"] for p in saved] == ["Acme", "Acme Group"]
    assert "acme group" in actor.search_text
    assert replay_database() == current_state()


def test_the_admin_sets_and_clears_the_other_names(staff, agreement):
    assert staff.post("/admin/registry/actor/add/", {**ACTOR_FORM, "names": ""}).status_code == 302
    actor = Actor.objects.get(public_id="acme")
    assert actor.names == {}
    change = f"/admin/registry/actor/{actor.pk}/change/"
    data = {k: v for k, v in ACTOR_FORM.items() if k != "kind"}
    before = services.event_count()
    refused = staff.post(change, {**data, "names": '{"de": "Acme Deutschland"}'})
    assert refused.status_code == 200 and "site&#x27;s languages" in refused.content.decode()
    assert services.event_count() == before
    too_long = staff.post(change, {**data, "names": json.dumps({"fr": "A" * 501})})
    assert too_long.status_code == 200 and "at most 500" in too_long.content.decode()
    assert services.event_count() == before
    assert staff.post(change, {**data, "names": '{"fr": "Acmé"}'}).status_code == 302
    actor.refresh_from_db()
    assert actor.names == {"fr": "Acmé"}
    assert staff.post(change, {**data, "names": ""}).status_code == 302
    actor.refresh_from_db()
    assert actor.names == {} and services.event_count() == before + 2
    assert replay_database() == current_state()


def test_a_bad_country_is_a_form_error_not_a_change(staff, agreement):
    before = services.event_count()
    response = staff.post("/admin/registry/actor/add/", {**ACTOR_FORM, "country": "XYZ"})
    assert response.status_code == 200
    assert "ISO 3166-1 alpha-3" in response.content.decode()
    state = {**ACTOR_FORM, "kind": "state", "category": "state", "country": ""}
    assert "A state needs" in staff.post("/admin/registry/actor/add/", state).content.decode()
    assert services.event_count() == before


def test_editing_an_agreement_goes_through_the_services(staff, agreement):
    data = {
        "title_en": "Test Call, revised",
        "title_fr": "Appel test",
        "summary_en": "",
        "summary_fr": "",
        "text_en": "",
        "text_fr": "",
        "text_url": "",
        "launched_on": "2020-01-01",
        "categories": '["state", "civil-society"]',
        "languages": '["en", "fr"]',
        "principles-TOTAL_FORMS": "0",
        "principles-INITIAL_FORMS": "0",
    }
    response = staff.post(f"/admin/registry/agreement/{agreement.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Agreement.objects.get(pk=agreement.pk).title_en == "Test Call, revised"
    assert Event.objects.filter(type="agreement.saved").count() == 2


def test_withdraw_action_ends_active_endorsements_only(staff, agreement):
    a, b = services.create_actors(
        [
            ActorSpec(kind="organisation", name="A", category="civil-society"),
            ActorSpec(kind="organisation", name="B", category="civil-society"),
        ]
    )
    ea, eb = services.start_endorsements(
        agreement, [(a, Interval.day(dt.date(2020, 1, 1))), (b, Interval.day(dt.date(2020, 1, 1)))]
    )
    services.end_endorsements([(eb, "removed", Interval.day(dt.date(2020, 6, 1)))])
    response = staff.post(
        "/admin/registry/endorsement/",
        {"action": "withdraw_today", "_selected_action": [ea.pk, eb.pk]},
        follow=True,
    )
    assert "1 endorsement(s) withdrawn (1 already ended" in response.content.decode()
    assert Endorsement.objects.get(pk=ea.pk).status == "withdrawn"
    assert Endorsement.objects.get(pk=eb.pk).status == "removed"
    assert replay_database() == current_state()


def test_nothing_can_be_deleted_and_events_are_read_only(staff, agreement):
    assert staff.get(f"/admin/registry/agreement/{agreement.pk}/delete/").status_code == 403
    assert staff.post("/admin/registry/event/add/", {}).status_code == 403
