"""The growth chart's series: supporters in force by category, and the uncertain band, over time.

One query loads every endorsement's dates; the in-force and uncertain rules are the registry's
own Python predicates (`pactlog.registry.dates`), evaluated at each month end.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pactlog.registry.dates import Interval, is_in_force, is_uncertain
from pactlog.registry.models import Agreement
from pactlog.registry.queries import endorsements_of


def month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    """The last day of every month from `first`'s to `last`'s, then `last` itself."""
    days: list[dt.date] = []
    year, month = first.year, first.month
    while True:
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        end = following - dt.timedelta(days=1)
        if end >= last:
            break
        days.append(end)
        year, month = following.year, following.month
    days.append(last)
    return days


def growth_series(agreement: Agreement, until: dt.date) -> list[dict[str, Any]]:
    """One point per month end: `{"date", "total", "uncertain", "by_category": {c: n}}`."""
    rows = [
        (category, Interval(sb, sa), Interval(eb, ea) if ea else None)
        for category, sb, sa, eb, ea in endorsements_of(agreement).values_list(
            "actor__category", "start_not_before", "start_not_after",
            "end_not_before", "end_not_after",
        )
    ]  # fmt: skip
    starts = [d for _, start, _ in rows for d in (start.not_before, start.not_after) if d]
    first = min([*starts, agreement.launched_on or until, until])
    series = []
    for day in month_ends(first, until):
        by_category = {category: 0 for category in agreement.categories}
        unsure = 0
        for category, start, end in rows:
            if is_in_force(start, end, day):
                by_category[category] = by_category.get(category, 0) + 1
            elif is_uncertain(start, end, day):
                unsure += 1
        series.append(
            {
                "date": day.isoformat(),
                "total": sum(by_category.values()),
                "uncertain": unsure,
                "by_category": by_category,
            }
        )
    return series
