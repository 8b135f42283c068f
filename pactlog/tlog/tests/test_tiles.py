"""tlog-tiles paths, entry bundles, and roots/proofs computed from tiles alone."""

from __future__ import annotations

import pytest

from pactlog import tlog
from pactlog.tlog.hashing import parent_level
from pactlog.tlog.tiled import tile_count
from pactlog.tlog.tiles import ENTRIES, TileHashReader, fetch_tile, tile_width


@pytest.mark.parametrize(
    ("args", "path"),
    [
        ((0, 0), "tile/0/000"),
        ((0, 5, 17), "tile/0/005.p/17"),
        ((1, 999), "tile/1/999"),
        ((1, 1000), "tile/1/x001/000"),
        ((0, 1234067), "tile/0/x001/x234/067"),
        ((2, 1234067, 1), "tile/2/x001/x234/067.p/1"),
        ((63, 10**9), "tile/63/x001/x000/x000/000"),
    ],
)
def test_tile_paths(args: tuple[int, ...], path: str) -> None:
    assert tlog.tile_path(*args) == path
    assert tlog.parse_tile_path(path) == tlog.Tile(*args)


def test_entry_bundle_paths() -> None:
    assert tlog.entries_path(1234067) == "tile/entries/x001/x234/067"
    assert tlog.entries_path(0, 3) == "tile/entries/000.p/3"
    assert tlog.parse_tile_path("tile/entries/000.p/3") == tlog.Tile(ENTRIES, 0, 3)
    assert tlog.Tile(ENTRIES, 7, 9).path == "tile/entries/007.p/9"


@pytest.mark.parametrize("args", [(-1, 0), (64, 0), (0, -1), (0, 0, 0), (0, 0, 257)])
def test_invalid_tiles_are_refused(args: tuple[int, ...]) -> None:
    with pytest.raises(tlog.TileError):
        tlog.tile_path(*args)


@pytest.mark.parametrize(
    "path",
    [
        "tile/0/0",
        "tile/0/0000",
        "tile/00/000",
        "tile/64/000",
        "tile/0/x000/001",  # non-canonical leading group
        "tile/0/001/002",  # inner group without x
        "tile/0/000.p/256",
        "tile/0/000.p/0",
        "tile/0/000.p/007",
        "tile/data/000",
        "/tile/0/000",
    ],
)
def test_non_canonical_paths_are_refused(path: str) -> None:
    with pytest.raises(tlog.TileError):
        tlog.parse_tile_path(path)


def test_bundles() -> None:
    entries = [b"one", b"", b"x" * 300, b"\x00" * 65_535]
    data = tlog.encode_bundle(entries)
    assert data[:5] == b"\x00\x03one"
    assert tlog.decode_bundle(data) == entries
    assert tlog.decode_bundle(b"") == []
    with pytest.raises(tlog.EntryTooLargeError):
        tlog.encode_bundle([b"\x00" * 65_536])
    for bad in (b"\x00", b"\x00\x05abc", data[:-1]):
        with pytest.raises(tlog.TileError):
            tlog.decode_bundle(bad)


def test_entries_longer_than_a_bundle_allows_are_refused_by_every_log() -> None:
    log = tlog.MemoryLog("o")
    with pytest.raises(tlog.EntryTooLargeError):
        log.append_many([b"ok", b"\x00" * 65_536])
    assert log.size == 0
    log.append_many([b"\x00" * 65_535])
    assert log.size == 1


def test_spec_example_tile_counts() -> None:
    # "a tree of size 70,000 will be represented by 273 full level 0 tiles, one partial
    # level 0 tile of width 112, one full level 1 tile, one partial level 1 tile of
    # width 17, and one partial level 2 tile of width 1."
    size = 70_000
    assert [tile_width(0, n, size) for n in (272, 273, 274)] == [256, 112, 0]
    assert [tile_width(1, n, size) for n in (0, 1, 2)] == [256, 17, 0]
    assert [tile_width(2, 0, size), tile_width(3, 0, size)] == [1, 0]
    assert tile_count(size) == 274 + 2 + 1
    assert tile_count(256) == 2 and tile_count(0) == 0


def tiled_copy(
    entries: list[bytes], batches: list[int]
) -> tuple[tlog.TiledLog, tlog.MemoryTileStore]:
    store = tlog.MemoryTileStore()
    log = tlog.TiledLog(store, "tiles.test", signer=tlog.Signer.generate("tiles.test"))
    start = 0
    for step in batches:
        log.append_many(entries[start : start + step])
        start += step
    log.append_many(entries[start:])
    return log, store


@pytest.mark.parametrize("size", [1, 255, 256, 257, 511, 513, 65_536 + 300])
def test_tiles_hold_the_level_hashes(size: int) -> None:
    entries = [b"%d" % i for i in range(size)]
    levels = [tlog.leaf_hashes(entries)]  # every tree level, straight from the definition
    while len(levels[-1]) > 1:
        levels.append(parent_level(levels[-1]))
    log, store = tiled_copy(entries, [100, 200, 7])
    assert log.root() == tlog.root_from_leaf_hashes(levels[0])
    for level in range(3):
        count = size >> (8 * level)
        for n in range(-(-count // 256)):
            width = tile_width(level, n, size)
            first = n * 256
            expected = b"".join(levels[8 * level][first : first + width])
            assert store.files[tlog.tile_path(level, n, width)] == expected
    for n in range(-(-size // 256)):
        width = tile_width(0, n, size)
        assert (
            tlog.decode_bundle(store.files[tlog.entries_path(n, width)])
            == entries[n * 256 : n * 256 + width]
        )


def test_every_root_and_proof_from_tiles_alone() -> None:
    size = 3 * 256 + 17
    entries = [b"entry %d" % i for i in range(size)]
    memory = tlog.MemoryLog("tiles.test")
    memory.append_many(entries)
    _, store = tiled_copy(entries, [1, 2, 300, 256])

    def fetch(path: str) -> bytes:
        data = store.read_file(path)
        if data is None:
            raise tlog.NotFoundError(path)
        return data

    reader = TileHashReader(lambda lv, i, w: fetch_tile(fetch, lv, i, w), size)
    for n in [*range(1, 40), 255, 256, 257, 512, 700, size]:
        assert reader.root(n) == memory.root(n)
        for i in {0, n // 3, n - 1}:
            assert reader.inclusion_proof(i, n) == memory.inclusion_proof(i, n)
        for m in {1, n // 2 or 1, n - 1 or 1, n}:
            assert reader.consistency_proof(m, n) == memory.consistency_proof(m, n)


def test_partial_tile_falls_back_to_the_full_one() -> None:
    entries = [b"%d" % i for i in range(300)]
    _, store = tiled_copy(entries, [10])
    del store.files["tile/0/000.p/10"]

    def fetch(path: str) -> bytes:
        if path not in store.files:
            raise tlog.NotFoundError(path)
        return store.files[path]

    reader = TileHashReader(lambda lv, i, w: fetch_tile(fetch, lv, i, w), 10)
    assert reader.root() == tlog.root_from_leaf_hashes(tlog.leaf_hashes(entries[:10]))
