"""State changes re-read their rows under a lock: two writers at once make one event."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from pactlog.registry import services
from pactlog.registry.dates import Interval
from pactlog.registry.models import Endorsement, Event
from pactlog.registry.services import RegistryError
from pactlog.registry.vocabulary import EventType, Status
from pactlog.site.tests import factories

START = Interval.day(dt.date(2020, 2, 1))
END = Interval.day(dt.date(2021, 1, 1))


def _one_endorsement() -> Endorsement:
    target = factories.agreement()
    factories.endorse(target, factories.organisations(["Alpha"]), START)
    return Endorsement.objects.select_related("agreement", "actor").get()


def _ended_events() -> int:
    return Event.objects.filter(type=EventType.ENDORSEMENT_ENDED).count()


@pytest.mark.django_db
def test_an_import_cannot_turn_withdrawn_into_removed():
    stale = _one_endorsement()  # what an import read before a moderator acted
    fresh = Endorsement.objects.select_related("agreement", "actor").get(pk=stale.pk)
    services.end_endorsements([(fresh, Status.WITHDRAWN, END)])
    with pytest.raises(RegistryError, match="already withdrawn"):
        services.end_endorsements([(stale, Status.REMOVED, END)])
    assert Endorsement.objects.get().status == Status.WITHDRAWN
    assert _ended_events() == 1


@pytest.mark.django_db
def test_start_corrections_see_the_current_row():
    stale = _one_endorsement()
    fresh = Endorsement.objects.select_related("agreement", "actor").get(pk=stale.pk)
    services.end_endorsements([(fresh, Status.WITHDRAWN, END)])
    with pytest.raises(RegistryError, match="would start after it ended"):
        services.update_endorsement_starts([(stale, Interval.day(dt.date(2021, 6, 1)))])


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_ends_record_one_event():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers by locking the file")
    endorsement = _one_endorsement()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def end(status: str) -> None:
        try:
            mine = Endorsement.objects.select_related("agreement", "actor").get(pk=endorsement.pk)
            barrier.wait(timeout=10)
            services.end_endorsements([(mine, status, END)])
            outcomes.append("ended")
        except RegistryError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=end, args=(s,)) for s in (Status.WITHDRAWN, Status.REMOVED)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["ended", "refused"]
    assert _ended_events() == 1
