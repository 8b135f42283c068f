import datetime as dt

import pytest
from django.core.cache import cache

from pactlog.claims.verdicts import _steps
from pactlog.registry import services
from pactlog.registry.dates import Interval
from pactlog.registry.services import ActorSpec

D = dt.date


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test rolls its database back, so registry versions (the caches' keys) repeat
    between tests: a cached timeline or count of one test must not answer another's."""
    cache.clear()
    _steps.clear()
    yield
    cache.clear()
    _steps.clear()


@pytest.fixture
def small_call(db):
    """An agreement launched 2018-11-12: France and Germany on the day, Italy a week later,
    Canada some day up to 2019-12-31, and two companies on the day."""
    agreement, _ = services.save_agreement(
        "test-call", title_en="Test Call", title_fr="Appel test", launched_on=D(2018, 11, 12)
    )
    states = services.create_actors(
        [
            ActorSpec(kind="state", name=c, category="state", country=c)
            for c in ("FRA", "DEU", "ITA", "CAN")
        ]
    )
    companies = services.create_actors(
        [
            ActorSpec(kind="organisation", name=f"Company {i}", category="private-sector")
            for i in range(2)
        ]
    )
    launch = Interval.day(D(2018, 11, 12))
    services.start_endorsements(
        agreement,
        [(states[0], launch), (states[1], launch), (states[2], Interval.day(D(2018, 11, 19))),
         (states[3], Interval(None, D(2019, 12, 31)))]
        + [(c, launch) for c in companies],
    )  # fmt: skip
    return agreement


def count_claim(**overrides):
    claim = {
        "source": {"title": "A story", "publisher": "The Daily", "url": "https://example.org/a",
                   "published": "2018-11-20"},
        "quote": "three states signed",
        "as_of": "2018-11-20", "kind": "count", "quantity": "state", "op": "=", "value": 3,
    }  # fmt: skip
    claim.update(overrides)
    return claim
