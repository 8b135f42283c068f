"""An append-only log held in memory, built and read as tiles like every other log.

MemoryLog appends with `TileBuilder`, the one incremental Merkle builder of the package, keeps
the full tiles it reports (as bytes, by level and index) and the entries in a list, and answers
roots and proofs through `TileHashReader`, as `TiledLog` does over a store. What it leaves out
is what a published log needs: files, a signer, a checkpoint to publish.

Invariants:
  - `_tiles[(L, i)]` is full tile i of tile level L; the builder's border holds the partial
    tile of each level at the current size; together they cover the tree of every size up to
    `size` (a smaller tree's partial tiles are prefixes of these).
  - Nothing is ever removed or changed: earlier roots and proofs stay computable for every
    size up to the current one.
"""

from __future__ import annotations

from collections.abc import Iterable

from pactlog.tlog.builder import TileBuilder
from pactlog.tlog.checkpoint import Checkpoint
from pactlog.tlog.hashing import HASH_SIZE, leaf_hashes
from pactlog.tlog.storage import LogError, check_entries, resolve_size
from pactlog.tlog.tiles import TILE_HEIGHT, TILE_WIDTH, TileCache, TileHashReader


class MemoryLog:
    """A transparency log kept entirely in memory (tests, benchmarks, caches)."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self._entries: list[bytes] = []
        self._builder = TileBuilder()
        self._tiles: dict[tuple[int, int], bytes] = {}
        self._cache = TileCache()
        self._root = self._builder.root()

    @property
    def size(self) -> int:
        """Number of entries in the log."""
        return self._builder.size

    def append_many(self, entries: Iterable[bytes]) -> range:
        """Append entries in order; return the range of their indexes."""
        batch = check_entries(entries)
        start = self.size
        if not batch:
            return range(start, start)
        for tile in self._builder.append(leaf_hashes(batch)):
            if tile.full:
                self._tiles[(tile.level, tile.index)] = b"".join(tile.hashes)
        self._entries.extend(batch)
        self._root = self._builder.root()
        return range(start, self.size)

    def _load_tile(self, level: int, index: int, width: int) -> bytes:
        """Tile (level, index) as it was when `width` of its hashes existed."""
        full = self._tiles.get((level, index))
        if full is not None:
            return full[: width * HASH_SIZE]
        border = self._builder.border[level]
        if index != (self.size >> (TILE_HEIGHT * level)) // TILE_WIDTH or width > len(border):
            raise LogError(f"no tile {level}/{index} of width {width} at size {self.size}")
        return b"".join(border[:width])

    def _reader(self) -> TileHashReader:
        return TileHashReader(self._load_tile, self.size, self._cache)

    def root(self, size: int | None = None) -> bytes:
        """Root of the tree of the first `size` entries (default: all of them)."""
        size = resolve_size(size, self.size)
        return self._root if size == self.size else self._reader().root(size)

    def inclusion_proof(self, index: int, size: int | None = None) -> list[bytes]:
        """RFC 9162 inclusion proof of entry `index` in the tree of `size` entries."""
        return self._reader().inclusion_proof(index, resolve_size(size, self.size))

    def consistency_proof(self, old: int, new: int | None = None) -> list[bytes]:
        """RFC 9162 consistency proof from the tree of `old` entries to that of `new`."""
        return self._reader().consistency_proof(old, resolve_size(new, self.size))

    def entry(self, index: int) -> bytes:
        """The entry at `index`."""
        if not 0 <= index < self.size:
            raise LogError(f"no entry {index} in a log of size {self.size}")
        return self._entries[index]

    def leaf_hash(self, index: int) -> bytes:
        """The leaf hash of the entry at `index`."""
        if not 0 <= index < self.size:
            raise LogError(f"no entry {index} in a log of size {self.size}")
        return self._reader().hash_at(0, index)

    def checkpoint(self, extensions: Iterable[str] = ()) -> Checkpoint:
        """The (unsigned) checkpoint of the log at its current size."""
        return Checkpoint(self.origin, self.size, self.root(), tuple(extensions))
