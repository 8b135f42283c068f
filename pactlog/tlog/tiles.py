"""C2SP tiled logs (c2sp.org/tlog-tiles): tile paths, hash tiles, entry bundles.

A log of size s is published as static files:

  tile/<L>/<N>[.p/<W>]        hash tiles: the hashes at tree level 8*L, 256 per
                              full tile, of the complete subtrees of 256**L leaves
  tile/entries/<N>[.p/<W>]    entry bundles: the entries, each prefixed by its
                              length as a big-endian uint16
  checkpoint                  the signed checkpoint for size s

`.p/<W>` marks a partial (rightmost) tile of W < 256 hashes. <N> is written in
zero-padded groups of three digits, all but the last prefixed with "x":
1234067 -> x001/x234/067.

TileHashReader turns tiles into the `hash_at(level, index)` callable of
pactlog.tlog.tree, so that any root and any proof can be computed by a client
from the static files alone.

Invariants:
  - At size s, level L has (s >> 8*L) hashes: tiles 0 .. (s >> 8*L) // 256 - 1
    are full, and the last one is partial with width (s >> 8*L) % 256 (no tile
    if that is 0).
  - A hash at tree level h = 8*L + r (0 <= r < 8) is computed from 2**r
    consecutive hashes of one level-L tile.
"""

from __future__ import annotations

import re
import struct
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain

from pactlog.tlog.errors import EntryTooLargeError, LogError, NotFoundError, TileError
from pactlog.tlog.hashing import HASH_SIZE, parent_level
from pactlog.tlog.tree import consistency_proof, inclusion_proof, root_at

TILE_HEIGHT = 8
TILE_WIDTH = 1 << TILE_HEIGHT
MAX_LEVEL = 63
MAX_ENTRY_SIZE = 65_535
"""Largest entry an entry bundle can carry (its length prefix is a uint16)."""
ENTRIES = -1
"""Tile.level of an entry bundle."""
_UINT16 = struct.Struct(">H")


@dataclass(frozen=True)
class Tile:
    """A hash tile (level >= 0) or an entry bundle (level == ENTRIES)."""

    level: int
    index: int
    width: int = TILE_WIDTH

    @property
    def path(self) -> str:
        """The tile's tlog-tiles path."""
        if self.level == ENTRIES:
            return entries_path(self.index, self.width)
        return tile_path(self.level, self.index, self.width)


def _check(level: int, index: int, width: int) -> None:
    if not 0 <= level <= MAX_LEVEL:
        raise TileError(f"tile level {level} is not between 0 and {MAX_LEVEL}")
    if index < 0:
        raise TileError(f"negative tile index {index}")
    if not 1 <= width <= TILE_WIDTH:
        raise TileError(f"tile width {width} is not between 1 and {TILE_WIDTH}")


def _index_path(index: int) -> str:
    groups = [f"{index % 1000:03d}"]
    index //= 1000
    while index:
        groups.append(f"x{index % 1000:03d}")
        index //= 1000
    return "/".join(reversed(groups))


def _suffix(width: int) -> str:
    return "" if width == TILE_WIDTH else f".p/{width}"


def tile_path(level: int, index: int, width: int = TILE_WIDTH) -> str:
    """Path of the hash tile at `level` and `index`, partial if width < 256."""
    _check(level, index, width)
    return f"tile/{level}/{_index_path(index)}{_suffix(width)}"


def entries_path(index: int, width: int = TILE_WIDTH) -> str:
    """Path of the entry bundle `index`, partial if width < 256."""
    _check(0, index, width)
    return f"tile/entries/{_index_path(index)}{_suffix(width)}"


_PATH = re.compile(
    r"tile/(?P<level>entries|0|[1-9][0-9]?)/"
    r"(?P<index>(?:x[0-9]{3}/)*[0-9]{3})"
    r"(?:\.p/(?P<width>[1-9][0-9]{0,2}))?"
)


def parse_tile_path(path: str) -> Tile:
    """The tile a path names; only the canonical spelling is accepted."""
    m = _PATH.fullmatch(path)
    if not m:
        raise TileError(f"not a tile path: {path!r}")
    level = ENTRIES if m["level"] == "entries" else int(m["level"])
    index = int(m["index"].replace("x", "").replace("/", ""))
    width = int(m["width"]) if m["width"] else TILE_WIDTH
    tile = Tile(level, index, width)
    if tile.path != path:  # also refuses .p/256 and levels above 63
        raise TileError(f"not a canonical tile path: {path!r}")
    return tile


def tile_width(level: int, index: int, size: int) -> int:
    """Width of tile (level, index) in a tree of `size`; 0 if it does not exist yet."""
    count = size >> (TILE_HEIGHT * level)
    return max(0, min(TILE_WIDTH, count - index * TILE_WIDTH))


def encode_bundle(entries: Sequence[bytes]) -> bytes:
    """An entry bundle: each entry prefixed by its big-endian uint16 length."""
    lengths = list(map(len, entries))
    if lengths and max(lengths) > MAX_ENTRY_SIZE:
        i = next(i for i, n in enumerate(lengths) if n > MAX_ENTRY_SIZE)
        raise EntryTooLargeError(
            f"entry {i} is {lengths[i]} bytes long; a bundle entry is at most {MAX_ENTRY_SIZE}"
        )
    return b"".join(chain.from_iterable(zip(map(_UINT16.pack, lengths), entries)))


