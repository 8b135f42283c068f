"""The bytes of a log entry: entry `i` is the canonical JSON of event `seq = i` (docs/log.md).

    {"payload": {...}, "recorded_at": "2026-01-02T03:04:05.000006Z", "seq": i, "type": "..."}

Keys sorted, no insignificant white space, UTF-8, at most 65,535 bytes (the tlog-tiles limit).
Pure Python, no Django: the registry's writer, the integrator and the outside verifier build and
read entries with the same two functions.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pactlog.tlog import MAX_ENTRY_SIZE
from pactlog.verifier import untrusted


def timestamp(when: dt.datetime) -> str:
    """UTC, ISO 8601 with microseconds and a Z: the same text whatever the database returns."""
    if when.tzinfo is None:
        raise ValueError("an event time must be timezone-aware")
    return f"{when.astimezone(dt.timezone.utc):%Y-%m-%dT%H:%M:%S.%f}Z"


def entry_bytes(seq: int, kind: str, recorded_at: dt.datetime, payload_json: str) -> bytes:
    """The entry of an event whose payload is already canonical JSON (as the events table holds).

    Built by concatenation, in sorted key order, which is what canonical_json of the whole
    object gives (a test checks it), without parsing the payload again.
    """
    return (
        f'{{"payload":{payload_json},"recorded_at":"{timestamp(recorded_at)}",'
        f'"seq":{int(seq)},"type":{json.dumps(kind, ensure_ascii=False)}}}'
    ).encode()


class EntryError(ValueError):
    """Bytes that are not a well-formed entry of this log."""


def parse_entry(data: bytes, index: int) -> tuple[str, dict[str, Any], str]:
    """`(type, payload, recorded_at)` of entry `index`; EntryError says what is wrong."""
    try:
        entry = untrusted.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise EntryError(f"entry {index} is not UTF-8 JSON: {exc}") from None
    if not isinstance(entry, dict) or set(entry) != {"payload", "recorded_at", "seq", "type"}:
        raise EntryError(f"entry {index} does not have exactly payload, recorded_at, seq, type")
    if entry["seq"] != index:
        raise EntryError(f"entry {index} says it is event seq {entry['seq']!r}")
    if not isinstance(entry["type"], str) or not isinstance(entry["payload"], dict):
        raise EntryError(f"entry {index} has a malformed type or payload")
    canonical = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    if canonical.encode() != data:
        raise EntryError(f"entry {index} is not canonical JSON")
    return entry["type"], entry["payload"], str(entry["recorded_at"])


def too_large(size: int) -> bool:
    return size > MAX_ENTRY_SIZE


__all__ = ["MAX_ENTRY_SIZE", "EntryError", "entry_bytes", "parse_entry", "timestamp", "too_large"]
