"""The registry's fold: the public state the log's entries describe, in order.

`apply` is the only definition of what an event does to the public registry: the application
(`pactlog.registry.replay`, `pactlog log audit`) and the stand-alone verifier fold with it.
Pure Python, no Django, Python 3.9 or later.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

AGREEMENT_SAVED = "agreement.saved"
ACTOR_SAVED = "actor.saved"
ACTOR_MERGED = "actor.merged"
ENDORSEMENT_STARTED = "endorsement.started"
ENDORSEMENT_UPDATED = "endorsement.updated"
ENDORSEMENT_ENDED = "endorsement.ended"
CLAIM_SAVED = "claim.saved"
EVENT_TYPES = (
    AGREEMENT_SAVED, ACTOR_SAVED, ACTOR_MERGED, ENDORSEMENT_STARTED, ENDORSEMENT_UPDATED,
    ENDORSEMENT_ENDED, CLAIM_SAVED,
)  # fmt: skip
"""The registry's event types (the values of `pactlog.registry.vocabulary.EventType`)."""


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
    # An actor's entry replaces its record whole: fields it does not carry (`names` in
    # entries older than the field) are absent from the state, which readers take as empty.
    if kind == AGREEMENT_SAVED:
        state.agreements[payload["slug"]] = payload
    elif kind == ACTOR_SAVED:
        state.actors[payload["id"]] = payload
    elif kind == ACTOR_MERGED:
        if payload["id"] not in state.actors:
            raise ReplayError(f"merge of unknown actor {payload['id']!r}")
        state.actors[payload["id"]] = {
            **state.actors[payload["id"]],
            "merged_into": payload["into"],
        }
    elif kind in (
        ENDORSEMENT_STARTED, ENDORSEMENT_UPDATED, ENDORSEMENT_ENDED,
    ):  # fmt: skip
        key = (payload["agreement"], payload["actor"], payload["number"])
        if kind != ENDORSEMENT_STARTED and key not in state.endorsements:
            raise ReplayError(f"{kind} of an endorsement never started: {key}")
        state.endorsements[key] = payload
    elif kind == CLAIM_SAVED:
        if payload["agreement"] not in state.agreements:
            raise ReplayError(f"claim {payload['id']!r} about unknown agreement")
        state.claims[payload["id"]] = payload
    else:
        raise ReplayError(f"unknown event type {kind!r}")


def other_names(actor: dict[str, Any]) -> dict[str, str]:
    """An actor's names in other languages (`{"en": ...}`): an `actor.saved` entry carries
    `names` only when there are some, and entries written before the field existed never do,
    so absent is empty."""
    names = actor.get("names")
    return dict(names) if isinstance(names, dict) else {}


def replay(events: Iterable[tuple[str, str]]) -> PublicState:
    """Fold `(type, canonical JSON payload)` pairs, in order, into the public state."""
    state = PublicState()
    for kind, payload in events:
        apply(state, kind, json.loads(payload))
    return state
