"""Property: a history whose lists are written in either format (the earliest one or the later
front matter) gives the same registry imported in one go or commit by commit, and no count at
a day a commit was observed is ever lowered by a later import."""

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactlog.importing.history import import_git
from pactlog.importing.tests.test_import_git import run
from pactlog.registry.dates import in_force_q
from pactlog.registry.models import Endorsement

#: (name, the earliest format's nationality, the later format's code)
SUPPORTERS = [
    ("Alpha Systems", "Suède", "SWE"),
    ("Beta Networks", "Etats-Unis", "USA"),
    ("Gamma Labs", "Allemagne", "DEU"),
    ("Delta Trust", "Thailande", "THA"),
]


def text(index: int, earliest: bool, signed: dt.date | None) -> str:
    name, french, code = SUPPORTERS[index]
    date = f"'{signed}'" if signed else ""
    # Real files differ well beyond their fields: without a body of its own, git's rename
    # detection (50 % similarity) would pair one supporter's file with another's.
    body = "\n".join(f"{name} paragraph {n}: {name.split()[0] * 3}" for n in range(8)) + "\n"
    if earliest:
        return (
            f"name: {name}**\ncategory: private_sector\nnature:  Entreprise\n"
            f"nationality: {french}\ndate_signed: {date}\n    ---\n{body}"
        )
    return (
        f'---\nname: "{name}"\ncategory: private-sector\nnature: "Entreprise"\n'
        f"nationality: {code}\n" + (f"date_signed: {signed}\n" if signed else "") + "---\n" + body
    )


listing = st.dictionaries(
    st.sampled_from(range(len(SUPPORTERS))),
    st.tuples(st.booleans(), st.none() | st.dates(dt.date(2019, 1, 1), dt.date(2019, 12, 31))),
    min_size=1,
)
histories = st.lists(
    st.tuples(st.dates(dt.date(2019, 9, 1), dt.date(2020, 12, 31)), listing),
    min_size=1,
    max_size=4,
    unique_by=lambda item: item[0],
).map(lambda items: sorted(items, key=lambda item: item[0]))


def registry() -> list[tuple]:
    return sorted(
        Endorsement.objects.filter(agreement__slug="test-call").values_list(
            "actor__name", "actor__country", "number", "status",
            "start_not_before", "start_not_after", "end_not_before", "end_not_after",
        )
    )  # fmt: skip


def build(repo: Path, history, upto: int) -> None:
    day, entries = history[upto]
    folder = repo / "_supporters"
    old = {p.name for p in folder.glob("*.md")} if folder.is_dir() else set()
    files = {
        f"{SUPPORTERS[i][0].split()[0].lower()}.md": text(i, earliest, signed)
        for i, (earliest, signed) in entries.items()
    }
    folder.mkdir(exist_ok=True)
    for name in old - set(files):
        (folder / name).unlink()
    for name, content in files.items():
        (folder / name).write_text(content)
    when = f"{day}T12:00:00+00:00"
    run(repo, "add", "-A")
    run(repo, "commit", "-q", "--allow-empty", "-m", f"list of {day}", when=when)


@pytest.mark.django_db
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=histories)
def test_one_go_and_commit_by_commit_agree(history):
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "site"
        repo.mkdir()
        run(repo, "init", "-q", "-b", "main")
        with transaction.atomic():
            counts: dict[dt.date, int] = {}
            for n, (day, _) in enumerate(history):
                build(repo, history, n)
                import_git(repo, "_supporters", "test-call")
                # import-git walks the commits that changed the folder: those are observed.
                observed = [
                    d for i, (d, entries) in enumerate(history[: n + 1])
                    if i == 0 or entries != history[i - 1][1]
                ]  # fmt: skip
                for seen in observed:
                    now = Endorsement.objects.filter(
                        in_force_q(seen), agreement__slug="test-call"
                    ).count()
                    assert now >= counts.get(seen, 0), (seen, now, counts)
                    counts[seen] = now
                if day in counts:
                    assert counts[day] == len(history[n][1])  # the list itself is in force
            step_by_step = registry()
            transaction.set_rollback(True)
        with transaction.atomic():
            import_git(repo, "_supporters", "test-call")
            assert registry() == step_by_step
            again = import_git(repo, "_supporters", "test-call")
            assert again.commits == [] and registry() == step_by_step
            transaction.set_rollback(True)
