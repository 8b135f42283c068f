"""From log entries to changes a person wants to hear about, and the watches that select them.

A *change* is an endorsement event (started, updated, ended), described with the actor and
agreement as they stood when the entry was logged. The monitor notifies changes, and the site's
watch feeds list them, with this one module: the two always agree. A change keeps a copy of the
records it is about, so it can be said later in any language the verifier speaks (`Change.say`).

Watches: `any`; `actor:ID`; `state:ISO3` (the state itself, an actor of kind state);
`group:SLUG` (a state that was a member of the group on the day the change was logged);
`category:NAME`. An optional `@AGREEMENT` suffix limits a watch to one agreement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Optional

from pactlog.verifier.entries import parse_entry
from pactlog.verifier.replay import (
    ENDORSEMENT_ENDED,
    ENDORSEMENT_STARTED,
    ENDORSEMENT_UPDATED,
    PublicState,
    apply,
)
from pactlog.verifier.words import change_text

ENDORSEMENT_EVENTS = (ENDORSEMENT_STARTED, ENDORSEMENT_UPDATED, ENDORSEMENT_ENDED)
WATCH_KINDS = ("any", "actor", "state", "group", "category")
_VALUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")

Membership = tuple[str, Optional[str], Optional[str]]
"""(ISO3 country, since YYYY-MM-DD or None, until YYYY-MM-DD or None): member on D when
since <= D < until."""
Groups = dict[str, list[Membership]]


@dataclass(frozen=True)
class Change:
    index: int
    type: str
    recorded_at: str
    agreement: str
    actor: str
    actor_kind: str
    country: str
    category: str
    payload: dict[str, Any] = field(compare=False, repr=False)
    actor_record: dict[str, Any] = field(compare=False, repr=False)
    agreement_record: dict[str, Any] = field(compare=False, repr=False)

    @property
    def day(self) -> str:
        return self.recorded_at[:10]

    def say(self, lang: str = "en") -> str:
        """The change in words in `lang` (`en`, `fr`; English for another)."""
        return change_text(self.type, self.payload, self.actor_record, self.agreement_record, lang)

    @property
    def text(self) -> str:
        """The change in English words."""
        return self.say("en")


class WatchError(ValueError):
    """A watch that is not one of the forms above."""


@dataclass(frozen=True)
class Watch:
    kind: str
    value: str = ""
    agreement: str = ""

    def __str__(self) -> str:
        text = self.kind if self.kind == "any" else f"{self.kind}:{self.value}"
        return f"{text}@{self.agreement}" if self.agreement else text

    def matches(self, change: Change, groups: Groups) -> bool:
        if self.agreement and change.agreement != self.agreement:
            return False
        if self.kind == "any":
            return True
        if self.kind == "actor":
            return change.actor == self.value
        if self.kind == "category":
            return change.category == self.value
        if change.actor_kind != "state" or not change.country:
            return False
        if self.kind == "state":
            return change.country == self.value
        return is_member(groups.get(self.value, []), change.country, change.day)


def parse_watch(text: str) -> Watch:
    """`any`, `state:USA`, `group:five-eyes@paris-call`...; WatchError says what is wrong."""
    body, at, agreement = text.strip().partition("@")
    if at and not agreement:
        raise WatchError(f"watch {text!r}: name an agreement after @")
    kind, _, value = body.partition(":")
    kind = kind.strip().lower()
    if kind not in WATCH_KINDS:
        raise WatchError(
            f"unknown watch {text!r}: use any, actor:ID, state:ISO3, group:SLUG, "
            "category:NAME, optionally followed by @AGREEMENT"
        )
    if (kind == "any") != (value == ""):
        raise WatchError(
            f"watch {text!r}: {kind} {'takes no' if kind == 'any' else 'needs a'} value"
        )
    for part in (value, agreement):
        if part and not _VALUE.fullmatch(part):
            raise WatchError(f"watch {text!r}: {part!r} is not an identifier")
    if kind == "state":
        value = value.upper()
        if not re.fullmatch(r"[A-Z]{3}", value):
            raise WatchError(f"watch {text!r}: a state is an ISO 3166-1 alpha-3 code like USA")
    return Watch(kind, value, agreement)


def read_watch_file(lines: Iterable[str]) -> list[Watch]:
    """One watch a line; blank lines and `#` comments ignored."""
    return [
        parse_watch(line) for line in lines if line.strip() and not line.lstrip().startswith("#")
    ]


def is_member(memberships: Sequence[Membership], country: str, day: str) -> bool:
    return any(
        c == country and (since is None or since <= day) and (until is None or day < until)
        for c, since, until in memberships
    )


def groups_from_json(data: Mapping[str, Any]) -> Groups:
    """The memberships of `{"groups": {slug: {"memberships": [{country, since, until}]}}}`."""
    groups: Groups = {}
    for slug, group in data["groups"].items():
        groups[str(slug)] = [
            (str(m["country"]), m.get("since"), m.get("until")) for m in group["memberships"]
        ]
    return groups


def describe(
    state: PublicState, kind: str, payload: dict[str, Any], index: int, recorded_at: str
) -> Change | None:
    """The change entry `index` makes to `state` (before it is applied), or None if it is not
    an endorsement event."""
    if kind not in ENDORSEMENT_EVENTS:
        return None
    actor = state.actors.get(payload["actor"], {"id": payload["actor"]})
    agreement = state.agreements.get(payload["agreement"], {"slug": payload["agreement"]})
    return Change(
        index=index,
        type=kind,
        recorded_at=recorded_at,
        agreement=str(payload["agreement"]),
        actor=str(payload["actor"]),
        actor_kind=str(actor.get("kind", "")),
        country=str(actor.get("country") or ""),
        category=str(actor.get("category", "")),
        payload=payload,
        actor_record=dict(actor),
        agreement_record=dict(agreement),
    )


def fold_changes(state: PublicState, entries: Iterable[tuple[int, bytes]]) -> Iterator[Change]:
    """Fold `(index, entry)` pairs into `state`, yielding each change as it is met."""
    for index, data in entries:
        kind, payload, recorded_at = parse_entry(data, index)
        change = describe(state, kind, payload, index, recorded_at)
        apply(state, kind, payload)
        if change is not None:
            yield change


def watched(changes: Iterable[Change], watches: Sequence[Watch], groups: Groups) -> list[Change]:
    return [c for c in changes if any(w.matches(c, groups) for w in watches)]
