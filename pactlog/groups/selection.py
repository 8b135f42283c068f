"""A selection of supporters, parsed once, for every reader of lists.

The pages, the API, the exports and the command line all name a selection the same way
(`as_of`, `category`, `country`, `nature`, `group`, `q`, `order`): `SelectionQuery` reads it
from a query string or the command line's options with the parsers of `web.params`, and turns
it into the query service's filter; a group stands for its member states on the list's date.
Every mistake is a `QueryError` or `DateError` whose message says what to fix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Self

from pactlog.groups.catalogue import get_group
from pactlog.registry.queries import NATURES, ORDERS, NotFound, QueryError, SupporterFilter
from pactlog.registry.vocabulary import Category
from pactlog.web.params import choice, country_code, free_text, optional_day

#: The query parameters of a selection, as the site, the exports and the API name them.
SELECTION_PARAMS = ("as_of", "category", "country", "nature", "group", "q", "order")
MAX_GROUP_LENGTH = 100


def group_members(slug: str, as_of: dt.date) -> set[str]:
    """ISO codes of a group's member states on `as_of`; an unknown group is a bad parameter."""
    try:
        return get_group(slug).members(as_of)
    except NotFound as exc:
        raise QueryError(f"group: {exc}") from None


def supporter_filter(
    as_of: dt.date,
    category: str | None = None,
    country: str | None = None,
    q: str | None = None,
    group: str | None = None,
    nature: str | None = None,
) -> SupporterFilter:
    """The selection the parameters name (they combine with AND; empty ones are ignored)."""
    return SupporterFilter(
        category=category or None,
        country=country.strip().upper() if country and country.strip() else None,
        q=q or None,
        countries=group_members(group, as_of) if group else None,
        nature=nature or None,
    )


@dataclass(frozen=True)
class SelectionQuery:
    """Which supporters, as of which day, in which order (empty strings: no filter)."""

    as_of: dt.date
    category: str = ""
    country: str = ""
    nature: str = ""
    group: str = ""
    q: str = ""
    order: str = "name"

    @classmethod
    def parse(
        cls,
        values: Mapping[str, Any],
        earliest: dt.date | None = None,
        as_of: dt.date | None = None,
        **extra: Any,
    ) -> Self:
        """From a query string (or any mapping with `.get`): each value by its one parser.

        `as_of`, when given, is already parsed (the command line reads dates its own way)."""
        return cls(
            as_of=as_of or optional_day(values.get("as_of"), "as_of", earliest=earliest),
            category=choice(values.get("category"), "category", list(Category.values)),
            country=country_code(values.get("country")),
            nature=choice(values.get("nature"), "nature", NATURES),
            group=free_text(values.get("group"), "group", MAX_GROUP_LENGTH),
            q=free_text(values.get("q")),
            order=choice(values.get("order"), "order", list(ORDERS)) or "name",
            **extra,
        )

    def filter(self) -> SupporterFilter:
        """The query service's filter (an unknown group is a QueryError)."""
        return supporter_filter(
            self.as_of, self.category, self.country, self.q, self.group, self.nature
        )

    def as_params(self) -> dict[str, str]:
        """The selection as query parameters, for "download this selection" links."""
        names = ("as_of", "category", "country", "group", "q", "nature", "order")
        values = {name: getattr(self, name) for name in names}
        values["as_of"] = self.as_of.isoformat()
        return {name: str(value) for name, value in values.items() if value}

    def cache_key(self) -> str:
        return "|".join(str(value) for value in asdict(self).values())
