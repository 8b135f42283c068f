"""Running an import end to end: read, plan, report, and write unless it is a dry run."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from pactlog.importing.agreements import ensure_agreement
from pactlog.importing.csvfile import read_csv
from pactlog.importing.declarations import Declared
from pactlog.importing.jekyll import read_folder
from pactlog.importing.observations import observed
from pactlog.importing.plan import Plan
from pactlog.importing.report import Problems, Report
from pactlog.importing.sync import (
    BadArguments,
    ImportRefused,
    SourceState,
    plan_rows,
    plan_snapshot,
)
from pactlog.registry.dates import today
from pactlog.registry.models import Agreement, ObservedSource

SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


def check_slug(slug: str) -> None:
    """An agreement slug an import may create: lower-case letters, digits, single hyphens."""
    if len(slug) > 80 or not SLUG.fullmatch(slug):
        raise BadArguments(
            f"--agreement {slug[:80]!r} is not a slug: use lower-case letters, digits and hyphens "
            "(e.g. paris-call)"
        )


class _DryRun(Exception):
    """Raised to roll back everything a dry run did."""


def _run(
    slug: str,
    dry_run: bool,
    build: Callable[[Agreement], tuple[Plan, Report]],
    after: Callable[[Agreement], None] | None = None,
) -> Report:
    report: Report | None = None
    try:
        with transaction.atomic():
            agreement, _ = ensure_agreement(slug)
            plan, report = build(agreement)
            plan.apply()
            if after is not None:
                after(agreement)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    assert report is not None
    report.dry_run = dry_run
    return report


def import_jekyll(
    folder: Path, slug: str, snapshot_date: dt.date, source: str = "pariscall-site",
    dry_run: bool = False, allow_empty: bool = False,
) -> Report:  # fmt: skip
    """Sync the registry with a snapshot of a Jekyll `_supporters` folder (docs/spec.md §4).

    A folder with no readable file is refused: it is more likely a wrong path or a broken list
    than evidence that every supporter left. `allow_empty` accepts a folder that holds no file
    at all as that evidence (never one whose files could not be read)."""
    check_slug(slug)
    if not folder.is_dir():
        raise BadArguments(f"{folder} is not a folder")
    if snapshot_date > today():
        raise ImportRefused(f"snapshot date {snapshot_date} is in the future")
    problems = Problems()
    records = read_folder(folder, problems)
    if not records and not (allow_empty and not problems.items):
        # An empty or unreadable folder is no evidence that every supporter left.
        first = (
            f" ({len(problems.items)} problems; first: {problems.items[0].file}: "
            f"{problems.items[0].message})"
            if problems.items
            else ""
        )
        raise ImportRefused(
            f"no supporter file in {folder} could be read{first}: not a snapshot of the list, "
            "nothing imported (--allow-empty if the list really is empty)"
        )

    def build(agreement: Agreement) -> tuple[Plan, Report]:
        plan, report = plan_snapshot(agreement, source, snapshot_date, records, problems)
        report.problems = problems.items
        observed(agreement, source, ObservedSource.Kind.FOLDER, snapshot_date)
        return plan, report

    def declare(agreement: Agreement) -> None:
        Declared(agreement, source).note(records, SourceState.load(agreement, source))

    return _run(slug, dry_run, build, declare)


def import_csv(path: Path, slug: str, source: str | None = None, dry_run: bool = False) -> Report:
    """Add and correct supporters from a CSV file; nothing is removed (docs/spec.md §4)."""
    check_slug(slug)
    if not path.is_file():
        raise BadArguments(f"{path} is not a file")
    problems = Problems()
    records = read_csv(path, problems, today())

    def build(agreement: Agreement) -> tuple[Plan, Report]:
        name = source or f"csv:{path.name}"
        plan, report = plan_rows(agreement, name, records, problems)
        report.problems = problems.items
        observed(agreement, name, ObservedSource.Kind.CSV, today())
        return plan, report

    return _run(slug, dry_run, build)
