"""Supporters who manage their own entry, through the HTTP views with a real SMTP server:
corrections by the verified contact, claims of imported listings, withdrawals of claimed
listings, and the moderation of each."""

from __future__ import annotations

import json
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from pactlog.joining import services, speakers
from pactlog.joining.models import DomainCheck, JoinRequest, Kind, State
from pactlog.joining.tests.test_workflow import confirm_from_mail, moderator, submit
from pactlog.log.integrate import integrate
from pactlog.registry.models import Actor, Endorsement, Event

pytestmark = pytest.mark.usefixtures("no_limits")

CLAIMANT = {
    "contact_name": "Jane Doe",
    "contact_role": "Head of public affairs",
    "contact_email": "jane@microsoft.com",
    "message": "",
    "authority": "on",
}


def joined(client, smtp) -> JoinRequest:
    """Acme joined through the form and was approved: its contact is verified."""
    submit(client)
    confirm_from_mail(client, smtp)
    return services.approve(JoinRequest.objects.get(kind=Kind.JOIN).pk)


def act(client, pk: int, action: str, **data: str):
    return client.post(f"/moderation/requests/{pk}/{action}/", data, follow=True)


def test_a_correction_is_confirmed_by_the_contact_moderated_and_published(client, agreement, smtp):
    request = joined(client, smtp)
    actor = request.actor
    assert actor is not None
    manage = client.get(f"/en/example/supporters/{actor.public_id}/manage/")
    assert manage.status_code == 200 and b"Correct the entry" in manage.content
    assert manage["Cache-Control"] == "private, no-store"
    sent = client.post(
        f"/en/example/supporters/{actor.public_id}/correct/",
        {"name": "Acme Cyber Trust Foundation", "website": "https://acme.example",
         "nature": "ngo", "country": "BEL"},
    )  # fmt: skip
    assert sent.status_code == 200 and b"contact address on record" in sent.content
    mail = smtp.wait(3)[-1]
    assert mail["To"] == "jeanne+join@acme.example"  # the verified contact, not the form's filler
    body = smtp.body()
    assert "Acme Cyber Trust Foundation" in body and "Belgique" in body  # in the contact's language
    link = urlsplit(smtp.link()).path
    assert "/correct/confirm/" in link
    correction = JoinRequest.objects.get(kind=Kind.CORRECTION)
    assert correction.state == State.UNCONFIRMED
    assert correction.proposed == {"name": "Acme Cyber Trust Foundation", "country": "BEL"}

    # Purpose-bound: the correction's token does nothing on the claim or join routes.
    for other in (link.replace("/correct/", "/claim/"), link.replace("/correct/", "/join/")):
        assert client.post(other).status_code == 400
    confirm_from_mail(client, smtp)
    assert client.post(link).status_code == 400  # single use
    correction.refresh_from_db()
    assert correction.state == State.CONFIRMED

    client.force_login(moderator())
    queue = client.get("/moderation/").content.decode()
    assert 'id="corrections"' in queue and "Acme Cyber Trust</bdi>" in queue
    detail = client.get(f"/moderation/requests/{correction.pk}/").content.decode()
    assert "Before and after" in detail and "France" in detail and "Belgium" in detail
    assert "joined through this site" in detail
    events = Event.objects.count()
    act(client, correction.pk, "approve")
    correction.refresh_from_db()
    assert correction.state == State.APPROVED
    actor.refresh_from_db()
    assert (actor.name, actor.country) == ("Acme Cyber Trust Foundation", "BEL")
    new = list(Event.objects.filter(seq__gte=events))
    assert [e.type for e in new] == ["actor.saved"]
    assert "jeanne" not in new[0].payload.lower()

    page = client.get(f"/en/example/supporters/{actor.public_id}/").content.decode()
    assert "Acme Cyber Trust Foundation" in page and "Record corrected" in page
    assert "<del>France</del> → <ins>Belgium</ins>" in page
    integrate()  # what the commit's hook does: a read serves the log as stored
    entry = client.get(f"/en/log/entries/{new[0].seq}/")
    assert entry.status_code == 200 and "Acme Cyber Trust Foundation" in entry.content.decode()
    decision = smtp.body()
    assert f"/fr/example/supporters/{actor.public_id}/" in decision
    assert "180" in decision  # the real retention period


def test_an_imported_supporter_without_contact_cannot_be_corrected(client, agreement, smtp):
    refused = client.post(
        "/en/example/supporters/microsoft/correct/",
        {"name": "Microsoft Corp", "website": "", "nature": "", "country": "USA"},
    )
    assert refused.status_code == 400
    assert JoinRequest.objects.count() == 0 and smtp.messages == []
    manage = client.get("/en/example/supporters/microsoft/manage/").content.decode()
    assert "Claim this listing" in manage and "Correct the entry" not in manage


