"""The supporter-list parameters as the query service's filter, for every reader of lists.

The pages, the API, the exports and the command line all name a selection the same way
(`category`, `country`, `nature`, `group`, `q`); a group stands for its member states on the
list's date. Every mistake is a `QueryError` whose message says what to fix.
"""

from __future__ import annotations

import datetime as dt

from pactlog.groups.catalogue import get_group
from pactlog.registry.queries import NotFound, QueryError, SupporterFilter


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
