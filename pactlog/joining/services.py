"""The joining workflow: every change of a request, each in one transaction.

Registry changes (a new actor, an endorsement started or ended) go through
`pactlog.registry.services`, so they get their events; the request row is locked
(`select_for_update`) first, so two moderators acting at once cannot both decide. E-mails are
sent after the transaction, so a rolled-back change sends nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from pactlog.joining import authority, limits, mail, speakers, tokens
from pactlog.joining.addresses import email_key
from pactlog.joining.models import (
    JOINED,
    PENDING,
    Contact,
    JoinRequest,
    Kind,
    Purpose,
    Reason,
    State,
    Token,
)
from pactlog.registry import services as registry
from pactlog.registry.countries import country_name
from pactlog.registry.dates import Interval, today
from pactlog.registry.models import Actor, Agreement, Endorsement
from pactlog.registry.text import clean_name
from pactlog.registry.vocabulary import ActorKind, Category, Status

JOIN_SOURCE = speakers.JOIN_SOURCE
User = AbstractBaseUser | AnonymousUser


class LimitReached(Exception):
    """Enough withdrawal links went to this supporter or recipient for today."""


class ModerationError(ValueError):
    """An action the workflow does not allow now; the message says why."""


@dataclass(frozen=True)
class Submission:
    """What the form collected: public fields, then contact data."""

    name: str
    category: str
    country: str
    nature: str
    website: str
    contact_name: str
    contact_role: str
    contact_email: str
    message: str = ""
    language: str = "en"
    #: The organisation's name in the site's other languages (`Actor.names`), if it gave any.
    names: dict[str, str] = field(default_factory=dict)


def submit(
    agreement: Agreement, data: Submission, address: str | None = None, user: Any = None
) -> JoinRequest:
    """Record an unconfirmed request and e-mail its confirmation link."""
    with transaction.atomic():
        request = JoinRequest.objects.create(
            agreement=agreement,
            name=clean_name(data.name),
            category=data.category,
            country=data.country,
            nature=data.nature,
            website=data.website.strip(),
            names=registry.other_names(dict(data.names), clean_name(data.name)),
            submitted_at=timezone.now(),
            submitted_by=user if getattr(user, "is_authenticated", False) else None,
            language=data.language,
        )
        Contact.objects.create(
            request=request,
            name=clean_name(data.contact_name),
            role=clean_name(data.contact_role),
            email=data.contact_email.strip(),
            email_key=email_key(data.contact_email),
            message=data.message.strip(),
            address=address or None,
        )
        raw = tokens.issue(request, Purpose.CONFIRM)
    mail.confirm_request(request, raw)
    return request


def _redeem(request_id: int, purpose: Purpose, raw: str) -> JoinRequest:
    """Inside the caller's transaction: check and spend a link's token, lock its request."""
    token = tokens.check(request_id, purpose, raw, lock=True)
    request = JoinRequest.objects.select_for_update().get(pk=token.request_id)
    tokens.use(token)
    return request


def confirm(request_id: int, raw: str, purpose: str = Purpose.CONFIRM) -> JoinRequest:
    """The requester clicked the e-mailed link: the request enters the moderators' queue.
    `purpose`: the link's (`confirm` a join, `correct` an entry, `claim` a listing)."""
    with transaction.atomic():
        request = _redeem(request_id, Purpose(purpose), raw)
        if request.state == State.UNCONFIRMED:
            request.state = State.CONFIRMED
            request.confirmed_at = timezone.now()
            request.save(update_fields=["state", "confirmed_at"])
    return request


# --- moderation ---------------------------------------------------------------------------


def is_moderator(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or user.groups.filter(name="moderators").exists())


def _locked(request_id: int, allowed: tuple[str, ...], moderator: Any) -> JoinRequest:
    """The request row, locked until the transaction ends, if `moderator` may act on it now."""
    request = (
        JoinRequest.objects.select_for_update()
        .select_related("agreement")
        .filter(pk=request_id)
        .first()
    )
    if request is None:
        raise ModerationError(f"there is no request #{request_id}")
    if request.state not in allowed:
        raise ModerationError(f"request #{request_id} is {request.state}: nothing to decide")
    if moderator is not None:
        own_email = email_key(getattr(moderator, "email", "") or "")
        contact = Contact.objects.filter(request=request).first()
        if request.submitted_by_id == moderator.pk or (
            own_email and contact is not None and contact.email_key == own_email
        ):
            raise ModerationError("a moderator cannot decide on a request they submitted")
    return request


