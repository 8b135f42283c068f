"""`pactlog import-git`: a folder's history, commit by commit, on a small repository built here."""

import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from pactlog.importing.history import import_git
from pactlog.importing.run import import_jekyll
from pactlog.importing.sync import BadArguments, ImportRefused
from pactlog.registry import services
from pactlog.registry.models import Actor, Endorsement

D = dt.date


def run(repo, *args, when="2020-01-01T12:00:00+00:00"):
    env = {
        "PATH": os.environ["PATH"], "HOME": str(repo), "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
    }  # fmt: skip
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env
    ).stdout


def supporter(name, category="private-sector", country="FRA", extra=""):
    return f'---\nname: "{name}"\ncategory: {category}\nnationality: {country}\n{extra}---\nBody\n'


def commit(repo, when, files=None, remove=(), moves=()):
    folder = repo / "_supporters"
    folder.mkdir(exist_ok=True)
    for old, new in moves:
        run(repo, "mv", f"_supporters/{old}", f"_supporters/{new}")
    for name, text in (files or {}).items():
        path = repo / name if "/" in name else folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for name in remove:
        run(repo, "rm", "-q", f"_supporters/{name}")
    run(repo, "add", "-A")
    run(repo, "commit", "-q", "-m", f"at {when}", when=when)


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "site"
    repo.mkdir()
    run(repo, "init", "-q", "-b", "main")
    # 23:30 at UTC-2 is the next day in UTC.
    commit(
        repo,
        "2020-01-05T23:30:00-02:00",
        {
            "acme.md": supporter("Acme Security"),
            "bolt.md": supporter("Bolt Networks", "civil-society", "DEU"),
            "france.md": supporter("France", "state", "FRA"),
        },
    )
    commit(repo, "2020-01-20T10:00:00+01:00", {"docs/notes.md": "not the folder\n"})
    # Renamed with a new name git still pairs (same content otherwise): no name rule would.
    (repo / "_supporters" / "acme.md").write_text(supporter("Zenith Group"))
    commit(repo, "2020-02-10T10:00:00+01:00", moves=[("acme.md", "zenith-private-sector-FRA.md")])
    commit(repo, "2020-03-01T10:00:00+00:00", {"new.md": supporter("Newcomer")}, ["bolt.md"])
    return repo


def report_of(repo, **options):
    return import_git(repo, "_supporters", "test-call", **options).as_json()


@pytest.mark.django_db
def test_each_commit_is_a_snapshot_dated_in_utc(repo):
    report = report_of(repo)
    assert [(c["date"], c["added"], c["renamed"], c["updated"], c["removed"]) for c in report["commits"]] == [
        ("2020-01-06", 3, 0, 0, 0),
        ("2020-02-10", 0, 1, 0, 0),
        ("2020-03-01", 1, 0, 0, 1),
    ]  # fmt: skip
    assert set(report) == {"commits", "summary", "problems"}
    assert set(report["commits"][0]) == {"commit", "date", "added", "renamed", "updated", "removed"}
    zenith = Endorsement.objects.get(actor__name="Zenith Group")
    assert (zenith.start_not_before, zenith.start_not_after) == (None, D(2020, 1, 6))
    assert Actor.objects.filter(name__in=["Acme Security", "Zenith Group"]).count() == 1
    bolt = Endorsement.objects.get(actor__name="Bolt Networks")
    assert bolt.status == "removed"
    assert (bolt.end_not_before, bolt.end_not_after) == (D(2020, 2, 11), D(2020, 3, 1))
    newcomer = Endorsement.objects.get(actor__name="Newcomer")
    assert (newcomer.start_not_before, newcomer.start_not_after) == (D(2020, 2, 11), D(2020, 3, 1))


@pytest.mark.django_db
def test_a_rerun_changes_nothing_and_a_later_run_imports_only_new_commits(repo):
    first = report_of(repo)
    events = services.event_count()
    assert report_of(repo) == {"commits": [], "summary": [], "problems": []}
    assert services.event_count() == events
    commit(
        repo,
        "2020-04-01T08:00:00+00:00",
        {"late.md": supporter("Latecomer", extra="date_signed: 2020-03-20\n")},
    )
    later = report_of(repo)
    assert [c["date"] for c in later["commits"]] == ["2020-04-01"]
    assert (
        later["commits"][0]["added"] == 1
        and later["commits"][0]["commit"] != first["commits"][-1]["commit"]
    )
    late = Endorsement.objects.get(actor__name="Latecomer")
    assert (late.start_not_before, late.start_not_after) == (D(2020, 3, 20), D(2020, 3, 20))


