"""Who may speak for an organisation: its verified contact, and how it was obtained.

A supporter has a verified contact when either
- it **joined through pactlog**: its join request was approved (a request merged into an
  existing supporter does not count: the requester only said they were that organisation,
  nobody checked it), or
- someone **claimed its listing** (an imported supporter) with an address a moderator
  accepted: at the website's domain, or with the moderator's explicit override.

Corrections and withdrawals are e-mailed to that contact, never to whoever fills the form.
States and public authorities are claimed only through the organisers (official channels).
The contact data itself stays in `Contact` (moderators only, purged after the retention period):
once purged, the supporter has no verified contact any more.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from pactlog.joining.addresses import domain_of
from pactlog.joining.models import Contact, DomainCheck, JoinRequest, Kind, State
from pactlog.registry.models import Actor
from pactlog.registry.vocabulary import ActorKind, Category

#: Categories whose listing nobody can claim through the site.
OFFICIAL = (Category.STATE, Category.PUBLIC_AUTHORITY)

#: Free e-mail providers: an address there says nothing about who runs the organisation.
FREE_MAIL = frozenset(
    """aol.com gmail.com googlemail.com gmx.com gmx.de gmx.fr gmx.net hotmail.com hotmail.fr
    icloud.com laposte.net live.com mail.com mail.ru me.com msn.com orange.fr outlook.com
    outlook.fr proton.me protonmail.com qq.com sfr.fr t-online.de wanadoo.fr web.de yahoo.com
    yahoo.fr yandex.com yandex.ru zoho.com 163.com 126.com free.fr""".split()
)

HOW_JOINED = "joined"
HOW_CLAIMED = "claimed"


@dataclass(frozen=True)
class Speaker:
    """The request whose contact may speak for the supporter, and how it became so."""

    request: JoinRequest
    contact: Contact
    how: str


def _accepted(kind: str) -> Q:
    """Requests of `kind` that were accepted, including while a withdrawal is pending."""
    return Q(kind=kind) & (
        Q(state=State.APPROVED) | Q(state=State.WITHDRAWAL_REQUESTED, joined_as=State.APPROVED)
    )


def speaker_for(actor: Actor) -> Speaker | None:
    """The supporter's verified contact (the latest accepted), or None."""
    request = (
        JoinRequest.objects.filter(actor=actor)
        .filter(_accepted(Kind.JOIN) | _accepted(Kind.CLAIM))
        .select_related("contact", "agreement")
        .order_by("-decided_at", "-pk")
        .filter(contact__isnull=False)
        .first()
    )
    if request is None:
        return None
    how = HOW_CLAIMED if request.kind == Kind.CLAIM else HOW_JOINED
    return Speaker(request=request, contact=request.contact, how=how)


def claimable(actor: Actor) -> bool:
    """An organisation, not a state or public authority, with no verified contact yet."""
    if actor.kind != ActorKind.ORGANISATION or actor.category in OFFICIAL:
        return False
    return actor.merged_into_id is None and speaker_for(actor) is None


def domain_check(email: str, website: str) -> str:
    """How an e-mail address compares with a website (a `DomainCheck` value).

    An address at a sub-domain of the website's matches (`jane@paris.example.org` for
    `example.org`); one at a parent domain does not (it could be a shared host's).
    """
    address = email.strip().lower().rpartition("@")[2].strip(".")
    site = domain_of(website)
    if address in FREE_MAIL:
        return DomainCheck.FREE_MAIL
    if not site:
        return DomainCheck.NO_WEBSITE
    if address == site or address.endswith("." + site):
        return DomainCheck.MATCH
    return DomainCheck.DIFFERENT
