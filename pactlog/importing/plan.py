"""A plan of registry changes an import wants, applied in one transaction through the services.

Keeping the plan apart from the reading and matching lets `--dry-run` report exactly what a
real run would write, and makes the real run one atomic step: all of it or nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from pactlog.registry import services
from pactlog.registry.dates import Interval
from pactlog.registry.models import Actor, Agreement, Endorsement
from pactlog.registry.services import ActorSpec
from pactlog.registry.vocabulary import Status


@dataclass
class NewActor:
    spec: ActorSpec
    keys: list[tuple[str, str]]
    start: Interval


@dataclass
class Plan:
    agreement: Agreement
    source: str
    snapshot_date: dt.date | None = None
    reference: str = ""  # the commit a history import read the snapshot from
    create: list[NewActor] = field(default_factory=list)
    update: list[tuple[Actor, ActorSpec, list[tuple[str, str]]]] = field(default_factory=list)
    start: list[tuple[Actor, Interval]] = field(default_factory=list)
    restart: list[tuple[Endorsement, Interval]] = field(default_factory=list)
    remove: list[tuple[Endorsement, Interval]] = field(default_factory=list)

    @transaction.atomic
    def apply(self) -> list[Endorsement]:
        """Write the plan; returns the endorsements it started (their actors: created or not)."""
        at = timezone.now()
        services.update_actors(self.update, at)
        created = services.create_actors(
            [n.spec for n in self.create], [n.keys for n in self.create], at
        )
        starts = self.start + [(a, n.start) for a, n in zip(created, self.create, strict=True)]
        started = services.start_endorsements(self.agreement, starts, self.source, at)
        services.update_endorsement_starts(self.restart, at)
        services.end_endorsements([(e, Status.REMOVED, end) for e, end in self.remove], at)
        if self.snapshot_date is not None:
            services.note_snapshot(self.agreement, self.source, self.snapshot_date, self.reference)
        return started
