"""The real history: `import-git` on the Paris Call site's bundle agrees with the two folder
snapshots on every count they can answer, and dates the 2020 newcomers to the month."""

import datetime as dt

import pytest

from conftest import snapshot_folder
from pactlog.importing.history import import_git
from pactlog.importing.run import import_jekyll
from pactlog.registry.dates import in_force_q
from pactlog.registry.models import Agreement, Endorsement

D = dt.date
LAUNCH = D(2018, 11, 12)

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def counts(slug, day):
    rows = Endorsement.objects.filter(in_force_q(day), agreement__slug=slug)
    return rows.count(), rows.filter(actor__kind="state").count()


def by_category(slug, day):
    rows = Endorsement.objects.filter(in_force_q(day), agreement__slug=slug)
    return sorted(rows.values_list("actor__category", "actor__name"))


def width(e):
    return (e.start_not_after - (e.start_not_before or LAUNCH)).days


def by_key(slug, source):
    return {
        key: e
        for e in Endorsement.objects.filter(agreement__slug=slug, status="active")
        .select_related("actor")
        .prefetch_related("actor__source_keys")
        for key in e.actor.source_keys.filter(source=source).values_list("key", flat=True)
    }


def test_the_history_agrees_with_the_snapshots_and_is_finer(pariscall_history):
    report = import_git(pariscall_history, "_supporters", "paris-call")
    assert len(report.commits) == 167  # first-parent commits that touch _supporters/
    assert report.commits[0].date == D(2019, 9, 16)
    Agreement.objects.filter(slug="paris-call").update(launched_on=LAUNCH)
    import_jekyll(snapshot_folder("2019-12-31"), "folders", D(2019, 12, 31), "folders")
    added_2020 = import_jekyll(snapshot_folder("2020-12-31"), "folders", D(2020, 12, 31), "folders")

    assert counts("paris-call", D(2019, 12, 31)) == counts("folders", D(2019, 12, 31)) == (1076, 76)
    assert counts("paris-call", D(2020, 12, 31)) == counts("folders", D(2020, 12, 31)) == (1170, 79)

    git, folders = by_key("paris-call", "pariscall-site"), by_key("folders", "folders")
    assert set(folders) <= set(git)
    pairs = [(git[key], folders[key]) for key in folders]
    # The history never dates an entry later than the snapshots do, and is never vaguer,
    # except where a commit listed it before its date_signed: the observation wins.
    assert all(g.start_not_after <= f.start_not_after for g, f in pairs)
    contradicted = [(g, f) for g, f in pairs if width(g) > width(f)]
    assert all(g.start_not_after < f.start_not_before for g, f in contradicted)
    assert len(contradicted) < 20
    assert sum(width(g) < width(f) for g, f in pairs) > len(pairs) * 0.9

    newcomers = [git[key] for key in added_2020.added]
    assert len(newcomers) == 98
    assert sum(width(e) <= 31 for e in newcomers) >= 0.9 * len(newcomers)

    # Resuming with nothing new is a no-op.
    assert import_git(pariscall_history, "_supporters", "paris-call").as_json() == {
        "commits": [],
        "summary": [],
        "problems": [],
    }


def test_rebuild_over_the_folder_snapshots_keeps_counts_and_refines_starts(pariscall_history):
    import_jekyll(snapshot_folder("2019-12-31"), "folders", D(2019, 12, 31), "folders")
    added_2020 = import_jekyll(snapshot_folder("2020-12-31"), "folders", D(2020, 12, 31), "folders")
    before = {day: by_category("folders", day) for day in (D(2019, 12, 31), D(2020, 12, 31))}
    import_git(pariscall_history, "_supporters", "folders", source="folders", rebuild=True)
    for day, rows in before.items():
        assert by_category("folders", day) == rows
    rebuilt = by_key("folders", "folders")
    newcomers = [rebuilt[key] for key in added_2020.added]
    assert sum(width(e) <= 31 for e in newcomers) >= 0.9 * len(newcomers)
