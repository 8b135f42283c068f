"""Who may act for a supporter: a merge never hands an existing supporter to its requester."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.utils import translation

from pactlog.joining import selfservice, services, speakers
from pactlog.joining.addresses import email_key
from pactlog.joining.models import Contact, JoinRequest, State, Token
from pactlog.joining.tests.test_workflow import confirm_from_mail, moderator, submit
from pactlog.registry import services as registry
from pactlog.registry.models import Endorsement

pytestmark = pytest.mark.usefixtures("no_limits")


def confirmed(client, smtp, **fields) -> JoinRequest:
    assert submit(client, **fields).status_code == 200
    confirm_from_mail(client, smtp)
    found = JoinRequest.objects.order_by("-pk").first()
    assert found is not None
    translation.activate("en")  # the form was sent in French: the moderator reads English
    return found


def test_a_merged_requester_is_not_the_contact_and_cannot_withdraw(client, agreement, smtp):
    request = confirmed(client, smtp, name="Mіcrosoft", category="private-sector", country="USA")
    services.merge(request.pk, "microsoft", moderator())
    request.refresh_from_db()
    assert request.state == State.MERGED and not speakers.may_withdraw(request)
    sent = len(smtp.messages)
    page = client.post("/en/example/supporters/microsoft/withdraw/")
    assert page.status_code == 200
    assert len(smtp.messages) == sent  # no link mailed to the stranger
    assert not Token.objects.filter(request=request, purpose="withdraw").exists()
    # A withdrawal forced through such a request (e.g. an older row) is still refused.
    request.state = State.WITHDRAWAL_REQUESTED
    request.save()
    with pytest.raises(services.ModerationError, match="cannot withdraw"):
        services.approve_withdrawal(request.pk, moderator("other", "o@org.example"))
    assert Endorsement.objects.get(actor__public_id="microsoft").status == "active"


def test_the_withdrawal_page_shows_how_the_contact_was_obtained_and_warnings(
    client, agreement, smtp
):
    request = confirmed(client, smtp, name="Mіcrosoft", category="private-sector", country="USA")
    services.merge(request.pk, "microsoft", moderator())
    JoinRequest.objects.filter(pk=request.pk).update(state=State.WITHDRAWAL_REQUESTED)
    client.force_login(User.objects.get(username="mod"))
    html = client.get(f"/moderation/requests/{request.pk}/").content.decode()
    assert "is not the supporter&#x27;s contact" in html or "not the supporter's contact" in html
    assert "cannot withdraw it" in html
    assert "looks like Microsoft (microsoft)" in html  # the request's own warnings
    assert "Approve the withdrawal" not in html


def test_the_creator_of_a_supporter_is_its_contact(client, agreement, smtp):
    request = services.approve(confirmed(client, smtp).pk)
    assert speakers.created_actor(request)
    assert request.actor is not None
    assert speakers.contact_request(request.agreement, request.actor) == request
    assert "created by approving this request" in speakers.basis(request)


@pytest.mark.parametrize(
    "fields,target,message",
    [
        ({"category": "civil-society", "country": "FRA"}, "france", "france"),
        ({"category": "state", "country": "USA"}, "microsoft", "merge must be the same actor"),
        ({"category": "civil-society", "country": "USA"}, "microsoft", "microsoft"),
        ({"category": "state", "country": "DEU"}, "france", "france"),
    ],
)
def test_merges_across_kinds_categories_or_countries_are_refused(
    client, agreement, smtp, fields, target, message
):
    request = confirmed(client, smtp, **fields)
    with pytest.raises(services.ModerationError, match=message):
        services.merge(request.pk, target, moderator())
    request.refresh_from_db()
    assert request.state == State.CONFIRMED and request.actor is None


def test_approving_a_state_that_exists_does_not_make_a_contact(client, agreement, smtp):
    Endorsement.objects.filter(actor__public_id="france").delete()
    request = services.approve(confirmed(client, smtp, category="state", country="FRA").pk)
    assert request.actor is not None and request.actor.public_id == "france"
    assert speakers.contact_request(request.agreement, request.actor) is None


def test_a_quoted_local_part_does_not_let_a_moderator_approve_their_own(client, agreement, smtp):
    request = confirmed(client, smtp)
    Contact.objects.filter(request=request).update(email='"Jeanne"@Acme.example')
    Contact.objects.filter(request=request).update(email_key=email_key('"Jeanne"@Acme.example'))
    with pytest.raises(services.ModerationError, match="submitted"):
        services.approve(request.pk, moderator(email='"jeanne"@acme.example'))


def test_unconfirmed_requests_are_invisible_to_moderators(client, agreement, smtp):
    submit(client)
    request = JoinRequest.objects.get()
    client.force_login(moderator())
    page = client.get(f"/moderation/requests/{request.pk}/")
    assert page.status_code == 404 and b"jeanne" not in page.content.lower()


def test_a_confirm_link_posted_on_another_agreement_page_confirms_nothing(client, agreement, smtp):
    registry.save_agreement("other", title_en="Other call", title_fr="Autre appel")
    submit(client)
    path = urlsplit(smtp.link()).path
    wrong = path.replace("/example/", "/other/")
    assert client.post(wrong).status_code == 400
    assert JoinRequest.objects.get().state == State.UNCONFIRMED
    assert client.post(path).status_code == 200
    assert JoinRequest.objects.get().state == State.CONFIRMED


def test_withdrawal_links_are_limited_per_supporter_and_recipient(
    client, agreement, smtp, settings
):
    request = services.approve(confirmed(client, smtp).pk)
    settings.PACTLOG_JOIN_LIMITS = True
    settings.PACTLOG_JOIN_PER_IP_MINUTE = settings.PACTLOG_JOIN_PER_IP_5_MINUTES = 1000
    settings.PACTLOG_WITHDRAW_PER_SUPPORTER_DAY = 2
    caches["ratelimit"].clear()
    sent = len(smtp.messages)
    assert request.actor is not None
    path = f"/en/example/supporters/{request.actor.public_id}/withdraw/"
    answers = []
    for i in range(5):  # five client addresses, one supporter
        answers.append(client.post(path, REMOTE_ADDR=f"203.0.113.{i}").status_code)
        Token.objects.filter(purpose="withdraw").update(used_at="2026-01-01T00:00:00Z")
    assert answers == [200, 200, 429, 429, 429]
    assert len(smtp.messages) == sent + 2
    settings.PACTLOG_WITHDRAW_PER_SUPPORTER_DAY = 100
    settings.PACTLOG_WITHDRAW_PER_RECIPIENT_DAY = 3
    caches["ratelimit"].clear()
    answers = [client.post(path, REMOTE_ADDR=f"198.51.100.{i}").status_code for i in range(5)]
    assert answers == [200, 200, 200, 429, 429]
    caches["ratelimit"].clear()


def test_a_merged_requester_becomes_the_contact_only_through_an_accepted_claim(
    client, agreement, smtp
):
    merged = confirmed(client, smtp, name="Microsoft", category="private-sector", country="USA")
    services.merge(merged.pk, "microsoft", moderator())
    merged.refresh_from_db()
    assert merged.actor is not None
    assert speakers.speaker_for(merged.actor) is None and speakers.claimable(merged.actor)
    claim = JoinRequest.objects.create(
        agreement=merged.agreement, actor=merged.actor, kind="claim", name="Microsoft",
        category="private-sector", country="USA", submitted_at=merged.submitted_at,
        state=State.CONFIRMED, domain_check="match",
    )  # fmt: skip
    Contact.objects.create(request=claim, name="J", role="R", email="j@microsoft.com",
                           email_key=email_key("j@microsoft.com"))  # fmt: skip
    assert not speakers.may_withdraw(claim)
    assert "only if a moderator accepts it" in speakers.basis(claim)
    selfservice.approve_claim(claim.pk, moderator("other", "o@org.example"))
    claim.refresh_from_db()
    speaker = speakers.speaker_for(merged.actor)
    assert speaker is not None and speaker.request == claim and speaker.how == "claimed"
    assert speakers.contact_request(merged.agreement, merged.actor) == claim
    assert speakers.may_withdraw(claim) and not speakers.may_withdraw(merged)
    assert "accepted this request's claim" in speakers.basis(claim)
