"""Snapshots over time: renames are updates, departures are removals, dates are windows."""

import datetime as dt
import json

import pytest
from django.core.management import call_command

from pactlog.importing.run import import_csv, import_jekyll
from pactlog.registry import services
from pactlog.registry.models import Actor, Endorsement

D = dt.date


def entry(folder, key, name, category="private-sector", country="FRA", extra=""):
    (folder / f"{key}.md").write_text(
        f'---\nname: "{name}"\ncategory: {category}\nnationality: {country}\n{extra}---\n'
    )


def snapshot(tmp_path, day, entries, allow_empty=False):
    folder = tmp_path / day
    folder.mkdir()
    for args in entries:
        entry(folder, *args)
    return import_jekyll(folder, "test-call", D.fromisoformat(day), allow_empty=allow_empty)


@pytest.mark.django_db
def test_renames_are_updates_not_removals(tmp_path):
    snapshot(
        tmp_path,
        "2020-01-01",
        [
            ("acme_corp-private-sector-FRA", "Acme Security Systems"),
            ("royaume_uni-state-GBR", "Royaume-Uni", "state", "GBR"),
            ("societe_generale-private-sector-FRA", "Société Générale"),
            ("other-civil-society-DEU", "Other", "civil-society", "DEU"),
        ],
    )
    start = Endorsement.objects.get(actor__name="Acme Security Systems").start
    report = snapshot(
        tmp_path,
        "2021-01-01",
        [
            (
                "acme_corporation-private-sector-FRA",
                "Acme Security Systems SA",
            ),  # similar name, same cat/country
            ("uk-state-GBR", "United Kingdom", "state", "GBR"),  # same state code
            (
                "societe_generale-civil-society-BEL",
                "SOCIÉTÉ GÉNÉRALE",
                "civil-society",
                "BEL",
            ),  # folded name
            ("unrelated-civil-society-DEU", "Unrelated", "civil-society", "DEU"),
        ],
    )
    assert sorted(report.renamed) == [
        ("acme_corp-private-sector-FRA", "acme_corporation-private-sector-FRA"),
        ("royaume_uni-state-GBR", "uk-state-GBR"),
        ("societe_generale-private-sector-FRA", "societe_generale-civil-society-BEL"),
    ]
    assert report.removed == ["other-civil-society-DEU"]
    assert report.added == ["unrelated-civil-society-DEU"]
    acme = Endorsement.objects.get(actor__name="Acme Security Systems SA")
    assert acme.start == start and acme.status == "active"
    assert Actor.objects.filter(name__startswith="Acme").count() == 1
    # The old file name still identifies the actor.
    assert set(acme.actor.source_keys.values_list("key", flat=True)) == {
        "acme_corp-private-sector-FRA",
        "acme_corporation-private-sector-FRA",
    }
    again = snapshot(
        tmp_path,
        "2021-06-01",
        [
            ("acme_corporation-private-sector-FRA", "Acme Security Systems SA"),
            ("uk-state-GBR", "United Kingdom", "state", "GBR"),
            ("societe_generale-civil-society-BEL", "SOCIÉTÉ GÉNÉRALE", "civil-society", "BEL"),
            ("unrelated-civil-society-DEU", "Unrelated", "civil-society", "DEU"),
        ],
    )
    assert again.changes == 0


@pytest.mark.django_db
def test_a_dissimilar_newcomer_is_not_a_rename(tmp_path):
    snapshot(tmp_path, "2020-01-01", [("alpha-private-sector-FRA", "Alpha Systems")])
    report = snapshot(tmp_path, "2021-01-01", [("omega-private-sector-FRA", "Omega Networks")])
    assert report.renamed == [] and report.removed == ["alpha-private-sector-FRA"]


@pytest.mark.django_db
def test_a_returning_entry_endorses_again(tmp_path):
    snapshot(tmp_path, "2020-01-01", [("alpha-private-sector-FRA", "Alpha")])
    snapshot(tmp_path, "2021-01-01", [], allow_empty=True)  # the list really was empty
    report = snapshot(tmp_path, "2022-01-01", [("alpha-private-sector-FRA", "Alpha")])
    assert report.added == ["alpha-private-sector-FRA"]
    numbers = list(Endorsement.objects.order_by("number").values_list("number", "status"))
    assert numbers == [(1, "removed"), (2, "active")]
    second = Endorsement.objects.get(number=2)
    assert (second.start_not_before, second.start_not_after) == (D(2021, 1, 2), D(2022, 1, 1))


@pytest.mark.django_db
def test_csv_import_matches_existing_and_is_idempotent(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(
        "name,category,country,nature,website,start_not_before,start_not_after\n"
        "Acme,private-sector,FRA,Entreprise,https://acme.example,2020-01-01,2020-03-31\n"
        "France,state,FRA,,,,2019-05-01\n"
    )
    first = import_csv(path, "test-call")
    assert first.added == ["Acme", "France"]
    before = services.event_count()
    second = import_csv(path, "test-call")
    assert second.changes == 0 and second.unchanged == 2
    assert services.event_count() == before
    acme = Endorsement.objects.get(actor__name="Acme")
    assert (acme.start_not_before, acme.start_not_after) == (D(2020, 1, 1), D(2020, 3, 31))
    assert acme.actor.nature == "company"


@pytest.mark.django_db
def test_query_commands_speak_json_and_fail_cleanly(tmp_path, capsys):
    snapshot(tmp_path, "2020-01-01", [("alpha-private-sector-FRA", "Alpha")])
    call_command("counts", "--agreement", "test-call", "--as-of", "2020-01-01", "--json")
    assert json.loads(capsys.readouterr().out)["total"] == 1
    call_command(
        "supporters", "--agreement", "test-call", "--as-of", "2020-01-01", "--q", "ALPHA", "--json"
    )
    assert json.loads(capsys.readouterr().out)["supporters"][0]["name"] == "Alpha"
    call_command(
        "changes",
        "--agreement",
        "test-call",
        "--from",
        "2019-01-01",
        "--to",
        "2020-01-01",
        "--json",
    )
    assert [s["name"] for s in json.loads(capsys.readouterr().out)["uncertain"]] == ["Alpha"]
