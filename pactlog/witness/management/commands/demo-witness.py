"""`pactlog demo-witness --port P`: one local witness for the demo, and the policy naming it.

Sets up a witness in `$PACTLOG_DATA_DIR/witness` (its own key and SQLite database) that trusts
this instance's log, and writes `PACTLOG_LOG_POLICY` with that witness as the quorum. `make
demo` then runs `pactlog witness serve` there and `pactlog log witness --watch` beside the site.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pactlog.log import keys

NAME = "demo-witness.localhost"


def witness_dir() -> Path:
    return Path(settings.DATA_DIR) / "witness"


class Command(BaseCommand):
    help = "Set up one local witness for the demo and write the policy naming it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=8001, help="where the witness will listen")

    def _witness(self, *args: str) -> str:
        env = {
            k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PACTLOG_WITNESS_KEY")
        }
        env["PACTLOG_DATA_DIR"] = str(witness_dir())
        done = subprocess.run(  # noqa: S603 (our own command line, fixed arguments)
            [sys.executable, "-m", "pactlog", "witness", *args],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode:
            raise CommandError(done.stderr.strip() or done.stdout.strip())
        return done.stdout.strip()

    def handle(self, *args: Any, **options: Any) -> None:
        policy = str(getattr(settings, "LOG_POLICY", "") or "")
        if not policy:
            raise CommandError("set PACTLOG_LOG_POLICY to the policy file to write")
        witness_dir().mkdir(parents=True, exist_ok=True)
        vkey = self._witness("init", "--name", NAME).splitlines()[-1]
        self._witness("add-log", "--origin", keys.origin(), "--vkey", keys.verifier_key())
        base = str(settings.PACTLOG_BASE_URL).rstrip("/")
        Path(policy).write_text(
            "# The demo's witness policy (tlog-policy): one local witness must cosign.\n"
            f"log {keys.verifier_key()} {base}/log/\n"
            f"witness demo {vkey} http://127.0.0.1:{options['port']}\n"
            "quorum demo\n"
        )
        self.stdout.write(f"Witness {NAME} ({vkey}) on port {options['port']}; policy {policy}")
