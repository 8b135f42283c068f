"""Turning query-string dates into the query service's arguments, for the API and the exports.

Every mistake becomes a `QueryError` whose message says what to fix (a 400 for the caller).
"""

from __future__ import annotations

import datetime as dt

from pactlog.registry.dates import DateError, parse_date, today
from pactlog.registry.queries import QueryError


def date_param(value: str | None, name: str) -> dt.date:
    """A YYYY-MM-DD parameter; absent means today."""
    if value is None or value == "":
        return today()
    try:
        return parse_date(value, name)
    except DateError as exc:
        raise QueryError(str(exc)) from None
