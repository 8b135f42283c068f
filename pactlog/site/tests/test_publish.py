"""Published counters: the bytes Django answers, written after each committed change."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.test import Client

from pactlog.registry import services
from pactlog.registry.dates import Interval
from pactlog.registry.services import ActorSpec
from pactlog.site import publish


@pytest.fixture
def publish_dir(tmp_path, settings, monkeypatch):
    settings.PUBLISH_DIR = tmp_path / "public"
    monkeypatch.setattr(publish, "_published_version", None)
    return settings.PUBLISH_DIR


@pytest.mark.django_db(transaction=True)
def test_a_committed_change_publishes_what_django_answers(publish_dir):
    agreement, _ = services.save_agreement("test-call", title_en="Test")
    (actor,) = services.create_actors(
        [ActorSpec(kind="state", name="France", category="state", country="FRA")]
    )
    services.start_endorsements(agreement, [(actor, Interval.day(dt.date(2020, 1, 1)))])
    published = (publish_dir / "test-call" / "counters.json").read_bytes()
    assert json.loads(published)["by_category"]["state"] == 1
    answered = Client().get("/test-call/counters.json")
    assert answered.content == published
    assert answered["Content-Type"] == "application/json"


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_publishes_nothing(publish_dir):
    with pytest.raises(services.RegistryError):
        services.save_agreement("x", title_en="X", unknown_field=1)
    assert not publish_dir.exists()


@pytest.mark.django_db(transaction=True)
def test_publish_command_and_switching_it_off(publish_dir, settings, capsys):
    services.save_agreement("test-call", title_en="Test")
    (publish_dir / "test-call" / "counters.json").unlink()
    call_command("publish")
    assert (publish_dir / "test-call" / "counters.json").is_file()
    assert str(publish_dir / "test-call" / "counters.json") in capsys.readouterr().out
    settings.PUBLISH_DIR = None
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="off"):
        call_command("publish")
