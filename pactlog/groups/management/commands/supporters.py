from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import get_language

from pactlog.groups.catalogue import get_group
from pactlog.groups.selection import SelectionQuery
from pactlog.registry import queries
from pactlog.registry.cli import QueryCommand, agreement_arg, date_arg, query_error
from pactlog.registry.provenance import provenance


class Command(QueryCommand):
    help = "The supporters in force as of a date, optionally filtered."
    # Beside `coverage`: a group's members are the groups app's to read.

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--as-of", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--category", help="state, public-authority, civil-society, ...")
        parser.add_argument("--country", help="ISO 3166-1 alpha-3 code, e.g. FRA")
        parser.add_argument("--group", help="only members of this group of states, e.g. g7")
        parser.add_argument("--nature", help="company, ngo, university, ... (docs/data-model.md)")
        parser.add_argument("--q", help="name contains this (case- and accent-insensitive)")
        parser.add_argument("--order", default="name", choices=sorted(queries.ORDERS))

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = date_arg(options["as_of"], "--as-of")
        agreement = agreement_arg(options["agreement"])
        try:
            if options["group"]:
                get_group(options["group"])  # unknown: exit 1, as for `pactlog coverage`
            query = SelectionQuery.parse(options, as_of=as_of)
            data = queries.supporters(
                agreement, as_of, query.filter(), query.order, lang=get_language() or "en"
            )
        except queries.QueryError as exc:
            raise query_error(exc) from None
        found = provenance(agreement)
        data = {**data, **found.as_json()}
        lines = [
            f"{s['name']}\t{s['category']}\t{s['country'] or ''}\t{s['start']['not_after']}"
            for s in data["supporters"]
        ]
        lines.append(
            f"{data['count']} in force as of {data['as_of']}, {data['uncertain']} uncertain"
        )
        lines += found.notices(as_of)
        self.emit(data, options["json"], "\n".join(lines))
