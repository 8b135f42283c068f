"""Coverage on the real Paris Call snapshots: the answers the articles worked out by hand."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pactlog.groups.catalogue import get_group
from pactlog.groups.coverage import coverage

D = dt.date.fromisoformat


def run(*args: str) -> dict:
    out = StringIO()
    call_command("coverage", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_five_eyes_and_g7_miss_only_the_united_states(paris_call):
    for group in ("five-eyes", "g7"):
        data = run("--agreement", "paris-call", "--group", group, "--as-of", "2020-12-31")
        assert data["absent"] == ["USA"], group
        assert data["uncertain"] == []
        assert "GBR" in data["endorsed"]


@pytest.mark.django_db
def test_all_27_eu_members_endorsed_by_the_end_of_2020(paris_call):
    data = run("--agreement", "paris-call", "--group", "eu", "--as-of", "2020-12-31")
    assert set(data) == {
        "agreement",
        "group",
        "as_of",
        "members",
        "endorsed",
        "absent",
        "uncertain",
    }
    assert (data["agreement"], data["group"], data["as_of"]) == ("paris-call", "eu", "2020-12-31")
    assert len(data["members"]) == 27 and "GBR" not in data["members"]
    assert data["absent"] == []
    assert data["endorsed"] == data["members"]


@pytest.mark.django_db
def test_the_united_kingdom_counts_for_the_eu_only_before_it_left(paris_call):
    before = coverage(paris_call, get_group("eu"), D("2019-12-31"))
    after = coverage(paris_call, get_group("eu"), D("2020-12-31"))
    assert "GBR" in before["members"] and "GBR" in before["endorsed"]
    assert "GBR" not in after["members"]


@pytest.mark.django_db
def test_lists_partition_the_members(paris_call):
    data = coverage(paris_call, get_group("un-members"), D("2020-12-31"))
    parts = data["endorsed"] + data["absent"] + data["uncertain"]
    assert sorted(parts) == data["members"] and len(parts) == 193
    assert len(data["endorsed"]) == 79  # every state in force on that day is a UN member
    assert {"RUS", "CHN", "IRN", "PRK", "ISR", "SAU", "USA"} <= set(data["absent"])


@pytest.mark.django_db
def test_text_output_names_each_list(paris_call):
    out = StringIO()
    call_command(
        "coverage",
        "--agreement",
        "paris-call",
        "--group",
        "five-eyes",
        "--as-of",
        "2020-12-31",
        stdout=out,
    )
    assert "absent (1): USA" in out.getvalue()


@pytest.mark.django_db
def test_an_uncertain_state_is_neither_endorsed_nor_absent(paris_call):
    from pactlog.registry.models import Endorsement

    row = Endorsement.objects.get(agreement=paris_call, actor__country="NZL", actor__kind="state")
    Endorsement.objects.filter(pk=row.pk).update(
        start_not_before=D("2020-06-01"), start_not_after=D("2021-06-01")
    )
    data = coverage(paris_call, get_group("five-eyes"), D("2020-12-31"))
    assert data["uncertain"] == ["NZL"]
    assert data["absent"] == ["USA"]
    assert "NZL" not in data["endorsed"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--agreement", "paris-call", "--group", "nope"], 1, "no group 'nope'"),
        (["--agreement", "nope", "--group", "eu"], 1, "no agreement 'nope'"),
        (
            ["--agreement", "paris-call", "--group", "eu", "--as-of", "2020-13-01"],
            2,
            "--as-of must be a date",
        ),
        (["--agreement", "paris-call", "--group", "eu", "--as-of", "yesterday"], 2, "YYYY-MM-DD"),
    ],
)
def test_errors_exit_with_the_spec_status(paris_call, args, code, message):
    with pytest.raises(CommandError, match=message) as raised:
        call_command("coverage", *args)
    assert raised.value.returncode == code


def test_exit_codes_from_the_console_script(tmp_path):
    """The real command line: a message on stderr and exit 2 or 1, never a traceback."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = Path(sys.executable).with_name("pactlog")
    # A throw-away SQLite database of its own: never the developer's database or cache.
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(PACTLOG_DATA_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    subprocess.run([script, "migrate", "-v0"], env=env, check=True, capture_output=True)
    missing = subprocess.run(
        [script, "coverage", "--agreement", "x", "--group", "eu"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 1 and "no agreement 'x'" in missing.stderr
    assert "Traceback" not in missing.stderr
    bad_date = subprocess.run(
        [script, "coverage", "--agreement", "x", "--group", "eu", "--as-of", "2020-1-1"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr
    no_group = subprocess.run(
        [script, "coverage", "--agreement", "x"], env=env, capture_output=True, text=True
    )
    assert no_group.returncode == 2 and "--group" in no_group.stderr
