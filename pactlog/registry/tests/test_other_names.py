"""An organisation's name in the site's other languages (`Actor.names`): stored in one form,
shown to readers of that language, searchable, carried by `actor.saved` only when there is
one, and replayed from entries written before the field existed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from pactlog.registry import queries, services
from pactlog.registry.dates import Interval
from pactlog.registry.models import Actor, Event
from pactlog.registry.replay import current_state, replay, replay_database
from pactlog.registry.services import ActorSpec, RegistryError
from pactlog.verifier.replay import other_names

OWN = "Agence nationale de la sécurité des systèmes d'information"
ENGLISH = "French National Cybersecurity Agency"


def anssi(**names: str) -> ActorSpec:
    return ActorSpec(
        kind="organisation", name=OWN, category="public-authority", country="FRA", names=names
    )


def test_names_are_stored_in_one_form():
    spec = anssi(en=f"  {ENGLISH}\u00a0 ", fr=OWN, de="")
    # Trimmed; the name itself again and empty forms dropped; keys sorted.
    assert spec.names == {"en": ENGLISH}
    assert anssi(fr="B", en="A").names == {"en": "A", "fr": "B"}
    assert list(anssi(fr="B", en="A").names) == ["en", "fr"]
    assert anssi(en="") == anssi()


@pytest.mark.parametrize(
    "spec, message",
    [
        (anssi(de="Nationale Agentur"), "site's languages"),
        (ActorSpec(kind="state", name="France", category="state", country="FRA",
                   names={"en": "The French Republic"}), "a state is named"),
        (dataclasses.replace(anssi(), names=["en"]), "mapping"),  # type: ignore[arg-type]
        (anssi(en="A" * 501), "at most 500"),
    ],
)  # fmt: skip
def test_refused_names(agreement, spec, message):
    with pytest.raises(RegistryError, match=message):
        services.create_actors([spec])
    assert not Actor.objects.exists()


def test_readers_see_the_form_of_their_language(agreement):
    (actor,) = services.create_actors([anssi(en=ENGLISH)])
    assert actor.display_name("en") == ENGLISH
    assert actor.display_name("fr") == OWN  # no French form: the name as it writes itself
    assert actor.written_name("en") == OWN  # what the API's and exports' `name` say
    (state,) = services.create_actors(
        [ActorSpec(kind="state", name="Royaume-Uni", category="state", country="GBR")]
    )
    assert (state.display_name("en"), state.display_name("fr")) == ("United Kingdom", "Royaume-Uni")


def test_either_form_finds_the_actor(agreement):
    (actor,) = services.create_actors([anssi(en=ENGLISH)])
    services.start_endorsements(agreement, [(actor, Interval.day(dt.date(2020, 1, 1)))])
    assert "french national cybersecurity agency" in actor.search_text
    for q in ("cybersecurity agency", "securite des systemes", "FRENCH NATIONAL"):
        found = queries.supporters(agreement, dt.date(2020, 6, 1), queries.SupporterFilter(q=q))
        assert [s["id"] for s in found["supporters"]] == [actor.public_id], q
    (row,) = found["supporters"]
    assert (row["name"], row["names"]) == (OWN, {"en": ENGLISH})
    none = queries.supporters(
        agreement, dt.date(2020, 6, 1), queries.SupporterFilter(q="german agency")
    )
    assert none["supporters"] == []


def test_an_entry_carries_names_only_when_there_are_some(agreement):
    (actor,) = services.create_actors([anssi()])
    first = json.loads(Event.objects.get(type="actor.saved").payload)
    assert "names" not in first  # the entry's shape from before the field existed
    events = services.event_count()
    assert services.update_actors([(actor, anssi(), [])]) == 0
    assert services.update_actors([(actor, anssi(en=ENGLISH), [])]) == 1
    assert services.update_actors([(actor, anssi(en=f" {ENGLISH} "), [])]) == 0
    saved = Event.objects.filter(seq__gte=events)
    assert [json.loads(e.payload)["names"] for e in saved] == [{"en": ENGLISH}]
    actor.refresh_from_db()
    assert actor.names == {"en": ENGLISH}
    assert services.spec_of(actor) == anssi(en=ENGLISH)
    assert current_state() == replay_database()
    assert other_names(replay_database().actors[actor.public_id]) == {"en": ENGLISH}
    # Removing the form: the next entry has no `names` again, and the replay follows.
    services.update_actors([(actor, anssi(), [])])
    assert "names" not in json.loads(Event.objects.order_by("-seq")[0].payload)
    assert current_state() == replay_database()
    assert other_names(replay_database().actors[actor.public_id]) == {}


def test_entries_written_before_the_field_replay():
    old: dict[str, object] = {
        "id": "acme", "kind": "organisation", "name": "Acme", "category": "civil-society",
        "nature": "", "nature_raw": "", "country": "", "website": "", "wikidata": "", "lei": "",
        "merged_into": None, "source_keys": [],
    }  # fmt: skip
    state = replay(
        [
            ("actor.saved", json.dumps(old)),
            ("actor.saved", json.dumps({**old, "names": {"fr": "Acmé"}})),
        ]
    )
    assert other_names(state.actors["acme"]) == {"fr": "Acmé"}
    assert other_names(replay([("actor.saved", json.dumps(old))]).actors["acme"]) == {}
