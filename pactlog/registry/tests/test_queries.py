import datetime as dt

import pytest

from pactlog.registry import queries, services
from pactlog.registry.dates import Interval
from pactlog.registry.services import ActorSpec

D = dt.date


@pytest.fixture
def small(agreement):
    specs = [
        ActorSpec(kind="state", name="France", category="state", country="FRA"),
        ActorSpec(
            kind="organisation",
            name="Université Côte d’Azur",
            category="civil-society",
            country="FRA",
        ),
        ActorSpec(kind="organisation", name="Microsoft", category="private-sector", country="USA"),
        ActorSpec(kind="organisation", name="Gone Ltd", category="private-sector", country="GBR"),
    ]
    fra, uni, ms, gone = services.create_actors(specs)
    rows = services.start_endorsements(
        agreement,
        [
            (fra, Interval.day(D(2018, 11, 12))),
            (uni, Interval(D(2019, 1, 1), D(2019, 12, 31))),
            (ms, Interval(None, D(2018, 12, 31))),
            (gone, Interval.day(D(2019, 3, 1))),
        ],
    )
    services.end_endorsements([(rows[3], "removed", Interval(D(2020, 1, 1), D(2020, 12, 31)))])
    return agreement


def test_counts_by_category_and_uncertain(small):
    data = queries.counts(small, D(2019, 6, 1))
    assert data == {
        "agreement": "test-call",
        "as_of": "2019-06-01",
        "total": 3,
        "uncertain": 1,
        "by_category": {"state": 1, "public-authority": 0, "civil-society": 0, "private-sector": 2},
    }
    assert queries.counts(small, D(2020, 12, 31))["total"] == 3


def test_search_is_case_and_accent_insensitive(small):
    day = D(2020, 1, 1)
    for q in ["universite cote d'azur", "CÔTE", "d’azur"]:
        names = [
            s["name"]
            for s in queries.supporters(small, day, queries.SupporterFilter(q=q))["supporters"]
        ]
        assert names == ["Université Côte d’Azur"], q
    fr = queries.supporters(small, day, queries.SupporterFilter(q="france"))
    assert [s["id"] for s in fr["supporters"]] == ["france"]


def test_filters_and_supporter_shape(small):
    data = queries.supporters(small, D(2020, 1, 1), queries.SupporterFilter(country="FRA"))
    assert data["count"] == 2
    state = next(s for s in data["supporters"] if s["category"] == "state")
    assert state == {
        "id": "france",
        "name": "France",
        "names": {},
        "category": "state",
        "nature": "",
        "country": "FRA",
        "start": {"not_before": "2018-11-12", "not_after": "2018-11-12"},
        "end": None,
        "status": "active",
    }
    with pytest.raises(queries.QueryError, match="category"):
        queries.SupporterFilter(category="nope")
    with pytest.raises(queries.QueryError, match="alpha-3"):
        queries.SupporterFilter(country="XXX")
    with pytest.raises(queries.QueryError, match="at most"):
        queries.SupporterFilter(q="x" * 5000)


def test_changes_never_turn_uncertain_into_certain(small):
    data = queries.changes(small, D(2019, 6, 1), D(2020, 12, 31))
    assert [s["id"] for s in data["joined"]] == []
    assert [s["id"] for s in data["left"]] == ["gone-ltd"]
    assert [s["id"] for s in data["uncertain"]] == ["universite-cote-dazur"]
    later = queries.changes(small, D(2018, 1, 1), D(2020, 1, 1))
    assert {s["id"] for s in later["joined"]} == {"france", "universite-cote-dazur"}
    # Microsoft's start and Gone Ltd's end are both open on one of the two dates.
    assert {s["id"] for s in later["uncertain"]} == {"microsoft", "gone-ltd"}
    with pytest.raises(queries.QueryError, match="must not be after"):
        queries.changes(small, D(2020, 1, 1), D(2019, 1, 1))


@pytest.mark.django_db
def test_unknown_agreement():
    with pytest.raises(queries.NotFound):
        queries.get_agreement("nope")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_supporter_rows_read_as_columns_equal_supporter_json(small, lang):
    everyone = queries.ordered(queries.endorsements_of(small))
    for rows in (everyone, *(queries.ordered(queries.in_force(small, day), order)
                             for day in (D(2019, 6, 1), D(2021, 1, 1)) for order in queries.ORDERS)):  # fmt: skip
        want = [queries.supporter_json(e, lang) for e in rows]
        assert want and queries.supporter_rows(rows, lang) == want
    listed = queries.supporter_rows(everyone, lang)
    assert (
        len(listed) == 4
        and any(s["end"] for s in listed)
        and any(s["start"]["not_before"] is None for s in listed)
    )
    assert "France" in [s["name"] for s in listed]  # Babel's name, the same in both languages
