"""Supporter lists sort by the name the reader sees (`Actor.sort_<lang>`): a state by its name in
the reader's language, an organisation by its form in it, accents folded, in the same order
on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection

from pactlog.log.derived import actor_column_problems
from pactlog.registry import queries, services
from pactlog.registry.dates import Interval
from pactlog.registry.models import SORT_COLUMNS, Actor, Event
from pactlog.registry.services import ActorSpec
from pactlog.registry.text import sort_key

AS_OF = dt.date(2020, 12, 31)
STARTED = Interval.day(dt.date(2020, 1, 1))


def org(name: str, **names: str) -> ActorSpec:
    return ActorSpec(kind="organisation", name=name, category="private-sector", names=names)


def listed(agreement, lang: str, order: str = "name", **selection: str) -> list[str]:
    """The names of the list a reader of `lang` sees, in its order."""
    answer = queries.supporters(agreement, AS_OF, queries.SupporterFilter(**selection), order, lang)
    return [s["name"] for s in answer["supporters"]]


def endorsing(agreement, *specs: ActorSpec) -> list[Actor]:
    actors = services.create_actors(list(specs))
    services.start_endorsements(agreement, [(a, STARTED) for a in actors])
    return actors


def test_the_sort_key_folds_what_a_reader_files_together():
    assert sort_key("Électricité de France") == "electricite de france"
    assert sort_key("« Les Amis de la Terre »") == "les amis de la terre »"
    assert sort_key("Œuvre d’Orient") == "oeuvre d'orient"
    assert sort_key("ÆSIR Straße") == "aesir strasse"
    assert sort_key("...") == "..."  # nothing to drop it for
    assert sort_key("A" * 300) == "a" * 200


def test_the_site_languages_each_have_a_sort_key():
    from django.conf import settings

    assert set(SORT_COLUMNS) == {code for code, _ in settings.LANGUAGES}
    assert {f"sort_{code}" for code in SORT_COLUMNS} <= {f.name for f in Actor._meta.fields}


def test_states_are_in_the_reader_s_alphabetical_order(paris_call):
    english = listed(paris_call, "en", category="state")
    french = listed(paris_call, "fr", category="state")
    assert len(english) == len(french) > 50
    # The stored name is one language's (the importer's): sorting by it orders the other's
    # list by foreign names ("Allemagne" among the G's).
    stored = sorted(
        Actor.objects.filter(kind="state", endorsements__agreement=paris_call).distinct(),
        key=lambda a: sort_key(a.name),
    )
    assert [a.display_name("fr") for a in stored] != french
    assert english == sorted(english, key=sort_key)
    assert french == sorted(french, key=sort_key)
    # Neighbours that the two languages order differently.
    assert english.index("Germany") < english.index("Netherlands") < english.index("Spain")
    assert english.index("Spain") < english.index("United Kingdom")
    assert french.index("Allemagne") < french.index("Espagne") < french.index("Pays-Bas")
    assert french.index("Pays-Bas") < french.index("Royaume-Uni")
    assert listed(paris_call, "en", "-name", category="state") == english[::-1]


def test_the_site_list_of_states_follows_the_page_s_language(client, paris_call):
    pages = {
        lang: client.get(
            f"/{lang}/paris-call/supporters/", {"category": "state", "as_of": "2020-12-31"}
        ).content.decode()
        for lang in ("en", "fr")
    }
    english, french = pages["en"], pages["fr"]
    assert english.index(">Netherlands<") < english.index(">Spain<")
    assert french.index(">Espagne<") < french.index(">Pays-Bas<")


def test_an_organisation_sorts_under_the_form_the_reader_sees(client, agreement):
    own = "Agence nationale de la sécurité"
    endorsing(agreement, org(own, en="National Cybersecurity Agency"), org("Microsoft"),
              org("Orange"))  # fmt: skip
    # `name` is the name as it writes itself; English readers see, and file it under, "N".
    assert listed(agreement, "en") == ["Microsoft", own, "Orange"]
    assert listed(agreement, "fr") == [own, "Microsoft", "Orange"]
    page = client.get("/en/test-call/supporters/", {"as_of": "2020-12-31"}).content.decode()
    assert page.index("Microsoft") < page.index("National Cybersecurity Agency")
    assert page.index("National Cybersecurity Agency") < page.index("Orange")


def test_accented_names_sort_among_their_letter_on_every_database(agreement):
    endorsing(
        agreement,
        org("Zurich Insurance"),
        org("Électricité de France"),
        org("Engie"),
        org("EDF Trading"),
        org("axa"),
        org("Écoles du monde"),
    )
    expected = [
        "axa", "Écoles du monde", "EDF Trading", "Électricité de France", "Engie",
        "Zurich Insurance",
    ]  # fmt: skip
    for lang in ("en", "fr"):
        assert listed(agreement, lang) == expected, connection.vendor
        assert listed(agreement, lang, "-name") == expected[::-1]


def test_the_date_orders_break_ties_by_the_reader_s_name(agreement):
    endorsing(agreement, org("Zeta", en="Alpha"), org("Beta"))
    same_day = listed(agreement, "en", "date")
    assert same_day == ["Zeta", "Beta"]  # sorted under "Alpha" in English
    assert listed(agreement, "fr", "date") == ["Beta", "Zeta"]
    assert listed(agreement, "en", "-date") == ["Zeta", "Beta"]


@pytest.mark.postgresql
def test_the_sort_keys_compare_code_points_on_postgresql(db):
    if connection.vendor != "postgresql":
        pytest.skip("collations are PostgreSQL's; SQLite compares code points already")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, collation_name FROM information_schema.columns"
            " WHERE table_name = 'registry_actor' AND column_name LIKE 'sort_%%'"
        )
        assert dict(cursor.fetchall()) == {"sort_en": "C", "sort_fr": "C"}


def test_a_new_name_moves_the_sort_keys(agreement):
    (actor,) = endorsing(agreement, org("Zeta"))
    endorsing(agreement, org("Mu"))
    assert (actor.sort_en, actor.sort_fr) == ("zeta", "zeta")
    events = Event.objects.count()
    services.update_actors([(actor, org("Zeta", en="Alpha Corporation"), [])])
    actor.refresh_from_db()
    assert (actor.sort_en, actor.sort_fr) == ("alpha corporation", "zeta")
    assert listed(agreement, "en") == ["Zeta", "Mu"]
    assert listed(agreement, "fr") == ["Mu", "Zeta"]
    services.update_actors([(actor, org("Ärzte ohne Grenzen"), [])])
    actor.refresh_from_db()
    assert (actor.sort_en, actor.sort_fr) == ("arzte ohne grenzen", "arzte ohne grenzen")
    assert Event.objects.count() == events + 2  # the sort keys are in no event
    last = Event.objects.order_by("-seq").values_list("payload", flat=True)[0]
    assert "sort_" not in last and "arzte ohne grenzen" not in last
    assert actor_column_problems() == []


def test_a_state_sorts_by_its_name_in_each_language(agreement):
    (state,) = services.create_actors(
        [ActorSpec(kind="state", name="Royaume-Uni", category="state", country="GBR")]
    )
    assert (state.sort_en, state.sort_fr) == ("united kingdom", "royaume-uni")


def test_the_api_and_the_exports_sort_as_the_english_list(client, agreement):
    own = "Agence nationale de la sécurité"
    endorsing(agreement, org(own, en="National Cybersecurity Agency"), org("Microsoft"),
              org("Électricité de France"))  # fmt: skip
    expected = ["Électricité de France", "Microsoft", own]
    query = {"as_of": "2020-12-31"}
    api = client.get("/api/v1/agreements/test-call/supporters", query).json()
    assert [s["name"] for s in api["supporters"]] == expected
    for lang in ("en", "fr"):
        response = client.get("/exports/test-call/supporters.json", query,
                              HTTP_ACCEPT_LANGUAGE=lang)  # fmt: skip
        export = json.loads(b"".join(response.streaming_content))
        assert [s["name"] for s in export["supporters"]] == expected
