"""Which supporter a request may be merged into: the same actor, never another one.

A merge links a request to an existing actor so the record is right. It is refused across
categories (civil society into a state) or kinds (a state request into an organisation, or the
reverse), and for a state across countries: that is a different actor, not the same one.

A merge never makes its requester the supporter's contact: who may speak for a supporter is
decided in one place, `pactlog.joining.speakers`.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from pactlog.joining.models import JoinRequest
from pactlog.registry.models import Actor
from pactlog.registry.vocabulary import ActorKind, Category


class NotAllowed(ValueError):
    """The rule refuses; the message says why, for the moderator."""


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
