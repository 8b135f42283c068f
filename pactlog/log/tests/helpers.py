"""A small registry written through the services, for the log's tests."""

from __future__ import annotations

import datetime as dt

from pactlog.registry import services
from pactlog.registry.dates import Interval
from pactlog.registry.models import Agreement


def small_registry(actors: int = 5) -> Agreement:
    """An agreement with `actors` organisations, all endorsing it, and one ended."""
    agreement, _ = services.save_agreement(
        "pact", title_en="A pact", title_fr="Un pacte", launched_on=dt.date(2020, 1, 1)
    )
    specs = [
        services.ActorSpec(kind="organisation", name=f"Org {i}", category="civil-society")
        for i in range(actors)
    ]
    made = services.create_actors(specs)
    started = services.start_endorsements(
        agreement,
        [
            (actor, Interval.day(dt.date(2020, 1, 1) + dt.timedelta(days=30 * i)))
            for i, actor in enumerate(made)
        ],
    )
    services.end_endorsements([(started[0], "withdrawn", Interval.day(dt.date(2021, 6, 1)))])
    return agreement
