"""No source lists an organisation's name in other languages: a correction sets it, and an
import of the same list again keeps it (no event, no count moved), as a snapshot's renames do."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from pactlog.importing.run import import_csv, import_jekyll
from pactlog.registry import services
from pactlog.registry.models import Actor

D = dt.date


def corrected(actor: Actor, **names: str) -> None:
    spec = dataclasses.replace(services.spec_of(actor), names=names)
    assert services.update_actors([(actor, spec, [])]) == 1


@pytest.mark.django_db
def test_a_csv_import_again_keeps_the_other_names(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(
        "name,category,country,nature,website,start_not_before,start_not_after\n"
        "Acme,private-sector,FRA,,https://acme.example,2020-01-01,2020-03-31\n"
    )
    import_csv(path, "test-call")
    corrected(Actor.objects.get(name="Acme"), fr="Acmé France")
    before = services.event_count()
    again = import_csv(path, "test-call")
    assert again.changes == 0 and services.event_count() == before
    assert Actor.objects.get(name="Acme").names == {"fr": "Acmé France"}
    # A real change from the source keeps the names too.
    path.write_text(path.read_text().replace("https://acme.example", "https://acme.example/fr"))
    import_csv(path, "test-call")
    acme = Actor.objects.get(name="Acme")
    assert (acme.website, acme.names) == ("https://acme.example/fr", {"fr": "Acmé France"})


@pytest.mark.django_db
def test_a_snapshot_and_its_rename_keep_the_other_names(tmp_path):
    def snapshot(day: str, key: str, name: str):
        folder = tmp_path / day
        folder.mkdir()
        (folder / f"{key}.md").write_text(
            f'---\nname: "{name}"\ncategory: private-sector\nnationality: FRA\n---\n'
        )
        return import_jekyll(folder, "test-call", D.fromisoformat(day))

    snapshot("2020-01-01", "acme-private-sector-FRA", "Acme Security Systems")
    corrected(Actor.objects.get(), en="Acme Security Systems of France")
    before = services.event_count()
    snapshot("2020-02-01", "acme-private-sector-FRA", "Acme Security Systems")
    assert services.event_count() == before
    report = snapshot("2020-03-01", "acme_sa-private-sector-FRA", "Acme Security Systems SA")
    assert report.renamed
    acme = Actor.objects.get()
    assert acme.name == "Acme Security Systems SA"
    assert acme.names == {"en": "Acme Security Systems of France"}
