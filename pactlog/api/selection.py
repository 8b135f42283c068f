"""Turning query-string dates into the query service's arguments, for the API and the exports.

Every mistake becomes a `QueryError` whose message says what to fix (a 400 for the caller).
The parsing itself is `pactlog.web.params`'s, shared with the site.
"""

from __future__ import annotations

import datetime as dt

from pactlog.registry.dates import DateError
from pactlog.registry.queries import QueryError
from pactlog.web.params import optional_day


def date_param(value: str | None, name: str, earliest: dt.date | None = None) -> dt.date:
    """A YYYY-MM-DD parameter inside the sane window; absent means today."""
    try:
        return optional_day(value, name, earliest=earliest)
    except DateError as exc:
        raise QueryError(str(exc)) from None
