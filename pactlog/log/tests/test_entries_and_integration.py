"""Entries are the canonical JSON of events; integration after commit; keys; audit."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat

import pytest
from django.db import connection

from pactlog.log import keys
from pactlog.log.audit import audit
from pactlog.log.entries import entry_bytes, parse_entry, timestamp
from pactlog.log.integrate import integrate, open_log, stored_size
from pactlog.log.models import LogFile, LogState
from pactlog.log.tests.helpers import small_registry
from pactlog.registry import services
from pactlog.registry.canonical import canonical_json
from pactlog.registry.models import Event
from pactlog.tlog import MAX_ENTRY_SIZE, Verifier, open_checkpoint

pytestmark = pytest.mark.django_db


def test_entry_is_the_canonical_json_of_the_event():
    when = dt.datetime(2024, 5, 6, 7, 8, 9, 10, tzinfo=dt.UTC)
    payload = {"name": "Église ☃", "id": "x", "n": [1, None]}
    data = entry_bytes(7, "actor.saved", when, canonical_json(payload))
    whole = {
        "payload": payload,
        "recorded_at": "2024-05-06T07:08:09.000010Z",
        "seq": 7,
        "type": "actor.saved",
    }
    assert data == canonical_json(whole).encode("utf-8")
    assert parse_entry(data, 7) == ("actor.saved", payload, "2024-05-06T07:08:09.000010Z")
    other_zone = when.astimezone(dt.timezone(dt.timedelta(hours=5)))
    assert timestamp(other_zone) == "2024-05-06T07:08:09.000010Z"


def test_an_event_too_large_for_the_log_is_refused_and_nothing_is_written(
    django_capture_on_commit_callbacks,
):
    small_registry(1)
    before = Event.objects.count()
    with pytest.raises(services.RegistryError, match=r"log entry of [\d,]+ bytes.*at most 65,535"):
        services.save_agreement("pact", text_en="x" * MAX_ENTRY_SIZE)
    assert Event.objects.count() == before
    # Just under the limit is accepted, and multi-byte characters count as bytes.
    with pytest.raises(services.RegistryError):
        services.save_agreement("pact", text_en="é" * (MAX_ENTRY_SIZE // 2))
    with django_capture_on_commit_callbacks(execute=True):
        services.save_agreement("pact", text_en="y" * (MAX_ENTRY_SIZE - 1000))
    assert Event.objects.count() == before + 1
    assert stored_size() == before + 1


def test_changes_are_integrated_after_commit_and_signed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        small_registry(300)  # crosses a tile boundary
    count = Event.objects.count()
    note = LogState.objects.get(pk=1).checkpoint
    cp = open_checkpoint(note, Verifier(keys.verifier_key()), keys.origin())
    assert cp.size == count == stored_size()
    tree = open_log()
    for event in Event.objects.order_by("seq")[:3]:
        assert tree.entry(event.seq) == entry_bytes(
            event.seq, event.type, event.recorded_at, event.payload
        )
    assert LogFile.objects.filter(path="tile/0/000").exists()
    assert integrate() == 0  # idempotent: nothing twice
    assert stored_size() == count
    assert audit() == []


def test_a_missed_integration_is_finished_by_the_next_change_or_reader(
    django_capture_on_commit_callbacks, client
):
    small_registry(3)  # no on_commit callbacks ran: as if the process died after the commit
    assert stored_size() == 0
    response = client.get("/log/checkpoint")
    assert response.status_code == 200
    assert stored_size() == Event.objects.count()
    assert response.content.decode().splitlines()[1] == str(Event.objects.count())


def test_key_file_is_created_once_with_mode_0600(tmp_path, settings):
    settings.LOG_KEY = ""
    settings.LOG_KEY_FILE = tmp_path / "sub" / "log_key"
    settings.LOG_ORIGIN = "example.org/pactlog"
    keys.signer.cache_clear()
    try:
        first = keys.verifier_key()
        assert stat.S_IMODE(os.stat(settings.LOG_KEY_FILE).st_mode) == 0o600
        keys.signer.cache_clear()
        assert keys.verifier_key() == first
        assert first.startswith("example.org/pactlog+")
        settings.LOG_ORIGIN = "other.org/pactlog"
        keys.signer.cache_clear()
        with pytest.raises(Exception, match=r"named 'example\.org/pactlog'"):
            keys.signer()
    finally:
        keys.signer.cache_clear()


def test_audit_names_a_row_changed_behind_the_services_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        small_registry(3)
    assert audit() == []
    with connection.cursor() as cursor:
        cursor.execute("UPDATE registry_actor SET name = 'Forged' WHERE public_id = 'org-1'")
        cursor.execute(
            "UPDATE registry_endorsement SET start_not_after = '2019-01-01', start_not_before = NULL"
            " WHERE actor_id = (SELECT id FROM registry_actor WHERE public_id = 'org-2')"
        )
    problems = audit()
    assert "actor org-1: field 'name': tables say 'Forged', events say 'Org 1'" in problems
    assert any(
        p.startswith("endorsement of pact by actor org-2 (#1): field 'start.not_after'")
        for p in problems
    )


def test_audit_names_a_deleted_event_and_an_edited_bundle(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        small_registry(3)
    Event.objects.filter(seq=2).delete()
    problems = audit()
    assert "event 2 missing from the events table" in problems
    assert "log entry 2: its event row is missing" in problems

    bundle = LogFile.objects.get(path__startswith="tile/entries/000.p/")
    data = bytes(bundle.data).replace(b"Org 0", b"Org 9")
    LogFile.objects.filter(path=bundle.path).update(data=data)
    problems = audit()
    assert any("stored log" in p and "entries" in p for p in problems), problems


def test_entries_carry_no_personal_data_field(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        small_registry(2)
    tree = open_log()
    for index in range(tree.size):
        text = tree.entry(index).decode()
        assert "@" not in text and "email" not in text
        json.loads(text)


def test_supporter_page_lists_its_log_entries_with_proof_links(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        small_registry(3)
    seqs = list(Event.objects.filter(actor="org-0").values_list("seq", flat=True))
    assert len(seqs) == 3  # saved, started, ended
    for lang, title in (("en", "Verify"), ("fr", "Vérifier")):
        page = client.get(f"/{lang}/pact/supporters/org-0/").content.decode()
        assert f'<h2 id="verify">{title}</h2>' in page
        for seq in seqs:
            assert f'href="/api/v1/log/entries/{seq}"' in page
    proof = client.get(f"/api/v1/log/entries/{seqs[-1]}").json()
    assert proof["entry"]["type"] == "endorsement.ended"
