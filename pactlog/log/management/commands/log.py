"""`pactlog log key|backfill|audit|publish`: the operator's side of the verifiable log."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pactlog.log import keys
from pactlog.log.audit import audit
from pactlog.log.integrate import integrate, publish_all, stored_size


class Command(BaseCommand):
    help = (
        "key: print the log's verifier key. backfill: integrate every event not yet in the "
        "log. audit: check tables == replay of events and stored tree == entries. publish: "
        "write every log file under PACTLOG_PUBLISH_DIR/log/ (or --to DIR)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["key", "backfill", "audit", "publish"])
        parser.add_argument("--to", help="publish: the folder to write (default: publish dir)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "key":
            self.stdout.write(keys.verifier_key())
        elif action == "backfill":
            added = integrate()
            self.stdout.write(f"integrated {added} entries; the log has {stored_size()}")
        elif action == "publish":
            written = publish_all(Path(options["to"]) if options["to"] else None)
            self.stdout.write(f"wrote {written} files")
        else:
            problems = audit()
            for problem in problems:
                self.stdout.write(f"DIFFERS: {problem}")
            if problems:
                raise CommandError(f"audit failed: {len(problems)} difference(s)")
            self.stdout.write(
                f"OK: tables = replay of the events; the log ({stored_size()} entries) matches them"
            )
