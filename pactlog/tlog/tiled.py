"""A log published as C2SP tiles over any TileStore.

TiledLog keeps in memory only the right edge of the tree: for each tile level,
the hashes of the current partial tile (at most 255), plus the entries of the
partial entry bundle. Appending a batch

  1. hashes the new entries and every tile they complete (two SHA-256 calls per
     entry overall),
  2. writes the new full tiles and bundles and the new partial ones, durably,
  3. only then signs and publishes the checkpoint for the new size.

A crash before step 3 leaves the previous checkpoint in force; the files written
for the lost batch cover only indexes beyond it and are overwritten by the next
append, so published tiles never change.

Invariants:
  - _border[L] == the hashes of the partial tile at level L for size _size,
    i.e. the last (_size >> 8*L) % 256 hashes of tree level 8*L.
  - _bundle == the entries of the partial entry bundle, (_size % 256) of them.
  - _root == the root of the first _size entries == the root of the published
    checkpoint, and every tile and bundle it needs is durable in the store.
"""

from __future__ import annotations

from collections.abc import Iterable

from pactlog.tlog.builder import TileBuilder
from pactlog.tlog.checkpoint import Checkpoint, open_checkpoint
from pactlog.tlog.errors import LogError, NoteError, TileError
from pactlog.tlog.hashing import (
    EMPTY_ROOT,
    HASH_SIZE,
    leaf_hashes,
)
from pactlog.tlog.note import Signer, unverified_text
from pactlog.tlog.storage import TileStore, check_entries, resolve_size
from pactlog.tlog.tiles import (
    MAX_LEVEL,
    TILE_HEIGHT,
    TILE_WIDTH,
    TileCache,
    TileHashReader,
    decode_bundle,
    encode_bundle,
    entries_path,
    split_hashes,
    tile_path,
)


