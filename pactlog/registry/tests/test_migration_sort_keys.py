"""Migration 0008 fills the sort keys of the actors already there, and writes no event."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from pactlog.log.derived import actor_column_problems
from pactlog.registry import services
from pactlog.registry.models import Actor, Event
from pactlog.registry.services import ActorSpec

BEFORE = [("registry", "0007_bookkeeping_version")]
AFTER = [("registry", "0008_actor_sort_keys")]


def migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_sort_keys_of_existing_actors():
    services.create_actors(
        [
            ActorSpec(kind="state", name="Royaume-Uni", category="state", country="GBR"),
            ActorSpec(kind="organisation", name="Électricité de France", category="private-sector"),
            ActorSpec(kind="organisation", name="Agence nationale", category="public-authority",
                      names={"en": "National Agency"}),
        ]
    )  # fmt: skip
    events = list(Event.objects.values_list("seq", "payload"))
    try:
        migrate(BEFORE)
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM registry_actor")
            assert cursor.fetchone()[0] == 3
        migrate(AFTER)
    finally:
        migrate(executor_leaves())
    keys = dict(Actor.objects.values_list("name", "sort_en"))
    assert keys == {
        "Royaume-Uni": "united kingdom",
        "Électricité de France": "electricite de france",
        "Agence nationale": "national agency",
    }
    assert dict(Actor.objects.values_list("name", "sort_fr")) == {
        "Royaume-Uni": "royaume-uni",
        "Électricité de France": "electricite de france",
        "Agence nationale": "agence nationale",
    }
    assert list(Event.objects.values_list("seq", "payload")) == events
    assert services.event_count() == len(events)
    assert actor_column_problems() == []


def executor_leaves() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()
