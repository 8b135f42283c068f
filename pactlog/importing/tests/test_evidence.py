"""Observations are evidence (docs/spec.md §10): no repeat or later import moves a start past
a date on which a snapshot listed the supporter."""

import datetime as dt

import pytest

from pactlog.importing.run import import_jekyll
from pactlog.registry.dates import in_force_q
from pactlog.registry.models import Endorsement

D = dt.date


def write(folder, key, name, extra=""):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{key}.md").write_text(
        f'---\nname: "{name}"\ncategory: private-sector\nnationality: USA\n{extra}---\n'
    )


def in_force(day):
    return Endorsement.objects.filter(in_force_q(day)).count()


@pytest.mark.django_db
def test_a_repeated_import_of_a_renamed_file_keeps_the_observed_start(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write(a, "x-private-sector-USA", "X Security")
    write(b, "x_inc-private-sector-USA", "X Security", "date_signed: 2020-03-01\n")
    import_jekyll(a, "test-call", D(2020, 1, 1))
    assert in_force(D(2020, 1, 1)) == 1

    first = import_jekyll(b, "test-call", D(2020, 6, 1))
    assert first.renamed == [("x-private-sector-USA", "x_inc-private-sector-USA")]
    assert first.updated == []
    contradiction = [p for p in first.problems if p.field == "date_signed"]
    assert len(contradiction) == 1
    assert "2020-03-01" in contradiction[0].message and "2020-01-01" in contradiction[0].message

    again = import_jekyll(b, "test-call", D(2020, 6, 1))
    assert again.changes == 0 and again.unchanged == 1
    assert [p.message for p in again.problems] == [p.message for p in first.problems]
    endorsement = Endorsement.objects.get()
    assert endorsement.start_not_after == D(2020, 1, 1)
    assert in_force(D(2020, 1, 1)) == 1


@pytest.mark.django_db
def test_a_later_snapshot_cannot_move_the_start_past_the_first_observation(tmp_path):
    write(tmp_path / "a", "x-private-sector-USA", "X")
    write(tmp_path / "b", "x-private-sector-USA", "X", "date_signed: 2020-03-01\n")
    import_jekyll(tmp_path / "a", "test-call", D(2020, 1, 1))
    report = import_jekyll(tmp_path / "b", "test-call", D(2020, 6, 1))
    assert report.changes == 0
    assert any(p.field == "date_signed" for p in report.problems)
    assert Endorsement.objects.get().start_not_after == D(2020, 1, 1)


@pytest.mark.django_db
def test_a_date_signed_before_the_first_observation_refines_the_start(tmp_path):
    write(tmp_path / "a", "x-private-sector-USA", "X")
    write(tmp_path / "b", "x-private-sector-USA", "X", "date_signed: 2019-12-15\n")
    import_jekyll(tmp_path / "a", "test-call", D(2020, 1, 1))
    report = import_jekyll(tmp_path / "b", "test-call", D(2020, 6, 1))
    assert report.updated == ["x-private-sector-USA"]
    assert Endorsement.objects.get().start == type(Endorsement.objects.get().start).day(
        D(2019, 12, 15)
    )
    assert import_jekyll(tmp_path / "b", "test-call", D(2020, 6, 1)).changes == 0


@pytest.mark.django_db
def test_a_corrected_date_signed_keeps_to_the_first_observation(tmp_path):
    # First seen with a signature date well before the snapshot; a later snapshot gives a
    # different date, still before the first observation: a correction, believed.
    write(tmp_path / "a", "x-private-sector-USA", "X", "date_signed: 2019-11-20\n")
    write(tmp_path / "b", "x-private-sector-USA", "X", "date_signed: 2019-12-20\n")
    write(tmp_path / "c", "x-private-sector-USA", "X", "date_signed: 2020-02-01\n")
    import_jekyll(tmp_path / "a", "test-call", D(2020, 1, 1))
    assert import_jekyll(tmp_path / "b", "test-call", D(2020, 6, 1)).updated
    assert Endorsement.objects.get().start_not_after == D(2019, 12, 20)
    report = import_jekyll(tmp_path / "c", "test-call", D(2020, 9, 1))
    assert report.changes == 0 and any(p.field == "date_signed" for p in report.problems)
    assert Endorsement.objects.get().start_not_after == D(2019, 12, 20)