def _only_joins(request: JoinRequest) -> None:
    if request.kind != Kind.JOIN:
        raise ModerationError(f"request #{request.pk} is a {request.kind}, not a request to join")


def _decided(request: JoinRequest, state: str, moderator: Any, **fields: Any) -> None:
    request.state = state
    request.decided_at = timezone.now()
    request.decided_by = moderator if getattr(moderator, "pk", None) else None
    for name, value in fields.items():
        setattr(request, name, value)
    request.save()


def _actor_for(request: JoinRequest) -> Actor:
    """The registry actor a request becomes: the existing state, or a new actor."""
    if request.category == Category.STATE:
        state = Actor.objects.filter(
            kind=ActorKind.STATE, country=request.country, merged_into__isnull=True
        ).first()
        if state is not None:
            return state
        spec = registry.ActorSpec(
            kind=ActorKind.STATE,
            name=country_name(request.country, "en") or request.name,
            category=Category.STATE,
            country=request.country,
        )
        return registry.create_actors([spec], [[(JOIN_SOURCE, str(request.pk))]])[0]
    spec = registry.ActorSpec(
        kind=ActorKind.ORGANISATION,
        name=request.name,
        category=request.category,
        nature=request.nature,
        country=request.country,
        website=request.website,
        names=dict(request.names or {}),
    )
    return registry.create_actors([spec], [[(JOIN_SOURCE, str(request.pk))]])[0]


def _start(request: JoinRequest, actor: Actor) -> None:
    registry.start_endorsements(
        request.agreement, [(actor, Interval.day(today()))], source=JOIN_SOURCE
    )


def _endorses(agreement: Agreement, actor: Actor) -> bool:
    return Endorsement.objects.filter(
        agreement=agreement, actor=actor, status=Status.ACTIVE
    ).exists()


def approve(request_id: int, moderator: Any = None) -> JoinRequest:
    """Create (or, for a state, find) the actor and start its endorsement today."""
    with transaction.atomic():
        request = _locked(request_id, (State.CONFIRMED, State.NEEDS_INFO), moderator)
        _only_joins(request)
        actor = _actor_for(request)
        if _endorses(request.agreement, actor):
            raise ModerationError(
                f"{actor.public_id} already endorses {request.agreement.slug}: "
                "reject the request as a duplicate or merge it"
            )
        _start(request, actor)
        _decided(request, State.APPROVED, moderator, actor=actor, joined_as=State.APPROVED)
    mail.decided(request)
    return request


def merge(request_id: int, actor_id: str, moderator: Any = None) -> JoinRequest:
    """The request is an existing actor: link it (and start its endorsement if it has none)."""
    with transaction.atomic():
        request = _locked(request_id, (State.CONFIRMED, State.NEEDS_INFO), moderator)
        _only_joins(request)
        actor = Actor.objects.filter(public_id=actor_id).first()
        if actor is None:
            raise ModerationError(f"there is no actor {actor_id!r}")
        while actor.merged_into_id is not None:
            actor = Actor.objects.get(pk=actor.merged_into_id)
        try:
            authority.check_merge(request, actor)
        except authority.NotAllowed as error:
            raise ModerationError(str(error)) from None
        if not _endorses(request.agreement, actor):
            _start(request, actor)
        _decided(request, State.MERGED, moderator, actor=actor, joined_as=State.MERGED)
    mail.decided(request)
    return request


def reject(request_id: int, reason: str, message: str, moderator: Any = None) -> JoinRequest:
    """Refuse the request with a reason code; `message` is e-mailed to the requester."""
    if reason not in Reason.values:
        raise ModerationError(f"unknown reason {reason!r}: one of {', '.join(Reason.values)}")
    if not message.strip():
        raise ModerationError("say in a message why the request is rejected")
    with transaction.atomic():
        request = _locked(request_id, (State.CONFIRMED, State.NEEDS_INFO), moderator)
        _decided(request, State.REJECTED, moderator, reason=reason)
    mail.rejected(request, message.strip())
    return request


