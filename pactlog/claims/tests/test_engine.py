"""The verdict engine against brute force: counts day by day from docs/spec.md §2's rules."""

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pactlog.claims import engine
from pactlog.claims.engine import (
    CONSISTENT,
    EVER,
    IN_FORCE,
    INCONSISTENT,
    UNDETERMINED,
    ClaimError,
    Comparison,
    Definition,
    Life,
    Range,
    Window,
)
from pactlog.registry.dates import Interval, is_in_force, is_uncertain

D = dt.date
BASE = D(2020, 1, 1)
SPAN = 40  # days of the random world


def day(n: int) -> dt.date:
    return BASE + dt.timedelta(days=n)


@st.composite
def lives(draw):
    start_na = draw(st.integers(0, SPAN))
    start_nb = draw(st.one_of(st.none(), st.integers(0, start_na)))
    start = Interval(None if start_nb is None else day(start_nb), day(start_na))
    end = None
    if draw(st.booleans()):
        end_na = draw(st.integers(start_na, SPAN + 5))
        end_nb = draw(st.one_of(st.none(), st.integers(0, end_na)))
        end = Interval(None if end_nb is None else day(end_nb), day(end_na))
    category = draw(st.sampled_from(["state", "private-sector", "civil-society"]))
    country = draw(st.sampled_from(["FRA", "DEU", "USA", "GBR"])) if category == "state" else ""
    return Life(start, end, category, country)


comparisons = st.builds(
    Comparison,
    op=st.sampled_from(["=", ">=", ">", "<=", "<"]),
    value=st.integers(0, 12),
) | st.builds(
    Comparison,
    op=st.just("about"),
    value=st.integers(0, 12),
    tolerance_percent=st.fractions(0, 100, max_denominator=20),
)


def brute_range(population, definition, d, windows=None):
    """Counted straight from `is_in_force` / `is_uncertain`, one endorsement at a time."""
    certain = unsure = 0
    for life in population:
        if definition.quantity.startswith("group:"):
            if life.category != "state" or not any(
                w.covers(d) for w in windows.get(life.country, ())
            ):
                continue
        elif definition.quantity != "total" and life.category != definition.quantity:
            continue
        end = None if definition.counting == EVER else life.end
        if is_in_force(life.start, end, d):
            certain += 1
        elif is_uncertain(life.start, end, d):
            unsure += 1
    return Range(certain, unsure)


def held(found: engine.Verdict) -> engine.Nearest:
    assert found.held is not None
    return found.held


def possible(found: engine.Verdict) -> engine.Nearest:
    assert found.possible is not None
    return found.possible


def brute_verdict(comparison, r):
    possible = [n for n in range(r.low, r.high + 1) if comparison.holds(n)]
    if not possible:
        return INCONSISTENT
    if len(possible) == r.high - r.low + 1:
        return CONSISTENT
    return UNDETERMINED


definitions = st.builds(
    Definition,
    quantity=st.sampled_from(["total", "state", "private-sector", "group:g"]),
    counting=st.sampled_from([IN_FORCE, EVER]),
)
GROUPS = {"g": {"FRA": [Window(None, day(10))], "USA": [Window(day(20), None)], "GBR": []}}


@settings(max_examples=150, deadline=None)
@given(st.lists(lives(), max_size=12), definitions)
def test_series_matches_brute_force_every_day(population, definition):
    steps = engine.series(population, definition, GROUPS)
    for n in range(-3, SPAN + 8):
        d = day(n)
        assert steps.at(d) == brute_range(population, definition, d, GROUPS["g"]), d


@settings(max_examples=150, deadline=None)
@given(st.lists(lives(), max_size=10), comparisons, st.integers(0, SPAN))
def test_verdict_and_nearest_days_match_a_day_by_day_scan(population, comparison, n):
    definition = Definition("total")
    as_of = day(n)
    found = engine.check_count(population, definition, comparison, as_of)
    r = brute_range(population, definition, as_of)
    assert found.range == r
    assert found.verdict == brute_verdict(comparison, r)
    if found.verdict != INCONSISTENT:
        assert found.held is None
        return
    # Outside the scanned window the count is constant (no bounds there), so the scan's
    # answer within [-60, SPAN+60] is the exact one when it exists there.
    scan = [(day(k), brute_verdict(comparison, brute_range(population, definition, day(k))))
            for k in range(-60, SPAN + 60)]  # fmt: skip
    held_after = [d for d, v in scan if d > as_of and v == CONSISTENT]
    held_before = [d for d, v in scan if d < as_of and v == CONSISTENT]
    maybe_after = [d for d, v in scan if d > as_of and v != INCONSISTENT]
    maybe_before = [d for d, v in scan if d < as_of and v != INCONSISTENT]
    assert held(found).after == (held_after[0] if held_after else None)
    assert possible(found).after == (maybe_after[0] if maybe_after else None)
    # Before the first bound the count is that of date.min: the scan's first day stands for
    # every earlier day, so a hit there means "the day before the next change".
    assert (held(found).before is None) == (not held_before)
    if held_before and held_before[-1] > day(-60):
        assert held(found).before == held_before[-1]
    if maybe_before and maybe_before[-1] > day(-60):
        assert possible(found).before == maybe_before[-1]


