"""The monitor's state: one SQLite file (`monitor.sqlite3` in the state directory).

    meta      checkpoint, size, compact range, heartbeat clock, disabled webhooks
    registry  the replayed public registry, one row per agreement, actor, endorsement, claim
    sent      "sink<TAB>message id" of each delivery since the last commit

A run reads only the registry rows its new entries touch, and commits the rows it changed with
the new checkpoint in one transaction (synchronous=FULL: durable once committed), after every
new entry was processed and every message delivered. A crash before that repeats the run; the
`sent` rows (each committed as soon as its message went out) keep a rerun from sending a
message twice.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pactlog.verifier import compact
from pactlog.verifier.replay import PublicState

DATABASE = "monitor.sqlite3"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS registry (
    kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, key)
);
CREATE TABLE IF NOT EXISTS sent (delivery TEXT PRIMARY KEY);
"""
KINDS = ("agreements", "actors", "endorsements", "claims")


class StateError(Exception):
    """A state that cannot be read (the message says why)."""


@dataclass
class MonitorState:
    checkpoint: str = ""
    size: int = 0
    peaks: compact.Peaks = field(default_factory=list)
    last_message: str = ""
    disabled_webhooks: dict[str, str] = field(default_factory=dict)


class StoredMap(dict[Any, Any]):
    """A dict of one kind of registry row that loads rows from the database on first use and
    remembers which it changed: a run touches only the rows its entries are about."""

    def __init__(self, db: sqlite3.Connection, kind: str) -> None:
        super().__init__()
        self.db, self.kind = db, kind
        self.dirty: set[Any] = set()

    def _key(self, key: Any) -> str:
        return json.dumps(list(key)) if isinstance(key, tuple) else str(key)

    def _load(self, key: Any) -> bool:
        if dict.__contains__(self, key):
            return True
        row = self.db.execute(
            "SELECT value FROM registry WHERE kind = ? AND key = ?", (self.kind, self._key(key))
        ).fetchone()
        if row is None:
            return False
        dict.__setitem__(self, key, json.loads(row[0]))
        return True

    def __contains__(self, key: object) -> bool:
        return self._load(key)

    def __missing__(self, key: Any) -> Any:
        if self._load(key):
            return dict.__getitem__(self, key)
        raise KeyError(key)

    def get(self, key: Any, default: Any = None) -> Any:
        return self[key] if self._load(key) else default

    def __setitem__(self, key: Any, value: Any) -> None:
        dict.__setitem__(self, key, value)
        self.dirty.add(key)

    def changed_rows(self) -> Iterator[tuple[str, str, str]]:
        for key in self.dirty:
            value = json.dumps(dict.__getitem__(self, key), ensure_ascii=False, sort_keys=True)
            yield self.kind, self._key(key), value


class StateDir:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            try:
                self.path.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(str(self.path / DATABASE), isolation_level=None)
                db.execute("PRAGMA synchronous = FULL")
                db.executescript(SCHEMA)
            except (OSError, sqlite3.Error) as exc:
                raise StateError(f"cannot open the state in {self.path}: {exc}") from None
            self._db = db
        return self._db

    def exists(self) -> bool:
        return (self.path / DATABASE).exists()

    def load(self) -> MonitorState | None:
        if not self.exists():
            return None
        try:
            meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
            if "size" not in meta:
                return None
            return MonitorState(
                checkpoint=meta["checkpoint"],
                size=int(meta["size"]),
                peaks=compact.from_json(json.loads(meta["peaks"])),
                last_message=meta.get("last_message", ""),
                disabled_webhooks=dict(json.loads(meta.get("disabled_webhooks", "{}"))),
            )
        except (sqlite3.Error, ValueError, KeyError, TypeError) as exc:
            raise StateError(f"cannot read {self.path / DATABASE}: {exc}") from None

    def registry(self) -> PublicState:
        """The registry as of the stored size, read lazily."""
        maps = {kind: StoredMap(self.db, kind) for kind in KINDS}
        return PublicState(**maps)

    def sent(self) -> set[str]:
        if not self.exists():
            return set()
        return {row[0] for row in self.db.execute("SELECT delivery FROM sent")}

    def record_sent(self, sink: str, msg_id: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO sent VALUES (?)", (f"{sink}\t{msg_id}",))

    def commit(self, state: MonitorState, registry: PublicState | None) -> None:
        """The changed registry rows and the new state, in one transaction; the journal of
        deliveries is emptied in it too."""
        meta = {
            "checkpoint": state.checkpoint,
            "size": str(state.size),
            "peaks": json.dumps(compact.to_json(state.peaks)),
            "last_message": state.last_message,
            "disabled_webhooks": json.dumps(state.disabled_webhooks, sort_keys=True),
        }
        db = self.db
        try:
            db.execute("BEGIN IMMEDIATE")
            if registry is not None:
                for kind in KINDS:
                    rows = getattr(registry, kind)
                    if isinstance(rows, StoredMap):
                        db.executemany(
                            "INSERT OR REPLACE INTO registry VALUES (?, ?, ?)",
                            rows.changed_rows(),
                        )
            db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
            db.execute("DELETE FROM sent")
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            db.execute("ROLLBACK")
            raise StateError(f"cannot write the state in {self.path}: {exc}") from None
