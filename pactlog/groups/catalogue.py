"""Groups of states with dated memberships (docs/spec.md §8), curated as YAML in `data/`.

Each file is checked against `schema.json` and every country code against ISO 3166-1 when it is
loaded, so a typo in the data fails loudly at start-up and in the tests, never as a wrong answer.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from pactlog.registry.countries import is_country
from pactlog.registry.queries import NotFound

DATA_DIR = Path(__file__).resolve().parent / "data"
SCHEMA_PATH = Path(__file__).resolve().parent / "schema.json"


class GroupDataError(ValueError):
    """A group file that breaks the schema or the rules the schema cannot express."""


@dataclass(frozen=True)
class Membership:
    """One stretch of membership: a member on day D when since <= D < until.

    `since` is None for a membership that began before the curated period (2000) on a day
    not recorded here; `until` is None while it lasts.
    """

    member: str
    since: dt.date | None
    until: dt.date | None

    def covers(self, day: dt.date) -> bool:
        started = self.since is None or self.since <= day
        return started and (self.until is None or day < self.until)


@dataclass(frozen=True)
class NonStateMember:
    """A member that is not a state with an ISO code (the EU in the G20, the African Union...)."""

    id: str
    names: dict[str, str]
    membership: Membership

    def name(self, lang: str) -> str:
        return self.names.get(lang[:2], self.names["en"])


@dataclass(frozen=True)
class Change:
    """The states that joined and left a group on one day."""

    day: dt.date
    joined: tuple[str, ...]
    left: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    slug: str
    names: dict[str, str]
    source_url: str
    memberships: tuple[Membership, ...]
    non_state_memberships: tuple[NonStateMember, ...] = ()

    def name(self, lang: str) -> str:
        return self.names.get((lang or "en")[:2], self.names["en"])

    def members(self, as_of: dt.date) -> set[str]:
        """ISO 3166-1 alpha-3 codes of the member states on `as_of` (never a non-state member)."""
        return {m.member for m in self.memberships if m.covers(as_of)}

    def non_state_members(self, as_of: dt.date) -> list[NonStateMember]:
        return [n for n in self.non_state_memberships if n.membership.covers(as_of)]

    def ever_members(self) -> set[str]:
        return {m.member for m in self.memberships}

    def changes(self) -> list[Change]:
        """Every dated join and departure of a state, oldest first (undated starts left out)."""
        joined: dict[dt.date, list[str]] = {}
        left: dict[dt.date, list[str]] = {}
        for m in self.memberships:
            if m.since is not None:
                joined.setdefault(m.since, []).append(m.member)
            if m.until is not None:
                left.setdefault(m.until, []).append(m.member)
        return [
            Change(day, tuple(sorted(joined.get(day, []))), tuple(sorted(left.get(day, []))))
            for day in sorted(joined.keys() | left.keys())
        ]


def _iso_dates(value: Any) -> Any:
    """YAML reads unquoted dates as `date`; the schema checks them as ISO strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso_dates(v) for v in value]
    return value


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _date(text: str | None, where: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise GroupDataError(f"{where}: {text!r} is not a calendar date") from None


def _membership(member: str, row: dict[str, Any], where: str) -> Membership:
    since = _date(row["since"], f"{where} since")
    until = _date(row["until"], f"{where} until")
    if since is not None and until is not None and since >= until:
        raise GroupDataError(f"{where}: since {since} is not before until {until}")
    return Membership(member, since, until)


def _check_no_overlap(memberships: Iterable[Membership], where: str) -> None:
    by_member: dict[str, list[Membership]] = {}
    for m in memberships:
        by_member.setdefault(m.member, []).append(m)
    for member, stretches in by_member.items():
        ordered = sorted(stretches, key=lambda m: m.since or dt.date.min)
        for earlier, later in itertools.pairwise(ordered):
            if earlier.until is None or (later.since or dt.date.min) < earlier.until:
                raise GroupDataError(f"{where}: memberships of {member} overlap")


def parse_group(data: Any, where: str) -> Group:
    """Build a Group from a YAML document, or say precisely what is wrong with it."""
    data = _iso_dates(data)
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        path = "/".join(str(p) for p in first.absolute_path) or "(top)"
        raise GroupDataError(f"{where}: {path}: {first.message}")
    memberships = []
    for i, row in enumerate(data["memberships"]):
        if not is_country(row["country"]):
            raise GroupDataError(f"{where}: memberships/{i}: {row['country']!r} is not ISO 3166-1")
        memberships.append(_membership(row["country"], row, f"{where}: {row['country']}"))
    _check_no_overlap(memberships, where)
    others = tuple(
        NonStateMember(
            row["id"], row["names"], _membership(row["id"], row, f"{where}: {row['id']}")
        )
        for row in data["non_state_members"]
    )
    return Group(data["slug"], data["names"], data["source_url"], tuple(memberships), others)


def load_group(path: Path) -> Group:
    with path.open(encoding="utf-8") as f:
        group = parse_group(yaml.safe_load(f), path.name)
    if group.slug != path.stem:
        raise GroupDataError(f"{path.name}: slug {group.slug!r} must match the file name")
    return group


@cache
def _catalogue() -> dict[str, Group]:
    groups = (load_group(path) for path in sorted(DATA_DIR.glob("*.yaml")))
    return {g.slug: g for g in groups}


def all_groups() -> list[Group]:
    """Every curated group, ordered by slug."""
    return list(_catalogue().values())


def get_group(slug: str) -> Group:
    group = _catalogue().get(slug)
    if group is None:
        raise NotFound(_("no group %(slug)s") % {"slug": repr(slug)})
    return group


def group_json(group: Group, as_of: dt.date, lang: str = "en") -> dict[str, Any]:
    """The API's `groups/{slug}?as_of=` answer."""
    return {
        "slug": group.slug,
        "name": group.name(lang),
        "names": dict(group.names),
        "source_url": group.source_url,
        "as_of": as_of.isoformat(),
        "members": sorted(group.members(as_of)),
        "non_state_members": [
            {"id": n.id, "name": n.name(lang), "names": dict(n.names)}
            for n in group.non_state_members(as_of)
        ],
    }
