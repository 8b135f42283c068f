"""What the query and import commands share: date arguments, JSON output and exit codes.

docs/spec.md §5: errors go to stderr, exit status 2 for bad arguments, 1 for anything else,
never a traceback for a user's mistake.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from pactlog.registry.dates import DateError, parse_date, today
from pactlog.registry.models import Agreement
from pactlog.registry.queries import NotFound, QueryError, get_agreement


def usage_error(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def date_arg(value: str | None, option: str) -> dt.date:
    if value is None:
        return today()
    try:
        return parse_date(value, option)
    except DateError as exc:
        raise usage_error(str(exc)) from None


def require_database() -> None:
    """A database without pactlog's tables is a set-up step missed, not a crash."""
    if Agreement._meta.db_table not in connection.introspection.table_names():
        where = connection.settings_dict.get("NAME")
        raise CommandError(f"the database ({where}) is not set up: run `pactlog migrate` first")


def agreement_arg(slug: str) -> Agreement:
    require_database()
    try:
        return get_agreement(slug)
    except NotFound as exc:
        raise CommandError(str(exc), returncode=1) from None


def query_error(exc: QueryError) -> CommandError:
    return CommandError(str(exc), returncode=1 if isinstance(exc, NotFound) else 2)


class QueryCommand(BaseCommand):
    """A command that answers one question, as text or as the API's JSON.

    It skips Django's system checks: they import the whole URL map (the API and its schemas)
    and were most of the command's start-up; `pactlog check` runs them.
    """

    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agreement", required=True, help="the agreement's slug")
        parser.add_argument("--json", action="store_true", help="print the API's JSON")

    def emit(self, data: dict[str, Any], as_json: bool, text: str) -> None:
        if as_json:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(text)
