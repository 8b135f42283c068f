"""Verdicts on published claims, from interval dates alone: no database, no Django.

A count as of a day is a range, [certain .. certain + uncertain], under the one definition of
"in force" and "uncertain" (`verifier.intervals`, re-exported by `registry.dates`): the steps
come from `verifier.counting`, the counting engine `registry.timeline` uses too, which calls
those predicates and never restates them. A claim is `consistent` when every count in the range
satisfies it, `inconsistent` when none does, `undetermined` when the range straddles it.

Each endorsement's state can only change on one of its own bounds (every rule compares the
day with a bound), so a count is a step function built from four predicate calls per
endorsement. The nearest days on which a claim held are then found exactly by walking the
steps, not by sampling days.

Pure Python 3.9: the application (`pactlog.claims`) and the stand-alone verifier, which
recomputes every served verdict from the replayed log (`verifier.claimcheck`), run this code.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from pactlog.verifier.counting import IN, OUT, UNSURE, changes
from pactlog.verifier.counting import bounds as counting_bounds
from pactlog.verifier.counting import status as counting_status
from pactlog.verifier.intervals import Interval

CONSISTENT = "consistent"
INCONSISTENT = "inconsistent"
UNDETERMINED = "undetermined"
VERDICTS = (CONSISTENT, INCONSISTENT, UNDETERMINED)

IN_FORCE = "in-force"
EVER = "ever"
COUNTINGS = (IN_FORCE, EVER)

TOTAL = "total"
#: The registry's categories: `registry.vocabulary.Category`'s values (a test checks they agree),
#: as plain words, since the verifier has no Django.
CATEGORIES = (
    "state",
    "public-authority",
    "civil-society",
    "private-sector",
    "international-organization",
)
OPS = ("=", ">=", ">", "<=", "<", "about")
#: Largest number a claim may state: far beyond any call, small enough to stay exact.
MAX_VALUE = 10**9


@dataclass(frozen=True)
class Life:
    """One endorsement as the engine sees it: its dates and who endorsed (public fields)."""

    start: Interval
    end: Interval | None
    category: str
    country: str = ""


@dataclass(frozen=True)
class Window:
    """A group membership: a member on D when since <= D < until (None: open)."""

    since: dt.date | None
    until: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return (self.since is None or self.since <= day) and (
            self.until is None or day < self.until
        )


@dataclass(frozen=True)
class Definition:
    """What is counted: a quantity (`total`, a category, or `group:<slug>` for the states of
    a group) under a counting (`in-force` on the day, or `ever` endorsed by the day)."""

    quantity: str
    counting: str = IN_FORCE

    def as_json(self) -> dict[str, str]:
        return {"quantity": self.quantity, "counting": self.counting}


def _end(life: Life, counting: str) -> Interval | None:
    """`ever` ignores the end: endorsed at some point by the day."""
    return None if counting == EVER else life.end


def status(life: Life, day: dt.date, counting: str = IN_FORCE) -> str:
    """`in`, `unsure` or `out` on `day` (`verifier.counting`, from `verifier.intervals`)."""
    return counting_status(life.start, _end(life, counting), day)


def _bounds(life: Life, counting: str) -> set[dt.date]:
    return counting_bounds(life.start, _end(life, counting))


def _window_bounds(windows: Iterable[Window]) -> set[dt.date]:
    return {d for w in windows for d in (w.since, w.until) if d is not None}


@dataclass(frozen=True)
class Range:
    """How many, as of a day: `certain` in force, up to `certain + uncertain`."""

    certain: int
    uncertain: int

    @property
    def low(self) -> int:
        return self.certain

    @property
    def high(self) -> int:
        return self.certain + self.uncertain

    def as_json(self) -> dict[str, int]:
        return {"low": self.low, "high": self.high, "uncertain": self.uncertain}


@dataclass(frozen=True)
class Series:
    """A count as a step function: from `days[i]` until the next day it is `ranges[i]`."""

    days: tuple[dt.date, ...]
    ranges: tuple[Range, ...]

    def at(self, day: dt.date) -> Range:
        return self.ranges[bisect_right(self.days, day) - 1]


def series(
    lives: Iterable[Life],
    definition: Definition,
    groups: Mapping[str, Mapping[str, Sequence[Window]]] | None = None,
) -> Series:
    """The count under `definition` on every day, as steps."""
    selected, windows = select(lives, definition, groups)
    deltas: dict[dt.date, list[int]] = {dt.date.min: [0, 0]}
    for life in selected:
        own = windows.get(life.country, ()) if windows is not None else ()

        def state_on(day: dt.date, life: Life = life, own: Sequence[Window] = own) -> str:
            if windows is not None and not any(w.covers(day) for w in own):
                return OUT  # not a member that day: not counted, whatever its endorsement
            return status(life, day, definition.counting)

        own_days = _bounds(life, definition.counting) | _window_bounds(own)
        for day, before, now in changes(own_days, state_on):
            for state, sign in ((before, -1), (now, 1)):
                if state != OUT:
                    deltas.setdefault(day, [0, 0])[0 if state == IN else 1] += sign
    days = tuple(sorted(deltas))
    ranges: list[Range] = []
    certain = unsure = 0
    for day in days:
        certain += deltas[day][0]
        unsure += deltas[day][1]
        ranges.append(Range(certain, unsure))
    return Series(days, tuple(ranges))


def select(
    lives: Iterable[Life],
    definition: Definition,
    groups: Mapping[str, Mapping[str, Sequence[Window]]] | None = None,
) -> tuple[list[Life], Mapping[str, Sequence[Window]] | None]:
    """The endorsements a quantity counts, and the membership windows that also gate them."""
    quantity = definition.quantity
    if quantity == TOTAL:
        return list(lives), None
    if quantity.startswith("group:"):
        slug = quantity.removeprefix("group:")
        if groups is None or slug not in groups:
            raise ClaimError(f"unknown group {slug!r}")
        windows = groups[slug]
        return [x for x in lives if x.category == "state" and x.country in windows], windows
    return [x for x in lives if x.category == quantity], None


class ClaimError(ValueError):
    """A claim the engine cannot check as stated; the message says what to fix."""


@dataclass(frozen=True)
class Comparison:
    """`op value` (with a tolerance in percent for `about`): which counts it accepts."""

    op: str
    value: int
    tolerance_percent: Fraction | None = None

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise ClaimError(f"op must be one of {', '.join(OPS)}, not {self.op!r}")
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise ClaimError("value must be a whole number")
        if not 0 <= self.value <= MAX_VALUE:
            raise ClaimError(f"value must be between 0 and {MAX_VALUE}")
        if self.op == "about":
            t = self.tolerance_percent
            if t is None or not 0 <= t <= 100:
                raise ClaimError("an 'about' claim needs tolerance_percent between 0 and 100")
        elif self.tolerance_percent is not None:
            raise ClaimError("tolerance_percent only goes with op 'about'")

    def accepted(self) -> tuple[int, int | None]:
        """The counts that satisfy the claim: [low, high], high None for no limit (may be empty)."""
        v = self.value
        if self.op == "=":
            return v, v
        if self.op == ">=":
            return v, None
        if self.op == ">":
            return v + 1, None
        if self.op == "<=":
            return 0, v
        if self.op == "<":
            return 0, v - 1
        assert self.tolerance_percent is not None
        margin = Fraction(v) * self.tolerance_percent / 100
        return max(0, math.ceil(v - margin)), math.floor(v + margin)

    def holds(self, n: int) -> bool:
        low, high = self.accepted()
        return low <= n and (high is None or n <= high)

    def judge(self, r: Range) -> str:
        low, high = self.accepted()
        if high is not None and high < low:
            return INCONSISTENT
        if r.high < low or (high is not None and r.low > high):
            return INCONSISTENT
        if r.low >= low and (high is None or r.high <= high):
            return CONSISTENT
        return UNDETERMINED

    def as_json(self) -> dict[str, Any]:
        low, high = self.accepted()
        out: dict[str, Any] = {"op": self.op, "value": self.value, "accepted": [low, high]}
        if self.tolerance_percent is not None:
            out["tolerance_percent"] = float(self.tolerance_percent)
        return out


def combine(verdicts: Iterable[str]) -> str:
    """All parts consistent: consistent; any inconsistent: inconsistent; else undetermined."""
    found = set(verdicts)
    if INCONSISTENT in found:
        return INCONSISTENT
    if found <= {CONSISTENT}:
        return CONSISTENT
    return UNDETERMINED


@dataclass(frozen=True)
class Nearest:
    """The closest days before and after the claim's day on which a verdict was reached."""

    before: dt.date | None
    after: dt.date | None

    def as_json(self) -> dict[str, str | None]:
        return {
            "before": self.before.isoformat() if self.before else None,
            "after": self.after.isoformat() if self.after else None,
        }


