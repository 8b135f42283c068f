from typing import Any

from django.core.management.base import CommandError, CommandParser

from pactlog.groups.catalogue import get_group
from pactlog.groups.coverage import coverage
from pactlog.registry.cli import QueryCommand, agreement_arg, date_arg
from pactlog.registry.queries import NotFound


class Command(QueryCommand):
    help = "Which members of a group of states endorse an agreement as of a date."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--group", required=True, help="a group's slug, e.g. five-eyes")
        parser.add_argument("--as-of", help="YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = date_arg(options["as_of"], "--as-of")
        agreement = agreement_arg(options["agreement"])
        try:
            group = get_group(options["group"])
        except NotFound as exc:
            raise CommandError(f"{exc} (see docs/groups.md for the list)", returncode=1) from None
        data = coverage(agreement, group, as_of)
        lines = [f"{agreement.slug}, {group.name('en')}, as of {data['as_of']}"]
        for part in ("members", "endorsed", "absent", "uncertain"):
            lines.append(f"{part} ({len(data[part])}): {' '.join(data[part]) or '-'}")
        self.emit(data, options["json"], "\n".join(lines))
