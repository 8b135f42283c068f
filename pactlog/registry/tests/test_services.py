import datetime as dt
import json

import pytest
from django.db import transaction

from pactlog.registry import services
from pactlog.registry.dates import Interval
from pactlog.registry.models import Actor, Endorsement, Event
from pactlog.registry.replay import ReplayError, current_state, replay, replay_database
from pactlog.registry.services import ActorSpec, RegistryError

D = dt.date


def org(name, **kw):
    return ActorSpec(
        kind="organisation", name=name, category=kw.pop("category", "civil-society"), **kw
    )


def test_events_are_numbered_from_zero_without_gaps(agreement):
    services.create_actors([org("A"), org("B")])
    services.create_actors([org("C")])
    seqs = list(Event.objects.values_list("seq", flat=True))
    assert seqs == list(range(len(seqs)))
    assert services.event_count() == len(seqs) == 4  # agreement + three actors


def test_payload_is_canonical_json_with_public_fields_only(agreement):
    (actor,) = services.create_actors(
        [org("Édith & Co", website="https://example.org")], [[("src", "k1")]]
    )
    event = Event.objects.get(type="actor.saved")
    payload = event.payload
    assert payload == json.dumps(
        json.loads(payload), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert "Édith & Co" in payload  # UTF-8, not \u escapes
    data = json.loads(payload)
    assert data["id"] == actor.public_id == "edith-co"
    assert data["source_keys"] == [["src", "k1"]]
    assert "@" not in payload and "email" not in payload


def test_public_ids_are_readable_and_unique(agreement):
    a, b = services.create_actors([org("Microsoft"), org("Microsoft")])
    (c,) = services.create_actors([org("Microsoft")])
    (state,) = services.create_actors(
        [ActorSpec(kind="state", name="Royaume-Uni", category="state", country="GBR")]
    )
    assert [a.public_id, b.public_id, c.public_id] == ["microsoft", "microsoft-2", "microsoft-3"]
    assert state.public_id == "united-kingdom"
    assert state.display_name("fr") == "Royaume-Uni"
    assert "royaume-uni" in state.search_text and "united kingdom" in state.search_text


def test_a_failed_change_leaves_neither_rows_nor_events(agreement):
    (actor,) = services.create_actors([org("A")])
    services.start_endorsements(agreement, [(actor, Interval.day(D(2020, 1, 1)))])
    before = services.event_count()
    with pytest.raises(RegistryError, match="already endorse"):
        services.start_endorsements(agreement, [(actor, Interval.day(D(2020, 2, 1)))])
    assert services.event_count() == before
    assert Endorsement.objects.count() == 1


def test_update_writes_an_event_only_when_something_changed(agreement):
    (actor,) = services.create_actors([org("A")])
    before = services.event_count()
    assert services.update_actors([(actor, org("A"), [])]) == 0
    assert services.event_count() == before
    assert services.update_actors([(actor, org("A renamed"), [("src", "new")])]) == 1
    assert services.event_count() == before + 1
    assert Actor.objects.get(pk=actor.pk).name == "A renamed"


def test_end_and_restart_numbers_endorsements(agreement):
    (actor,) = services.create_actors([org("A")])
    (first,) = services.start_endorsements(agreement, [(actor, Interval.day(D(2019, 1, 1)))])
    services.end_endorsements([(first, "withdrawn", Interval.day(D(2019, 6, 1)))])
    (second,) = services.start_endorsements(agreement, [(actor, Interval.day(D(2020, 1, 1)))])
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(RegistryError, match="already withdrawn"):
        services.end_endorsements([(first, "removed", Interval.day(D(2020, 6, 1)))])
    with pytest.raises(RegistryError, match="before it certainly started"):
        services.end_endorsements([(second, "removed", Interval.day(D(2019, 12, 1)))])


@pytest.mark.django_db(transaction=True)
def test_events_are_recorded_only_inside_a_transaction():
    with pytest.raises(RuntimeError):
        services.record([("actor.saved", {})])


def test_replay_rebuilds_the_registry(agreement):
    a, b = services.create_actors([org("A"), org("B")], [[("s", "a")], [("s", "b")]])
    (ea, eb) = services.start_endorsements(
        agreement, [(a, Interval(None, D(2020, 1, 1))), (b, Interval.day(D(2020, 1, 2)))]
    )
    services.update_endorsement_starts([(ea, Interval.day(D(2019, 12, 1)))])
    services.end_endorsements([(eb, "removed", Interval(D(2020, 2, 1), D(2020, 3, 1)))])
    services.update_actors([(a, org("A2"), [("s", "a2")])])
    assert replay_database() == current_state()


def test_replay_detects_a_change_made_behind_the_log(agreement):
    (a,) = services.create_actors([org("A")])
    services.start_endorsements(agreement, [(a, Interval.day(D(2020, 1, 1)))])
    with transaction.atomic():
        Endorsement.objects.update(start_not_after=D(2020, 6, 1), start_not_before=D(2020, 6, 1))
    assert replay_database() != current_state()


def test_replay_rejects_impossible_streams():
    with pytest.raises(ReplayError):
        replay([("endorsement.ended", json.dumps({"agreement": "x", "actor": "y", "number": 1}))])
    with pytest.raises(ReplayError):
        replay([("nonsense", "{}")])


def test_merge_moves_active_endorsements(agreement):
    a, b = services.create_actors([org("Acme"), org("ACME Inc")])
    services.start_endorsements(agreement, [(a, Interval.day(D(2020, 1, 1)))])
    services.merge_actor(a, b)
    assert Endorsement.objects.get(actor=b, status="active").start == Interval.day(D(2020, 1, 1))
    assert Actor.objects.get(pk=a.pk).merged_into == b
    assert replay_database() == current_state()


def test_each_event_knows_its_actor_for_the_history(agreement):
    from pactlog.registry.queries import actor_events

    a, b = services.create_actors([org("Microsoft"), org("Microsoft")])
    services.start_endorsements(agreement, [(a, Interval.day(D(2020, 1, 1)))])
    services.update_actors([(b, org("Microsoft Ireland"), [])])
    assert [e.type for e in actor_events(a)] == ["actor.saved", "endorsement.started"]
    assert [e.type for e in actor_events(b)] == ["actor.saved", "actor.saved"]
    assert Event.objects.get(type="agreement.saved").actor == ""
