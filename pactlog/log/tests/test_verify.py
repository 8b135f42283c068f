"""`pactlog verify` against a live server: passes on an honest site, and names what differs on
a tampered one; `--state` makes it a monitor that catches a shorter or rewritten log."""

from __future__ import annotations

import dataclasses
import json

import pytest
from django.db import connection

from pactlog.log import keys
from pactlog.log.integrate import integrate
from pactlog.log.models import LogFile, LogState
from pactlog.log.tests.helpers import small_registry
from pactlog.registry import services
from pactlog.registry.models import Actor, Event
from pactlog.verifier.site import main as verify_main


@pytest.fixture
def site(live_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        small_registry(12)
    integrate()
    return live_server.url + "/"


def verify(capsys, site: str, *extra: str) -> tuple[int, str]:
    # As `pactlog verify` and the stand-alone `pactlog-verify` both run it.
    code = verify_main([site, "--key", keys.verifier_key(), *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def snapshot_log() -> tuple[list[tuple[str, bytes]], str]:
    files = [(p, bytes(d)) for p, d in LogFile.objects.values_list("path", "data")]
    return files, LogState.objects.get(pk=1).checkpoint


def restore_log(files: list[tuple[str, bytes]], note: str) -> None:
    LogFile.objects.all().delete()
    LogFile.objects.bulk_create(LogFile(path=p, data=d) for p, d in files)
    LogState.objects.filter(pk=1).update(checkpoint=note, size=int(note.splitlines()[1]))


def test_honest_site_passes(site, capsys):
    code, out = verify(capsys, site)
    assert code == 0, out
    assert "every count and supporter list matches" in out
    assert "pact compared as of" in out and out.count(",") >= 3  # today and >= 3 past dates


def test_endorsement_changed_by_sql_is_named(site, capsys):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE registry_endorsement SET start_not_after = '2019-06-01', start_not_before ="
            " '2019-06-01' WHERE actor_id = (SELECT id FROM registry_actor WHERE public_id = 'org-3')"
        )
    code, out = verify(capsys, site)
    assert code == 1
    assert "supporter org-3: start: log says {'not_after': '2020-03-31'" in out
    assert "FAILED" in out


@pytest.fixture
def named_site(live_server, django_capture_on_commit_callbacks):
    """The small registry, one organisation of which gives its name in French."""
    with django_capture_on_commit_callbacks(execute=True):
        small_registry(6)
        org = Actor.objects.get(public_id="org-3")
        spec = dataclasses.replace(services.spec_of(org), names={"fr": "Organisation trois"})
        services.update_actors([(org, spec, [])])
    integrate()
    return live_server.url + "/"


def test_other_language_names_are_compared(named_site, capsys):
    code, out = verify(capsys, named_site)
    assert code == 0, out
    # The API serves what the tables say: a name changed behind the services' back is named.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE registry_actor SET names = %s WHERE public_id = 'org-3'",
            ['{"fr": "Organisation forgée"}'],
        )
    code, out = verify(capsys, named_site)
    assert code == 1
    assert "supporter org-3: names: log says {'fr': 'Organisation trois'}" in out


def test_deleted_event_row_is_caught(site, capsys):
    """Events deleted and the log rebuilt from what remains: the tables say more than the log."""
    Event.objects.filter(actor="org-5").delete()
    LogFile.objects.all().delete()
    LogState.objects.filter(pk=1).update(checkpoint="", size=0)
    integrate()
    code, out = verify(capsys, site)
    assert code == 1
    assert "org-5" in out


def test_edited_bundle_and_tile_are_caught(site, capsys):
    path = LogFile.objects.filter(path__startswith="tile/entries/").order_by("-path")[0].path
    data = bytes(LogFile.objects.get(path=path).data).replace(b"Org 1", b"Org 7", 1)
    LogFile.objects.filter(path=path).update(data=data)
    code, out = verify(capsys, site)
    assert code == 1 and "FAILED" in out and "entries" in out, out

    tile = LogFile.objects.filter(path__startswith="tile/0/").order_by("-path")[0]
    LogFile.objects.filter(path__startswith="tile/entries/").delete()
    flipped = bytes([tile.data[0] ^ 1]) + bytes(tile.data[1:])
    LogFile.objects.filter(path=tile.path).update(data=flipped)
    code, out = verify(capsys, site)
    assert code == 1 and "FAILED" in out


def test_monitor_catches_a_shorter_log_and_a_rewritten_one(site, capsys, tmp_path, monkeypatch):
    state = tmp_path / "monitor.json"
    old_files, old_note = snapshot_log()
    code, out = verify(capsys, site, "--state", str(state))
    assert code == 0, out
    services.save_agreement("pact", summary_en="Now with a summary")
    integrate()
    code, out = verify(capsys, site, "--state", str(state))
    assert code == 0 and "consistent with the checkpoint of size" in out, out
    seen = json.loads(state.read_text())["checkpoint"]
    assert seen != old_note

    # An older, shorter log served to a monitor that saw more (a read never integrates).
    restore_log(old_files, old_note)
    code, out = verify(capsys, site, "--state", str(state))
    assert code == 1
    assert "larger than the current" in out
    assert seen in out and old_note in out  # both signed checkpoints, as evidence

    # A rewritten history of the same length: entry 1 changed, everything re-signed.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE registry_event SET payload = replace(payload, 'Org 0', 'Org X')")
    LogFile.objects.all().delete()
    LogState.objects.filter(pk=1).update(checkpoint="", size=0)
    integrate()
    code, out = verify(capsys, site, "--state", str(state))
    assert code == 1
    assert "not consistent with the older one" in out
    assert seen in out


def test_usage_errors_exit_2(capsys):
    assert verify_main(["not-a-url", "--key", "x"]) == 2
    assert verify_main(["http://127.0.0.1:9/", "--key", "bad key"]) == 2


@pytest.fixture
def site_with_claims(site, django_capture_on_commit_callbacks):
    from pactlog.claims.services import save_claim
    from pactlog.claims.spec import parse_claim
    from pactlog.claims.verdicts import refresh_all
    from pactlog.registry.models import Agreement

    source = {"title": "A story", "url": "https://example.org/a", "published": "2020-06-01"}
    pact = Agreement.objects.get(slug="pact")
    with django_capture_on_commit_callbacks(execute=True):
        for claim in (
            {"kind": "count", "quantity": "civil-society", "op": "=", "value": 3},
            {"kind": "launch-date", "value": "2020-01-01"},
            {"kind": "states-absent", "states": ["FRA"]},
            {"kind": "count", "quantity": "group", "group": "g7", "op": ">=", "value": 1},
        ):
            data = {"source": source, "quote": "q", "as_of": "2020-03-15", **claim}
            save_claim(pact, parse_claim(data))
    refresh_all()
    integrate()
    return site


def test_claims_and_their_verdicts_are_compared(site_with_claims, capsys):
    code, out = verify(capsys, site_with_claims)
    assert code == 0, out
    with connection.cursor() as cursor:
        cursor.execute("UPDATE claims_claim SET quote = 'forged' WHERE kind = 'launch-date'")
    from pactlog.claims.models import ClaimVerdict

    for row in ClaimVerdict.objects.filter(claim__kind="count"):
        forged = {**row.details, "verdict": "inconsistent"}
        ClaimVerdict.objects.filter(pk=row.pk).update(details=forged, verdict="inconsistent")
    code, out = verify(capsys, site_with_claims)
    assert code == 1
    assert "quote: log says 'q', site says 'forged'" in out
    assert "verdict (verdict): log gives 'consistent', site says 'inconsistent'" in out


def test_every_altered_verdict_is_named_those_about_groups_too(site_with_claims, capsys):
    """Verdicts are recomputed by the stand-alone verifier's own engine (no hook from the
    application): each claim whose served verdict was altered is named, the one about a group
    too, recomputed with the memberships the site serves at /log/groups.json and saying so."""
    from pactlog.claims.models import Claim, ClaimVerdict
    from pactlog.verifier.groupclaims import GIVES

    for row in ClaimVerdict.objects.all():
        said = row.details["verdict"]
        forged = "undetermined" if said != "undetermined" else "consistent"
        ClaimVerdict.objects.filter(pk=row.pk).update(
            details={**row.details, "verdict": forged}, verdict=forged
        )
    code, out = verify(capsys, site_with_claims)
    assert code == 1, out
    lines = {
        line.split()[2].rstrip(":"): line for line in out.splitlines() if ": verdict (" in line
    }
    about_group = set(Claim.objects.exclude(group="").values_list("public_id", flat=True))
    everyone = set(Claim.objects.values_list("public_id", flat=True))
    assert len(about_group) == 1 and set(lines) == everyone
    assert {cid for cid, line in lines.items() if GIVES in line} == about_group
    assert len(lines) == 4 and "FAILED: 4 difference(s)" in out


def test_supporter_lists_over_several_pages_are_read_whole(site, capsys, monkeypatch):
    monkeypatch.setattr("pactlog.verifier.site.PAGE_SIZE", 5)  # 12 supporters: 3 pages
    code, out = verify(capsys, site)
    assert code == 0, out
    Event.objects.filter(actor="org-11").delete()  # the log would now list fewer
    LogFile.objects.all().delete()
    LogState.objects.filter(pk=1).update(checkpoint="", size=0)
    integrate()
    code, out = verify(capsys, site)
    assert code == 1 and "supporter org-11" in out, out


def test_pages_the_log_expects_but_the_site_lacks_are_differences(site, capsys, monkeypatch):
    # All the pages the log implies are asked at once: 12 supporters in the log, 3 pages of 5;
    # the site lists 9 (2 pages), so page 3 is a 404, and the three missing are named.
    monkeypatch.setattr("pactlog.verifier.site.PAGE_SIZE", 5)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE registry_endorsement SET start_not_after = '2099-01-01', start_not_before ="
            " '2099-01-01' WHERE actor_id IN (SELECT id FROM registry_actor WHERE public_id IN"
            " ('org-9', 'org-10', 'org-11'))"
        )
    code, out = verify(capsys, site)
    assert code == 1, out
    for actor in ("org-9", "org-10", "org-11"):
        assert f"supporter {actor}: in force per the log, not listed" in out


def test_todays_answers_are_read_early_and_used_once(site):
    import datetime as dt
    import time

    from pactlog.log.integrate import open_log
    from pactlog.verifier.site import Api, compare, replay_entries

    tree = open_log()
    state, _ = replay_entries([tree.entry(i) for i in range(tree.size)])
    today = dt.date.today()
    api = Api(site, 10)
    api.prefetch(today)
    deadline = time.monotonic() + 10
    while len(api._early) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert sorted(api._early) == [
        "agreements",
        f"agreements/pact/counts?as_of={today}",
        f"agreements/pact/supporters?as_of={today}&page=1&page_size=500",
    ]
    assert compare(api, state, [], today) == []
    assert api._early == {}  # each early answer was used, once
    api.close()
