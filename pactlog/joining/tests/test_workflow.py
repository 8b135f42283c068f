"""The whole workflow through the HTTP views, with e-mail read from a real SMTP server."""

from __future__ import annotations

import json
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from pactlog.joining import services
from pactlog.joining.models import Contact, JoinRequest, State, Token
from pactlog.joining.tests.conftest import FORM
from pactlog.registry.models import Actor, Endorsement, Event

pytestmark = pytest.mark.usefixtures("no_limits")


def submit(client, slug="example", lang="fr", **changes):
    return client.post(f"/{lang}/{slug}/join/", {**FORM, **changes})


def confirm_from_mail(client, smtp, index=-1):
    path = urlsplit(smtp.link(index)).path
    page = client.get(path)
    assert page.status_code == 200
    assert b'method="post"' in page.content
    done = client.post(path)
    assert done.status_code == 200
    return done


def moderator(name="mod", email="mod@org.example") -> User:
    user = User.objects.create_user(name, email, "pw-for-tests-only")
    user.groups.add(Group.objects.get(name="moderators"))
    return user


def test_form_shows_fields_csrf_honeypot_and_countries_in_french(client, agreement):
    page = client.get("/fr/example/join/")
    html = page.content.decode()
    assert page.status_code == 200
    for field in FORM:
        assert f'name="{field}"' in html
    assert "csrfmiddlewaretoken" in html and 'name="homepage"' in html
    assert ">Allemagne<" in html and ">Royaume-Uni<" in html
    assert "effacés 180 jours après la décision" in html
    english = client.get("/en/example/join/").content.decode()
    assert ">Germany<" in english and "erased 180 days after the decision" in english


def test_submit_confirm_approve_publishes_without_contact_data(client, agreement, smtp):
    response = submit(client)
    assert response.status_code == 200, response.content.decode()
    request = JoinRequest.objects.get()
    assert request.state == State.UNCONFIRMED and request.language == "fr"
    assert Contact.objects.get().email_key == "jeanne@acme.example"
    assert "Confirm" in smtp.messages[0]["Subject"] or "Confirmez" in smtp.messages[0]["Subject"]
    assert Token.objects.get().digest not in smtp.body()  # only the hash is stored
    confirm_from_mail(client, smtp)
    request.refresh_from_db()
    assert request.state == State.CONFIRMED

    events_before = Event.objects.count()
    services.approve(request.pk, moderator())
    request.refresh_from_db()
    assert request.state == State.APPROVED and request.actor is not None
    assert request.actor.name == "Acme Cyber Trust"
    endorsement = Endorsement.objects.get(actor=request.actor)
    assert endorsement.start_not_before == endorsement.start_not_after
    new = list(Event.objects.filter(seq__gte=events_before).values_list("type", "payload"))
    assert [t for t, _ in new] == ["actor.saved", "endorsement.started"]
    for _, payload in new:
        assert "jeanne" not in payload.lower() and "Directrice" not in payload
    supporters = client.get(f"/en/example/supporters/{request.actor.public_id}/")
    assert supporters.status_code == 200 and b"/manage/" in supporters.content
    api = client.get(f"/api/v1/actors/{request.actor.public_id}")
    assert b"jeanne" not in api.content.lower()
    assert len(smtp.wait(2)) == 2  # the decision was e-mailed too


def test_unconfirmed_requests_are_not_in_the_queue(client, agreement, smtp):
    submit(client)
    user = moderator()
    client.force_login(user)
    page = client.get("/moderation/")
    assert page.status_code == 200 and b"Acme Cyber Trust" not in page.content
    confirm_from_mail(client, smtp)
    page = client.get("/moderation/")
    assert b"Acme Cyber Trust" in page.content


def test_moderation_requires_the_group(client, agreement):
    assert client.get("/moderation/").status_code == 302
    User.objects.create_user("someone", "s@x.example", "pw-for-tests-only")
    client.login(username="someone", password="pw-for-tests-only")
    assert client.get("/moderation/").status_code == 403
    login = client.get("/moderation/login/")
    assert login.status_code == 200 and b'name="password"' in login.content


def test_moderator_actions_by_post(client, agreement, smtp):
    submit(client)
    confirm_from_mail(client, smtp)
    request = JoinRequest.objects.get()
    client.force_login(moderator())
    assert client.get(f"/moderation/requests/{request.pk}/approve/").status_code == 405
    detail = client.get(f"/moderation/requests/{request.pk}/")
    assert b"jeanne+join@acme.example" in detail.content  # moderators see the contact
    response = client.post(f"/moderation/requests/{request.pk}/ask/", {"message": "Statuts ?"})
    assert response.status_code == 302
    assert "Statuts ?" in smtp.body()
    unconfirmed = {"reason": "out-of-scope", "message": "Not about cyberspace."}
    refused = client.post(f"/moderation/requests/{request.pk}/reject/", unconfirmed, follow=True)
    assert b"Tick the box to confirm" in refused.content  # a destructive action asks first
    request.refresh_from_db()
    assert request.state == State.NEEDS_INFO
    response = client.post(
        f"/moderation/requests/{request.pk}/reject/", {**unconfirmed, "confirm": "yes"}
    )
    request.refresh_from_db()
    assert request.state == State.REJECTED and request.reason == "out-of-scope"
    assert "Not about cyberspace." in smtp.body()
    again = client.post(f"/moderation/requests/{request.pk}/approve/", follow=True)
    assert b"nothing to decide" in again.content
    assert not Actor.objects.filter(name="Acme Cyber Trust").exists()


