"""`pactlog log key|backfill|audit|publish|witness`: the operator's side of the verifiable log."""

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
        "write every log file under PACTLOG_PUBLISH_DIR/log/ (or --to DIR). witness: submit "
        "the newest checkpoint to the witnesses of PACTLOG_LOG_POLICY (--watch: keep doing so)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["key", "backfill", "audit", "publish", "witness"])
        parser.add_argument("--to", help="publish: the folder to write (default: publish dir)")
        parser.add_argument("--watch", action="store_true", help="witness: run until stopped")
        parser.add_argument(
            "--interval", type=float, default=0.2, help="witness --watch: seconds between rounds"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "key":
            self.stdout.write(keys.verifier_key())
        elif action == "backfill":
            added = integrate()
            self.stdout.write(f"integrated {added} entries; the log has {stored_size()}")
        elif action == "witness":
            from pactlog.log.watch import watch_witnesses

            watch_witnesses(self.stdout, forever=options["watch"], interval=options["interval"])
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
