from typing import Any

from django.core.management.base import CommandParser

from pactlog.registry import queries
from pactlog.registry.cli import QueryCommand, agreement_arg, date_arg
from pactlog.registry.provenance import provenance


class Command(QueryCommand):
    help = "How many supporters are in force as of a date, by category."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--as-of", help="YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = date_arg(options["as_of"], "--as-of")
        agreement = agreement_arg(options["agreement"])
        found = provenance(agreement)
        data = {**queries.counts(agreement, as_of), **found.as_json()}
        lines = [f"{agreement.slug} as of {data['as_of']}: {data['total']} in force"]
        lines += [f"  {category}: {n}" for category, n in data["by_category"].items()]
        lines.append(f"  uncertain: {data['uncertain']}")
        lines += found.notices(as_of)
        self.emit(data, options["json"], "\n".join(lines))
