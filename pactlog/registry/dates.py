"""Interval dates (docs/spec.md §2) and the in-force / uncertain rules, in Python and in SQL.

Invariant: an interval's `not_before` (None = the beginning of time) is <= its `not_after`.
A known day has both equal. The rules here are the only definition of "in force" in the code:
the ORM filters and the Python predicates below must agree (tests check them on every case).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone


def today() -> dt.date:
    """The registry's today, in UTC (docs/spec.md §10), whatever the server's own time zone:
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


@dataclass(frozen=True)
class Interval:
    """When something happened: not before `not_before` (None: unknown) and by `not_after`."""

    not_before: dt.date | None
    not_after: dt.date

    def __post_init__(self) -> None:
        if self.not_before is not None and self.not_before > self.not_after:
            raise ValueError(f"interval starts after it ends: {self.not_before} > {self.not_after}")

    @classmethod
    def day(cls, day: dt.date) -> Interval:
        return cls(day, day)

    @property
    def is_exact(self) -> bool:
        return self.not_before == self.not_after

    def as_json(self) -> dict[str, str | None]:
        return {
            "not_before": self.not_before.isoformat() if self.not_before else None,
            "not_after": self.not_after.isoformat(),
        }


def is_in_force(start: Interval, end: Interval | None, day: dt.date) -> bool:
    ended = end is not None and (end.not_before is None or end.not_before <= day)
    return start.not_after <= day and not ended


def is_uncertain(start: Interval, end: Interval | None, day: dt.date) -> bool:
    if is_in_force(start, end, day):
        return False
    start_open = (start.not_before is None or start.not_before <= day) and day < start.not_after
    end_open = (
        end is not None
        and start.not_after <= day
        and (end.not_before is None or end.not_before <= day)
        and day < end.not_after
    )
    return start_open or end_open


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
