"""Counts as step functions, derived from the in-force and uncertain predicates
(`verifier.intervals`, which `registry.dates` re-exports) and never restating them.

Every rule of "in force" and "uncertain" compares the day with one of an endorsement's own
bounds, so its state (in, unsure, out) can only change on one of those days. Calling the
predicates there, and nowhere else, gives every day on which the endorsement enters or leaves
a count: the changes that `registry.timeline` (counts as of any date) and the claims engine
(`verifier.claims`: verdicts, with group memberships and the "ever" counting) both add up into
steps. Pure Python 3.9, no Django: the stand-alone verifier recomputes verdicts with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator

from pactlog.verifier.intervals import Interval, is_in_force, is_uncertain

IN, UNSURE, OUT = "in", "unsure", "out"
_FIRST = frozenset({dt.date.min})


def status(start: Interval, end: Interval | None, day: dt.date) -> str:
    """`in`, `unsure` or `out` on `day`, by the predicates of `verifier.intervals`."""
    if is_in_force(start, end, day):
        return IN
    if is_uncertain(start, end, day):
        return UNSURE
    return OUT


def bounds(start: Interval, end: Interval | None) -> set[dt.date]:
    """The days on which the endorsement's state may change: its own bounds."""
    days = {start.not_after}
    if start.not_before is not None:
        days.add(start.not_before)
    if end is not None:
        days.add(end.not_after)
        if end.not_before is not None:
            days.add(end.not_before)
    return days


def changes(
    days: Iterable[dt.date], state_on: Callable[[dt.date], str]
) -> Iterator[tuple[dt.date, str, str]]:
    """`(day, state before, state from that day)` wherever `state_on` changes among `days`;
    every endorsement is `out` before the first day there is."""
    before = OUT
    for day in sorted(set(days) | {dt.date.min}):
        now = state_on(day)
        if now != before:
            yield day, before, now
            before = now


def endorsement_changes(start: Interval, end: Interval | None) -> list[tuple[dt.date, str, str]]:
    """The changes of one endorsement's state, from the predicates at its bounds: `changes`
    with `status`, written out because `registry.timeline` calls it once per row of a million."""
    found = []
    before = OUT
    for day in sorted(bounds(start, end) | _FIRST):
        if is_in_force(start, end, day):
            now = IN
        elif is_uncertain(start, end, day):
            now = UNSURE
        else:
            now = OUT
        if now != before:
            found.append((day, before, now))
            before = now
    return found
