"""`pactlog witness init|add-log|logs|key|serve`: run a witness for other institutions' logs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pactlog.tlog import InvalidKeyError
from pactlog.witness import keys, service
from pactlog.witness.models import WitnessedLog


class Command(BaseCommand):
    help = (
        "init --name NAME: make the witness key and print its verifier key. "
        "add-log --origin ORIGIN --vkey VKEY [--url URL]: trust a log (never removed). "
        "logs: list the trusted logs and their state. key: print the verifier key. "
        "serve [ADDR:PORT]: answer add-checkpoint (gunicorn pactlog.witness.wsgi in production)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["init", "add-log", "logs", "key", "serve"])
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8080", help="serve: where")
        parser.add_argument("--name", help="init: the witness's name, e.g. witness.example.org")
        parser.add_argument("--origin", help="add-log: the log's origin line")
        parser.add_argument("--vkey", help="add-log: the log's verifier key")
        parser.add_argument("--url", default="", help="add-log: the log's address (optional)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "init":
                if not options["name"]:
                    raise CommandError("init needs --name NAME")
                call_command("migrate", verbosity=0)
                self.stdout.write(keys.create(options["name"]).verifier_key)
            elif action == "key":
                self.stdout.write(keys.cosigner().verifier_key)
            elif action == "add-log":
                self._add_log(options)
            elif action == "logs":
                for row in WitnessedLog.objects.order_by("origin"):
                    self.stdout.write(f"{row.origin} size {row.size} {row.url}".rstrip())
            else:
                keys.cosigner()
                call_command("migrate", verbosity=0)
                call_command("runserver", options["addrport"], use_reloader=False)
        except (ImproperlyConfigured, InvalidKeyError, ValueError) as exc:
            raise CommandError(str(exc)) from None

    def _add_log(self, options: dict[str, Any]) -> None:
        if not options["origin"] or not options["vkey"]:
            raise CommandError("add-log needs --origin ORIGIN and --vkey VKEY")
        call_command("migrate", verbosity=0)
        row = service.add_log(options["origin"], options["vkey"], options["url"])
        self.stdout.write(f"trusting {row.origin} (cosigned up to size {row.size})")
