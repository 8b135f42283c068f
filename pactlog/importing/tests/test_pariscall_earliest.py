"""The real history read from its first commit: the list of 16 September 2019 dates the launch's
supporters, the counts of the two folder snapshots still hold, and the report is readable."""

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.db import transaction

from conftest import HISTORY
from pactlog.importing.history import import_git
from pactlog.registry.dates import in_force_q
from pactlog.registry.models import Endorsement, SourceKey

D = dt.date
SOURCE = "pariscall-site"

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture(scope="module")
def history(django_db_setup, django_db_blocker):
    """The whole bundle imported once for the module, rolled back afterwards."""
    if not HISTORY.is_file():
        pytest.skip(f"the history bundle is not at {HISTORY}")
    with django_db_blocker.unblock(), transaction.atomic():
        yield import_git(HISTORY, "_supporters", "paris-call")
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def early_keys():
    """The file names (keys) of the lists of 17 September and 17 October 2019."""
    if not HISTORY.is_file():
        pytest.skip(f"the history bundle is not at {HISTORY}")
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo.git"
        subprocess.run(["git", "clone", "-q", "--bare", str(HISTORY), str(repo)], check=True)

        def git(*args: str) -> str:
            return subprocess.run(
                ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
            ).stdout

        def keys(day: str) -> set[str]:
            """The list as the last first-parent commit of `day` left it."""
            sha = git("rev-list", "-1", "--first-parent", f"--before={day}T23:59:59Z", "--branches")
            out = git("ls-tree", "--name-only", sha.strip(), "_supporters/")
            return {line.removeprefix("_supporters/").removesuffix(".md") for line in out.split()}

        return keys("2019-09-17"), keys("2019-10-17")


def in_force(day):
    rows = Endorsement.objects.filter(in_force_q(day), agreement__slug="paris-call")
    return rows.count(), rows.filter(actor__kind="state").count()


def endorsement(key):
    actor = SourceKey.objects.get(source=SOURCE, key=key).actor
    return Endorsement.objects.get(agreement__slug="paris-call", actor=actor, number=1)


def test_the_counts_of_the_folder_snapshots_still_hold(history):
    assert history.commits[0].date == D(2019, 9, 16)
    assert in_force(D(2019, 12, 31)) == (1076, 76)
    assert in_force(D(2020, 12, 31)) == (1170, 79)


def test_the_first_list_dates_france_microsoft_and_the_68_states(history):
    first = history.commits[0]
    assert first.added == 568
    day = D(2019, 9, 16)
    listed = Endorsement.objects.filter(in_force_q(day), agreement__slug="paris-call")
    assert listed.count() == 568
    assert listed.filter(actor__kind="state").count() == 68
    assert {"FRA", "DEU", "SWE", "GBR", "JPN"} <= set(
        listed.filter(actor__kind="state").values_list("actor__country", flat=True)
    )
    assert listed.filter(actor__name="Microsoft", actor__country="USA").exists()
    france = endorsement("france")
    assert (france.start_not_before, france.start_not_after) == (None, day)
    # The placeholder date_signed (2018-11-12) is not evidence: no start is that exact day.
    assert not Endorsement.objects.filter(
        agreement__slug="paris-call", start_not_before=D(2018, 11, 12)
    ).exists()


def test_a_supporter_first_listed_on_17_october_starts_after_17_september(history, early_keys):
    september, october = early_keys
    newcomers = october - september
    assert len(october) == 602 and len(newcomers) >= 30
    for key in newcomers:
        if not SourceKey.objects.filter(source=SOURCE, key=key).exists():
            continue  # a file that never held a supporter (reported)
        e = endorsement(key)
        assert e.start_not_before is not None and e.start_not_before >= D(2019, 9, 18), key
        assert e.start_not_after <= D(2019, 10, 17), key


def test_the_report_has_one_line_per_file_and_problem(history):
    lines = [
        (p.file if not p.problem.normalisation else "", p.field, p.severity, p.message)
        for p in history.problems
    ]
    assert len(lines) == len(set(lines))
    assert history.log.sightings > len(lines)  # files keep problems across commits
    text = history.as_text().splitlines()
    body = [line for line in text if line.startswith("    ") and "[" in line]
    assert len(body) == len(set(body)) == len(lines)
    final = [p for p in history.problems if p.in_final_tree]
    assert history.problems[: len(final)] == final  # still in the final tree first
    assert all(p.first.date <= p.last.date and p.count >= 1 for p in history.problems)
    as_json = history.as_json()
    assert sum(kind["lines"] for kind in as_json["summary"]) == len(lines)
    assert [p["in_final_tree"] for p in as_json["problems"]] == [
        p.in_final_tree for p in history.problems
    ]
    # A normalisation is one line however many files needed it.
    sweden = [p for p in history.problems if "nationality 'Suède' read as SWE" in p.message]
    assert len(sweden) == 1 and len(sweden[0].files) >= 4
