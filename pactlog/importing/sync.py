"""Bringing the registry in line with a source: a full snapshot (Jekyll) or a list of rows (CSV).

A snapshot is the whole list as it stood on a date, so what it lacks has left; a CSV only adds
and corrects. Identity across snapshots follows docs/spec.md §4: the source key first, then a
vanished key is paired with a new one when they are plainly the same actor renamed.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from pactlog.importing.plan import NewActor, Plan
from pactlog.importing.records import Record
from pactlog.importing.report import Problems, Report
from pactlog.registry.dates import EARLIEST, Interval, today
from pactlog.registry.models import Actor, Agreement, Endorsement, Snapshot, SourceKey
from pactlog.registry.services import ActorSpec, spec_of
from pactlog.registry.text import fold_identity, fold_search
from pactlog.registry.vocabulary import ActorKind, Status

SIMILAR_NAME_SCORE = 90


class ImportRefused(ValueError):
    """The whole import cannot go ahead (the message says why); nothing was written."""


class BadArguments(ImportRefused):
    """The command line names something that cannot be imported (exit status 2)."""


def similarity(new: ActorSpec, old: ActorSpec) -> float:
    """How surely two specs are one actor renamed (0: not at all), by docs/spec.md §4's rules."""
    if new.kind == old.kind == ActorKind.STATE:
        return 100.0 if new.country == old.country else 0.0
    if fold_identity(new.name) == fold_identity(old.name):
        return 100.0
    if new.category == old.category and new.country == old.country:
        score = fuzz.ratio(fold_search(new.name), fold_search(old.name))
        return score if score >= SIMILAR_NAME_SCORE else 0.0
    return 0.0


@dataclass
class _Vanished:
    key: str
    actor: Actor
    endorsement: Endorsement


def pair_renames(
    new: Sequence[Record], vanished: Sequence[_Vanished]
) -> list[tuple[Record, _Vanished]]:
    """Best pairs first; each record and each vanished actor pairs at most once."""
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_name: dict[str, list[int]] = defaultdict(list)
    by_state: dict[str, list[int]] = defaultdict(list)
    old_specs = [spec_of(v.actor) for v in vanished]
    for j, spec in enumerate(old_specs):
        buckets[(spec.category, spec.country)].append(j)
        by_name[fold_identity(spec.name)].append(j)
        if spec.kind == ActorKind.STATE:
            by_state[spec.country].append(j)
    scored: list[tuple[float, int, int]] = []
    for i, record in enumerate(new):
        spec = record.spec
        candidates = set(buckets[(spec.category, spec.country)]) | set(
            by_name[fold_identity(spec.name)]
        )
        if spec.kind == ActorKind.STATE:
            candidates |= set(by_state[spec.country])
        for j in candidates:
            if score := similarity(spec, old_specs[j]):
                scored.append((score, i, j))
    pairs: list[tuple[Record, _Vanished]] = []
    used_new: set[int] = set()
    used_old: set[int] = set()
    for _, i, j in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if i not in used_new and j not in used_old:
            used_new.add(i)
            used_old.add(j)
            pairs.append((new[i], vanished[j]))
    return pairs


def _previous_snapshot(agreement: Agreement, source: str, day: dt.date) -> dt.date | None:
    taken = Snapshot.objects.filter(agreement=agreement, source=source)
    later = taken.filter(taken_on__gt=day).order_by("taken_on").first()
    if later is not None:
        raise ImportRefused(
            f"{source} already has a later snapshot ({later.taken_on}); "
            "snapshots are imported oldest first"
        )
    earlier = taken.filter(taken_on__lt=day).order_by("-taken_on").first()
    return earlier.taken_on if earlier else None


