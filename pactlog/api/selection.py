"""Turning query-string values into the query service's arguments, for the API and the exports.

Every mistake becomes a `QueryError` whose message says what to fix (a 400 for the caller).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from pactlog.registry.dates import DateError, parse_date
from pactlog.registry.queries import NotFound, QueryError, SupporterFilter


def today() -> dt.date:
    """The default `as_of` (SPEC section 5)."""
    return timezone.now().date()


def date_param(value: str | None, name: str) -> dt.date:
    """A YYYY-MM-DD parameter; absent means today."""
    if value is None or value == "":
        return today()
    try:
        return parse_date(value, name)
    except DateError as exc:
        raise QueryError(str(exc)) from None


def group_members(slug: str, as_of: dt.date) -> set[str]:
    """ISO codes of a group's member states on `as_of`; an unknown group is a bad parameter."""
    from pactlog.groups.catalogue import get_group

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
) -> SupporterFilter:
    """The selection named by the supporter-list parameters (they combine with AND)."""
    return SupporterFilter(
        category=category or None,
        country=country.upper() if country else None,
        q=q or None,
        countries=group_members(group, as_of) if group else None,
    )
