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
    monkeypatch.setattr(publish, "_published", None)
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


def test_the_front_marker_only_moves_forward(tmp_path):
    day = dt.date(2026, 1, 2)
    assert publish.current_marker(tmp_path) is None
    assert publish.point_front_at(tmp_path, 7, day)
    assert publish.current_marker(tmp_path) == (7, day)
    assert (tmp_path / "version" / "current").resolve() == tmp_path / "version" / "7-2026-01-02"
    assert not publish.point_front_at(tmp_path, 6, day)  # a slow publisher of an older version
    assert not publish.point_front_at(tmp_path, 7, day)
    assert publish.point_front_at(tmp_path, 7, day + dt.timedelta(days=1))  # the day moved on
    for version in range(8, 40):
        publish.point_front_at(tmp_path, version, day + dt.timedelta(days=1))
    kept = sorted(p.name for p in (tmp_path / "version").iterdir())
    assert len(kept) == publish.KEEP_MARKERS + 1 and "current" in kept  # bounded
    assert publish.current_marker(tmp_path) == (39, day + dt.timedelta(days=1))


@pytest.mark.django_db(transaction=True)
def test_a_committed_change_moves_the_marker(publish_dir):
    from pactlog.registry.caching import registry_version

    services.save_agreement("test-call", title_en="Test")
    assert publish.current_marker(publish_dir) == (registry_version(), dt.date.today())


@pytest.mark.django_db(transaction=True)
def test_the_watcher_publishes_what_another_server_committed(publish_dir, settings):
    from pactlog.registry.caching import registry_version

    settings.PUBLISH_DIR = None  # the change is made on another application server
    services.save_agreement("test-call", title_en="Test")
    assert not publish_dir.exists()
    publish.watch(publish_dir, 0.01, rounds=2)
    assert (publish_dir / "test-call" / "counters.json").is_file()
    assert publish.current_marker(publish_dir) == (registry_version(), dt.date.today())
    assert not publish.follow(publish_dir)  # nothing new
    services.save_agreement("test-call", title_en="Test, renamed")
    assert publish.follow(publish_dir)
    assert publish.current_marker(publish_dir)[0] == registry_version()  # type: ignore[index]
