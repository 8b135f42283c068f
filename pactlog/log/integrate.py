"""Integrating committed events into the tree: tiles, bundles and a signed checkpoint.

`integrate()` runs after every committed change (`registry_changed`), from `pactlog log
backfill`, and whenever `/log/checkpoint` finds the log behind the events. Each step is one
database transaction that

  1. locks the log's state row (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE
     transactions already serialise writers), so processes and servers integrate one at a time;
  2. reads the committed events from the tree's size on (only committed rows are visible, so
     a checkpoint never covers an entry that is not durable; the counter row makes committed
     events a gap-free prefix);
  3. appends their entries, writing tiles, bundles and the signed checkpoint in the same
     transaction.

A crash anywhere rolls the step back whole; the next change or the next process redoes it from
the stored checkpoint. Nothing is duplicated because the events to add are found by seq from
the tree's size, under the lock.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from pactlog.log import keys
from pactlog.log.entries import entry_bytes
from pactlog.log.models import LogState
from pactlog.log.store import DatabaseTileStore
from pactlog.registry.models import Event
from pactlog.registry.services import event_count
from pactlog.tlog import TiledLog

log = logging.getLogger(__name__)

BATCH = 4096
"""Events per step: bounds memory and transaction length on a large backfill."""

_cached: TiledLog | None = None
_lock = threading.Lock()


def open_log(store: DatabaseTileStore | None = None) -> TiledLog:
    """The log as stored, read-only unless a signer is attached (see `_writable`)."""
    return TiledLog(store or DatabaseTileStore(), keys.origin())


def _writable(note: str | None) -> TiledLog:
    """A log ready to append at the stored checkpoint, reusing this process's if current.

    Opened without a signer (which would scan for a crashed batch's leftovers: there are none,
    since a batch commits whole), then given it.
    """
    global _cached
    if _cached is not None and _cached.checkpoint_note == note:
        _cached.store = DatabaseTileStore()
        return _cached
    tree = open_log()
    tree.signer = keys.signer()
    _cached = tree
    return tree


def _lock_state() -> str | None:
    state = LogState.objects.select_for_update().filter(pk=1).first()
    if state is None:
        LogState.objects.get_or_create(pk=1)
        state = LogState.objects.select_for_update().get(pk=1)
    if connection.vendor == "postgresql":
        # Belt and braces for a first run racing on the row's creation.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [0x7061_6374])
    return state.checkpoint or None


def _step(limit: int) -> tuple[int, int, DatabaseTileStore | None]:
    """One transaction: (entries added, tree size, the store written through, if any)."""
    global _cached
    with transaction.atomic():
        note = _lock_state()
        tree = _writable(note)
        rows = list(
            Event.objects.filter(seq__gte=tree.size)
            .order_by("seq")
            .values_list("seq", "type", "recorded_at", "payload")[:limit]
        )
        entries = []
        for expected, (seq, kind, recorded_at, payload) in enumerate(rows, start=tree.size):
            if seq != expected:
                log.error("event %s is missing: the log stops before it", expected)
                break
            entries.append(entry_bytes(seq, kind, recorded_at, payload))
        if not entries:
            return 0, tree.size, None
        store = tree.store
        assert isinstance(store, DatabaseTileStore)
        try:
            tree.append_many(entries)
        except BaseException:
            _cached = None
            raise
    return len(entries), tree.size, store


def integrate(limit: int = BATCH) -> int:
    """Integrate every committed event not yet in the tree; return how many were added."""
    global _cached
    added = 0
    if stored_size() >= event_count():
        return 0  # another integration already covered every committed event: no lock taken
    with _lock:
        while True:
            try:
                count, size, store = _step(limit)
            except BaseException:
                _cached = None
                raise
            added += count
            if store is not None:
                mirror(store)
            if count < limit:
                break
    if added:
        log.info("log integrated %s entries; size %s", added, size)
    return added


def integrate_after_change(**_: Any) -> None:
    """`registry_changed` receiver: a failure is logged, the next change or start retries."""
    try:
        integrate()
    except Exception:
        log.exception("log integration failed; the next change will retry")


def stored_size() -> int:
    return int(LogState.objects.filter(pk=1).values_list("size", flat=True).first() or 0)


# --- mirror to the publish folder ---------------------------------------------------------


def publish_root() -> Path | None:
    root = settings.PUBLISH_DIR
    return None if root is None else Path(root) / "log"


def mirror(store: DatabaseTileStore) -> None:
    """Copy what a committed step wrote under PUBLISH_DIR/log/, the checkpoint last.

    When the folder's checkpoint is not the one this step started from (a process died while
    mirroring, or the folder is new), everything is written again instead. Best effort: the
    database stays the record, and `pactlog log publish` rewrites the folder.
    """
    from pactlog.site.publish import write_atomically

    root = publish_root()
    if root is None or store.published is None:
        return
    try:
        on_disk = (root / "checkpoint").read_text() if (root / "checkpoint").exists() else None
        if on_disk != store.previous:
            publish_all(root)
            return
        for path, data in store.written.items():
            write_atomically(root / path, data)
        write_atomically(root / "checkpoint", store.published.encode())
    except OSError:
        log.exception("could not write the log files under %s", root)


def publish_all(root: Path | None = None) -> int:
    """Write every stored log file and the checkpoint under `root` (default PUBLISH_DIR/log)."""
    from pactlog.log.models import LogFile
    from pactlog.site.publish import write_atomically

    target = root or publish_root()
    if target is None:
        raise ValueError("no publish folder: set PACTLOG_PUBLISH_DIR or give one")
    # The checkpoint is read first, so that every file it covers is among those copied.
    note = LogState.objects.filter(pk=1).values_list("checkpoint", flat=True).first()
    count = 0
    for path, data in LogFile.objects.values_list("path", "data").iterator():
        write_atomically(target / path, bytes(data))
        count += 1
    if note:
        write_atomically(target / "checkpoint", note.encode())
        count += 1
    return count