def claim(client, smtp, email: str = "jane@microsoft.com") -> JoinRequest:
    sent = client.post(
        "/en/example/supporters/microsoft/claim/", {**CLAIMANT, "contact_email": email}
    )
    assert sent.status_code == 200, sent.content.decode()
    assert "/claim/confirm/" in smtp.link()
    confirm_from_mail(client, smtp)
    request = JoinRequest.objects.get(kind=Kind.CLAIM, contact__email=email)
    assert request.state == State.CONFIRMED
    return request


def test_a_claim_at_the_website_domain_makes_the_claimant_the_contact(client, agreement, smtp):
    request = claim(client, smtp)
    assert request.domain_check == DomainCheck.MATCH
    client.force_login(moderator())
    queue = client.get("/moderation/").content.decode()
    assert 'id="claims"' in queue and "Microsoft" in queue
    act(client, request.pk, "approve")
    speaker = speakers.speaker_for(Actor.objects.get(public_id="microsoft"))
    assert speaker is not None and speaker.how == "claimed"
    assert speaker.contact.email == "jane@microsoft.com"
    assert "contact on record" in smtp.body()

    # The claimant now receives corrections and withdrawals of the entry.
    client.logout()
    client.post(
        "/en/example/supporters/microsoft/correct/",
        {"name": "Microsoft", "website": "https://www.microsoft.com/fr-fr/", "nature": "",
         "country": "USA"},
    )  # fmt: skip
    assert smtp.messages[-1]["To"] == "jane@microsoft.com"
    client.post("/en/example/supporters/microsoft/withdraw/")
    assert "/withdraw/confirm/" in smtp.link()
    confirm_from_mail(client, smtp)
    request.refresh_from_db()
    assert request.state == State.WITHDRAWAL_REQUESTED
    client.force_login(moderator("mod2", "mod2@org.example"))
    act(client, request.pk, "withdraw", confirm="yes")
    ended = Endorsement.objects.get(actor__public_id="microsoft")
    assert ended.status == "withdrawn"
    assert "has ended" in smtp.body()


@pytest.mark.parametrize(
    ("email", "check"),
    [
        ("jane.doe@gmail.com", DomainCheck.FREE_MAIL),
        ("jane@micros0ft.example", DomainCheck.DIFFERENT),
    ],
)
def test_a_claim_at_another_domain_needs_the_moderators_override(
    client, agreement, smtp, email, check
):
    sent = client.post(
        "/en/example/supporters/microsoft/claim/", {**CLAIMANT, "contact_email": email}
    )
    assert b"another proof" in sent.content  # the claimant is warned at once
    confirm_from_mail(client, smtp)
    request = JoinRequest.objects.get(kind=Kind.CLAIM)
    assert request.domain_check == check
    client.force_login(moderator())
    refused = act(client, request.pk, "approve").content.decode()
    assert "tick the override" in refused
    request.refresh_from_db()
    assert request.actor is not None
    assert request.state == State.CONFIRMED and speakers.speaker_for(request.actor) is None
    act(client, request.pk, "approve", override="yes")
    request.refresh_from_db()
    assert request.state == State.APPROVED and request.override


def test_states_and_public_authorities_are_claimed_only_through_the_organisers(
    client, agreement, smtp, settings
):
    settings.PACTLOG_ORGANISERS_EMAIL = "secretariat@call.example"
    page = client.get("/fr/example/supporters/france/manage/").content.decode()
    assert "secretariat@call.example" in page and "Revendiquer" not in page
    refused = client.post(
        "/en/example/supporters/france/claim/", {**CLAIMANT, "contact_email": "a@gouv.fr"}
    )
    assert refused.status_code == 400 and JoinRequest.objects.count() == 0
    supporter = client.get("/en/example/supporters/france/").content.decode()
    assert "through the organisers" in supporter and "Request withdrawal" not in supporter


def test_a_merged_requester_is_not_a_contact(client, agreement, smtp):
    submit(
        client, name="Microsoft", website="https://microsoft.com",
        category="private-sector", country="USA",
    )  # fmt: skip
    confirm_from_mail(client, smtp)
    services.merge(JoinRequest.objects.get().pk, "microsoft")
    assert speakers.speaker_for(Actor.objects.get(public_id="microsoft")) is None


