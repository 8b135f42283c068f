"""Importing a folder's git history: each first-parent commit that changed it is a snapshot.

The folder is kept in memory as it stands after the last commit walked; a commit re-reads
only the files it changed, then the same snapshot rules as a folder import (docs/spec.md §4)
run on the whole list, dated by the commit's UTC day. Progress is recorded per commit in the
commit's own transaction, so an interrupted import resumes where it stopped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from pactlog.importing.agreements import ensure_agreement
from pactlog.importing.declarations import Declared
from pactlog.importing.gitrepo import (
    GITLINK_MODE,
    SYMLINK_MODE,
    Blobs,
    Commit,
    commits,
    has_path,
    is_ancestor,
    open_repository,
    resolve,
    tree,
)
from pactlog.importing.grouped import GroupedProblem, ProblemLog, summary
from pactlog.importing.jekyll import MAX_FILE_BYTES, parse_file, source_key
from pactlog.importing.models import GitProgress
from pactlog.importing.observations import observed
from pactlog.importing.plan import Plan
from pactlog.importing.rebuild import Rebuild
from pactlog.importing.records import Record
from pactlog.importing.report import Problem, Problems, Report
from pactlog.importing.run import check_slug
from pactlog.importing.sync import BadArguments, ImportRefused, SourceState, plan_snapshot
from pactlog.registry.dates import Interval, today
from pactlog.registry.models import Agreement, Endorsement, ObservedSource, Snapshot
from pactlog.registry.vocabulary import Status


@dataclass
class CommitReport:
    commit: str
    date: dt.date
    added: int
    renamed: int
    updated: int
    removed: int

    def as_json(self) -> dict[str, Any]:
        return {
            "commit": self.commit,
            "date": self.date.isoformat(),
            "added": self.added,
            "renamed": self.renamed,
            "updated": self.updated,
            "removed": self.removed,
        }


@dataclass
class HistoryReport:
    source: str
    commits: list[CommitReport] = field(default_factory=list)
    log: ProblemLog = field(default_factory=ProblemLog)
    #: One line per file and problem (see `grouped`), filled in when the walk ends.
    problems: list[GroupedProblem] = field(default_factory=list)
    dry_run: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "commits": [c.as_json() for c in self.commits],
            "summary": summary(self.problems),
            "problems": [p.as_json() for p in self.problems],
        }

    def as_text(self) -> str:
        total = {k: sum(getattr(c, k) for c in self.commits) for k in CHANGES}
        errors = sum(p.severity == "error" for p in self.problems)
        lines = [
            f"{self.source}: {len(self.commits)} commit(s) imported"
            + (" (dry run: nothing written)" if self.dry_run else ""),
            "  " + ", ".join(f"{k} {n}" for k, n in total.items()),
        ]
        if self.commits:
            lines.append(f"  from {self.commits[0].date} to {self.commits[-1].date}")
        lines.append(
            f"  {len(self.problems)} problem(s), {errors} error(s), seen {self.log.sightings}"
            " time(s) across commits"
        )
        lines += [
            f"    {kind['kind']}: {kind['lines']} ({kind['in_final_tree']} in the final tree)"
            for kind in summary(self.problems)
        ]
        final = [p for p in self.problems if p.in_final_tree]
        for title, group in (
            ("still in the final tree", final),
            ("gone from the final tree", self.problems[len(final) :]),
        ):
            if group:
                lines.append(f"  {title} ({len(group)}):")
                lines += [f"    {p.as_text()}" for p in group]
        return "\n".join(lines)


CHANGES = ("added", "renamed", "updated", "removed")


@dataclass
class _File:
    key: str | None
    record: Record | None


class Folder:
    """The folder after the last commit walked: file name -> what it holds."""

    def __init__(self, blobs: Blobs, folder: str) -> None:
        self.blobs = blobs
        self.prefix = f"{folder}/"
        self.files: dict[str, _File] = {}
        #: The problems each file had when last read: those left at the end are the final tree's.
        self.reported: dict[str, list[Problem]] = {}

    def _name(self, path: str) -> str | None:
        name = path[len(self.prefix) :] if path.startswith(self.prefix) else None
        return name if name and "/" not in name else None  # files directly in the folder

    def read(self, path: str, mode: str, blob: str, problems: Problems) -> None:
        name = self._name(path)
        if name is None:
            return
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            problems.error(
                name.encode("utf-8", "replace").decode(), "file", "name is not UTF-8; skipped"
            )
            return
        key = source_key(name)
        before = self.files.get(name)
        self.files[name] = _File(key, None)
        if mode == GITLINK_MODE:
            problems.error(name, "file", "a submodule, not a file; skipped")
            return
        if key is None:
            problems.error(name, "file", "not a Markdown (.md) file; skipped")
            return
        if mode == SYMLINK_MODE:
            problems.error(name, "file", "a symbolic link; not followed, skipped")
            return
        if name != f"{key}.md":
            problems.warn(name, "file", f"unusual file name; read as {key}.md")
        data = self.blobs.read(blob, MAX_FILE_BYTES)
        if isinstance(data, int):
            problems.error(name, "file", f"larger than {MAX_FILE_BYTES:,} bytes; skipped")
            return
        record = parse_file(data, name, key, problems)
        if record is None and before is not None and before.record is not None:
            # A file still listed but unreadable in this commit is no evidence its entry left.
            problems.warn(
                name, "file", "unreadable in this commit: its last readable version stands"
            )
            record = before.record
        self.files[name].record = record

    def load(self, entries: Sequence[tuple[str, str, str]]) -> None:
        """The folder as a past commit left it; its problems were reported back then."""
        problems = Problems()
        for mode, blob, path in entries:
            self.read(path, mode, blob, problems)
        self.remember(problems.items)

    def remember(self, problems: Sequence[Problem]) -> None:
        """Note the problems of the files a commit read (they last until the file changes)."""
        for problem in problems:
            if problem.file in self.files:
                self.reported.setdefault(problem.file, []).append(problem)

    def final_problems(self) -> list[Problem]:
        return [problem for found in self.reported.values() for problem in found]

    def apply(self, commit: Commit, problems: Problems) -> dict[str, str]:
        """Re-read what the commit changed; returns its renames (new key -> old key)."""
        renames: dict[str, str] = {}
        for change in commit.changes:
            for path in (change.path, change.old_path):
                name = self._name(path) if path else None
                if name is not None:
                    self.reported.pop(name, None)
            if change.status == "D":
                name = self._name(change.path)
                if name is not None:
                    self.files.pop(name, None)
                continue
            if change.status == "R" and change.old_path is not None:
                old = self._name(change.old_path)
                gone = self.files.pop(old, None) if old is not None else None
                new_name = self._name(change.path)
                new_key = source_key(new_name) if new_name else None
                if gone is not None and gone.key and new_key and gone.key != new_key:
                    renames[new_key] = gone.key
            self.read(change.path, change.mode, change.blob, problems)
        return renames

    def records(self, problems: Problems, changed: set[str]) -> list[Record]:
        """One record per key, in name order as a folder import reads them."""
        seen: dict[str, str] = {}
        found = []
        for name in sorted(self.files):
            entry = self.files[name]
            if entry.key is None:
                continue
            if entry.key in seen:
                if name in changed or seen[entry.key] in changed:
                    problems.error(name, "file", f"same entry as {seen[entry.key]}; skipped")
                continue
            seen[entry.key] = name
            if entry.record is not None:
                found.append(entry.record)
        return found


class _DryRun(Exception):
    """Raised to roll back everything a dry run or a failed rebuild did."""


@contextmanager
def _maybe_atomic(on: bool) -> Iterator[None]:
    if on:
        with transaction.atomic():
            yield
    else:
        yield


def _starting_point(
    agreement: Agreement, source: str, folder: str, repo: Path, tip: str, rebuild: bool
) -> str | None:
    """The commit to resume after, None to start at the beginning; refuses an older history."""
    progress = GitProgress.objects.filter(agreement=agreement, source=source).first()
    if rebuild:
        return None
    if progress is not None:
        if progress.folder != folder or not is_ancestor(repo, progress.commit, tip):
            raise ImportRefused(
                f"{source} was imported from another history (up to commit {progress.commit[:12]}"
                f" of {progress.folder!r}); use --rebuild to recompute from this one, or another "
                "--source"
            )
        return progress.commit
    last = Snapshot.objects.filter(agreement=agreement, source=source).order_by("-taken_on").first()
    if last is not None:
        raise ImportRefused(
            f"{source} already has snapshots up to {last.taken_on} that did not come from this "
            "history: importing it would date older commits after them; use --rebuild to "
            "recompute this source's endorsements from the whole history, or another --source"
        )
    return None


def import_git(
    location: Path,
    folder: str,
    slug: str,
    source: str = "pariscall-site",
    rev: str | None = None,
    rebuild: bool = False,
    dry_run: bool = False,
    progress: Callable[[int, int, dt.date], None] | None = None,
) -> HistoryReport:
    """Import every first-parent commit that changed `folder`, oldest first (docs/spec.md §4,
    commits as snapshots); resumes after the last commit imported from this source."""
    check_slug(slug)
    folder = folder.strip("/")
    if not folder or ".." in folder.split("/"):
        raise BadArguments(f"--path {folder!r} is not a folder inside the repository")
    report = HistoryReport(source=source, dry_run=dry_run)
    with open_repository(location) as repo:
        tip = resolve(repo, rev)
        if not has_path(repo, tip, folder):
            raise BadArguments(f"{location} has no {folder!r} folder in its history")
        try:
            with _maybe_atomic(dry_run or rebuild), Blobs(repo) as blobs:
                with transaction.atomic():
                    agreement, _ = ensure_agreement(slug)
                since = _starting_point(agreement, source, folder, repo, tip, rebuild)
                if rebuild:
                    _forget(agreement, source)
                _walk(agreement, source, folder, repo, tip, since, blobs, report, progress, rebuild)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
    return report


def _forget(agreement: Agreement, source: str) -> None:
    """A rebuild starts the source's bookkeeping afresh; the registry rows stay, and the walk
    brings them in line with the history through the services (so events record it)."""
    Snapshot.objects.filter(agreement=agreement, source=source).delete()
    ObservedSource.objects.filter(agreement=agreement, source=source).delete()
    GitProgress.objects.filter(agreement=agreement, source=source).delete()


def _walk(
    agreement: Agreement,
    source: str,
    folder: str,
    repo: Path,
    tip: str,
    since: str | None,
    blobs: Blobs,
    report: HistoryReport,
    progress: Callable[[int, int, dt.date], None] | None,
    rebuild: bool = False,
) -> None:
    state = Folder(blobs, folder)
    if since is not None:
        state.load(tree(repo, since, folder))
    todo = commits(repo, tip, folder, since)
    last = Snapshot.objects.filter(agreement=agreement, source=source).order_by("-taken_on").first()
    latest = last.taken_on if last else None
    done = GitProgress.objects.filter(agreement=agreement, source=source).first()
    count = done.commits if done else 0
    current = SourceState.load(agreement, source)
    again = Rebuild(agreement, source, current, _renames_ahead(todo, folder)) if rebuild else None
    declared = Declared(agreement, source)
    days = [latest] if latest else []
    for n, commit in enumerate(todo, start=1):
        problems = Problems()
        renames = state.apply(commit, problems)
        changed = {c.path[len(folder) + 1 :] for c in commit.changes}
        day = commit.day
        if latest is not None and day < latest:
            problems.warn(
                commit.sha[:12], "date",
                f"committed on {day}, before the commit imported before it; dated {latest}",
            )  # fmt: skip
            day = latest
        records = state.records(problems, changed)
        if not records:
            # Nothing readable (an empty, moved or unreadable list) says nothing about who was
            # listed: not an observation, so it neither removes anyone nor dates the next ones.
            problems.warn(
                commit.sha[:12], "folder",
                f"no readable supporter file in {folder}/ on {day}: not an observation of "
                "the list; nothing added or removed",
            )  # fmt: skip
            count += 1
            _note_progress(agreement, source, folder, commit.sha, day, count)
            report.commits.append(CommitReport(commit.sha, day, 0, 0, 0, 0))
            _note_problems(report, state, commit.sha, day, problems)
            if progress is not None:
                progress(n, len(todo), day)
            continue
        latest = day
        previous = next((d for d in reversed(days) if d < day), None)
        days.append(day)
        with transaction.atomic():
            restarted = 0
            if again is not None:
                window = Interval(previous + dt.timedelta(days=1) if previous else None, day)
                restarted = again.meet(records, day, window, agreement.launched_on, problems)
            plan, result = plan_snapshot(
                agreement, source, day, records, problems, renames, current
            )
            plan.reference = commit.sha
            for ended in _keep_recorded_ends(plan, result, problems):
                current.active.pop(ended.actor_id, None)
            current.written(plan, plan.apply())
            declared.note(records, current)
            observed(agreement, source, ObservedSource.Kind.GIT, day, folder)
            count += 1
            _note_progress(agreement, source, folder, commit.sha, day, count)
        report.commits.append(
            CommitReport(
                commit.sha, day, len(result.added), len(result.renamed),
                len(result.updated) + restarted, len(result.removed),
            )
        )  # fmt: skip
        _note_problems(report, state, commit.sha, day, problems)
        if progress is not None:
            progress(n, len(todo), day)
    if again is not None:
        problems = Problems()
        again.unmet(problems)
        report.log.add(tip, latest or today(), problems.items)
    report.problems = report.log.finish(state.final_problems())


def _note_problems(
    report: HistoryReport, state: Folder, sha: str, day: dt.date, problems: Problems
) -> None:
    report.log.add(sha, day, problems.items)
    state.remember(problems.items)


def _note_progress(
    agreement: Agreement, source: str, folder: str, sha: str, day: dt.date, count: int
) -> None:
    """Remember the last commit walked, so that a rerun starts after it."""
    GitProgress.objects.update_or_create(
        agreement=agreement,
        source=source,
        defaults={"folder": folder, "commit": sha, "committed_on": day, "commits": count},
    )


def _renames_ahead(todo: Sequence[Commit], folder: str) -> dict[str, str]:
    later: dict[str, str] = {}
    for commit in todo:
        for change in commit.changes:
            if change.status == "R" and change.old_path:
                old = source_key(change.old_path.removeprefix(f"{folder}/"))
                new = source_key(change.path.removeprefix(f"{folder}/"))
                if old and new and old != new:
                    later.setdefault(old, new)
    return later


def _keep_recorded_ends(plan: Plan, result: Report, problems: Problems) -> list[Endorsement]:
    """A rebuild meets endorsements that already ended: their recorded end stays (there is
    no rewriting an end), and a different one from the history is reported. Returns them."""
    keep, ended = [], []
    for (endorsement, end), key in zip(plan.remove, result.removed, strict=True):
        if endorsement.status == Status.ACTIVE:
            keep.append(((endorsement, end), key))
        else:
            ended.append(endorsement)
        if endorsement.status != Status.ACTIVE and endorsement.end != end:
            problems.warn(
                f"{key}.md", "end",
                f"the history ends it {end.not_before} to {end.not_after}, the record "
                f"{endorsement.end_not_before} to {endorsement.end_not_after}; left as it was",
            )  # fmt: skip
    plan.remove = [item for item, _ in keep]
    result.removed = [key for _, key in keep]
    return ended
