"""When things happened: date intervals and the two questions the registry asks of them.

Pure Python (the stand-alone verifier replays the log with them); `pactlog.registry.dates`
re-exports them and adds the database filters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing import TypedDict

    class IntervalJson(TypedDict):
        """An interval as JSON (the registry's `shapes.Interval` has the same keys)."""

        not_before: str | None
        not_after: str


#: The earliest day any date in the registry may name (a question, a claim, a source's own date)
#: when nothing better is known; an agreement's launch is the better bound for its own dates.
EARLIEST = dt.date(1900, 1, 1)


def last_day(today: dt.date) -> dt.date:
    """The last day a date may name, seen from `today`: the end of next year (a question may
    look ahead, e.g. counts on a coming anniversary). A whole year, so that the API's schema
    can say the window as a pattern of years."""
    return dt.date(today.year + 1, 12, 31)


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

    def as_json(self) -> IntervalJson:
        return {
            "not_before": self.not_before.isoformat() if self.not_before else None,
            "not_after": self.not_after.isoformat(),
        }

    @classmethod
    def from_json(cls, value: Mapping[str, Any] | None) -> Interval | None:
        """The interval `as_json` wrote (None for null or a missing `not_after`)."""
        if not value or not value.get("not_after"):
            return None
        before = value.get("not_before")
        return cls(
            dt.date.fromisoformat(before) if before else None,
            dt.date.fromisoformat(str(value["not_after"])),
        )


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