def unbelievable(start: Interval, latest: dt.date, launch: dt.date | None) -> str:
    """Why a source's own date may not be stored ("" if it may): before 1900 or the
    agreement's launch, or after `latest` (the snapshot's date, or today)."""
    earliest = max(EARLIEST, launch) if launch else EARLIEST
    why = ""
    if start.not_after > latest:
        why = f"{start.not_after} is after {latest}, the date of this list"
    elif (start.not_before or start.not_after) < earliest:
        first = start.not_before or start.not_after
        why = (
            f"{first} is before the agreement's launch ({launch})"
            if launch and first < launch and launch >= EARLIEST
            else f"{first} is before {EARLIEST}"
        )
    return why


def believable(
    start: Interval,
    origin: str,
    field: str,
    latest: dt.date,
    launch: dt.date | None,
    problems: Problems,
) -> bool:
    """Whether a source's own date may be stored; the reason (a warning) when it may not."""
    why = unbelievable(start, latest, launch)
    if why:
        problems.warn(origin, field, f"{why}; not believed")
    return not why


def _start_of(
    record: Record, window: Interval, launch: dt.date | None, problems: Problems
) -> Interval:
    """The record's own date when it is believable, else the snapshot window."""
    if record.start is None:
        return window
    if not believable(
        record.start, record.origin, "date_signed", window.not_after, launch, problems
    ):
        return window
    if window.not_before is not None and record.start.not_after < window.not_before:
        problems.warn(
            record.origin, "date_signed",
            f"{record.start.not_after} is before the previous snapshot, which did not list it; "
            "kept the signature date",
        )  # fmt: skip
    return record.start


class Evidence:
    """When a source first listed an endorsement's supporter (docs/spec.md §10).

    The start's `not_after` is never later than the first snapshot that listed the supporter,
    so that snapshot is the first one taken on or after `not_after`; the snapshot being
    imported lists it too. A start from elsewhere (a CSV) is its own evidence.
    """

    def __init__(self, agreement: Agreement, source: str, day: dt.date | None) -> None:
        self.source = source
        self.day = day
        self.dates = sorted(
            Snapshot.objects.filter(agreement=agreement, source=source).values_list(
                "taken_on", flat=True
            )
        )

    def first_observation(self, endorsement: Endorsement) -> tuple[dt.date, str]:
        """(the date, what observed it) for an endorsement still listed."""
        after = endorsement.start_not_after
        if endorsement.source == self.source:
            i = bisect.bisect_left(self.dates, after)
            if i < len(self.dates) and (self.day is None or self.dates[i] <= self.day):
                return self.dates[i], f"the {self.source} snapshot of {self.dates[i]}"
            if self.day is not None:
                return self.day, f"the {self.source} snapshot of {self.day}"
        return after, "the start already recorded"

    def new_start(
        self,
        record: Record,
        endorsement: Endorsement,
        latest: dt.date,
        launch: dt.date | None,
        problems: Problems,
    ) -> Interval | None:
        """The start the record asks for, or None: same start, not believable, or contradicted
        by an observation (reported, naming both)."""
        start = record.start
        if start is None or start == endorsement.start:
            return None
        field = "date_signed" if record.key is not None else "start_not_after"
        if not believable(start, record.origin, field, latest, launch, problems):
            return None
        seen, by = self.first_observation(endorsement)
        if start.not_after > seen:
            problems.warn(
                record.origin, field,
                f"{start.not_after} contradicts {by}, which already listed this supporter; "
                f"kept the start ({_show(endorsement.start)})",
            )  # fmt: skip
            return None
        return start


def _show(interval: Interval) -> str:
    if interval.is_exact:
        return str(interval.not_after)
    return f"{interval.not_before or 'unknown'} to {interval.not_after}"


