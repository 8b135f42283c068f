"""Rebuilding the public registry from its events alone ("the events, replayed in order,
rebuild the public registry exactly").

`replay(events)` folds the event stream into plain dictionaries; `current_state()` reads the same
dictionaries from the tables. Equal results prove that no change bypassed the event stream. An
outside auditor can run `replay` over the entries of the verifiable log: the fold (`apply`,
`replay`, in `pactlog.verifier.replay`, shipped in the stand-alone `pactlog-verify` too) needs no
database and no settings;
only `replay_database` and `current_state` read the tables, importing the models when called.
"""

from __future__ import annotations

from collections.abc import Callable

from pactlog.verifier.replay import PublicState, ReplayError, apply, replay

#: The tables' side of what apps above the registry record as events (claims): each app
#: registers its reader from its app config, so the registry names none of them. (Their events'
#: fold stays in `apply`: the outside verifier replays the log without Django or apps.)
TABLE_STATES: dict[str, Callable[[PublicState], None]] = {}


def register_table_state(name: str, read: Callable[[PublicState], None]) -> None:
    """`read(state)` adds app `name`'s public rows to `current_state()` (again: replaced)."""
    TABLE_STATES[name] = read


def replay_database() -> PublicState:
    from pactlog.registry.models import Event

    events = Event.objects.order_by("seq").values_list("type", "payload").iterator()
    return replay(events)


def current_state() -> PublicState:
    from pactlog.registry.models import Actor, Agreement, Endorsement, SourceKey
    from pactlog.registry.public import actor_state, agreement_state, endorsement_state

    state = PublicState()
    for agreement in Agreement.objects.prefetch_related("principles"):
        state.agreements[agreement.slug] = agreement_state(agreement)
    keys: dict[int, list[tuple[str, str]]] = {}
    for actor_id, source, key in SourceKey.objects.values_list("actor_id", "source", "key"):
        keys.setdefault(actor_id, []).append((source, key))
    ids: dict[int, str] = {}
    for actor in Actor.objects.select_related("merged_into"):
        ids[actor.pk] = actor.public_id
        state.actors[actor.public_id] = actor_state(actor, keys.get(actor.pk, []))
    slugs = dict(Agreement.objects.values_list("pk", "slug"))
    for e in Endorsement.objects.all():
        slug, public_id = slugs[e.agreement_id], ids[e.actor_id]
        state.endorsements[(slug, public_id, e.number)] = endorsement_state(e, slug, public_id)
    for read in TABLE_STATES.values():
        read(state)
    return state


__all__ = ["PublicState", "ReplayError", "apply", "current_state", "replay", "replay_database"]