@settings(max_examples=100, deadline=None)
@given(st.lists(lives(), max_size=10), st.integers(0, SPAN))
def test_group_missing_parts_match_the_predicates(population, n):
    as_of = day(n)
    verdict = engine.check_group_missing(population, "g", GROUPS["g"], ["USA"], as_of)
    members = {c for c, ws in GROUPS["g"].items() if any(w.covers(as_of) for w in ws)}
    for part in verdict.parts:
        country = part["country"]
        states = [
            ("in" if is_in_force(x.start, x.end, as_of)
             else "unsure" if is_uncertain(x.start, x.end, as_of) else "out")
            for x in population if x.category == "state" and x.country == country
        ]  # fmt: skip
        best = "in" if "in" in states else "unsure" if "unsure" in states else "out"
        if country == "USA" and country not in members:
            assert part["verdict"] == INCONSISTENT
            continue
        assert part["status"] == best
        want = {"in": "endorsed", "out": "absent"}
        if best == "unsure":
            assert part["verdict"] == UNDETERMINED
        else:
            assert (part["verdict"] == CONSISTENT) == (want[best] == part["claimed"])
    assert {p["country"] for p in verdict.parts} == members | {"USA"}


# --- edges ----------------------------------------------------------------------------------

TUE, WED = D(2018, 11, 13), D(2018, 11, 14)


def test_certain_only_the_day_after_is_uncertain_on_the_day():
    # Known to exist by Wednesday, possibly since Monday: on Tuesday it may or may not count.
    life = Life(Interval(D(2018, 11, 12), WED), None, "state", "FRA")
    for op, value, on_tue, on_wed in [
        ("=", 1, UNDETERMINED, CONSISTENT),
        (">=", 1, UNDETERMINED, CONSISTENT),
        (">", 0, UNDETERMINED, CONSISTENT),
        ("<=", 0, UNDETERMINED, INCONSISTENT),
        ("<", 1, UNDETERMINED, INCONSISTENT),
        ("=", 2, INCONSISTENT, INCONSISTENT),
    ]:
        c = Comparison(op, value)
        assert engine.check_count([life], Definition("total"), c, TUE).verdict == on_tue, op
        assert engine.check_count([life], Definition("total"), c, WED).verdict == on_wed, op


def test_a_known_day_is_certain_on_that_day_and_not_before():
    life = Life(Interval.day(WED), None, "state", "FRA")
    c = Comparison("=", 1)
    assert engine.check_count([life], Definition("state"), c, TUE).verdict == INCONSISTENT
    found = engine.check_count([life], Definition("state"), c, TUE)
    assert held(found).after == WED and held(found).before is None


def test_inconsistent_claim_says_when_it_held_and_which_definition_fits():
    # 3 states and 2 companies from Wednesday; one state withdrew on a known Friday.
    lives = [Life(Interval.day(WED), None, "state", c) for c in ("FRA", "DEU")] + [
        Life(Interval.day(WED), Interval.day(D(2018, 11, 16)), "state", "ITA"),
        Life(Interval.day(WED), None, "private-sector"),
        Life(Interval.day(WED), None, "private-sector"),
    ]
    found = engine.check_count(lives, Definition("state"), Comparison("=", 3), D(2018, 11, 20))
    assert found.verdict == INCONSISTENT and found.range == Range(2, 0)
    assert held(found).before == D(2018, 11, 15) and held(found).after is None
    fits = {(a["definition"]["quantity"], a["definition"]["counting"]): a["verdict"]
            for a in found.alternatives}  # fmt: skip
    assert fits[("state", EVER)] == CONSISTENT
    assert fits[("total", IN_FORCE)] == INCONSISTENT


def test_about_uses_an_exact_tolerance():
    c = Comparison("about", 130, Fraction(5))
    assert c.accepted() == (124, 136)  # 123.5 .. 136.5, whole numbers inside
    assert Comparison("about", 3, Fraction(10)).accepted() == (3, 3)
    assert Comparison("<", 0).judge(Range(0, 0)) == INCONSISTENT


@pytest.mark.parametrize(
    "args, message",
    [
        (("~", 1), "op must be"),
        (("=", -1), "between 0"),
        (("=", 10**12), "between 0"),
        (("=", True), "whole number"),
        (("about", 1), "tolerance_percent"),
        (("=", 1, Fraction(5)), "only goes with"),
        (("about", 1, Fraction(101)), "tolerance_percent"),
    ],
)
def test_bad_comparisons_say_what_to_fix(args, message):
    with pytest.raises(ClaimError, match=message):
        Comparison(*args)


def test_states_absent_and_launch_date():
    lives = [Life(Interval(None, D(2019, 12, 31)), None, "state", "AUS")]
    found = engine.check_states_absent(lives, ["USA", "AUS"], D(2018, 11, 12))
    parts = {p["country"]: p["verdict"] for p in found.parts}
    assert parts == {"USA": CONSISTENT, "AUS": UNDETERMINED}
    assert found.verdict == UNDETERMINED
    assert engine.check_states_absent(lives, ["AUS"], D(2020, 1, 1)).verdict == INCONSISTENT
    no = engine.check_launch_date(D(2018, 11, 13), D(2018, 11, 12), D(2018, 12, 3))
    assert (no.verdict, no.recorded) == (INCONSISTENT, "2018-11-12")
    assert engine.check_launch_date(TUE, TUE, TUE).verdict == CONSISTENT
    assert engine.check_launch_date(TUE, None, TUE).verdict == UNDETERMINED


def test_group_missing_says_when_it_held():
    windows = {"FRA": [Window(None, None)], "USA": [Window(None, None)]}
    lives = [Life(Interval.day(WED), None, "state", "FRA"),
             Life(Interval.day(D(2018, 12, 1)), None, "state", "USA")]  # fmt: skip
    found = engine.check_group_missing(lives, "g", windows, ["USA"], D(2018, 12, 5))
    assert found.verdict == INCONSISTENT
    assert held(found).before == D(2018, 11, 30) and held(found).after is None
    assert engine.check_group_missing(lives, "g", windows, ["USA"], WED).verdict == CONSISTENT
    assert engine.check_group_missing(lives, "g", windows, ["ITA"], WED).verdict == INCONSISTENT