@dataclass
class SourceState:
    """What a snapshot is compared with: the source's keys, their active endorsements, the
    states. A history import loads it once and keeps it in step with what each plan wrote."""

    actor_by_key: dict[str, Actor]
    active: dict[int, Endorsement]
    states: dict[str, Actor]

    @classmethod
    def load(cls, agreement: Agreement, source: str) -> SourceState:
        actor_by_key = {
            sk.key: sk.actor
            for sk in SourceKey.objects.filter(source=source).select_related("actor")
        }
        # One Python object per actor: the services update the instances they are given.
        held = {actor.pk: actor for actor in actor_by_key.values()}
        for key, actor in actor_by_key.items():
            actor_by_key[key] = held[actor.pk]
        states = Actor.objects.filter(kind=ActorKind.STATE, merged_into__isnull=True)
        return cls(
            actor_by_key=actor_by_key,
            active={
                e.actor_id: e
                for e in Endorsement.objects.filter(
                    agreement=agreement, status=Status.ACTIVE, actor__source_keys__source=source
                ).distinct()
            },
            states={a.country: held.get(a.pk, a) for a in states},
        )

    def written(self, plan: Plan, started: Sequence[Endorsement]) -> None:
        """Follow what `plan.apply()` wrote (it updates the actors and endorsements in place)."""
        by_actor: dict[int, Actor] = {}
        for actor, _, keys in plan.update:
            by_actor[actor.pk] = actor
            for _, key in keys:
                self.actor_by_key[key] = actor
        for endorsement in started:
            actor = by_actor.get(endorsement.actor_id) or endorsement.actor
            self.active[actor.pk] = endorsement
            if actor.kind == ActorKind.STATE and actor.merged_into_id is None:
                self.states.setdefault(actor.country, actor)
        created = {e.actor_id: e.actor for e in started}
        for new, endorsement in zip(plan.create, started[len(plan.start) :], strict=True):
            for _, key in new.keys:
                self.actor_by_key[key] = created[endorsement.actor_id]
        for endorsement, _ in plan.remove:
            self.active.pop(endorsement.actor_id, None)


def plan_snapshot(
    agreement: Agreement,
    source: str,
    day: dt.date,
    records: Sequence[Record],
    problems: Problems,
    renames: Mapping[str, str] | None = None,
    current: SourceState | None = None,
) -> tuple[Plan, Report]:
    """What a snapshot changes; `renames` (new key -> old key) are renames the source itself
    recorded (git's), paired before the name rules are tried."""
    previous = _previous_snapshot(agreement, source, day)
    window = Interval(previous + dt.timedelta(days=1) if previous else None, day)
    plan = Plan(agreement, source, day)
    report = Report(source=source, snapshot_date=day)
    evidence = Evidence(agreement, source, day)
    launch = agreement.launched_on

    current = current or SourceState.load(agreement, source)
    actor_by_key, active, states = current.actor_by_key, current.active, current.states

    new: list[Record] = []
    matched: set[int] = set()
    starting: set[int] = set()
    for record in records:
        assert record.key is not None
        actor = actor_by_key.get(record.key)
        if actor is None:
            new.append(record)
            continue
        if actor.pk in matched or actor.pk in starting:
            problems.error(record.origin, "file", "lists an actor another file lists; skipped")
            continue
        spec_changed = record.spec_for(actor) != spec_of(actor)
        if spec_changed:
            plan.update.append((actor, record.spec_for(actor), []))
        endorsement = active.get(actor.pk)
        if endorsement is None:
            plan.start.append((actor, _start_of(record, window, launch, problems)))
            starting.add(actor.pk)
            report.added.append(record.key)
            continue
        matched.add(actor.pk)
        if spec_changed:
            report.updated.append(record.key)
        restart = evidence.new_start(record, endorsement, day, launch, problems)
        if restart is not None:
            plan.restart.append((endorsement, restart))
            if record.key not in report.updated:
                report.updated.append(record.key)
        if record.key not in report.updated:
            report.unchanged += 1

    vanished: dict[int, _Vanished] = {}
    for key, actor in actor_by_key.items():
        if actor.pk in active and actor.pk not in matched:
            vanished[actor.pk] = _Vanished(key, actor, active[actor.pk])
    paired: list[tuple[Record, _Vanished]] = []
    for record in new:
        old_key = (renames or {}).get(record.key or "", "")
        old_actor = actor_by_key.get(old_key)
        if old_actor is not None and old_actor.pk in vanished:
            paired.append((record, replace(vanished.pop(old_actor.pk), key=old_key)))
    forced = {id(record) for record, _ in paired}
    paired += pair_renames([r for r in new if id(r) not in forced], list(vanished.values()))
    for record, gone in paired:
        assert record.key is not None
        plan.update.append((gone.actor, record.spec_for(gone.actor), [(source, record.key)]))
        report.renamed.append((gone.key, record.key))
        vanished.pop(gone.actor.pk, None)
        # A rename follows the same rule as any later listing, so a repeat changes nothing.
        restart = evidence.new_start(record, gone.endorsement, day, launch, problems)
        if restart is not None:
            plan.restart.append((gone.endorsement, restart))
    paired_keys = {record.key for record, _ in paired}

    for record in new:
        if record.key in paired_keys:
            continue
        assert record.key is not None
        start = _start_of(record, window, launch, problems)
        state = states.get(record.spec.country) if record.spec.kind == ActorKind.STATE else None
        if state is not None:
            if state.pk in starting or state.pk in matched or state.pk in active:
                problems.error(record.origin, "country", "this state is listed twice; skipped")
                continue
            if Endorsement.objects.filter(
                agreement=agreement, actor=state, status=Status.ACTIVE
            ).exists():
                problems.error(
                    record.origin, "country",
                    "this state already endorses the agreement through another source; skipped",
                )  # fmt: skip
                continue
            plan.update.append((state, record.spec_for(state), [(source, record.key)]))
            plan.start.append((state, start))
            starting.add(state.pk)
        else:
            plan.create.append(NewActor(record.spec, [(source, record.key)], start))
        report.added.append(record.key)

    for gone in vanished.values():
        plan.remove.append((gone.endorsement, window))
        report.removed.append(gone.key)
    return plan, report


