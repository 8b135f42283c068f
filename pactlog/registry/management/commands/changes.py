from typing import Any

from django.core.management.base import CommandParser

from pactlog.registry import queries
from pactlog.registry.cli import QueryCommand, agreement_arg, date_arg, query_error


class Command(QueryCommand):
    help = "Who joined, who left and who is uncertain between two dates."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        start = date_arg(options["start"], "--from")
        end = date_arg(options["end"], "--to")
        agreement = agreement_arg(options["agreement"])
        try:
            data = queries.changes(agreement, start, end)
        except queries.QueryError as exc:
            raise query_error(exc) from None
        lines = [f"{agreement.slug} from {data['from']} to {data['to']}"]
        for part in ("joined", "left", "uncertain"):
            lines.append(f"{part}: {len(data[part])}")
            lines += [f"  {s['name']} ({s['category']}, {s['country'] or '-'})" for s in data[part]]
        self.emit(data, options["json"], "\n".join(lines))
