from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pactlog.importing.run import import_csv
from pactlog.importing.sync import BadArguments, ImportRefused
from pactlog.registry.cli import require_database


class Command(BaseCommand):
    help = "Import supporters from a CSV file (name, category, country, nature, website, dates)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--agreement", required=True, help="slug; created if it does not exist")
        parser.add_argument("--source", help="name of this source (default: csv:<file name>)")
        parser.add_argument("--dry-run", action="store_true", help="report, write nothing")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        require_database()
        try:
            report = import_csv(
                options["file"], options["agreement"], options["source"], options["dry_run"]
            )
        except ImportRefused as exc:
            code = 2 if isinstance(exc, BadArguments) else 1
            raise CommandError(str(exc), returncode=code) from None
        self.stdout.write(report.render(options["json"]))