def plan_rows(
    agreement: Agreement, source: str, records: Sequence[Record], problems: Problems
) -> tuple[Plan, Report]:
    """Rows to add or correct; an actor already endorsing (same state, or same folded name,
    category and country) is matched rather than duplicated. Nothing is removed."""
    plan = Plan(agreement, source)
    report = Report(source=source, snapshot_date=None)
    evidence = Evidence(agreement, source, None)
    launch = agreement.launched_on
    now = today()

    def identity(spec: ActorSpec) -> tuple[str, ...]:
        if spec.kind == ActorKind.STATE:
            return ("state", spec.country)
        return (fold_identity(spec.name), spec.category, spec.country)

    actors = {identity(spec_of(a)): a for a in Actor.objects.filter(merged_into__isnull=True)}
    active = {
        e.actor_id: e for e in Endorsement.objects.filter(agreement=agreement, status=Status.ACTIVE)
    }
    seen: dict[tuple[str, ...], str] = {}
    for record in records:
        ident = identity(record.spec)
        if ident in seen:
            problems.error(record.origin, "name", f"same actor as {seen[ident]}; skipped")
            continue
        seen[ident] = record.origin
        why = unbelievable(record.start, now, launch) if record.start else ""
        if why:
            problems.error(record.origin, "start_not_after", f"{why}; row skipped")
            continue
        start = record.start or Interval(None, now)
        actor = actors.get(ident)
        if actor is None:
            plan.create.append(NewActor(record.spec, [], start))
            report.added.append(record.spec.name)
            continue
        changed = False
        if record.spec_for(actor) != spec_of(actor):
            plan.update.append((actor, record.spec_for(actor), []))
            changed = True
        endorsement = active.get(actor.pk)
        if endorsement is None:
            plan.start.append((actor, start))
            report.added.append(record.spec.name)
            continue
        restart = evidence.new_start(record, endorsement, now, launch, problems)
        if restart is not None:
            plan.restart.append((endorsement, restart))
            changed = True
        if changed:
            report.updated.append(record.spec.name)
        else:
            report.unchanged += 1
    return plan, report
