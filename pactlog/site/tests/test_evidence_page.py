"""Every date with its evidence: a supporter's page and its API answer say which lists bound
each interval (a git history's commits and files, a folder's snapshots), what a CSV gave, or
which moderator's approval (and log entry) started it; the changes page links there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.db.models import Q

from pactlog.importing.history import import_git
from pactlog.importing.run import import_csv, import_jekyll
from pactlog.importing.tests.test_import_git import commit, run, supporter
from pactlog.joining import services as joining
from pactlog.joining.models import JoinRequest, State
from pactlog.registry.dates import today
from pactlog.registry.models import Actor, Event
from pactlog.site.tests import factories

pytestmark = pytest.mark.django_db
D = dt.date


def public_id(name: str) -> str:
    return Actor.objects.get(Q(name=name)).public_id


def page(client, slug: str, name: str, lang: str = "en") -> str:
    response = client.get(f"/{lang}/{slug}/supporters/{public_id(name)}/")
    assert response.status_code == 200
    html = response.content.decode()
    return html.split('id="evidence"')[1].split("<h2")[0]


def api_evidence(client, name: str) -> list[dict]:
    answer = client.get(f"/api/v1/actors/{public_id(name)}").json()
    return answer["endorsements"][0]["evidence"]


def git_log(repo: Path) -> list[str]:
    return run(repo, "log", "--reverse", "--format=%H").split()


def test_a_git_history_names_the_lists_their_commits_and_files(client, tmp_path):
    repo = tmp_path / "site"
    repo.mkdir()
    run(repo, "init", "-q", "-b", "main")
    commit(repo, "2020-01-05T10:00:00+00:00", {"acme.md": supporter("Acme Security")})
    commit(repo, "2020-02-10T10:00:00+00:00", {"new.md": supporter("Newcomer")})
    commit(repo, "2020-03-01T10:00:00+00:00", remove=["acme.md"])
    first, second, third = git_log(repo)
    import_git(repo, "_supporters", "test-call")

    html = page(client, "test-call", "Newcomer")
    assert "not in the list of 5 January 2020 read from pariscall-site" in html
    assert "in the list of 10 February 2020 read from pariscall-site" in html
    assert first[:12] in html and second[:12] in html and "new.md" in html
    found = api_evidence(client, "Newcomer")
    assert [(e["bound"], e["kind"], e["day"], e["commit"]) for e in found] == [
        ("start.not_before", "not_listed", "2020-01-05", first),
        ("start.not_after", "listed", "2020-02-10", second),
    ]
    assert found[0]["files"] == ["new.md"]

    ended = api_evidence(client, "Acme Security")
    assert [(e["bound"], e["kind"], e["day"], e["commit"]) for e in ended] == [
        ("start.not_after", "listed", "2020-01-05", first),
        ("end.not_before", "listed", "2020-02-10", second),
        ("end.not_after", "not_listed", "2020-03-01", third),
    ]
    html = page(client, "test-call", "Acme Security", "fr")
    assert (
        "absent de la liste du 1 mars 2020" in html or "absent de la liste du 1er mars 2020" in html
    )
    assert "Aucune liste antérieure ne borne le début" in html


def folder_of(tmp_path: Path, name: str, entries: dict[str, str]) -> Path:
    folder = tmp_path / name / "_supporters"
    folder.mkdir(parents=True)
    for key, text in entries.items():
        (folder / f"{key}.md").write_text(text)
    return folder


def test_folder_snapshots_name_their_days(client, tmp_path):
    acme = {"acme-private-sector-FRA": supporter("Acme Security")}
    import_jekyll(folder_of(tmp_path, "a", acme), "test-call", D(2019, 12, 31))
    both = {**acme, "bolt-private-sector-FRA": supporter("Bolt Networks")}
    import_jekyll(folder_of(tmp_path, "b", both), "test-call", D(2020, 12, 31))
    found = api_evidence(client, "Bolt Networks")
    assert [(e["kind"], e["day"], e["commit"]) for e in found] == [
        ("not_listed", "2019-12-31", None),
        ("listed", "2020-12-31", None),
    ]
    assert found[1]["files"] == ["bolt-private-sector-FRA.md"]
    html = page(client, "test-call", "Bolt Networks")
    assert "not in the list of 31 December 2019" in html


def test_a_csv_row_is_what_the_file_gave(client, tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("name,category,country,endorsed_on\nCsv Org,civil-society,FRA,2020-05-01\n")
    import_csv(path, "test-call")
    (found,) = api_evidence(client, "Csv Org")
    assert (found["kind"], found["source"], found["day"]) == (
        "given", "csv:rows.csv", today().isoformat(),
    )  # fmt: skip
    assert "as given by csv:rows.csv" in page(client, "test-call", "Csv Org")


def test_a_moderated_join_rests_on_the_approval_and_its_log_entry(client):
    agreement = factories.agreement("join-call")
    request = joining.submit(
        agreement,
        joining.Submission(
            name="Joined Org", category="civil-society", country="FRA", nature="ngo",
            website="", contact_name="A Person", contact_role="Director",
            contact_email="person@example.org",
        ),
    )  # fmt: skip
    JoinRequest.objects.filter(pk=request.pk).update(state=State.CONFIRMED)
    joining.approve(request.pk)
    (found,) = api_evidence(client, "Joined Org")
    started = Event.objects.get(actor=public_id("Joined Org"), type="endorsement.started")
    assert (found["kind"], found["log_entry"], found["day"]) == (
        "approved", started.seq, today().isoformat(),
    )  # fmt: skip
    html = page(client, "join-call", "Joined Org")
    assert "approved by a moderator on" in html
    assert f"/api/v1/log/entries/{started.seq}" in html


def test_the_changes_page_links_to_the_evidence(client, tmp_path):
    acme = {"acme-private-sector-FRA": supporter("Acme Security")}
    import_jekyll(folder_of(tmp_path, "a", acme), "test-call", D(2019, 12, 31))
    html = client.get("/en/test-call/changes/?from=2019-01-01&to=2020-01-01").content.decode()
    assert f"/en/test-call/supporters/{public_id('Acme Security')}/#evidence" in html


def test_what_the_source_declares_is_shown_apart_with_whether_the_record_agrees(client, tmp_path):
    repo = tmp_path / "site"
    repo.mkdir()
    run(repo, "init", "-q", "-b", "main")
    early = (
        "name: Early Org**\ncategory: civil_society\nnationality: France\n"
        "date_signed: '2018-11-12'\n    ---\n"
    )
    commit(
        repo,
        "2020-01-05T10:00:00+00:00",
        {"early.md": early, "late.md": supporter("Late Org")},
    )
    late = supporter("Late Org", extra="date_signed: 2020-01-20\n")
    commit(repo, "2020-02-10T10:00:00+00:00", {"late.md": late})
    import_git(repo, "_supporters", "test-call")

    (declared,) = [e for e in api_evidence(client, "Early Org") if e["bound"] == "declared"]
    assert (declared["kind"], declared["day"], declared["files"]) == (
        "declares_agrees", "2018-11-12", ["early.md"],
    )  # fmt: skip
    starts = [e for e in api_evidence(client, "Early Org") if e["bound"].startswith("start")]
    assert [(e["kind"], e["day"]) for e in starts] == [("listed", "2020-01-05")]  # not 2018
    (declared,) = [e for e in api_evidence(client, "Late Org") if e["bound"] == "declared"]
    assert (declared["kind"], declared["day"]) == ("declares_differs", "2020-01-20")
    html = page(client, "test-call", "Late Org")
    assert "declares 20 January 2020 (date_signed); the lists, which are the evidence" in html
    assert "déclare le 20 janvier 2020" in page(client, "test-call", "Late Org", "fr")
