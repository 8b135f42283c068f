"""Who may act for a supporter: the one rule every workflow that speaks for an actor asks.

A requester speaks for an actor only when their own request *created* that actor (approved,
and the registry keeps the actor's source key `join:<request id>`). Nothing else makes anyone
a contact:

- a merge links a request to an existing actor so the record is right, but its requester
  gains nothing: no withdrawal link is ever mailed to them, and a withdrawal confirmed through
  such a request cannot be approved;
- approving a state's request finds the state already in the registry: the requester is not
  its contact either (the organisers are, out of band);
- a merge across categories (civil society into a state) or kinds (a state request into an
  organisation, or the reverse) is refused: it is a different actor, not the same one.

`basis` says, in a sentence for the moderators, how a request's contact was obtained, so a
withdrawal shows it next to the request's warnings.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from pactlog.joining.models import JOINED, JoinRequest, State
from pactlog.registry.models import Actor, Agreement, SourceKey
from pactlog.registry.vocabulary import ActorKind, Category

#: The registry source of actors created by an approved request; the key is the request's id.
JOIN_SOURCE = "join"


class NotAllowed(ValueError):
    """The rule refuses; the message says why, for the moderator."""


def created_actor(request: JoinRequest) -> bool:
    """The request's approval created its actor (so its requester is the actor's contact)."""
    if request.actor_id is None:
        return False
    return SourceKey.objects.filter(
        actor_id=request.actor_id, source=JOIN_SOURCE, key=str(request.pk)
    ).exists()


def contact_request(agreement: Agreement, actor: Actor) -> JoinRequest | None:
    """The request whose requester speaks for `actor`, with its contact data still on record."""
    key = SourceKey.objects.filter(actor=actor, source=JOIN_SOURCE).values_list("key", flat=True)
    ids = [int(k) for k in key if k.isdigit()]
    return (
        JoinRequest.objects.filter(
            pk__in=ids,
            agreement=agreement,
            actor=actor,
            state__in=(*JOINED, State.WITHDRAWAL_REQUESTED),
            contact__isnull=False,
        )
        .order_by("-decided_at")
        .first()
    )


def may_withdraw(request: JoinRequest) -> bool:
    return created_actor(request)


def check_merge(request: JoinRequest, actor: Actor) -> None:
    """Refuse a merge into an actor of another kind or category."""
    wants_state = request.category == Category.STATE
    if wants_state != (actor.kind == ActorKind.STATE):
        raise NotAllowed(
            _("%(actor)s is a %(kind)s and the request is not: a merge must be the same actor.")
            % {"actor": actor.public_id, "kind": actor.get_kind_display()}
        )
    if actor.category != request.category:
        raise NotAllowed(
            _("%(actor)s is in the category %(theirs)s, the request in %(ours)s: not merged.")
            % {"actor": actor.public_id, "theirs": actor.category, "ours": request.category}
        )
    if wants_state and actor.country != request.country:
        raise NotAllowed(_("The request names another country than %(actor)s.")
                         % {"actor": actor.public_id})  # fmt: skip


def basis(request: JoinRequest) -> str:
    """How this request's contact came to speak for its actor, for the moderators."""
    if request.actor_id is None:
        return _("No supporter yet: the requester speaks for no one.")
    if created_actor(request):
        return _(
            "The supporter was created by approving this request: its requester, who confirmed "
            "the e-mail address, is the contact on record."
        )
    return _(
        "This request was merged into (or found) an existing supporter: its requester is not "
        "the supporter's contact and cannot withdraw it."
    )