def nearest(
    starts: Sequence[dt.date], judge: Callable[[dt.date], str], day: dt.date, wanted: set[str]
) -> Nearest:
    """Exact nearest days (other than `day`) whose verdict is in `wanted`.

    `starts` are the days a verdict can change (sorted, beginning with date.min): the verdict
    is constant from one start until the day before the next.
    """
    i = bisect_right(starts, day) - 1
    after = None
    if day < dt.date.max:
        nxt = day + dt.timedelta(days=1)
        if judge(nxt) in wanted:
            after = nxt
        else:
            for s in starts[i + 1 :]:
                if s > nxt and judge(s) in wanted:
                    after = s
                    break
    before = None
    if day > dt.date.min:
        prev = day - dt.timedelta(days=1)
        if judge(prev) in wanted:
            before = prev
        else:
            j = bisect_right(starts, prev) - 1
            for k in range(j - 1, -1, -1):
                if judge(starts[k]) in wanted:
                    before = starts[k + 1] - dt.timedelta(days=1)
                    break
    return Nearest(before, after)


@dataclass(frozen=True)
class Verdict:
    """The computed answer to one claim, with everything needed to explain it."""

    verdict: str
    kind: str
    as_of: dt.date
    reason: str
    definition: Definition | None = None
    range: Range | None = None
    comparison: Comparison | None = None
    parts: tuple[dict[str, Any], ...] = ()
    #: when inconsistent: the nearest days it held for certain, and could have held.
    held: Nearest | None = None
    possible: Nearest | None = None
    alternatives: tuple[dict[str, Any], ...] = ()
    recorded: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "kind": self.kind,
            "as_of": self.as_of.isoformat(),
            "reason": self.reason,
            "definition": self.definition.as_json() if self.definition else None,
            "range": self.range.as_json() if self.range else None,
            "comparison": self.comparison.as_json() if self.comparison else None,
            "parts": list(self.parts),
            "held": self.held.as_json() if self.held else None,
            "possible": self.possible.as_json() if self.possible else None,
            "alternatives": list(self.alternatives),
            "recorded": self.recorded,
            **self.extra,
        }


