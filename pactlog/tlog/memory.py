"""An append-only log held in memory, level by level.

MemoryLog keeps, for every level of the tree, the list of hashes of all the
complete subtrees at that level. Appending a batch extends level 0 with the new
leaf hashes, then each level above with the parents of the newly completed pairs,
one list comprehension per level: that is two SHA-256 calls per entry in total
and almost nothing else, which keeps pure Python close to the speed of hashlib.

Invariants:
  - len(levels[k]) == size >> k, and levels[k][i] is the hash of the complete
    subtree covering leaves [i * 2**k, (i + 1) * 2**k).
  - Nothing is ever removed or changed: earlier roots and proofs stay
    computable for every size up to the current one.
"""

from __future__ import annotations

from collections.abc import Iterable

from pactlog.tlog.checkpoint import Checkpoint
from pactlog.tlog.hashing import leaf_hashes, parent_level
from pactlog.tlog.storage import LogError, check_entries, resolve_size
from pactlog.tlog.tree import consistency_proof, inclusion_proof, root_at


class MemoryLog:
    """A transparency log kept entirely in memory (tests, benchmarks, caches)."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self._entries: list[bytes] = []
        self._levels: list[list[bytes]] = [[]]

    @property
    def size(self) -> int:
        """Number of entries in the log."""
        return len(self._levels[0])

    def append_many(self, entries: Iterable[bytes]) -> range:
        """Append entries in order; return the range of their indexes."""
        batch = check_entries(entries)
        start = self.size
        if not batch:
            return range(start, start)
        levels = self._levels
        levels[0].extend(leaf_hashes(batch))
        self._entries.extend(batch)
        k = 0
        while len(levels[k]) > 1:
            if k + 1 == len(levels):
                levels.append([])
            below, above = levels[k], levels[k + 1]
            done = len(above)
            if done == len(below) >> 1:
                break
            above.extend(parent_level(below[2 * done :]))
            k += 1
        return range(start, self.size)

    def _hash_at(self, level: int, index: int) -> bytes:
        return self._levels[level][index]

    def root(self, size: int | None = None) -> bytes:
        """Root of the tree of the first `size` entries (default: all of them)."""
        return root_at(resolve_size(size, self.size), self._hash_at)

    def inclusion_proof(self, index: int, size: int | None = None) -> list[bytes]:
        """RFC 9162 inclusion proof of entry `index` in the tree of `size` entries."""
        return inclusion_proof(index, resolve_size(size, self.size), self._hash_at)

    def consistency_proof(self, old: int, new: int | None = None) -> list[bytes]:
        """RFC 9162 consistency proof from the tree of `old` entries to that of `new`."""
        return consistency_proof(old, resolve_size(new, self.size), self._hash_at)

    def entry(self, index: int) -> bytes:
        """The entry at `index`."""
        if not 0 <= index < self.size:
            raise LogError(f"no entry {index} in a log of size {self.size}")
        return self._entries[index]

    def leaf_hash(self, index: int) -> bytes:
        """The leaf hash of the entry at `index`."""
        if not 0 <= index < self.size:
            raise LogError(f"no entry {index} in a log of size {self.size}")
        return self._levels[0][index]

    def checkpoint(self, extensions: Iterable[str] = ()) -> Checkpoint:
        """The (unsigned) checkpoint of the log at its current size."""
        return Checkpoint(self.origin, self.size, self.root(), tuple(extensions))
