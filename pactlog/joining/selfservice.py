"""Supporters who manage their own entry: corrections and claims of listings.

- **Correction**: anyone may ask, from a supporter's page, to change its public entry (name
  and its forms in the site's other languages, website, nature, country); the link goes to
  the supporter's verified contact (`speakers.speaker_for`), never to whoever filled the
  form. Once confirmed it waits for a moderator, who sees before and after; approving it is
  `registry.update_actors`, so it is an `actor.saved` event and a log entry like any change.
- **Claim of a listing**: someone asks to become the verified contact of an imported
  organisation that has none, with an address that should be at its website's domain. A
  moderator accepts it; one whose address is at a free-mail provider or another domain is
  refused unless the moderator ticks the override.

Each request is a `JoinRequest` row of its own kind (its own dates, contact and tokens), so
the retention period, the per-address limits and the queue's locking apply unchanged.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.db import transaction
from django.utils import timezone

from pactlog.joining import mail, services, speakers, tokens
from pactlog.joining.addresses import email_key
from pactlog.joining.models import (
    Contact,
    DomainCheck,
    JoinRequest,
    Kind,
    Purpose,
    State,
)
from pactlog.registry import services as registry
from pactlog.registry.models import Actor, Agreement
from pactlog.registry.text import clean_name

#: The public fields a correction may change (ActorSpec names; `names` is the name in the
#: site's other languages, a mapping of language code to name).
CORRECTABLE = ("name", "names", "website", "nature", "country")


class SelfServiceError(ValueError):
    """A request the rules refuse; the message says why (shown to the requester)."""


def public_fields(actor: Actor) -> dict[str, Any]:
    """The correctable fields as the entry says them now (the moderators' "before")."""
    fields: dict[str, Any] = {
        name: str(getattr(actor, name) or "") for name in CORRECTABLE if name != "names"
    }
    fields["names"] = dict(actor.names or {})
    return fields


def _wanted(proposed: dict[str, Any]) -> dict[str, Any]:
    """What the requester asked, cleaned as the registry stores it (so that asking for what
    the entry already says is seen to be no change)."""
    wanted: dict[str, Any] = {
        k: clean_name(v) if k == "name" else str(v).strip()
        for k, v in proposed.items()
        if k in CORRECTABLE and k != "names"
    }
    if "names" in proposed:
        wanted["names"] = registry.other_names(dict(proposed["names"]), wanted.get("name", ""))
    return wanted


def _row(
    agreement: Agreement, actor: Actor, kind: str, language: str, **fields: Any
) -> JoinRequest:
    return JoinRequest.objects.create(
        agreement=agreement,
        actor=actor,
        kind=kind,
        name=actor.name,
        category=actor.category,
        country=actor.country,
        nature=actor.nature,
        website=actor.website,
        submitted_at=timezone.now(),
        language=language,
        **fields,
    )


def ask_correction(
    agreement: Agreement, actor: Actor, proposed: dict[str, Any], language: str = "en"
) -> JoinRequest:
    """Record a correction and e-mail its confirmation link to the verified contact."""
    speaker = speakers.speaker_for(actor)
    if speaker is None:
        raise SelfServiceError("this supporter has no verified contact")
    before = public_fields(actor)
    wanted = _wanted({"name": before["name"], **proposed})
    changes = {k: v for k, v in wanted.items() if v != before[k]}
    if not changes:
        raise SelfServiceError("nothing to change: the entry already says this")
    # Written in the contact's language: the e-mail goes to them, not to the form's filler.
    language = speaker.request.language or language
    with transaction.atomic():
        request = _row(agreement, actor, Kind.CORRECTION, language, before=before, proposed=changes)
        _copy_contact(request, speaker.contact)
        raw = tokens.issue(request, Purpose.CORRECT)
    mail.confirm_correction(request, raw)
    return request


def _copy_contact(request: JoinRequest, contact: Contact) -> None:
    """The new request's contact is the verified one: the link goes to that mailbox only."""
    Contact.objects.create(
        request=request,
        name=contact.name,
        role=contact.role,
        email=contact.email,
        email_key=contact.email_key,
    )


def submit_claim(
    agreement: Agreement,
    actor: Actor,
    contact: dict[str, str],
    address: str | None = None,
    language: str = "en",
) -> JoinRequest:
    """Record a claim of the listing and e-mail its confirmation link to the claimant."""
    if not speakers.claimable(actor):
        raise SelfServiceError("this listing cannot be claimed through the site")
    check = speakers.domain_check(contact["email"], actor.website)
    with transaction.atomic():
        request = _row(agreement, actor, Kind.CLAIM, language, domain_check=check)
        Contact.objects.create(
            request=request,
            name=clean_name(contact["name"]),
            role=clean_name(contact["role"]),
            email=contact["email"].strip(),
            email_key=email_key(contact["email"]),
            message=contact.get("message", "").strip(),
            address=address or None,
        )
        raw = tokens.issue(request, Purpose.CLAIM)
    mail.confirm_claim(request, raw)
    return request


def approve_correction(request_id: int, moderator: Any = None) -> JoinRequest:
    """Apply the correction through the registry's services (an `actor.saved` event)."""
    with transaction.atomic():
        request = services._locked(request_id, (State.CONFIRMED, State.NEEDS_INFO), moderator)
        if request.kind != Kind.CORRECTION or request.actor_id is None:
            raise services.ModerationError(f"request #{request_id} is not a correction")
        actor = Actor.objects.select_for_update().get(pk=request.actor_id)
        spec = replace(registry.spec_of(actor), **request.proposed)
        try:
            registry.update_actors([(actor, spec, [])])
        except registry.RegistryError as error:
            raise services.ModerationError(str(error)) from error
        services._decided(request, State.APPROVED, moderator)
    mail.decided(request)
    return request


def approve_claim(request_id: int, moderator: Any = None, override: bool = False) -> JoinRequest:
    """Make the claimant the supporter's verified contact; an address not at the website's
    domain needs the moderator's explicit override."""
    with transaction.atomic():
        request = services._locked(request_id, (State.CONFIRMED, State.NEEDS_INFO), moderator)
        if request.kind != Kind.CLAIM or request.actor is None:
            raise services.ModerationError(f"request #{request_id} is not a claim of a listing")
        if request.domain_check != DomainCheck.MATCH and not override:
            raise services.ModerationError(
                "the claimant's address is not at the supporter's website domain: "
                "tick the override to accept the claim all the same"
            )
        # Lock the supporter: two claims of one listing approved at once make one contact.
        actor = Actor.objects.select_for_update().get(pk=request.actor.pk)
        if not speakers.claimable(actor):
            raise services.ModerationError(
                f"{actor.public_id} already has a verified contact or cannot be claimed"
            )
        services._decided(
            request, State.APPROVED, moderator, override=override, joined_as=State.APPROVED
        )
    mail.decided(request)
    return request