def alternative_definitions(definition: Definition) -> list[Definition]:
    """The other readings a journalist may have meant: all categories vs states only, and
    endorsements ever made vs in force on the day."""
    other_counting = EVER if definition.counting == IN_FORCE else IN_FORCE
    quantity = "state" if definition.quantity == TOTAL else TOTAL
    return [
        replace(definition, counting=other_counting),
        replace(definition, quantity=quantity),
        Definition(quantity, other_counting),
    ]


def check_count(
    lives: Sequence[Life],
    definition: Definition,
    comparison: Comparison,
    as_of: dt.date,
    groups: Mapping[str, Mapping[str, Sequence[Window]]] | None = None,
    steps_of: Callable[[Definition], Series] | None = None,
) -> Verdict:
    """A claimed number against the count's range on the day, with nearest days and other
    definitions when it does not fit. `steps_of` may supply (cached) series."""

    def count(d: Definition) -> Series:
        return steps_of(d) if steps_of is not None else series(lives, d, groups)

    steps = count(definition)
    found = steps.at(as_of)
    verdict = comparison.judge(found)
    reason = {CONSISTENT: "range-within", INCONSISTENT: "range-outside"}.get(
        verdict, "range-straddles"
    )
    held = possible = None
    alternatives: list[dict[str, Any]] = []
    if verdict == INCONSISTENT:

        def judge(day: dt.date) -> str:
            return comparison.judge(steps.at(day))

        held = nearest(steps.days, judge, as_of, {CONSISTENT})
        possible = nearest(steps.days, judge, as_of, {CONSISTENT, UNDETERMINED})
        for other in alternative_definitions(definition):
            other_range = count(other).at(as_of)
            alternatives.append(
                {
                    "definition": other.as_json(),
                    "range": other_range.as_json(),
                    "verdict": comparison.judge(other_range),
                }
            )
    return Verdict(
        verdict=verdict,
        kind="count",
        as_of=as_of,
        reason=reason,
        definition=definition,
        range=found,
        comparison=comparison,
        held=held,
        possible=possible,
        alternatives=tuple(alternatives),
    )