def decode_bundle(data: bytes) -> list[bytes]:
    """The entries of a bundle; a truncated bundle raises TileError."""
    entries = []
    pos, end = 0, len(data)
    while pos < end:
        if pos + 2 > end:
            raise TileError("entry bundle ends inside a length prefix")
        n = int.from_bytes(data[pos : pos + 2], "big")
        pos += 2
        if pos + n > end:
            raise TileError("entry bundle ends inside an entry")
        entries.append(bytes(data[pos : pos + n]))
        pos += n
    return entries


def split_hashes(data: bytes) -> list[bytes]:
    """The hashes of a hash tile."""
    if len(data) % HASH_SIZE:
        raise TileError(f"a hash tile of {len(data)} bytes is not a whole number of hashes")
    return [data[i : i + HASH_SIZE] for i in range(0, len(data), HASH_SIZE)]


TileLoader = Callable[[int, int, int], bytes]
"""load(level, index, width) -> the tile's bytes (exactly width hashes)."""

Fetch = Callable[[str], bytes]
"""fetch(path) -> the file's bytes; raises NotFoundError if it does not exist."""


def fetch_tile(fetch: Fetch, level: int, index: int, width: int) -> bytes:
    """A hash tile, falling back to the full tile when the partial one is gone.

    The spec lets a log delete a partial tile once the full one exists; the
    first `width` hashes of the full tile are the same hashes.
    """
    try:
        data = fetch(tile_path(level, index, width))
    except NotFoundError:
        if width == TILE_WIDTH:
            raise
        data = fetch(tile_path(level, index))[: width * HASH_SIZE]
    if len(data) != width * HASH_SIZE:
        raise TileError(
            f"{tile_path(level, index, width)} has {len(data)} bytes, not {width * HASH_SIZE}"
        )
    return data


def fetch_bundle(fetch: Fetch, index: int, width: int) -> list[bytes]:
    """The `width` entries of bundle `index`, falling back to the full bundle."""
    try:
        entries = decode_bundle(fetch(entries_path(index, width)))
    except NotFoundError:
        if width == TILE_WIDTH:
            raise
        entries = decode_bundle(fetch(entries_path(index)))[:width]
    if len(entries) != width:
        raise TileError(f"{entries_path(index, width)} has {len(entries)} entries, not {width}")
    return entries


class TileCache:
    """A bounded LRU of expanded tiles, shared by readers of one log."""

    def __init__(self, capacity: int = 256) -> None:
        self.capacity = capacity
        self._tiles: OrderedDict[tuple[int, int, int], list[list[bytes]]] = OrderedDict()

    def get(self, key: tuple[int, int, int]) -> list[list[bytes]] | None:
        levels = self._tiles.get(key)
        if levels is not None:
            self._tiles.move_to_end(key)
        return levels

    def put(self, key: tuple[int, int, int], levels: list[list[bytes]]) -> None:
        self._tiles[key] = levels
        if len(self._tiles) > self.capacity:
            self._tiles.popitem(last=False)


def expand_tile(data: bytes) -> list[list[bytes]]:
    """All complete-subtree hashes inside a tile: level r holds width >> r hashes."""
    levels = [split_hashes(data)]
    while len(levels[-1]) > 1:
        levels.append(parent_level(levels[-1]))
    return levels


class TileHashReader:
    """Roots and proofs of a tree of a given size, computed from its tiles."""

    def __init__(self, load: TileLoader, size: int, cache: TileCache | None = None) -> None:
        if size < 0:
            raise LogError(f"negative tree size {size}")
        self.size = size
        self._load = load
        self._cache = cache if cache is not None else TileCache()

    def tile_levels(self, level: int, index: int) -> list[list[bytes]]:
        """The expanded tile (level, index) as it is at this reader's size."""
        width = tile_width(level, index, self.size)
        if width == 0:
            raise LogError(f"tile {level}/{index} does not exist at size {self.size}")
        key = (level, index, width)
        levels = self._cache.get(key)
        if levels is None:
            levels = expand_tile(self._load(level, index, width))
            self._cache.put(key, levels)
        return levels

    def hash_at(self, level: int, index: int) -> bytes:
        """Hash of the complete subtree at tree `level` and `index`."""
        tile_level, r = divmod(level, TILE_HEIGHT)
        shift = TILE_HEIGHT - r
        tile_index = index >> shift
        levels = self.tile_levels(tile_level, tile_index)
        offset = index - (tile_index << shift)
        if r >= len(levels) or offset >= len(levels[r]):
            raise LogError(f"node {level}/{index} is not complete at size {self.size}")
        return levels[r][offset]

    def root(self, size: int | None = None) -> bytes:
        """Root of the tree of `size` (default: the reader's size)."""
        return root_at(self._size(size), self.hash_at)

    def inclusion_proof(self, index: int, size: int | None = None) -> list[bytes]:
        """Inclusion proof of leaf `index` in the tree of `size`, from tiles only."""
        return inclusion_proof(index, self._size(size), self.hash_at)

    def consistency_proof(self, old: int, new: int | None = None) -> list[bytes]:
        """Consistency proof from the tree of `old` to that of `new`, from tiles only."""
        return consistency_proof(old, self._size(new), self.hash_at)

    def _size(self, size: int | None) -> int:
        if size is None:
            return self.size
        if not 0 <= size <= self.size:
            raise LogError(f"size {size} is beyond the tiles' size {self.size}")
        return size