def ask_info(request_id: int, message: str, moderator: Any = None) -> JoinRequest:
    """Ask the requester for more information (they answer by replying to the e-mail)."""
    if not message.strip():
        raise ModerationError("write the question to send to the requester")
    with transaction.atomic():
        request = _locked(request_id, (State.CONFIRMED,), moderator)
        request.state = State.NEEDS_INFO
        request.save(update_fields=["state"])
    mail.needs_info(request, message.strip())
    return request


# --- withdrawal ---------------------------------------------------------------------------


def joined_request(agreement: Agreement, actor: Actor) -> JoinRequest | None:
    """The request whose contact speaks for `actor` on `agreement` (`speakers`), if any."""
    return speakers.contact_request(agreement, actor)


def request_withdrawal(agreement: Agreement, actor: Actor) -> JoinRequest | None:
    """E-mail a withdrawal link to the contact on record; None when there is none."""
    request = joined_request(agreement, actor)
    if request is None or not _endorses(agreement, actor):
        return None
    if request.state == State.WITHDRAWAL_REQUESTED:
        return request
    contact = Contact.objects.filter(request=request).first()
    if contact is None or not limits.withdrawal_allows(actor.public_id, contact.email_key):
        raise LimitReached(actor.public_id)
    with transaction.atomic():
        raw = tokens.issue(request, Purpose.WITHDRAW)
    mail.confirm_withdrawal(request, raw)
    return request


def confirm_withdrawal(request_id: int, raw: str) -> JoinRequest:
    """The contact confirmed: the withdrawal waits for a moderator."""
    with transaction.atomic():
        request = _redeem(request_id, Purpose.WITHDRAW, raw)
        if request.state in JOINED:
            request.state = State.WITHDRAWAL_REQUESTED
            request.withdrawal_requested_at = timezone.now()
            request.save(update_fields=["state", "withdrawal_requested_at"])
    return request


def approve_withdrawal(request_id: int, moderator: Any = None) -> JoinRequest:
    """End the endorsement today as `withdrawn` (an `endorsement.ended` event)."""
    with transaction.atomic():
        request = _locked(request_id, (State.WITHDRAWAL_REQUESTED,), moderator)
        if not speakers.may_withdraw(request):
            raise ModerationError(
                f"request #{request_id} is not {request.actor}'s contact: its requester cannot "
                "withdraw it; decline the withdrawal"
            )
        endorsement = (
            Endorsement.objects.select_for_update()
            .filter(agreement=request.agreement, actor=request.actor, status=Status.ACTIVE)
            .select_related("agreement", "actor")
            .first()
        )
        if endorsement is not None:
            registry.end_endorsements([(endorsement, Status.WITHDRAWN, Interval.day(today()))])
        _decided(request, State.WITHDRAWN, moderator)
    mail.decided(request)
    return request


def decline_withdrawal(request_id: int, message: str, moderator: Any = None) -> JoinRequest:
    """Keep the endorsement (e.g. the contact's mailbox is no longer the organisation's);
    `message` is e-mailed to the contact."""
    if not message.strip():
        raise ModerationError("say in a message why the endorsement is kept")
    with transaction.atomic():
        request = _locked(request_id, (State.WITHDRAWAL_REQUESTED,), moderator)
        _decided(request, request.joined_as or State.APPROVED, moderator)
    mail.withdrawal_declined(request, message.strip())
    return request


# --- retention ----------------------------------------------------------------------------


def purge(days: int | None = None, now: dt.datetime | None = None) -> int:
    """Erase contact data (and tokens) of requests decided more than `days` ago; a request
    never confirmed counts as decided when its link expired. Returns how many were erased."""
    keep = settings.PACTLOG_JOIN_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - dt.timedelta(days=keep)
    expired = cutoff - dt.timedelta(days=settings.PACTLOG_JOIN_TOKEN_DAYS)
    old = JoinRequest.objects.filter(
        Q(decided_at__lt=cutoff) | Q(state=State.UNCONFIRMED, submitted_at__lt=expired)
    ).exclude(state__in=PENDING[1:])
    with transaction.atomic():
        Token.objects.filter(request__in=old).delete()
        count, _ = Contact.objects.filter(request__in=old).delete()
    return count
