import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pactlog.importing.history import import_git
from pactlog.importing.sync import BadArguments, ImportRefused
from pactlog.registry.cli import require_database

BAR = 30


class Command(BaseCommand):
    help = "Import a folder's git history, each first-parent commit that changed it a snapshot."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("repo", type=Path, help="a clone, a bare repository or a bundle")
        parser.add_argument("--path", required=True, help="the folder, e.g. _supporters")
        parser.add_argument("--agreement", required=True, help="slug; created if it does not exist")
        parser.add_argument("--source", default="pariscall-site", help="name of this source")
        parser.add_argument("--rev", help="the commit or branch to walk back from (default HEAD)")
        parser.add_argument(
            "--rebuild", action="store_true",
            help="recompute this source's endorsements from the whole history, in one transaction",
        )  # fmt: skip
        parser.add_argument("--dry-run", action="store_true", help="report, write nothing")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        require_database()
        try:
            report = import_git(
                options["repo"],
                options["path"],
                options["agreement"],
                source=options["source"],
                rev=options["rev"],
                rebuild=options["rebuild"],
                dry_run=options["dry_run"],
                progress=self.progress if sys.stderr.isatty() else None,
            )
        except ImportRefused as exc:
            code = 2 if isinstance(exc, BadArguments) else 1
            raise CommandError(str(exc), returncode=code) from None
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(report.as_text())

    def progress(self, done: int, total: int, day: dt.date) -> None:
        filled = BAR * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (BAR - filled)}] {done}/{total} commits, {day}")
        sys.stderr.flush()