def test_merge_into_an_existing_actor(client, agreement, smtp):
    submit(client, name="Microsoft Corp", category="private-sector", country="USA")
    confirm_from_mail(client, smtp)
    request = JoinRequest.objects.get()
    count = Event.objects.count()
    services.merge(request.pk, "microsoft", moderator())
    request.refresh_from_db()
    assert request.state == State.MERGED
    assert request.actor is not None and request.actor.public_id == "microsoft"
    assert Event.objects.count() == count  # it already endorses: nothing public changes


def test_a_moderator_cannot_decide_their_own_request(client, agreement, smtp):
    user = moderator(email="Jeanne@acme.example")
    client.force_login(user)
    submit(client)
    confirm_from_mail(client, smtp)
    request = JoinRequest.objects.get()
    assert request.submitted_by == user
    with pytest.raises(services.ModerationError, match="submitted"):
        services.approve(request.pk, user)
    other = moderator("other", "other@org.example")
    request.submitted_by = None
    request.save()
    with pytest.raises(services.ModerationError, match="submitted"):
        services.approve(request.pk, user)  # same canonical e-mail as the contact
    services.approve(request.pk, other)


def test_state_request_is_flagged_and_links_the_existing_state(client, agreement, smtp):
    submit(client, name="Ministère", category="state", country="FRA")
    confirm_from_mail(client, smtp)
    request = JoinRequest.objects.get()
    assert request.is_state
    client.force_login(moderator())
    assert b"State request" in client.get(f"/moderation/requests/{request.pk}/").content
    with pytest.raises(services.ModerationError, match="already endorses"):
        services.approve(request.pk)
    assert submit(client, name="X", category="state", country="").status_code == 400


def test_withdrawal_from_the_public_page(client, agreement, smtp):
    submit(client)
    confirm_from_mail(client, smtp)
    request = services.approve(JoinRequest.objects.get().pk)
    actor = request.actor
    assert actor is not None
    page = client.get(f"/en/example/supporters/{actor.public_id}/withdraw/")
    assert page.status_code == 200 and b"Send the confirmation link" in page.content
    client.post(f"/en/example/supporters/{actor.public_id}/withdraw/")
    link = smtp.link()
    assert "/withdraw/confirm/" in link
    confirm_from_mail(client, smtp)
    request.refresh_from_db()
    assert request.state == State.WITHDRAWAL_REQUESTED
    client.force_login(moderator())
    kept = client.post(
        f"/moderation/requests/{request.pk}/keep/",
        {"message": "Mailbox not theirs.", "confirm": "yes"},
    )
    assert kept.status_code == 302
    request.refresh_from_db()
    assert request.state == State.APPROVED and "Mailbox not theirs." in smtp.body()
    assert Endorsement.objects.get(actor=actor).status == "active"
    client.post(f"/en/example/supporters/{actor.public_id}/withdraw/")
    confirm_from_mail(client, smtp)
    services.approve_withdrawal(request.pk, User.objects.get(username="mod"))
    ended = Endorsement.objects.get(actor=actor)
    assert ended.status == "withdrawn"
    last = Event.objects.order_by("-seq").first()
    assert last is not None
    assert last.type == "endorsement.ended" and json.loads(last.payload)["status"] == "withdrawn"


def test_imported_supporter_without_contact_gets_the_organisers(client, agreement, settings):
    settings.PACTLOG_ORGANISERS_EMAIL = "secretariat@call.example"
    page = client.post("/fr/example/supporters/microsoft/withdraw/")
    assert page.status_code == 200
    assert "secretariat@call.example" in page.content.decode()
    assert Token.objects.count() == 0


def test_cli_list_json_approve_reject(client, agreement, smtp):
    submit(client)
    submit(
        client,
        name="Μicrosoft",
        category="private-sector",
        country="USA",
        contact_email="b@b.example",
    )
    confirm_from_mail(client, smtp, 0)
    confirm_from_mail(client, smtp, 1)
    out = StringIO()
    call_command("requests", "list", "--state", "confirmed", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"requests"}
    first, second = data["requests"]
    assert set(first) == {
        "id",
        "kind",
        "state",
        "agreement",
        "name",
        "category",
        "country",
        "submitted_at",
        "warnings",
    }
    assert first["kind"] == "join"
    assert (
        first["state"] == "confirmed"
        and first["agreement"] == "example"
        and first["country"] == "FRA"
    )
    kinds = {w["kind"] for w in second["warnings"]}
    assert "lookalike" in kinds
    assert any(w["actor"] == "microsoft" for w in second["warnings"])
    assert all(set(w) == {"kind", "detail", "actor"} for w in second["warnings"])
    call_command("requests", "approve", str(first["id"]), stdout=StringIO())
    call_command(
        "requests",
        "reject",
        str(second["id"]),
        "--reason",
        "impersonation",
        "--message",
        "No.",
        stdout=StringIO(),
    )
    states = dict(JoinRequest.objects.values_list("pk", "state"))
    assert states == {first["id"]: "approved", second["id"]: "rejected"}
    out = StringIO()
    call_command("requests", "list", "--state", "approved", "--json", stdout=out)
    [approved] = json.loads(out.getvalue())["requests"]
    assert approved["warnings"] == []  # never a duplicate of the supporter it became
