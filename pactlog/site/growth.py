"""The growth chart's series: supporters in force by category, and the uncertain band, over time.

One point per month end, each read from the agreement's cached timeline (`registry.timeline`,
two binary searches a point), so a long series costs microseconds, not a scan per month. The
series starts at the agreement's launch; without one, at its earliest start date but never more
than `MAX_YEARS` before the last point: one implausible imported date cannot make every home
page long and slow.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Min

from pactlog.registry import timeline
from pactlog.registry.dates import EARLIEST
from pactlog.registry.models import Agreement
from pactlog.registry.queries import endorsements_of

#: The longest series drawn (in years before its last point).
MAX_YEARS = 30


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


def series_start(agreement: Agreement, until: dt.date) -> dt.date:
    """The launch, else the earliest start in the data, bounded to MAX_YEARS before `until`."""
    first = agreement.launched_on
    if first is None:
        bounds = endorsements_of(agreement).aggregate(
            before=Min("start_not_before"), after=Min("start_not_after")
        )
        known = [d for d in bounds.values() if d is not None]
        first = min(known) if known else until
    floor = max(EARLIEST, dt.date(max(until.year - MAX_YEARS, 1), 1, 1))
    return min(max(first, floor), until)


def growth_series(agreement: Agreement, until: dt.date) -> list[dict[str, Any]]:
    """One point per month end: `{"date", "total", "uncertain", "by_category": {c: n}}`."""
    series = []
    for day in month_ends(series_start(agreement, until), until):
        counts = timeline.counts(agreement, day)
        series.append(
            {
                "date": day.isoformat(),
                "total": counts["total"],
                "uncertain": counts["uncertain"],
                "by_category": counts["by_category"],
            }
        )
    return series
