"""Leaf and node hashing, and roots of any size, against a direct RFC 6962 transcription."""

from __future__ import annotations

import hashlib

import pytest

from pactlog import tlog
from pactlog.tlog.hashing import complete_subtrees, fold_subtrees, parent_level, perfect_root


def mth(entries: list[bytes]) -> bytes:
    """RFC 6962 section 2.1, written as recursively as the RFC states it."""
    n = len(entries)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return hashlib.sha256(b"\x00" + entries[0]).digest()
    k = 1
    while k * 2 < n:
        k *= 2
    return hashlib.sha256(b"\x01" + mth(entries[:k]) + mth(entries[k:])).digest()


def test_leaf_and_node_hash_domain_separation() -> None:
    assert tlog.leaf_hash(b"") == bytes.fromhex(
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
    )
    assert (
        tlog.node_hash(b"a" * 32, b"b" * 32)
        == hashlib.sha256(b"\x01" + b"a" * 32 + b"b" * 32).digest()
    )
    assert tlog.leaf_hash(b"x") != hashlib.sha256(b"x").digest()


def test_empty_tree_root() -> None:
    assert tlog.EMPTY_ROOT == hashlib.sha256(b"").digest()
    assert tlog.root_from_leaf_hashes([]) == tlog.EMPTY_ROOT
    assert tlog.MemoryLog("o").root() == tlog.EMPTY_ROOT


def test_rfc6962_test_tree_root() -> None:
    leaves = [b"", b"\x00", b"\x10", b"\x20\x21", b"\x30\x31", b"\x40\x41\x42\x43",
              bytes(range(0x50, 0x58)), bytes(range(0x60, 0x70))]  # fmt: skip
    assert tlog.root_from_leaf_hashes(tlog.leaf_hashes(leaves)).hex() == (
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    )


@pytest.mark.parametrize("size", [*range(0, 70), 127, 128, 129, 255, 256, 257, 1000, 1025])
def test_root_of_every_size_matches_the_rfc(size: int) -> None:
    entries = [b"e%d" % i for i in range(size)]
    expected = mth(entries)
    assert tlog.root_from_leaf_hashes(tlog.leaf_hashes(entries)) == expected
    log = tlog.MemoryLog("o")
    log.append_many(entries)
    assert log.root() == expected


def test_memory_log_remembers_every_earlier_root() -> None:
    entries = [b"%d" % i for i in range(300)]
    log = tlog.MemoryLog("o")
    log.append_many(entries)
    for size in range(301):
        assert log.root(size) == mth(entries[:size])


def test_level_helpers() -> None:
    hashes = tlog.leaf_hashes([b"%d" % i for i in range(7)])
    assert parent_level(hashes) == [tlog.node_hash(hashes[i], hashes[i + 1]) for i in (0, 2, 4)]
    assert perfect_root(hashes[:4]) == tlog.root_from_leaf_hashes(hashes[:4])
    assert [len(complete_subtrees(hashes[:n])) for n in (1, 2, 3, 7)] == [1, 1, 2, 3]
    assert fold_subtrees(complete_subtrees(hashes)) == tlog.root_from_leaf_hashes(hashes)
    assert fold_subtrees([]) == tlog.EMPTY_ROOT
