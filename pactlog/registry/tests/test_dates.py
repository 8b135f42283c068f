import datetime as dt
import itertools

import pytest

from pactlog.registry import services
from pactlog.registry.dates import (
    DateError,
    Interval,
    in_force_q,
    is_in_force,
    is_uncertain,
    parse_date,
    uncertain_q,
)
from pactlog.registry.models import Endorsement
from pactlog.registry.services import ActorSpec

D = dt.date


def test_parse_date_accepts_iso_days_only():
    assert parse_date("2020-12-31") == D(2020, 12, 31)
    for bad in ["2020-13-01", "31/12/2020", "2020-1-1", "", "20201231", "2020-12-31T00:00"]:
        with pytest.raises(DateError, match="YYYY-MM-DD"):
            parse_date(bad)


def test_interval_rejects_reversed_bounds():
    with pytest.raises(ValueError):
        Interval(D(2020, 2, 1), D(2020, 1, 1))
    assert Interval.day(D(2020, 1, 1)).is_exact


def test_known_day_in_force_from_that_day():
    start = Interval.day(D(2019, 11, 19))
    assert not is_in_force(start, None, D(2019, 11, 18))
    assert is_in_force(start, None, D(2019, 11, 19))
    assert not is_uncertain(start, None, D(2019, 11, 18))


def test_snapshot_window_is_uncertain_inside_and_certain_after():
    start = Interval(D(2020, 1, 1), D(2020, 12, 31))
    assert not is_uncertain(start, None, D(2019, 12, 31))
    assert is_uncertain(start, None, D(2020, 1, 1))
    assert is_uncertain(start, None, D(2020, 12, 30))
    assert is_in_force(start, None, D(2020, 12, 31))


def test_unknown_beginning_is_uncertain_until_known():
    start = Interval(None, D(2019, 12, 31))
    assert is_uncertain(start, None, D(1990, 1, 1))
    assert is_in_force(start, None, D(2019, 12, 31))


def test_removal_window():
    start = Interval(None, D(2019, 12, 31))
    end = Interval(D(2020, 1, 1), D(2020, 12, 31))
    assert is_in_force(start, end, D(2019, 12, 31))
    assert is_uncertain(start, end, D(2020, 6, 1))
    assert not is_in_force(start, end, D(2020, 6, 1))
    assert not is_uncertain(start, end, D(2020, 12, 31))
    assert not is_in_force(start, end, D(2020, 12, 31))


DAYS = [D(2020, 1, 1) + dt.timedelta(days=n) for n in range(0, 8)]


def _intervals():
    for a, b in itertools.combinations_with_replacement(DAYS[1:7], 2):
        yield Interval(a, b)
    yield Interval(None, DAYS[3])


@pytest.mark.django_db
def test_sql_rules_agree_with_python_rules(agreement):
    """Every combination of start and end intervals, on every day: the ORM and Python agree."""
    cases = []
    starts = list(_intervals())
    ends = [None, *_intervals()]
    for start, end in itertools.product(starts, ends):
        if end is not None and end.not_after < start.not_after:
            continue
        cases.append((start, end))
    actors = services.create_actors(
        [
            ActorSpec(kind="organisation", name=f"Org {i}", category="civil-society")
            for i in range(len(cases))
        ]
    )
    # Rows written directly: this test is about the date rules, not the service layer.
    rows = Endorsement.objects.bulk_create(
        Endorsement(
            agreement=agreement,
            actor=actors[i],
            status="active" if end is None else "removed",
            start_not_before=start.not_before,
            start_not_after=start.not_after,
            end_not_before=end.not_before if end else None,
            end_not_after=end.not_after if end else None,
        )
        for i, (start, end) in enumerate(cases)
    )
    by_pk = {row.pk: case for row, case in zip(rows, cases, strict=True)}
    for day in DAYS:
        sql_in = set(Endorsement.objects.filter(in_force_q(day)).values_list("pk", flat=True))
        sql_unc = set(Endorsement.objects.filter(uncertain_q(day)).values_list("pk", flat=True))
        py_in = {pk for pk, (s, e) in by_pk.items() if is_in_force(s, e, day)}
        py_unc = {pk for pk, (s, e) in by_pk.items() if is_uncertain(s, e, day)}
        assert sql_in == py_in, day
        assert sql_unc == py_unc, day
        assert not sql_in & sql_unc
