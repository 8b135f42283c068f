"""The one incremental Merkle builder of tiled logs: the right edge of the tree, tile by tile.

`TiledLog` appends with it (and writes every tile it reports), the auditor recomputes a
published log with it (and compares the tiles it reports with those fetched). It keeps only
the border: for each tile level L, the hashes of the partial tile at L (at most 255), that is
the last (size >> 8*L) % 256 hashes of tree level 8*L. Appending leaf hashes reports each tile
they filled or changed, full or partial, and moves full tiles up one tile level as their root.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pactlog.tlog.hashing import complete_subtrees, fold_subtrees, perfect_root
from pactlog.tlog.tiles import TILE_HEIGHT, TILE_WIDTH


@dataclass(frozen=True)
class Tile:
    """A hash tile the last append filled (`full`) or left partial, at (level, index)."""

    level: int
    index: int
    hashes: Sequence[bytes]

    @property
    def full(self) -> bool:
        return len(self.hashes) == TILE_WIDTH


class TileBuilder:
    """The border of a tree of `size` leaves (see the module's docstring)."""

    def __init__(self, size: int = 0, border: Sequence[Sequence[bytes]] = ()) -> None:
        self.size = size
        self.border: list[list[bytes]] = [list(hashes) for hashes in border]

    def append(self, leaf_hashes: Sequence[bytes]) -> list[Tile]:
        """Add leaves; return every tile they touched, level by level, left to right."""
        start = self.size
        touched: list[Tile] = []
        new = list(leaf_hashes)
        level = 0
        while new:
            if level == len(self.border):
                self.border.append([])
            current = self.border[level] + new
            first = (start >> (TILE_HEIGHT * level)) // TILE_WIDTH
            new = []
            for j in range(0, len(current), TILE_WIDTH):
                chunk = current[j : j + TILE_WIDTH]
                touched.append(Tile(level, first + j // TILE_WIDTH, chunk))
                if len(chunk) == TILE_WIDTH:
                    new.append(perfect_root(chunk))
            self.border[level] = current[len(current) - len(current) % TILE_WIDTH :]
            level += 1
        self.size = start + len(leaf_hashes)
        return touched

    def partial_tiles(self) -> list[Tile]:
        """The partial tile of each level at this size (none where the level is whole)."""
        return [
            Tile(level, (self.size >> (TILE_HEIGHT * level)) // TILE_WIDTH, hashes)
            for level, hashes in enumerate(self.border)
            if hashes
        ]

    def root(self) -> bytes:
        """Root of the tree: the complete subtrees of the border, top level first."""
        subtrees: list[bytes] = []
        for hashes in reversed(self.border):
            subtrees.extend(complete_subtrees(hashes))
        return fold_subtrees(subtrees)
