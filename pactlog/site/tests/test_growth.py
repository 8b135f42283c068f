"""The growth series uses the registry's own in-force rules at every month end."""

from __future__ import annotations

import datetime as dt

import pytest

from pactlog.registry import queries
from pactlog.registry.dates import Interval
from pactlog.site.growth import growth_series, month_ends
from pactlog.site.tests import factories


def test_month_ends_run_to_the_last_day_given():
    assert month_ends(dt.date(2020, 11, 5), dt.date(2021, 2, 10)) == [
        dt.date(2020, 11, 30), dt.date(2020, 12, 31), dt.date(2021, 1, 31), dt.date(2021, 2, 10),
    ]  # fmt: skip
    assert month_ends(dt.date(2020, 1, 31), dt.date(2020, 1, 31)) == [dt.date(2020, 1, 31)]


@pytest.mark.django_db
def test_uncertain_band_until_dates_are_certain():
    target = factories.agreement()
    factories.endorse(
        target, factories.organisations(["Alpha", "Beta"]), Interval(None, dt.date(2020, 3, 31))
    )
    series = {p["date"]: p for p in growth_series(target, dt.date(2020, 4, 15))}
    assert series["2020-02-29"]["total"] == 0
    assert series["2020-02-29"]["uncertain"] == 2
    assert series["2020-03-31"]["by_category"]["civil-society"] == 2
    assert series["2020-04-15"]["total"] == queries.counts(target, dt.date(2020, 4, 15))["total"]
