import datetime as dt

import pytest
from django.core.management import call_command

from pactlog.demo.example import LAUNCH, SLUG, load_example
from pactlog.registry import queries
from pactlog.registry.models import Endorsement, Event
from pactlog.registry.replay import current_state, replay_database


@pytest.fixture
def example(db):
    return load_example()


def test_example_is_labelled_and_shaped_as_specified(example):
    assert example.is_example and "Example" in example.title_en
    today = queries.counts(example, dt.date(2026, 11, 1))
    assert today["by_category"]["state"] == 60
    assert 600 - 8 <= today["total"] - 60 <= 600
    launch_day = queries.counts(example, LAUNCH)["total"]
    assert launch_day > 150  # the launch-day spike
    assert Endorsement.objects.filter(status="withdrawn").count() == 8
    precisions = {
        "day": Endorsement.objects.filter(start_not_before__isnull=False)
        .exclude(start_not_before__lt=LAUNCH)
        .count(),
        "by": Endorsement.objects.filter(start_not_before__isnull=True).count(),
    }
    assert precisions["by"] > 0 and precisions["day"] > 0
    assert Event.objects.filter(type="actor.saved", payload__contains=' Group"').exists()
    assert replay_database() == current_state()


def test_example_is_deterministic(example):
    first = sorted(
        Endorsement.objects.values_list("actor__name", "start_not_before", "start_not_after")
    )
    Event.objects.all().delete()
    Endorsement.objects.all().delete()
    example.delete()
    load_example()
    assert (
        sorted(
            Endorsement.objects.values_list("actor__name", "start_not_before", "start_not_after")
        )
        == first
    )


def test_demo_setup_creates_an_admin_and_loads_once(db, capsys):
    call_command("demo-setup")
    out = capsys.readouterr().out
    assert "password" in out and SLUG in out
    assert "/moderation/" in out  # a new admin is told where requests wait
    call_command("demo-setup")
    assert SLUG not in capsys.readouterr().out.split("pactlog is at")[0]
    assert queries.get_agreement(SLUG).is_example


def test_french_authorities_write_themselves_in_french_and_give_their_english_name(example, client):
    from pactlog.registry.models import Actor

    french = Actor.objects.filter(country="FRA", category="public-authority").exclude(names={})
    assert french.exists()
    actor = french.first()
    assert actor is not None
    english = actor.names["en"]
    assert english.endswith(("City Council", "Digital Agency", "Region"))
    assert actor.name.startswith(("Conseil municipal d", "Agence numérique d", "Région d"))
    page = f"/{{lang}}/{SLUG}/supporters/{actor.public_id}/"
    assert english in client.get(page.format(lang="en")).content.decode()
    assert actor.name in client.get(page.format(lang="fr")).content.decode()
