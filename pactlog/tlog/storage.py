"""The interfaces every log and every log store implements.

`Log` is what the rest of pactlog programs against: append a batch, read the
root, produce proofs. `TileStore` is the small storage interface under the tiled
logs (FileLog today, a database-backed store later): it only moves opaque blobs
named by their tlog-tiles path, plus the checkpoint, so a new backend needs no
Merkle tree code at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from pactlog.tlog.errors import EntryTooLargeError, LogError
from pactlog.tlog.tiles import MAX_ENTRY_SIZE

if TYPE_CHECKING:
    from pactlog.tlog.checkpoint import Checkpoint


@runtime_checkable
class Log(Protocol):
    """An append-only RFC 6962 log: what callers of MemoryLog and FileLog rely on."""

    origin: str

    @property
    def size(self) -> int: ...

    def append_many(self, entries: Iterable[bytes]) -> range: ...

    def root(self, size: int | None = None) -> bytes: ...

    def inclusion_proof(self, index: int, size: int | None = None) -> list[bytes]: ...

    def consistency_proof(self, old: int, new: int | None = None) -> list[bytes]: ...

    def entry(self, index: int) -> bytes: ...

    def checkpoint(self, extensions: Iterable[str] = ()) -> Checkpoint: ...


@runtime_checkable
class TileStore(Protocol):
    """Durable storage of a tiled log's files, addressed by tlog-tiles paths.

    Paths are relative, '/'-separated, as produced by tile_path() and
    entries_path(), e.g. "tile/0/x001/234.p/7". The checkpoint is kept apart
    because publishing it is the commit point of an append.

    Contract:
      - write_files() returns only once every file given is durable; files may
        be overwritten (a partial tile by a wider one, or leftovers of a batch
        that crashed before its checkpoint).
      - write_checkpoint() replaces the checkpoint atomically and durably. The
        log calls it only after write_files() has returned for every file the
        checkpoint covers, so a reader never sees a checkpoint whose tiles are
        missing.
      - read_file() returns None for a file that does not exist.
      - delete_files() removes files (missing ones are ignored); the log only
        uses it, when a writer opens it, to clear what a crashed batch left
        beyond the published checkpoint.
    """

    def read_file(self, path: str) -> bytes | None: ...

    def write_files(self, files: Mapping[str, bytes]) -> None: ...

    def delete_files(self, paths: Iterable[str]) -> None: ...

    def read_checkpoint(self) -> str | None: ...

    def write_checkpoint(self, note: str) -> None: ...


class MemoryTileStore:
    """A TileStore in a dict: for tests and for building tiles in memory."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.checkpoint: str | None = None

    def read_file(self, path: str) -> bytes | None:
        return self.files.get(path)

    def write_files(self, files: Mapping[str, bytes]) -> None:
        self.files.update(files)

    def delete_files(self, paths: Iterable[str]) -> None:
        for path in paths:
            self.files.pop(path, None)

    def read_checkpoint(self) -> str | None:
        return self.checkpoint

    def write_checkpoint(self, note: str) -> None:
        self.checkpoint = note


def check_entries(entries: Iterable[bytes]) -> list[bytes]:
    """The entries of a batch as a list of immutable bytes, each small enough.

    Checked with map() over C functions: on a million entries this costs a few
    percent of hashing them.
    """
    batch = entries if type(entries) is list else list(entries)
    if set(map(type, batch)) - {bytes}:
        batch = [e if type(e) is bytes else _as_bytes(e) for e in batch]
    if batch and max(map(len, batch)) > MAX_ENTRY_SIZE:
        index = next(i for i, e in enumerate(batch) if len(e) > MAX_ENTRY_SIZE)
        raise EntryTooLargeError(
            f"entry {index} of the batch is {len(batch[index])} bytes long; "
            f"the limit is {MAX_ENTRY_SIZE}"
        )
    return batch


def _as_bytes(entry: object) -> bytes:
    if isinstance(entry, (bytes, bytearray, memoryview)):
        return bytes(entry)
    raise LogError(f"log entries must be bytes, not {type(entry).__name__}")


def resolve_size(size: int | None, current: int) -> int:
    """`size`, defaulting to the current one, checked to be a size the log had."""
    if size is None:
        return current
    if isinstance(size, bool) or not isinstance(size, int) or not 0 <= size <= current:
        raise LogError(f"tree size {size!r} is not between 0 and the log size {current}")
    return size
