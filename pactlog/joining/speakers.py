"""Who may speak for a supporter: the one rule every workflow that acts for an actor asks.

A request's contact speaks for its supporter when either
- the request **created** the supporter: a join request approved, whose actor the registry
  keeps with the source key `join:<request id>`; or
- it **claimed the listing** (an imported supporter) with an address a moderator accepted: at
  the website's domain, or with the moderator's explicit override.

Nothing else makes anyone a contact:
- a merge links a request to an existing supporter so the record is right, but its requester
  only said they were that organisation, nobody checked it: no withdrawal or correction link
  is ever mailed to them, and a withdrawal confirmed through such a request cannot be
  approved (they may claim the listing instead, which a moderator checks);
- approving a state's request finds the state already in the registry: the requester is not
  its contact either (states and public authorities speak through the organisers only).

Corrections and withdrawals are e-mailed to that contact, never to whoever fills the form.
The contact data itself stays in `Contact` (moderators only, purged after the retention period):
once purged, the supporter has no verified contact any more. `basis` says in a sentence, for
the moderators, how a request's contact was obtained. Whether a merge is allowed at all is
`pactlog.joining.authority`'s.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from pactlog.joining.addresses import domain_of
from pactlog.joining.models import Contact, DomainCheck, JoinRequest, Kind, State
from pactlog.registry.models import Actor, Agreement, SourceKey
from pactlog.registry.vocabulary import ActorKind, Category

#: The registry source of actors created by an approved request; the key is the request's id.
JOIN_SOURCE = "join"

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


def _created_ids(actor: Actor) -> list[int]:
    """The requests whose approval created `actor` (its `join:<id>` source keys)."""
    keys = SourceKey.objects.filter(actor=actor, source=JOIN_SOURCE).values_list("key", flat=True)
    return [int(key) for key in keys if key.isdigit()]


def _speaking(actor: Actor) -> Q:
    """The requests whose contact speaks for `actor`: the join that created it, or an
    accepted claim of its listing; never a merge, a found state or a correction."""
    created = Q(kind=Kind.JOIN, pk__in=_created_ids(actor)) & (
        Q(state=State.APPROVED) | Q(state=State.WITHDRAWAL_REQUESTED)
    )
    return Q(actor=actor, contact__isnull=False) & (created | _accepted(Kind.CLAIM))


def created_actor(request: JoinRequest) -> bool:
    """The request's approval created its actor (so its requester is the actor's contact)."""
    if request.actor_id is None or request.kind != Kind.JOIN:
        return False
    return SourceKey.objects.filter(
        actor_id=request.actor_id, source=JOIN_SOURCE, key=str(request.pk)
    ).exists()


def claimed(request: JoinRequest) -> bool:
    """The request is a claim of its supporter's listing that a moderator accepted."""
    if request.actor_id is None or request.kind != Kind.CLAIM:
        return False
    return request.state == State.APPROVED or (
        request.state == State.WITHDRAWAL_REQUESTED and request.joined_as == State.APPROVED
    )


def may_withdraw(request: JoinRequest) -> bool:
    """A withdrawal confirmed through `request` may be approved: its requester speaks for the
    supporter (it created it, or its claim was accepted)."""
    return created_actor(request) or claimed(request)


def speaker_for(actor: Actor) -> Speaker | None:
    """The supporter's verified contact (the latest accepted), or None."""
    request = (
        JoinRequest.objects.filter(_speaking(actor))
        .select_related("contact", "agreement")
        .order_by("-decided_at", "-pk")
        .first()
    )
    if request is None:
        return None
    how = HOW_CLAIMED if request.kind == Kind.CLAIM else HOW_JOINED
    return Speaker(request=request, contact=request.contact, how=how)


def contact_request(agreement: Agreement, actor: Actor) -> JoinRequest | None:
    """The request on `agreement` whose contact speaks for `actor` (a withdrawal link goes
    there), with its contact data still on record."""
    return (
        JoinRequest.objects.filter(_speaking(actor), agreement=agreement)
        .order_by("-decided_at", "-pk")
        .first()
    )


def basis(request: JoinRequest) -> str:
    """How this request's contact came to speak for its actor, for the moderators."""
    if request.actor_id is None:
        return _("No supporter yet: the requester speaks for no one.")
    if created_actor(request):
        return _(
            "The supporter was created by approving this request: its requester, who confirmed "
            "the e-mail address, is the contact on record."
        )
    if claimed(request):
        return _(
            "A moderator accepted this request's claim of the listing: its requester, who "
            "confirmed the e-mail address, is the contact on record."
        )
    if request.kind == Kind.CLAIM:
        return _(
            "A claim of the listing: its requester becomes the contact on record only if a "
            "moderator accepts it."
        )
    if request.kind == Kind.CORRECTION:
        return _("A correction: its link was e-mailed to the supporter's contact on record.")
    return _(
        "This request was merged into (or found) an existing supporter: its requester is not "
        "the supporter's contact and cannot withdraw it."
    )


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
