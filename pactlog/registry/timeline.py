"""Counts as of any date from a per-version step function, for registries too big to scan.

`queries.counts` scans the in-force rows for every question: about a second at a million
endorsements. Here the endorsements sharing the same bounds and category (one row of a GROUP
BY) enter and leave the counts on the days `registry.counting` finds with `registry.dates`'
predicates, the same engine as the claims'; the cumulative sums of those changes make the
steps, so the count on any day is a binary search. The steps are built once per registry
version and cached (`caching.cached`), so any `as_of` is then answered in microseconds. Tests
check it against `queries.counts` day by day.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from django.db.models import Count

from pactlog import memos
from pactlog.registry.caching import cached, registry_version
from pactlog.registry.counting import IN, UNSURE, endorsement_changes
from pactlog.registry.dates import Interval
from pactlog.registry.models import Agreement
from pactlog.registry.queries import endorsements_of

Day = dt.date | None
BOUNDS = ("start_not_before", "start_not_after", "end_not_before", "end_not_after")


@dataclass(frozen=True)
class Steps:
    """How many intervals contain a day: cumulative sums at the days the count changes."""

    days: tuple[dt.date, ...]
    totals: tuple[int, ...]

    @classmethod
    def from_deltas(cls, deltas: Mapping[dt.date, int]) -> Steps:
        """From how much the count changes on each day."""
        days = tuple(sorted(deltas))
        return cls(days, tuple(accumulate(deltas[d] for d in days)))

    @classmethod
    def of(cls, intervals: Iterable[tuple[Day, Day, int]]) -> Steps:
        """From (a, b, n): n intervals [a, b); a None = since always, b None = for ever."""
        deltas: Counter[dt.date] = Counter()
        for a, b, n in intervals:
            first = a or dt.date.min
            if b is not None and b <= first:
                continue  # empty: contains no day
            deltas[first] += n
            if b is not None:
                deltas[b] -= n
        return cls.from_deltas(deltas)

    def at(self, day: dt.date) -> int:
        i = bisect_right(self.days, day)
        return self.totals[i - 1] if i else 0


@dataclass(frozen=True)
class Timeline:
    in_force: dict[str, Steps]
    uncertain: Steps


def build_timeline(agreement: Agreement) -> Timeline:
    groups = (
        endorsements_of(agreement)
        .values("actor__category", *BOUNDS)
        .annotate(n=Count("id"))
        .order_by()
    )
    return timeline_of(groups)


def timeline_of(groups: Iterable[dict[str, Any]]) -> Timeline:
    """From rows of `actor__category`, the four bounds and `n` (endorsements sharing them)."""
    in_force: dict[str, dict[dt.date, int]] = defaultdict(dict)
    uncertain: dict[dt.date, int] = {}
    for g in groups:
        start = Interval(g["start_not_before"], g["start_not_after"])
        end_na = g["end_not_after"]
        end = Interval(g["end_not_before"], end_na) if end_na is not None else None
        n = g["n"]
        category = in_force[g["actor__category"]]
        for day, before, now in endorsement_changes(start, end):
            # Leaving one count and entering another on the same day.
            if before == IN:
                category[day] = category.get(day, 0) - n
            elif before == UNSURE:
                uncertain[day] = uncertain.get(day, 0) - n
            if now == IN:
                category[day] = category.get(day, 0) + n
            elif now == UNSURE:
                uncertain[day] = uncertain.get(day, 0) + n
    return Timeline(
        in_force={name: Steps.from_deltas(deltas) for name, deltas in in_force.items()},
        uncertain=Steps.from_deltas(uncertain),
    )


#: agreement pk -> (registry version, timeline): this process's copy, so a request does not
#: unpickle thousands of steps from the cache each time.
_in_process: dict[int, tuple[int, Timeline]] = {}
memos.register(_in_process.clear)


def timeline(agreement: Agreement) -> Timeline:
    version = registry_version()
    held = _in_process.get(agreement.pk)
    if held is not None and held[0] == version:
        return held[1]
    built = cached(f"timeline:{agreement.pk}", lambda: build_timeline(agreement))
    _in_process[agreement.pk] = (version, built)
    return built


def counts(agreement: Agreement, as_of: dt.date) -> dict[str, Any]:
    """Exactly `queries.counts(agreement, as_of)`, from the cached timeline."""
    steps = timeline(agreement)
    by_category = {category: 0 for category in agreement.categories}
    for category, category_steps in steps.in_force.items():
        if n := category_steps.at(as_of):
            by_category[category] = n
    return {
        "agreement": agreement.slug,
        "as_of": as_of.isoformat(),
        "total": sum(by_category.values()),
        "uncertain": steps.uncertain.at(as_of),
        "by_category": by_category,
    }