@pytest.mark.django_db
def test_bare_clone_and_bundle_give_the_same_history(repo, tmp_path):
    bare = tmp_path / "bare.git"
    run(tmp_path, "clone", "-q", "--bare", str(repo), str(bare))
    bundle = tmp_path / "site.bundle"
    run(repo, "bundle", "create", "-q", str(bundle), "main")
    expected = report_of(repo, dry_run=True)
    assert Endorsement.objects.count() == 0  # a dry run writes nothing
    assert report_of(bare, dry_run=True) == expected
    assert report_of(bundle, dry_run=True) == expected
    assert len(expected["commits"]) == 3


@pytest.mark.django_db
def test_older_history_than_the_source_snapshots_is_refused_unless_rebuilt(repo, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "acme.md").write_text(supporter("Acme Security"))
    import_jekyll(folder, "test-call", D(2020, 12, 31))
    with pytest.raises(ImportRefused, match="--rebuild"):
        report_of(repo)


@pytest.mark.django_db
def test_links_and_huge_files_in_the_tree_are_reported(repo):
    os.symlink("/etc/passwd", repo / "_supporters" / "link-civil-society-FRA.md")
    (repo / "_supporters" / "huge-civil-society-FRA.md").write_bytes(b"x" * 1_100_000)
    with open(
        os.path.join(bytes(repo), b"_supporters", b"bad\xff-civil-society-FRA.md"), "wb"
    ) as f:
        f.write(supporter("Bad Name").encode())
    commit(repo, "2020-05-01T08:00:00+00:00")
    problems = {(p["file"], p["message"]) for p in report_of(repo)["problems"]}
    assert ("link-civil-society-FRA.md", "a symbolic link; not followed, skipped") in problems
    assert any(f == "huge-civil-society-FRA.md" and "larger than" in m for f, m in problems)
    assert ("bad?-civil-society-FRA.md", "name is not UTF-8; skipped") in problems
    assert not Actor.objects.filter(name="Bad Name").exists()


@pytest.mark.django_db
def test_bad_arguments_are_one_line(repo, tmp_path):
    with pytest.raises(BadArguments, match="no '_elsewhere' folder"):
        import_git(repo, "_elsewhere", "test-call")
    with pytest.raises(BadArguments, match="not a git repository"):
        import_git(tmp_path, "_supporters", "test-call")
    with pytest.raises(BadArguments, match="does not exist"):
        import_git(tmp_path / "nope", "_supporters", "test-call")
    with pytest.raises(BadArguments, match="not a slug"):
        import_git(repo, "_supporters", "Test Call")


@pytest.mark.django_db
def test_the_command_prints_the_json_report(repo, capsys):
    call_command(
        "import-git", str(repo), "--path", "_supporters", "--agreement", "test-call", "--json"
    )
    assert len(json.loads(capsys.readouterr().out)["commits"]) == 3
    call_command(
        "import-git", str(repo), "--path", "_supporters", "--agreement", "test-call", "--json"
    )
    assert json.loads(capsys.readouterr().out) == {"commits": [], "summary": [], "problems": []}


