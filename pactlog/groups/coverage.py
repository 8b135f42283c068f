"""Which members of a group endorse an agreement on a date, which do not, which we cannot tell.

The states' endorsements come from the registry's query service, so "in force" and "uncertain"
mean exactly what docs/spec.md §2 says; a group's members are taken on the same date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pactlog.groups.catalogue import Group
from pactlog.registry import queries
from pactlog.registry.models import Agreement
from pactlog.registry.vocabulary import ActorKind


@dataclass(frozen=True)
class StateEndorsements:
    """The states whose endorsement is in force, and those whose state is uncertain, on a day."""

    in_force: frozenset[str]
    uncertain: frozenset[str]

    @classmethod
    def of(cls, agreement: Agreement, as_of: dt.date) -> StateEndorsements:
        in_force = frozenset(queries.states_in_force(agreement, as_of))
        uncertain = frozenset(
            queries.uncertain(agreement, as_of)
            .filter(actor__kind=ActorKind.STATE)
            .values_list("actor__country", flat=True)
        )
        return cls(in_force, uncertain - in_force)

    def state_of(self, country: str) -> str:
        """`endorsed`, `uncertain` or `absent`: the three answers of a coverage."""
        if country in self.in_force:
            return "endorsed"
        if country in self.uncertain:
            return "uncertain"
        return "absent"


def coverage_from(
    agreement: Agreement, group: Group, as_of: dt.date, states: StateEndorsements
) -> dict[str, Any]:
    """`coverage()` from endorsements already read: one query for a page of every group."""
    members = group.members(as_of)
    endorsed = members & states.in_force
    unsure = members & states.uncertain
    return {
        "agreement": agreement.slug,
        "group": group.slug,
        "as_of": as_of.isoformat(),
        "members": sorted(members),
        "endorsed": sorted(endorsed),
        "absent": sorted(members - endorsed - unsure),
        "uncertain": sorted(unsure),
    }


def coverage(agreement: Agreement, group: Group, as_of: dt.date) -> dict[str, Any]:
    """docs/spec.md §5's coverage answer: the group's members as of the date, split three ways."""
    return coverage_from(agreement, group, as_of, StateEndorsements.of(agreement, as_of))
