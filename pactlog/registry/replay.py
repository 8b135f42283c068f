"""Rebuilding the public registry from its events alone (docs/spec.md §1: "the events, replayed
in order, rebuild the public registry exactly").

`replay(events)` folds the event stream into plain dictionaries; `current_state()` reads the same
dictionaries from the tables. Equal results prove that no change bypassed the event stream. An
outside auditor can run `replay` over the entries of the verifiable log: the fold (`apply`,
`replay`) needs no database and no settings (`pactlog verify` runs it before Django starts);
only `replay_database` and `current_state` read the tables, importing the models when called.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pactlog.registry.vocabulary import EventType


@dataclass
class PublicState:
    agreements: dict[str, dict[str, Any]] = field(default_factory=dict)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    endorsements: dict[tuple[str, str, int], dict[str, Any]] = field(default_factory=dict)
    #: published claims about agreements (the claims app), by their public id
    claims: dict[str, dict[str, Any]] = field(default_factory=dict)


class ReplayError(ValueError):
    """The events are not a stream the registry could have written."""


def apply(state: PublicState, kind: str, payload: dict[str, Any]) -> None:
    if kind == EventType.AGREEMENT_SAVED:
        state.agreements[payload["slug"]] = payload
    elif kind == EventType.ACTOR_SAVED:
        state.actors[payload["id"]] = payload
    elif kind == EventType.ACTOR_MERGED:
        if payload["id"] not in state.actors:
            raise ReplayError(f"merge of unknown actor {payload['id']!r}")
        state.actors[payload["id"]] = {
            **state.actors[payload["id"]],
            "merged_into": payload["into"],
        }
    elif kind in (
        EventType.ENDORSEMENT_STARTED, EventType.ENDORSEMENT_UPDATED, EventType.ENDORSEMENT_ENDED,
    ):  # fmt: skip
        key = (payload["agreement"], payload["actor"], payload["number"])
        if kind != EventType.ENDORSEMENT_STARTED and key not in state.endorsements:
            raise ReplayError(f"{kind} of an endorsement never started: {key}")
        state.endorsements[key] = payload
    elif kind == EventType.CLAIM_SAVED:
        if payload["agreement"] not in state.agreements:
            raise ReplayError(f"claim {payload['id']!r} about unknown agreement")
        state.claims[payload["id"]] = payload
    else:
        raise ReplayError(f"unknown event type {kind!r}")


def replay(events: Iterable[tuple[str, str]]) -> PublicState:
    """Fold `(type, canonical JSON payload)` pairs, in order, into the public state."""
    state = PublicState()
    for kind, payload in events:
        apply(state, kind, json.loads(payload))
    return state


def replay_database() -> PublicState:
    from pactlog.registry.models import Event

    events = Event.objects.order_by("seq").values_list("type", "payload").iterator()
    return replay(events)


def current_state() -> PublicState:
    from django.apps import apps

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
    if apps.is_installed("pactlog.claims"):
        for claim in apps.get_model("claims", "Claim").objects.select_related("agreement"):
            state.claims[claim.public_id] = claim.public_state()
    return state
