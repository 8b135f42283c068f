"""Interval dates (docs/data-model.md) and the in-force / uncertain rules, in Python and in SQL.

Invariant: an interval's `not_before` (None = the beginning of time) is <= its `not_after`.
A known day has both equal. The rules here are the only definition of "in force" in the code:
the ORM filters and the Python predicates below must agree (tests check them on every case).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from pactlog.verifier.intervals import EARLIEST, Interval, is_in_force, is_uncertain, last_day

__all__ = [
    "EARLIEST",
    "DateError",
    "Interval",
    "in_force_q",
    "is_in_force",
    "is_uncertain",
    "last_day",
    "parse_date",
    "today",
    "uncertain_q",
]


def today() -> dt.date:
    """The registry's today, in UTC, whatever the server's own time zone:
    the default `as_of` everywhere."""
    return timezone.now().date()


class DateError(ValueError):
    """A date argument a user typed that is not an ISO 8601 calendar date."""


def parse_date(text: str, what: str = "date") -> dt.date:
    """Parse YYYY-MM-DD strictly; the message says what to fix."""
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise DateError(f"{what} must be a date as YYYY-MM-DD, not {text!r}") from None


def in_force_q(day: dt.date) -> Q:
    """Endorsement rows in force on `day` (same rule as `is_in_force`)."""
    no_end = Q(end_not_after__isnull=True)
    ends_later = Q(end_not_before__gt=day)
    return Q(start_not_after__lte=day) & (no_end | ends_later)


def uncertain_q(day: dt.date) -> Q:
    """Endorsement rows whose state on `day` the known dates cannot decide."""
    start_open = (Q(start_not_before__isnull=True) | Q(start_not_before__lte=day)) & Q(
        start_not_after__gt=day
    )
    end_open = (
        Q(start_not_after__lte=day)
        & Q(end_not_after__isnull=False)
        & (Q(end_not_before__isnull=True) | Q(end_not_before__lte=day))
        & Q(end_not_after__gt=day)
    )
    return start_open | end_open


__all__ = [
    "DateError",
    "Interval",
    "in_force_q",
    "is_in_force",
    "is_uncertain",
    "parse_date",
    "today",
    "uncertain_q",
]
