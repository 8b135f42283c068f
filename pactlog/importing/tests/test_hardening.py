"""The importers as an attacker would feed them: YAML tricks, links, huge files, absurd dates."""

import datetime as dt
import os
import time

import pytest

from pactlog.importing.jekyll import front_matter
from pactlog.importing.run import import_csv, import_jekyll
from pactlog.registry.models import Endorsement

D = dt.date
BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)


def test_lists_mappings_and_aliases_are_skipped_not_built():
    skipped: dict[str, str] = {}
    fields = front_matter(
        '---\nname: &n "Acme"\ncategory: [state]\nnature: {a: 1}\nwebsite: *n\n'
        "date_signed: 2020-01-02\nnationality: FRA\n---\n",
        skipped,
    )
    assert fields == {"name": "Acme", "date_signed": D(2020, 1, 2), "nationality": "FRA"}
    assert skipped == {"category": "a list", "nature": "a mapping", "website": "an alias (*name)"}


def test_an_alias_bomb_costs_nothing():
    skipped: dict[str, str] = {}
    started = time.perf_counter()
    fields = front_matter(f'---\nname: "X"\n{BOMB}\n---\n', skipped)
    assert time.perf_counter() - started < 1.0  # expanded, it would be 9**9 strings
    assert fields == {"name": "X"} and set(skipped) == set("abcdefghi")


@pytest.mark.django_db
def test_bad_files_are_reported_and_the_rest_goes_through(tmp_path):
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "good-private-sector-FRA.md").write_text(
        '---\nname: "Good"\ncategory: private-sector\nnationality: FRA\ntags: [a, b]\n---\n'
    )
    (folder / "bomb-private-sector-FRA.md").write_text(
        f'---\nname: "Bomb"\ncategory: private-sector\n{BOMB}\n---\n'
    )
    secret = tmp_path / "secret.md"
    secret.write_text('---\nname: "Secret"\ncategory: civil-society\n---\n')
    os.symlink(secret, folder / "link-civil-society-FRA.md")
    with (folder / "huge-civil-society-FRA.md").open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: the size check must come before any read
    report = import_jekyll(folder, "test-call", D(2020, 1, 1))
    assert sorted(report.added) == ["bomb-private-sector-FRA", "good-private-sector-FRA"]
    by_file = {(p.file, p.field): p for p in report.problems}
    assert "symbolic link" in by_file[("link-civil-society-FRA.md", "file")].message
    assert "larger than" in by_file[("huge-civil-society-FRA.md", "file")].message
    assert "a list" in by_file[("good-private-sector-FRA.md", "tags")].message
    assert "a list" in by_file[("bomb-private-sector-FRA.md", "b")].message


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("signed", "needle"),
    [("1850-01-01", "before the agreement's launch"), ("2018-01-01", "launch"),
     ("2021-03-01", "after 2020-06-01")],
)  # fmt: skip
def test_a_date_signed_outside_the_agreement_life_is_not_believed(tmp_path, signed, needle):
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "x-private-sector-FRA.md").write_text(
        f'---\nname: "X"\ncategory: private-sector\nnationality: FRA\ndate_signed: {signed}\n---\n'
    )
    report = import_jekyll(folder, "paris-call", D(2020, 6, 1))
    assert report.added == ["x-private-sector-FRA"]
    assert any(needle in p.message and p.field == "date_signed" for p in report.problems)
    start = Endorsement.objects.get().start
    assert (start.not_before, start.not_after) == (None, D(2020, 6, 1))


@pytest.mark.django_db
def test_a_date_before_1900_is_never_stored_without_a_launch(tmp_path):
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "x-private-sector-FRA.md").write_text(
        '---\nname: "X"\ncategory: private-sector\ndate_signed: 0001-01-01\n---\n'
    )
    report = import_jekyll(folder, "test-call", D(2020, 6, 1))
    assert any("before 1900" in p.message for p in report.problems)
    assert Endorsement.objects.get().start_not_after == D(2020, 6, 1)


@pytest.mark.django_db
def test_csv_dates_before_1900_or_the_launch_are_errors(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(
        "name,category,country,endorsed_on\n"
        "Old,private-sector,FRA,1899-12-31\n"
        "Early,private-sector,FRA,2018-11-11\n"
        "Fine,private-sector,FRA,2018-11-12\n"
    )
    report = import_csv(path, "paris-call")
    assert report.added == ["Fine"]
    assert [p.file for p in report.problems if p.severity == "error"] == [
        "list.csv:2",
        "list.csv:3",
    ]