def state_statuses(lives: Iterable[Life], day: dt.date) -> dict[str, str]:
    """Each state's best status on `day` (a state may have several endorsements)."""
    rank = {OUT: 0, UNSURE: 1, IN: 2}
    found: dict[str, str] = {}
    for life in lives:
        if life.category != "state" or not life.country:
            continue
        now = status(life, day)
        if rank[now] > rank[found.get(life.country, OUT)]:
            found[life.country] = now
    return found


PART_VERDICT_ABSENT = {OUT: CONSISTENT, IN: INCONSISTENT, UNSURE: UNDETERMINED}
PART_VERDICT_PRESENT = {IN: CONSISTENT, OUT: INCONSISTENT, UNSURE: UNDETERMINED}


def _membership_parts(
    lives: Sequence[Life],
    day: dt.date,
    absent: Sequence[str],
    present: Iterable[str],
    members: set[str] | None,
) -> list[dict[str, Any]]:
    statuses = state_statuses(lives, day)
    parts = []
    for country in absent:
        st = statuses.get(country, OUT)
        part = {"country": country, "claimed": "absent", "status": st}
        if members is not None and country not in members:
            part.update(verdict=INCONSISTENT, status="not-member")
        else:
            part["verdict"] = PART_VERDICT_ABSENT[st]
        parts.append(part)
    for country in sorted(set(present) - set(absent)):
        st = statuses.get(country, OUT)
        parts.append(
            {"country": country, "claimed": "endorsed", "status": st,
             "verdict": PART_VERDICT_PRESENT[st]}
        )  # fmt: skip
    return parts


def _membership_verdict(
    kind: str,
    lives: Sequence[Life],
    as_of: dt.date,
    parts_on: Callable[[dt.date], list[dict[str, Any]]],
    starts: Sequence[dt.date],
    extra: dict[str, Any],
) -> Verdict:
    parts = parts_on(as_of)
    verdict = combine(p["verdict"] for p in parts)
    held = possible = None
    if verdict == INCONSISTENT:

        def judge(day: dt.date) -> str:
            return combine(p["verdict"] for p in parts_on(day))

        held = nearest(starts, judge, as_of, {CONSISTENT})
        possible = nearest(starts, judge, as_of, {CONSISTENT, UNDETERMINED})
    reason = {CONSISTENT: "members-fit", INCONSISTENT: "members-contradict"}.get(
        verdict, "members-uncertain"
    )
    return Verdict(
        verdict=verdict,
        kind=kind,
        as_of=as_of,
        reason=reason,
        parts=tuple(parts),
        held=held,
        possible=possible,
        extra=extra,
    )


def _starts(lives: Iterable[Life], windows: Iterable[Window] = ()) -> list[dt.date]:
    days = {dt.date.min} | _window_bounds(windows)
    for life in lives:
        days |= _bounds(life, IN_FORCE)
    return sorted(days)


def check_group_missing(
    lives: Sequence[Life],
    group: str,
    windows: Mapping[str, Sequence[Window]],
    missing: Sequence[str],
    as_of: dt.date,
) -> Verdict:
    """'Of GROUP, only MISSING have not endorsed': every other member endorsed, these not."""
    involved = [x for x in lives if x.category == "state" and x.country in windows]

    def parts_on(day: dt.date) -> list[dict[str, Any]]:
        members = {c for c, ws in windows.items() if any(w.covers(day) for w in ws)}
        return _membership_parts(involved, day, missing, members, members)

    every = [w for ws in windows.values() for w in ws]
    return _membership_verdict(
        "group-missing", lives, as_of, parts_on, _starts(involved, every), {"group": group}
    )


def check_states_absent(lives: Sequence[Life], states: Sequence[str], as_of: dt.date) -> Verdict:
    """'These states have not endorsed' on the day."""
    involved = [x for x in lives if x.category == "state" and x.country in set(states)]

    def parts_on(day: dt.date) -> list[dict[str, Any]]:
        return _membership_parts(involved, day, states, (), None)

    return _membership_verdict("states-absent", lives, as_of, parts_on, _starts(involved), {})


def check_launch_date(claimed: dt.date, launched_on: dt.date | None, as_of: dt.date) -> Verdict:
    """A claimed launch day against the one the agreement records."""
    recorded = launched_on.isoformat() if launched_on else None
    if launched_on is None:
        return Verdict(UNDETERMINED, "launch-date", as_of, "launch-unknown", recorded=recorded)
    if claimed == launched_on:
        return Verdict(CONSISTENT, "launch-date", as_of, "launch-matches", recorded=recorded)
    return Verdict(INCONSISTENT, "launch-date", as_of, "launch-differs", recorded=recorded)
