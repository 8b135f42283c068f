"""The cached step function behind `counts` gives exactly the query service's answers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pactlog.registry import queries, timeline
from pactlog.registry.dates import Interval, is_in_force, is_uncertain
from pactlog.registry.models import Endorsement

DAY0 = dt.date(2020, 1, 1)
days = st.integers(0, 40).map(lambda n: DAY0 + dt.timedelta(days=n))
maybe_days = st.none() | days


@st.composite
def endorsement_bounds(draw):
    """Interval bounds as the registry allows them: not_before <= not_after, ends optional."""
    start_na = draw(days)
    start_nb = draw(st.none() | days.filter(lambda d: d <= start_na))
    end_na = draw(st.none() | days)
    end_nb = None if end_na is None else draw(st.none() | days.filter(lambda d: d <= end_na))
    return {
        "actor__category": draw(st.sampled_from(["state", "civil-society"])),
        "start_not_before": start_nb,
        "start_not_after": start_na,
        "end_not_before": end_nb,
        "end_not_after": end_na,
        "n": draw(st.integers(1, 3)),
    }


@given(st.lists(endorsement_bounds(), max_size=12), days)
def test_steps_agree_with_the_python_rules_of_spec_section_2(rows, day):
    steps = timeline.timeline_of(rows)
    in_force: dict[str, int] = {}
    unsure = 0
    for r in rows:
        start = Interval(r["start_not_before"], r["start_not_after"])
        end = Interval(r["end_not_before"], r["end_not_after"]) if r["end_not_after"] else None
        if is_in_force(start, end, day):
            in_force[r["actor__category"]] = in_force.get(r["actor__category"], 0) + r["n"]
        unsure += r["n"] if is_uncertain(start, end, day) else 0
    for category in ("state", "civil-society"):
        got = steps.in_force[category].at(day) if category in steps.in_force else 0
        assert got == in_force.get(category, 0)
    assert steps.uncertain.at(day) == unsure


@pytest.mark.slow
def test_counts_equal_the_query_service_around_every_date_of_the_snapshot(paris_call):
    bounds = set()
    for field in ("start_not_before", "start_not_after", "end_not_before", "end_not_after"):
        bounds |= set(Endorsement.objects.exclude(**{field: None}).values_list(field, flat=True))
    checked = {d + dt.timedelta(days=k) for d in bounds for k in (-1, 0, 1)}
    checked |= {dt.date(2018, 1, 1), dt.date(2030, 1, 1)}
    for day in sorted(checked):
        assert timeline.counts(paris_call, day) == queries.counts(paris_call, day), day
    assert timeline.counts(paris_call, dt.date(2020, 12, 31))["total"] == 1170
