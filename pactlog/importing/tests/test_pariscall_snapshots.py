"""The issue's acceptance figures, on the real snapshots of the Paris Call site."""

import datetime as dt
import json
import re

import pytest
from django.core.management import call_command
from django.db.models import F

from conftest import snapshot_folder
from pactlog.importing.run import import_jekyll
from pactlog.registry import queries, services
from pactlog.registry.models import Endorsement, Event
from pactlog.registry.replay import current_state, replay_database

D = dt.date


def _import(day: str, **kw):
    return import_jekyll(snapshot_folder(day), "paris-call", D.fromisoformat(day), **kw)


@pytest.fixture
def reports(pariscall_data, db):
    return _import("2019-12-31"), _import("2020-12-31")


def test_counts_as_of_each_snapshot(reports):
    agreement = queries.get_agreement("paris-call")
    late = queries.counts(agreement, D(2020, 12, 31))
    assert late["total"] == 1170
    assert late["by_category"] == {
        "state": 79,
        "public-authority": 33,
        "civil-society": 374,
        "private-sector": 684,
    }
    early = queries.counts(agreement, D(2019, 12, 31))
    assert early["total"] == 1076  # the 1,073 listed then, and 3 signed earlier but listed later
    assert early["by_category"]["state"] == 76
    # Uncertain mid-2020: the entries first listed in 2020 with no signature date, and the one
    # entry removed some time in 2020, counted from the files themselves.
    first_listed = {p.name for p in snapshot_folder("2020-12-31").iterdir()} - {
        p.name for p in snapshot_folder("2019-12-31").iterdir()
    }
    undated = [
        n
        for n in first_listed
        if "date_signed" not in (snapshot_folder("2020-12-31") / n).read_text()
    ]
    assert queries.counts(agreement, D(2020, 6, 30))["uncertain"] == len(undated) + 1 == 51
    romanian = queries.supporters(
        agreement, D(2020, 12, 31), queries.SupporterFilter(country="ROU")
    )
    assert romanian["count"] == 31


def test_the_one_removed_entry(reports):
    first, second = reports
    assert (second.removed, second.renamed) == (["maldon_wat-private-sector-ROM"], [])
    assert (len(first.added), len(second.added), second.unchanged) == (1073, 98, 1072)
    gone = Endorsement.objects.get(actor__name="Maldon&Wat")
    assert gone.status == "removed"
    assert (gone.end_not_before, gone.end_not_after) == (D(2020, 1, 1), D(2020, 12, 31))
    assert gone.start_not_before is None and gone.start_not_after == D(2019, 12, 31)


def test_new_entries_are_dated_by_the_snapshots_or_their_signature(reports):
    e = Endorsement.objects.get(actor__source_keys__key="good_info-private-sector-FRA")
    assert (e.start_not_before, e.start_not_after) == (D(2019, 11, 20), D(2019, 11, 20))
    window = Endorsement.objects.filter(
        start_not_before=D(2020, 1, 1), start_not_after=D(2020, 12, 31)
    )
    exact_2020 = Endorsement.objects.filter(
        start_not_before=F("start_not_after"), start_not_after__gt=D(2019, 12, 31)
    )
    assert window.count() + exact_2020.count() + 3 == 98
    first = Endorsement.objects.filter(
        start_not_before__isnull=True, start_not_after=D(2019, 12, 31)
    )
    assert (
        first.count()
        + Endorsement.objects.filter(
            start_not_after__lte=D(2019, 12, 31), start_not_before__isnull=False
        ).count()
        == 1073 + 3
    )


def test_every_anomaly_is_reported(reports):
    problems = {(p.file, p.field, p.severity) for p in reports[1].problems}
    messages = " ".join(p.message for p in reports[1].problems)
    assert ("liceul_atanasie_marienescu-undefined-ROM.md", "category", "error") in problems
    assert [p for p in reports[1].problems if p.severity == "error"] == [
        p
        for p in reports[1].problems
        if p.file == "liceul_atanasie_marienescu-undefined-ROM.md" and p.severity == "error"
    ]
    for legacy in (
        "legacy code ROM read as ROU",
        "legacy code SCG read as SRB",
        "legacy code MTG read as MNE",
    ):
        assert legacy in messages
    assert ("rphs_law-private-sector-.md", "country", "warning") in problems
    assert ("rimac_seguros-private-society-PER.md", "category", "warning") in problems
    assert ("universite_bretagne_sud-public-authority-FRA.md", "category", "warning") in problems
    assert (
        "bumrungrad_international_hospital-private-sector-THA.md.",
        "file",
        "warning",
    ) in problems
    assert sum("legacy code ROM" in p.message for p in reports[1].problems) == 31


def test_reimport_changes_nothing(reports):
    before = services.event_count()
    again = _import("2020-12-31")
    assert again.changes == 0 and again.unchanged == 1170
    assert services.event_count() == before


def test_dry_run_writes_nothing(pariscall_data, db):
    report = _import("2019-12-31", dry_run=True)
    assert len(report.added) == 1073 and report.dry_run
    assert Event.objects.count() == 0
    assert not Endorsement.objects.exists()
    with pytest.raises(queries.NotFound):
        queries.get_agreement("paris-call")


def test_older_snapshot_after_a_newer_one_is_refused(reports):
    from pactlog.importing.sync import ImportRefused

    with pytest.raises(ImportRefused, match="later snapshot"):
        _import("2019-12-31")


def test_events_replay_to_the_imported_registry(reports):
    assert replay_database() == current_state()
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    for payload in Event.objects.values_list("payload", flat=True):
        assert not email.search(payload), payload
        assert "linkedin.com" not in payload and "twitter" not in payload


def test_import_command_json_report(pariscall_data, db, capsys):
    call_command(
        "import-jekyll",
        str(snapshot_folder("2019-12-31")),
        "--agreement",
        "paris-call",
        "--snapshot-date",
        "2019-12-31",
        "--json",
    )
    report = json.loads(capsys.readouterr().out)
    assert set(report) >= {
        "source",
        "snapshot_date",
        "added",
        "updated",
        "renamed",
        "removed",
        "unchanged",
        "problems",
    }
    assert report["added"] == 1073 and report["source"] == "pariscall-site"
    assert {"file", "field", "severity", "message"} == set(report["problems"][0])
