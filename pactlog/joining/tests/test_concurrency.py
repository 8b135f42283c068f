"""Two moderators approving the same request at once (PostgreSQL: real row locks)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from pactlog.joining import services
from pactlog.joining.models import Contact, JoinRequest, State
from pactlog.registry.models import Endorsement, Event

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks are tested on PostgreSQL"
    ),
]


@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_once_make_one_endorsement_and_one_event(agreement, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    request = JoinRequest.objects.create(
        agreement=agreement, name="Concurrent Org", category="civil-society",
        submitted_at=timezone.now(), state=State.CONFIRMED,
    )  # fmt: skip
    Contact.objects.create(
        request=request, name="A", role="B", email="a@b.example", email_key="a@b.example"
    )
    before = Event.objects.count()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def moderate() -> None:
        try:
            barrier.wait()
            services.approve(request.pk)
            outcomes.append("approved")
        except services.ModerationError as error:
            outcomes.append(f"refused: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=moderate) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(o.split(":")[0] for o in outcomes) == ["approved", "refused"], outcomes
    assert Endorsement.objects.filter(actor__name="Concurrent Org").count() == 1
    started = Event.objects.filter(seq__gte=before, type="endorsement.started").count()
    assert started == 1
    assert Event.objects.count() - before == 2  # actor.saved + endorsement.started


@pytest.mark.django_db(transaction=True)
def test_two_claims_of_one_listing_approved_at_once_make_one_contact(agreement, settings):
    from pactlog.joining import selfservice, speakers
    from pactlog.joining.models import DomainCheck, Kind
    from pactlog.registry.models import Actor

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    microsoft = Actor.objects.get(public_id="microsoft")
    claims = []
    for who in ("a", "b"):
        claim = JoinRequest.objects.create(
            agreement=agreement, actor=microsoft, kind=Kind.CLAIM, name="Microsoft",
            category="private-sector", submitted_at=timezone.now(), state=State.CONFIRMED,
            domain_check=DomainCheck.MATCH,
        )  # fmt: skip
        Contact.objects.create(
            request=claim, name=who, role="r", email=f"{who}@microsoft.com",
            email_key=f"{who}@microsoft.com",
        )  # fmt: skip
        claims.append(claim)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def moderate(pk: int) -> None:
        try:
            barrier.wait()
            selfservice.approve_claim(pk)
            outcomes.append("approved")
        except services.ModerationError as error:
            outcomes.append(f"refused: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=moderate, args=(c.pk,)) for c in claims]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(o.split(":")[0] for o in outcomes) == ["approved", "refused"], outcomes
    assert JoinRequest.objects.filter(kind=Kind.CLAIM, state=State.APPROVED).count() == 1
    assert speakers.speaker_for(microsoft) is not None
