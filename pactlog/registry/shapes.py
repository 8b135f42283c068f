"""The one JSON shape of a supporter: the command line's `--json`, the API's schema, the site's
rows and the exports all read and write this dictionary (`queries.supporter_json` makes it,
`dates.Interval.from_json` reads its dates back).

TypedDicts, so that mypy checks every reader and django-ninja documents the same shape in the
OpenAPI document (typing_extensions' TypedDict: pydantic needs it before Python 3.12).
"""

from __future__ import annotations

from typing_extensions import TypedDict


class Interval(TypedDict):
    """A date known only within bounds: not before `not_before` (null: unknown), by
    `not_after` (both YYYY-MM-DD)."""

    not_before: str | None
    not_after: str


class Supporter(TypedDict):
    """An endorsement and its actor, as of a date."""

    id: str
    #: As the actor writes itself (states: Babel's name in the answer's language).
    name: str
    #: Its name in the site's other languages, by language code ({} when it gives none).
    names: dict[str, str]
    category: str
    nature: str
    country: str | None
    start: Interval
    end: Interval | None
    status: str
