"""A supporter's contact corrects its name in the site's other language: through the HTTP
views and a real SMTP server, then moderated, published in that language, searchable under
either form, and logged."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from pactlog.joining import services
from pactlog.joining.entry_forms import CorrectionForm
from pactlog.joining.models import JoinRequest, Kind, State
from pactlog.joining.tests.test_workflow import confirm_from_mail, moderator, submit
from pactlog.log.audit import audit
from pactlog.log.integrate import integrate
from pactlog.registry.models import Actor, Event

pytestmark = pytest.mark.usefixtures("no_limits")

FRENCH = "Fondation Acme pour la confiance numérique"


def test_the_contact_corrects_the_french_name_and_readers_of_french_see_it(client, agreement, smtp):
    submit(client)
    confirm_from_mail(client, smtp)
    actor = services.approve(JoinRequest.objects.get(kind=Kind.JOIN).pk).actor
    assert actor is not None and actor.names == {}
    url = f"/en/example/supporters/{actor.public_id}"
    form = client.get(f"{url}/manage/").content.decode()
    assert 'name="name_en"' in form and 'name="name_fr"' in form

    sent = client.post(
        f"{url}/correct/",
        {"name": actor.name, "name_en": "", "name_fr": f"  {FRENCH} ", "website": actor.website,
         "nature": actor.nature, "country": actor.country},
    )  # fmt: skip
    assert sent.status_code == 200 and b"contact address on record" in sent.content
    smtp.wait(3)
    body = smtp.body()  # in the contact's language (French)
    assert "Nom en français" in body and FRENCH in body
    correction = JoinRequest.objects.get(kind=Kind.CORRECTION)
    assert correction.proposed == {"names": {"fr": FRENCH}}
    assert correction.before["names"] == {}
    link = urlsplit(smtp.link()).path
    confirm_from_mail(client, smtp)
    correction.refresh_from_db()
    assert correction.state == State.CONFIRMED

    client.force_login(moderator())
    detail = client.get(f"/moderation/requests/{correction.pk}/").content.decode()
    assert "Name in French" in detail and f"<ins><bdi>{FRENCH}</bdi></ins>" in detail
    events = Event.objects.count()
    client.post(f"/moderation/requests/{correction.pk}/approve/", follow=True)
    client.logout()
    correction.refresh_from_db()
    assert correction.state == State.APPROVED
    actor.refresh_from_db()
    assert actor.names == {"fr": FRENCH} and actor.name == "Acme Cyber Trust"
    assert client.post(link).status_code == 400  # the link was single use

    (saved,) = Event.objects.filter(seq__gte=events)
    payload = json.loads(saved.payload)
    assert saved.type == "actor.saved" and payload["names"] == {"fr": FRENCH}
    assert "jeanne" not in saved.payload.lower()  # public data only

    french = client.get(f"/fr/example/supporters/{actor.public_id}/").content.decode()
    assert f"<h1><bdi>{FRENCH}</bdi></h1>" in french
    assert "Acme Cyber Trust" in french  # the name as it writes it, beside
    english = client.get(f"{url}/").content.decode()
    assert "<h1><bdi>Acme Cyber Trust</bdi></h1>" in english
    assert "Name in French" in english and FRENCH in english  # the history line
    listed = client.get("/fr/example/supporters/").content.decode()
    assert FRENCH in listed
    # Either form finds it, whatever the page's language, accents or case.
    for q in ("fondation acme pour la confiance numerique", "ACME CYBER"):
        found = client.get("/en/example/supporters/", {"q": q}).content.decode()
        assert f"/supporters/{actor.public_id}/" in found, q
    missing = client.get("/en/example/supporters/", {"q": "fondation microsoft"}).content
    assert f"/supporters/{actor.public_id}/".encode() not in missing

    integrate()
    entry = client.get(f"/en/log/entries/{saved.seq}/")
    assert entry.status_code == 200 and FRENCH in entry.content.decode()
    assert audit() == []

    api = client.get(f"/api/v1/actors/{actor.public_id}").json()
    assert (api["name"], api["names"]) == ("Acme Cyber Trust", {"fr": FRENCH})


def test_a_state_s_correction_offers_no_other_names(client, agreement):
    france = Actor.objects.get(public_id="france")
    form = CorrectionForm(france, "en")
    assert "name_fr" not in form.fields and "name_en" not in form.fields
    organisation = CorrectionForm(Actor.objects.get(public_id="microsoft"), "en")
    assert "name_fr" in organisation.fields


def test_a_join_may_give_the_name_in_the_other_language(client, agreement, smtp):
    submit(client, name_en="Acme Cyber Trust of France", name_fr=" ")
    request = JoinRequest.objects.get(kind=Kind.JOIN)
    assert request.names == {"en": "Acme Cyber Trust of France"}
    confirm_from_mail(client, smtp)
    client.force_login(moderator())
    detail = client.get(f"/moderation/requests/{request.pk}/").content.decode()
    assert "Name in English" in detail and "Acme Cyber Trust of France" in detail
    client.post(f"/moderation/requests/{request.pk}/approve/", follow=True)
    actor = Actor.objects.get(name="Acme Cyber Trust")
    assert actor.names == {"en": "Acme Cyber Trust of France"}
    saved = json.loads(Event.objects.get(type="actor.saved", actor=actor.public_id).payload)
    assert saved["names"] == {"en": "Acme Cyber Trust of France"}
    english = client.get(f"/en/example/supporters/{actor.public_id}/").content.decode()
    assert "<h1><bdi>Acme Cyber Trust of France</bdi></h1>" in english
