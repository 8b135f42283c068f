"""Canonical JSON (docs/spec.md §3): the exact bytes of an event's payload and its log entry.

Pure Python: a claim's fingerprint is computed from it, in the application and the verifier."""

from __future__ import annotations

import json
from typing import Any


def canonical_json(value: Any) -> str:
    """Keys sorted, no insignificant white space, non-ASCII kept as UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
