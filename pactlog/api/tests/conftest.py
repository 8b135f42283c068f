"""Shared helpers for the API tests: the real snapshot and the command line's JSON answers."""

from __future__ import annotations

import io
import json
from typing import Any

from django.core.management import call_command


def cli_json(*args: str) -> Any:
    """What `pactlog <args> --json` prints, parsed."""
    out = io.StringIO()
    call_command(*args, "--json", stdout=out)
    return json.loads(out.getvalue())