def test_the_queue_separates_the_four_kinds_with_their_own_dates(client, agreement, smtp):
    joined(client, smtp)
    acme = JoinRequest.objects.get(kind=Kind.JOIN).actor
    assert acme is not None
    client.post(f"/en/example/supporters/{acme.public_id}/withdraw/")
    confirm_from_mail(client, smtp)
    submit(client, name="Beta Org", contact_email="b@beta.example", country="DEU")
    confirm_from_mail(client, smtp)
    claim(client, smtp)
    client.post(
        f"/en/example/supporters/{acme.public_id}/correct/",
        {"name": "Acme", "website": "https://acme.example", "nature": "ngo", "country": "FRA"},
    )
    confirm_from_mail(client, smtp)
    client.force_login(moderator())
    html = client.get("/moderation/").content.decode()
    parts = {
        name: html.split(f'id="{name}"', 1)[1].split("</section>", 1)[0]
        for name in ("joins", "corrections", "claims", "withdrawals")
    }
    assert (
        "Beta Org" in parts["joins"] and "Germany" in parts["joins"] and "DEU" not in parts["joins"]
    )
    assert "Example Call" in parts["joins"]  # the agreement's title, not its slug
    assert "Acme Cyber Trust" in parts["corrections"] and "Microsoft" in parts["claims"]
    assert "Acme Cyber Trust" in parts["withdrawals"] and "Withdrawal asked" in parts["withdrawals"]
    assert "Beta Org" not in parts["withdrawals"]
    detail = client.get(f"/moderation/requests/{JoinRequest.objects.get(name='Beta Org').pk}/")
    assert b'class="danger"' in detail.content and b'name="confirm"' in detail.content


def test_emails_have_an_html_alternative_in_the_requesters_language(client, agreement, smtp):
    joined(client, smtp)
    decision = smtp.wait(2)[1]
    html = decision.get_body(("html",))
    assert html is not None
    text = str(html.get_content())
    assert (
        '<html lang="fr">' in text and '<a href="http://testserver/fr/example/supporters/' in text
    )
    plain = smtp.body(1)
    assert "180 jours" in plain and "retirer" in plain


def test_join_requests_are_in_the_admin_and_its_home_links_moderation(client, agreement, smtp):
    submit(client)
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("root", "r@x.example", "pw-for-tests-only"))
    assert b"/moderation/" in client.get("/admin/").content
    listing = client.get("/admin/joining/joinrequest/")
    assert listing.status_code == 200 and b"Acme Cyber Trust" in listing.content


def test_check_requires_the_organisers_address(settings):
    settings.PACTLOG_ORGANISERS_EMAIL = ""
    out = StringIO()
    call_command("check", stdout=out, stderr=out)  # every command runs these: no noise there
    assert "PACTLOG_ORGANISERS_EMAIL" not in out.getvalue()
    with pytest.raises(SystemCheckError, match="PACTLOG_ORGANISERS_EMAIL"):
        call_command("check", "--deploy", "--tag", "pactlog", stdout=StringIO(), stderr=StringIO())
    settings.PACTLOG_ORGANISERS_EMAIL = "secretariat@call.example"
    out = StringIO()
    call_command("check", "--deploy", "--tag", "pactlog", stdout=out, stderr=out)
    assert "PACTLOG_ORGANISERS_EMAIL" not in out.getvalue()


def test_bad_input_gets_a_message_and_loses_nothing(client, agreement, smtp):
    request = joined(client, smtp)
    actor = request.actor
    assert actor is not None
    url = f"/en/example/supporters/{actor.public_id}"
    assert client.get(f"{url}/correct/").status_code == 405
    bad = client.post(f"{url}/correct/", {"name": "Acme\x1b", "website": "not a url"})
    assert bad.status_code == 400 and b"control characters" in bad.content
    assert b"Enter a valid URL" in bad.content
    nul = client.post(f"{url}/correct/", {"name": "Acme\x00", "country": "FRA"})
    assert nul.status_code == 400 and b"Null characters are not allowed" in nul.content
    same = client.post(
        f"{url}/correct/",
        {"name": actor.name, "website": actor.website, "nature": actor.nature,
         "country": actor.country},
    )  # fmt: skip
    assert same.status_code == 400 and b"Nothing to change" in same.content
    claim = client.post(
        "/en/example/supporters/microsoft/claim/", {**CLAIMANT, "contact_email": "x" * 300}
    )
    assert claim.status_code == 400
    assert client.get("/en/example/supporters/no-such-one/manage/").status_code == 404
    assert JoinRequest.objects.exclude(kind=Kind.JOIN).count() == 0
    assert len(smtp.messages) == 2  # the join's confirmation and decision only


def test_the_command_line_lists_kinds_and_approves_a_correction(client, agreement, smtp):
    request = joined(client, smtp)
    actor = request.actor
    assert actor is not None
    client.post(
        f"/en/example/supporters/{actor.public_id}/correct/",
        {"name": "Acme Renamed", "website": "https://acme.example", "nature": "ngo",
         "country": "FRA"},
    )  # fmt: skip
    confirm_from_mail(client, smtp)
    out = StringIO()
    call_command("requests", "list", "--json", stdout=out)
    kinds = {item["id"]: item["kind"] for item in json.loads(out.getvalue())["requests"]}
    assert kinds[request.pk] == "join" and "correction" in kinds.values()
    correction = JoinRequest.objects.get(kind=Kind.CORRECTION)
    call_command("requests", "approve", str(correction.pk), stdout=StringIO())
    actor.refresh_from_db()
    assert actor.name == "Acme Renamed"