class TiledLog:
    """An append-only log stored as tlog-tiles files in a TileStore.

    `signer` signs the checkpoint published after each batch; without one the
    log can be read (roots, proofs, entries) but not appended to. When a signer
    is given, the stored checkpoint must verify with its key; without one, the
    store is trusted as the operator's own.
    """

    def __init__(self, store: TileStore, origin: str, *, signer: Signer | None = None) -> None:
        self.origin = origin
        self.store = store
        self.signer = signer
        self._cache = TileCache()
        self._size = 0
        self._root = EMPTY_ROOT
        self._note: str | None = None
        self._border: list[list[bytes]] = []
        self._bundle: list[bytes] = []
        self._load_state()
        if signer is not None:
            self._discard_unpublished()

    # -- state -------------------------------------------------------------

    def _read_checkpoint(self) -> tuple[str | None, Checkpoint | None]:
        note = self.store.read_checkpoint()
        if note is None:
            return None, None
        try:
            if self.signer is not None:
                cp = open_checkpoint(note, self.signer.verifier, self.origin)
            else:
                cp = Checkpoint.parse(unverified_text(note))
        except NoteError as exc:
            raise LogError(f"stored checkpoint: {exc}") from exc
        if cp.origin != self.origin:
            raise LogError(f"stored checkpoint is for origin {cp.origin!r}, not {self.origin!r}")
        return note, cp

    def _load_state(self) -> None:
        note, cp = self._read_checkpoint()
        if cp is None:
            return
        size = cp.size
        border: list[list[bytes]] = []
        level = 0
        while size >> (TILE_HEIGHT * level):
            count = size >> (TILE_HEIGHT * level)
            width = count % TILE_WIDTH
            hashes = self._read_tile(level, count // TILE_WIDTH, width) if width else b""
            border.append(split_hashes(hashes))
            level += 1
        width = size % TILE_WIDTH
        bundle = self._read_bundle(size // TILE_WIDTH, width) if width else []
        root = _border_root(border)
        if root != cp.root:
            raise LogError(
                f"stored tiles give root {root.hex()} for size {size}, "
                f"but the checkpoint says {cp.root.hex()}"
            )
        if bundle and leaf_hashes(bundle) != border[0]:
            raise LogError("stored partial entry bundle disagrees with its hash tile")
        self._size, self._root, self._note = size, cp.root, note
        self._border, self._bundle = border, bundle

    def _discard_unpublished(self) -> None:
        """Delete tiles and bundles a crashed batch wrote beyond the checkpoint.

        They were never covered by a checkpoint, so no client may rely on them,
        but a full tile left behind would contradict the one the next batch
        publishes at the same path (and caches keep full tiles for good).
        Batches write tiles in index order, so leftovers are contiguous from the
        checkpoint's right edge.
        """
        stale = self._stale_files(None)
        for level in range(MAX_LEVEL + 1):
            found = self._stale_files(level)
            if not found and self._size >> (TILE_HEIGHT * level) == 0:
                break
            stale.extend(found)
        if stale:
            self.store.delete_files(stale)

    def _stale_files(self, level: int | None) -> list[str]:
        """Files of `level` (None: entry bundles) beyond what the checkpoint covers."""
        count = self._size >> (TILE_HEIGHT * (level or 0))
        index, width = divmod(count, TILE_WIDTH)
        stale: list[str] = []
        while True:
            names = [_file_name(level, index, w) for w in range(width + 1, TILE_WIDTH + 1)]
            present = [name for name in names if self.store.read_file(name) is not None]
            if not present:
                return stale
            stale.extend(present)
            index, width = index + 1, 0

    def _read_tile(self, level: int, index: int, width: int) -> bytes:
        data = self.store.read_file(tile_path(level, index, width))
        if data is None and width < TILE_WIDTH:
            full = self.store.read_file(tile_path(level, index))
            data = full[: width * HASH_SIZE] if full is not None else None
        if data is None or len(data) != width * HASH_SIZE:
            raise LogError(f"store is missing or has a damaged {tile_path(level, index, width)}")
        return data

    def _read_bundle(self, index: int, width: int) -> list[bytes]:
        data = self.store.read_file(entries_path(index, width))
        entries: list[bytes] | None = None
        try:
            if data is not None:
                entries = decode_bundle(data)
            elif width < TILE_WIDTH:
                full = self.store.read_file(entries_path(index))
                entries = decode_bundle(full)[:width] if full is not None else None
        except TileError:
            entries = None
        if entries is None or len(entries) != width:
            raise LogError(f"store is missing or has a damaged {entries_path(index, width)}")
        return entries

    # -- reading -----------------------------------------------------------

    @property
    def size(self) -> int:
        """Number of entries covered by the published checkpoint."""
        return self._size

    @property
    def checkpoint_note(self) -> str | None:
        """The signed checkpoint last published (None for an empty, new log)."""
        return self._note

    def _load_tile(self, level: int, index: int, width: int) -> bytes:
        border = self._border[level] if level < len(self._border) else []
        if width == len(border) and index == (self._size >> (TILE_HEIGHT * level)) // TILE_WIDTH:
            return b"".join(border)
        return self._read_tile(level, index, width)

    def _reader(self) -> TileHashReader:
        return TileHashReader(self._load_tile, self._size, self._cache)

    def root(self, size: int | None = None) -> bytes:
        """Root of the tree of the first `size` entries (default: all of them)."""
        size = resolve_size(size, self._size)
        if size == self._size:
            return self._root
        return self._reader().root(size)

    def inclusion_proof(self, index: int, size: int | None = None) -> list[bytes]:
        """RFC 9162 inclusion proof of entry `index` in the tree of `size` entries."""
        return self._reader().inclusion_proof(index, resolve_size(size, self._size))

    def consistency_proof(self, old: int, new: int | None = None) -> list[bytes]:
        """RFC 9162 consistency proof from the tree of `old` entries to that of `new`."""
        return self._reader().consistency_proof(old, resolve_size(new, self._size))

    def entry(self, index: int) -> bytes:
        """The entry at `index`, read from its bundle."""
        if not 0 <= index < self._size:
            raise LogError(f"no entry {index} in a log of size {self._size}")
        bundle, offset = divmod(index, TILE_WIDTH)
        if bundle == self._size // TILE_WIDTH:
            return self._bundle[offset]
        return self._read_bundle(bundle, TILE_WIDTH)[offset]

    def checkpoint(self, extensions: Iterable[str] = ()) -> Checkpoint:
        """The (unsigned) checkpoint of the log at its current size."""
        return Checkpoint(self.origin, self._size, self._root, tuple(extensions))

    # -- appending ---------------------------------------------------------

    def append_many(self, entries: Iterable[bytes]) -> range:
        """Append a batch, write its tiles and bundles, then publish one checkpoint.

        Returns the range of the new entries' indexes. Nothing is visible to
        readers of the store until the checkpoint is published.
        """
        if self.signer is None:
            raise LogError("this log has no signer: it cannot publish checkpoints")
        batch = check_entries(entries)
        start = self._size
        if not batch:
            return range(start, start)
        if self.store.read_checkpoint() != self._note:
            raise LogError("the stored checkpoint changed: is another process appending?")

        files: dict[str, bytes] = {}
        pending = self._bundle + batch
        first = start // TILE_WIDTH
        for j in range(0, len(pending), TILE_WIDTH):
            chunk = pending[j : j + TILE_WIDTH]
            files[entries_path(first + j // TILE_WIDTH, len(chunk))] = encode_bundle(chunk)
        bundle = pending[len(pending) - len(pending) % TILE_WIDTH :]

        builder = TileBuilder(start, self._border)
        for tile in builder.append(leaf_hashes(batch)):
            files[tile_path(tile.level, tile.index, len(tile.hashes))] = b"".join(tile.hashes)
        border = builder.border

        size = start + len(batch)
        root = builder.root()
        note = Checkpoint(self.origin, size, root).sign(self.signer)
        self.store.write_files(files)
        self.store.write_checkpoint(note)
        self._size, self._root, self._note = size, root, note
        self._border, self._bundle = border, bundle
        return range(start, size)


def _file_name(level: int | None, index: int, width: int) -> str:
    return entries_path(index, width) if level is None else tile_path(level, index, width)


def _border_root(border: list[list[bytes]]) -> bytes:
    """Root of a tree from the partial tiles at its right edge, top level first."""
    return TileBuilder(border=border).root()


def tile_count(size: int) -> int:
    """Number of hash tiles (full and partial) a tree of `size` publishes."""
    total, level = 0, 0
    while size >> (TILE_HEIGHT * level):
        count = size >> (TILE_HEIGHT * level)
        total += -(-count // TILE_WIDTH)
        level += 1
    return total
