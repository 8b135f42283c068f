"""`pactlog log audit`: the operator's check that tables, events and the stored log agree.

1. The tables equal the replay of the events, claims included (a row changed behind the
   service layer's back shows up as "actor X: field F: tables say A, events say B"), and the
   columns derived from the record (search text, claims' verdicts) equal their recomputation
   (`pactlog.log.derived`).
2. The events are numbered 0..n-1 without a gap (a deleted event row shows up by its seq).
3. The stored log verifies: checkpoint signed by the instance key, every tile recomputed from
   the bundles (the same audit an outsider runs), and entry i equal to the bytes of event i.
"""

from __future__ import annotations

from typing import Any

from pactlog.log import derived, keys
from pactlog.log.entries import entry_bytes
from pactlog.log.store import DatabaseTileStore
from pactlog.registry.models import Event
from pactlog.registry.replay import PublicState, ReplayError, current_state, replay_database
from pactlog.tlog import NotFoundError, TlogError, Verifier, audit_log
from pactlog.tlog.tiles import TILE_WIDTH, fetch_bundle, tile_width


def audit() -> list[str]:
    """Every difference found, as sentences; empty when all agree."""
    problems = _gaps()
    try:
        replayed = replay_database()
    except ReplayError as exc:
        problems.append(f"the events do not replay: {exc}")
    else:
        problems += compare_states(current_state(), replayed)
    problems += derived.recomputed()
    problems += _stored_log()
    return problems


def _gaps() -> list[str]:
    seqs = list(Event.objects.order_by("seq").values_list("seq", flat=True))
    problems = []
    expected = 0
    for seq in seqs:
        if seq != expected:
            missing = f"{expected}" if seq == expected + 1 else f"{expected} to {seq - 1}"
            problems.append(f"event {missing} missing from the events table")
        expected = seq + 1
    return problems


def _diff(what: str, tables: dict[str, Any], events: dict[str, Any], prefix: str = "") -> list[str]:
    """Differing fields, nested ones named by their path (`source.title`, `start.not_after`)."""
    problems = []
    for name in sorted(set(tables) | set(events)):
        mine, theirs = tables.get(name), events.get(name)
        if mine == theirs:
            continue
        if isinstance(mine, dict) and isinstance(theirs, dict):
            problems += _diff(what, mine, theirs, f"{prefix}{name}.")
        else:
            problems.append(
                f"{what}: field {prefix + name!r}: tables say {mine!r}, events say {theirs!r}"
            )
    return problems


def compare_states(tables: PublicState, events: PublicState) -> list[str]:
    """Differences between the tables and the replay, naming the row and the field."""
    problems: list[str] = []
    pairs: list[tuple[str, dict[Any, Any], dict[Any, Any]]] = [
        ("agreement", tables.agreements, events.agreements),
        ("actor", tables.actors, events.actors),
        ("endorsement", tables.endorsements, events.endorsements),
        ("claim", tables.claims, events.claims),
    ]
    for kind, left, right in pairs:
        for key in sorted(set(left) | set(right), key=str):
            name = (
                f"endorsement of {key[0]} by actor {key[1]} (#{key[2]})"
                if kind == "endorsement"
                else f"{kind} {key}"
            )
            if key not in right:
                problems.append(f"{name}: in the tables but in no event")
            elif key not in left:
                problems.append(f"{name}: in the events but not in the tables")
            else:
                problems += _diff(name, left[key], right[key])
    return problems


def _stored_log() -> list[str]:
    store = DatabaseTileStore()

    def fetch(path: str) -> bytes:
        if path == "checkpoint":
            note = store.read_checkpoint()
            data = None if note is None else note.encode()
        else:
            data = store.read_file(path)
        if data is None:
            raise NotFoundError(f"{path} is not stored")
        return data

    if store.read_checkpoint() is None:
        return [] if not Event.objects.exists() else ["the log has no checkpoint yet: run backfill"]
    verifier = Verifier(keys.verifier_key())
    try:
        result = audit_log(fetch, verifier, jobs=1)
    except TlogError as exc:
        return [f"stored log: {exc}"]
    size = result.checkpoint.size
    problems = []
    events = Event.objects.filter(seq__lt=size).order_by("seq")
    rows = events.values_list("seq", "type", "recorded_at", "payload").iterator()
    row = next(rows, None)
    for bundle in range(-(-size // TILE_WIDTH)):
        width = tile_width(0, bundle, size)
        for offset, data in enumerate(fetch_bundle(fetch, bundle, width)):
            index = bundle * TILE_WIDTH + offset
            while row is not None and row[0] < index:
                row = next(rows, None)
            if row is None or row[0] != index:
                problems.append(f"log entry {index}: its event row is missing")
                continue
            if entry_bytes(*row) != data:
                problems.append(f"log entry {index} differs from event {index} ({row[1]})")
            row = next(rows, None)
    return problems