def test_the_command_exits_2_on_a_repository_without_the_path(repo, tmp_path):
    env = {"PACTLOG_DATA_DIR": str(tmp_path), "PATH": os.environ["PATH"]}
    subprocess.run([sys.executable, "-m", "pactlog", "migrate", "-v0"], check=True, env=env)
    result = subprocess.run(
        [sys.executable, "-m", "pactlog", "import-git", str(repo), "--path", "_nothing", "--agreement", "x"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no '_nothing' folder" in result.stderr


@pytest.mark.django_db
def test_rebuild_refines_the_folder_snapshot_in_one_pass(repo, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    for name in ("zenith-private-sector-FRA.md", "france.md", "new.md"):
        (folder / name).write_bytes((repo / "_supporters" / name).read_bytes())
    import_jekyll(folder, "test-call", D(2020, 12, 31))
    events = services.event_count()
    report = report_of(repo, rebuild=True)
    assert [c["date"] for c in report["commits"]] == ["2020-01-06", "2020-02-10", "2020-03-01"]
    assert services.event_count() > events  # every refined start is an event
    zenith = Endorsement.objects.get(actor__name="Zenith Group")
    assert (zenith.start_not_before, zenith.start_not_after) == (None, D(2020, 1, 6))
    newcomer = Endorsement.objects.get(actor__name="Newcomer")
    assert (newcomer.start_not_before, newcomer.start_not_after) == (D(2020, 2, 11), D(2020, 3, 1))
    # The early file name met the same actor (git's rename ahead): no duplicate.
    assert Actor.objects.count() == 4
    assert set(zenith.actor.source_keys.values_list("key", flat=True)) == {
        "acme",
        "zenith-private-sector-FRA",
    }
    assert Endorsement.objects.get(actor__name="Bolt Networks").status == "removed"
    assert report_of(repo) == {"commits": [], "summary": [], "problems": []}


@pytest.mark.django_db
def test_a_commit_with_no_readable_file_is_not_an_observation(tmp_path):
    """The Paris Call's own history: a list in an older format nobody can read, then an empty
    folder (the list moved elsewhere for a while), then the list again. Neither the unreadable
    nor the empty commits say who was listed, so they remove no one and date no one."""
    repo = tmp_path / "site"
    repo.mkdir()
    run(repo, "init", "-q", "-b", "main")
    commit(repo, "2020-01-05T10:00:00+00:00", {"old-format.md": "no front matter\n"})
    commit(repo, "2020-02-01T10:00:00+00:00", remove=["old-format.md"])
    commit(repo, "2020-03-01T10:00:00+00:00", {"acme.md": supporter("Acme Security")})
    commit(repo, "2020-04-01T10:00:00+00:00", remove=["acme.md"])
    commit(repo, "2020-05-01T10:00:00+00:00", {"acme.md": supporter("Acme Security")})
    report = report_of(repo)
    assert [(c["date"], c["added"], c["removed"]) for c in report["commits"]] == [
        ("2020-01-05", 0, 0),
        ("2020-02-01", 0, 0),
        ("2020-03-01", 1, 0),
        ("2020-04-01", 0, 0),  # the folder emptied: no removal
        ("2020-05-01", 0, 0),
    ]
    acme = Endorsement.objects.get(actor__name="Acme Security")
    # First dated by the first readable list, not by the day after the unreadable commits.
    assert (acme.start_not_before, acme.start_not_after) == (None, D(2020, 3, 1))
    assert acme.status == "active"
    warned = [p for p in report["problems"] if p["field"] == "folder"]
    assert len(warned) == 3 and all("not an observation" in p["message"] for p in warned)
    assert report_of(repo)["commits"] == []


@pytest.mark.django_db
def test_a_folder_snapshot_with_no_readable_file_is_refused(tmp_path):
    folder = tmp_path / "_supporters"
    folder.mkdir()
    (folder / "acme.md").write_text(supporter("Acme Security"))
    import_jekyll(folder, "test-call", D(2020, 1, 1))
    (folder / "acme.md").write_text("no front matter\n")
    with pytest.raises(ImportRefused, match="not a snapshot of the list"):
        import_jekyll(folder, "test-call", D(2020, 2, 1))
    with pytest.raises(ImportRefused, match="not a snapshot of the list"):
        import_jekyll(folder, "test-call", D(2020, 2, 1), allow_empty=True)  # unreadable
    (folder / "acme.md").unlink()
    with pytest.raises(ImportRefused, match="not a snapshot of the list"):
        import_jekyll(folder, "test-call", D(2020, 2, 1))
    assert Endorsement.objects.get(actor__name="Acme Security").status == "active"
    # Said on purpose, an empty folder is evidence that the list is empty.
    assert import_jekyll(folder, "test-call", D(2020, 2, 1), allow_empty=True).removed
    assert Endorsement.objects.get(actor__name="Acme Security").status == "removed"
