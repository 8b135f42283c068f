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

After a commit, a writer that finds the row locked leaves its events to the integrator holding
it (SKIP LOCKED), which looks for new events again once it has committed: under load, one
integration covers many commits. A crash anywhere rolls the step back whole; the next change
or the next process redoes it from the stored checkpoint. Nothing is duplicated because the
events to add are found by seq from the tree's size, under the lock.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from pactlog import memos
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


@memos.register
def _forget_open_log() -> None:
    global _cached
    _cached = None


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


def _lock_state(wait: bool) -> tuple[bool, str | None]:
    """Lock the state row: (whether we hold it, the stored checkpoint).

    With wait=False on PostgreSQL, a row another integrator holds is skipped (SKIP LOCKED): that
    integrator looks for new events again after its commit, so it will take ours too.
    """
    rows = LogState.objects.filter(pk=1)
    skip = not wait and connection.features.has_select_for_update_skip_locked
    state = rows.select_for_update(skip_locked=skip).first()
    if state is None:
        if skip and rows.exists():
            return False, None
        LogState.objects.get_or_create(pk=1)
        state = rows.select_for_update().get()
    return True, state.checkpoint or None


Step = tuple[int, int, DatabaseTileStore | None, bool]


def _step(limit: int, wait: bool) -> Step | None:
    """One transaction: (entries added, tree size, the store written, stopped at a gap).

    None when another integrator holds the lock (and wait is False).
    """
    global _cached
    with transaction.atomic():
        locked, note = _lock_state(wait)
        if not locked:
            return None
        tree = _writable(note)
        rows = list(
            Event.objects.filter(seq__gte=tree.size)
            .order_by("seq")
            .values_list("seq", "type", "recorded_at", "payload")[:limit]
        )
        entries = []
        gap = False
        for expected, (seq, kind, recorded_at, payload) in enumerate(rows, start=tree.size):
            if seq != expected:
                log.error("event %s is missing: the log stops before it", expected)
                gap = True
                break
            entries.append(entry_bytes(seq, kind, recorded_at, payload))
        if not entries:
            return 0, tree.size, None, gap
        store = tree.store
        assert isinstance(store, DatabaseTileStore)
        try:
            tree.append_many(entries)
        except BaseException:
            _cached = None
            raise
    return len(entries), tree.size, store, gap


def integrate(limit: int = BATCH, *, wait: bool = True) -> int:
    """Integrate every committed event not yet in the tree; return how many were added.

    wait=False (after a commit): if another thread or process is integrating, leave it to
    that one: every integrator looks for new events again after it releases its locks, so an
    event committed before a writer found the lock taken is always taken (group commit).
    """
    added = 0
    while stored_size() < event_count():
        if not _lock.acquire(blocking=wait):
            break  # a thread of this process is integrating; it checks again after release
        try:
            result = _integrate_locked(limit, wait)
        finally:
            _lock.release()
        if result is None:
            break  # another process holds the row; it checks again after its commit
        count, stop = result
        added += count
        if stop or not count:
            break
    if added:
        log.info("log integrated %s entries", added)
    return added


def _integrate_locked(limit: int, wait: bool) -> tuple[int, bool] | None:
    """Steps until no committed event is left: (added, stopped at a gap) or None if skipped."""
    global _cached
    added = empty = 0
    while True:
        try:
            step = _step(limit, wait)
        except BaseException:
            _cached = None
            raise
        if step is None:
            return None if not added else (added, False)
        count, size, store, gap = step
        added += count
        empty = 0 if count else empty + 1
        if store is not None:
            mirror(store)
        if empty > 1:  # the counter says more events than there are rows: a damaged table
            return added, True
        # Read after our commit released the row: events committed by writers that found
        # it locked are taken now.
        if gap:
            return added, True
        if event_count() <= size:
            return added, False


def integrate_after_change(**_: Any) -> None:
    """`registry_changed` receiver: a failure is logged, the next change or start retries."""
    try:
        integrate(wait=False)
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
    from pactlog.log.cosigned import mirrored_checkpoint, write_mirrored_checkpoint
    from pactlog.site.publish import write_atomically

    root = publish_root()
    if root is None or store.published is None:
        return
    try:
        if mirrored_checkpoint(root) != store.previous:
            publish_all(root)
            return
        for path, data in store.written.items():
            write_atomically(root / path, data)
        write_mirrored_checkpoint(root, store.published)
    except OSError:
        log.exception("could not write the log files under %s", root)


def publish_all(root: Path | None = None) -> int:
    """Write every stored log file and the checkpoint under `root` (default PUBLISH_DIR/log)."""
    from pactlog.log.cosigned import write_mirrored_checkpoint
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
        write_mirrored_checkpoint(target, note)
        count += 1
    return count
