from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pactlog.importing.run import import_jekyll
from pactlog.importing.sync import BadArguments, ImportRefused
from pactlog.registry.cli import date_arg, require_database


class Command(BaseCommand):
    help = "Import (sync) a snapshot of a Jekyll _supporters folder, e.g. the Paris Call site's."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument("--agreement", required=True, help="slug; created if it does not exist")
        parser.add_argument("--snapshot-date", required=True, help="YYYY-MM-DD the folder stood on")
        parser.add_argument("--source", default="pariscall-site", help="name of this source")
        parser.add_argument("--dry-run", action="store_true", help="report, write nothing")
        parser.add_argument(
            "--allow-empty",
            action="store_true",
            help="an empty folder means the list is empty: end every endorsement of this source",
        )
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        day = date_arg(options["snapshot_date"], "--snapshot-date")
        require_database()
        try:
            report = import_jekyll(
                options["folder"], options["agreement"], day, options["source"],
                options["dry_run"], options["allow_empty"],
            )  # fmt: skip
        except ImportRefused as exc:
            code = 2 if isinstance(exc, BadArguments) else 1
            raise CommandError(str(exc), returncode=code) from None
        self.stdout.write(report.render(options["json"]))
