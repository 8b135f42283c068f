"""What the world map draws: each state's endorsement and group membership, keyed for the atlas.

The world-atlas shapes are keyed by ISO 3166-1 numeric code; the registry speaks alpha-3.
The mapping is made here, on the server, with pycountry, so the browser only looks codes up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

import pycountry

from pactlog.groups.catalogue import Group
from pactlog.groups.statuses import ABSENT, ENDORSED, LABELS, UNCERTAIN, state_endorsements
from pactlog.registry.countries import country_name
from pactlog.registry.models import Agreement


@cache
def alpha3_by_numeric() -> dict[str, str]:
    return {c.numeric: c.alpha_3 for c in pycountry.countries}


@dataclass(frozen=True)
class MapRow:
    """One state of the map's data table."""

    code: str
    name: str
    status: str
    member: bool

    @property
    def status_label(self) -> str:
        return str(LABELS[self.status])


def map_rows(agreement: Agreement, as_of: dt.date, group: Group | None, lang: str) -> list[MapRow]:
    """The states the map colours or highlights, by name: the table beside the map.

    Without a group: every state whose endorsement is in force or uncertain. With one: those
    and every member of the group on that day, endorsing or not.
    """
    states = state_endorsements(agreement, as_of)
    members = group.members(as_of) if group else set()
    codes = states.in_force | states.uncertain | members
    rows = [MapRow(c, country_name(c, lang) or c, states.state_of(c), c in members) for c in codes]
    return sorted(rows, key=lambda r: (r.name.casefold(), r.code))


def map_json(rows: list[MapRow], atlas_url: str, group: Group | None, lang: str) -> dict[str, Any]:
    """The map's data for the browser (passed through `json_script`)."""
    by_code = {r.code: r for r in rows}
    names = {numeric: country_name(code, lang) for numeric, code in alpha3_by_numeric().items()}
    return {
        "atlas": atlas_url,
        "names": names,
        "status": {
            numeric: by_code[code].status
            for numeric, code in alpha3_by_numeric().items()
            if code in by_code and by_code[code].status != ABSENT
        },
        "members": sorted(
            numeric
            for numeric, code in alpha3_by_numeric().items()
            if code in by_code and by_code[code].member
        ),
        "group": group.slug if group else None,
        "labels": {key: str(label) for key, label in LABELS.items()},
    }


__all__ = ["ABSENT", "ENDORSED", "UNCERTAIN", "MapRow", "map_json", "map_rows"]
