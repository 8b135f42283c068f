"""The `pactlog` command: Django's manage.py with the settings preset.

`pactlog tlog ...` is dispatched to the log's own command line before Django starts, so an
auditor can verify a published log without a database or any settings; `pactlog verify`
(the registry-level verifier of a site) and `pactlog monitor` likewise.
"""

import os
import sys
from typing import Any

from pactlog import env

# The command line's questions: they only read, and start with fewer apps (pactlog.querysettings).
QUERY_COMMANDS = frozenset({"counts", "supporters", "changes", "coverage"})
DEFAULT_SETTINGS = "pactlog.settings"
# `pactlog witness ...` runs a stand-alone witness: its own app, database and key.
WITNESS_SETTINGS = "pactlog.witness.settings"


def settings_option(args: list[str]) -> str | None:
    """The value of `--settings` in a command line, read before Django's own parser because the
    settings are loaded (to warn about a new database) before Django parses its options."""
    for position, arg in enumerate(args):
        if arg == "--settings" and position + 1 < len(args):
            return args[position + 1]
        if arg.startswith("--settings="):
            return arg.partition("=")[2]
    return None


def settings_module(args: list[str]) -> str:
    """The settings a command runs with: `--settings`, else DJANGO_SETTINGS_MODULE, else
    pactlog's. A question run with pactlog's own settings gets `pactlog.querysettings` (the same
    configuration, fewer apps, a read-only connection); `--settings pactlog.settings` asks for
    every app."""
    if explicit := settings_option(args):
        return explicit
    chosen = os.environ.get("DJANGO_SETTINGS_MODULE") or DEFAULT_SETTINGS
    if len(args) > 1 and args[1] in QUERY_COMMANDS and chosen == DEFAULT_SETTINGS:
        return "pactlog.querysettings"
    if len(args) > 1 and args[1] == "witness" and chosen == DEFAULT_SETTINGS:
        return WITNESS_SETTINGS
    return chosen


def warn_if_new_database() -> None:
    """Say so when this run creates a new SQLite database: a command run from the wrong place or
    with another PACTLOG_DATA_DIR would otherwise silently use an empty registry. Only when a
    command really connects (not for `compiletranslations`); `make demo` sets
    PACTLOG_NEW_DATABASE=1, where a new database is the point."""
    if env.flag("PACTLOG_NEW_DATABASE", False):
        return
    from django.conf import settings
    from django.db.backends.signals import connection_created

    database = settings.DATABASES["default"]
    name = str(database.get("NAME") or "")
    if database["ENGINE"] != "django.db.backends.sqlite3" or name == ":memory:":
        return
    if os.path.exists(name):
        return

    def warn(sender: object, connection: Any, **kwargs: object) -> None:
        if str(connection.settings_dict.get("NAME")) != name:
            return
        connection_created.disconnect(warn)
        print(
            f"pactlog: warning: created a new, empty database at {name} (data dir "
            f"{settings.DATA_DIR}); set PACTLOG_DATA_DIR or DATABASE_URL if this is not the "
            "registry you meant",
            file=sys.stderr,
        )

    connection_created.connect(warn, weak=False)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and args[1] == "tlog":
        from pactlog.tlog.cli import main as tlog_main

        return tlog_main(args[2:])
    if len(args) > 1 and args[1] == "verify":
        from pactlog.verifier.site import main as verify_main

        return verify_main(args[2:], prog="pactlog verify")
    if len(args) > 1 and args[1] == "monitor":
        from pactlog.verifier.monitor import main as monitor_main

        return monitor_main(args[2:], prog="pactlog monitor")
    module = os.environ["DJANGO_SETTINGS_MODULE"] = settings_module(args)
    try:
        if module != WITNESS_SETTINGS:  # a witness's database is its own, made by `init`
            warn_if_new_database()
    except (ImportError, ValueError) as exc:  # a missing module, a malformed variable
        print(f"pactlog: cannot load the settings {module!r}: {exc}", file=sys.stderr)
        return 2
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
