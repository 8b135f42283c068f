"""A memo keyed by an agreement's primary key and the registry's version answers for rows a
restored database no longer has: each test must start with every memo forgotten (the autouse
fixture of conftest.py, `pactlog.memos`)."""

import datetime as dt

import pytest
from django.core.cache import caches
from django.db import transaction

from pactlog import memos
from pactlog.registry import services, timeline
from pactlog.registry.dates import Interval
from pactlog.registry.services import ActorSpec

DAY = dt.date(2020, 1, 1)


def endorse_two(agreement, category: str) -> None:
    actors = services.create_actors(
        [ActorSpec(kind="organisation", name=f"{category} {i}", category=category) for i in (1, 2)]
    )
    services.start_endorsements(agreement, [(actor, Interval.day(DAY)) for actor in actors])


def by_category(agreement) -> dict[str, int]:
    counts = timeline.counts(agreement, DAY)["by_category"]
    return {category: counts[category] for category in ("civil-society", "private-sector")}


def test_after_a_restore_the_memo_answers_for_the_old_rows(agreement):
    """The leak itself: same agreement, same version, other rows, the old counts."""
    with transaction.atomic():
        endorse_two(agreement, "civil-society")
        version = services.event_count()
        assert by_category(agreement) == {"civil-society": 2, "private-sector": 0}
        transaction.set_rollback(True)  # what the suite does between two tests
    endorse_two(agreement, "private-sector")
    assert services.event_count() == version

    assert by_category(agreement) == {"civil-society": 2, "private-sector": 0}  # stale

    for cache in caches.all(initialized_only=True):
        cache.clear()
    memos.forget_all()
    assert by_category(agreement) == {"civil-society": 0, "private-sector": 2}


# Run in this order: on SQLite the second test's agreement gets the first one's primary key
# back and the same version, so without the fixture it would read the first test's counts.
@pytest.mark.parametrize("category", ["civil-society", "private-sector"])
def test_each_test_reads_its_own_counts(agreement, category):
    endorse_two(agreement, category)
    assert by_category(agreement)[category] == 2
    assert sum(by_category(agreement).values()) == 2
