"""Interoperability with a log written by Tessera: every checkpoint, root, tile and entry."""

from __future__ import annotations

import pytest

from pactlog import tlog
from pactlog.tlog.tests.vectors import (
    TESSERA_ENTRIES,
    TESSERA_LOG,
    TESSERA_ORIGIN,
    TESSERA_VKEY,
)
from pactlog.tlog.tiles import TileHashReader, fetch_bundle, fetch_tile

SIZES = range(16)


def checkpoint_note(size: int) -> str:
    return (TESSERA_LOG / f"checkpoint.{size}").read_text()


@pytest.mark.parametrize("size", SIZES)
def test_every_checkpoint_opens_and_its_root_is_recomputed(size: int) -> None:
    verifier = tlog.Verifier(TESSERA_VKEY)
    cp = tlog.open_checkpoint(checkpoint_note(size), verifier, origin=TESSERA_ORIGIN)
    assert cp.size == size
    assert cp.origin == TESSERA_ORIGIN
    fetch = tlog.directory_fetcher(TESSERA_LOG)

    # From the hash tiles alone.
    reader = TileHashReader(lambda lv, i, w: fetch_tile(fetch, lv, i, w), size)
    assert reader.root() == cp.root

    # From the entries.
    entries = fetch_bundle(fetch, 0, size) if size else []
    assert entries == TESSERA_ENTRIES[:size]
    assert tlog.root_from_leaf_hashes(tlog.leaf_hashes(entries)) == cp.root

    # And the same log rebuilt by us has the same root and the same tile bytes.
    mine = tlog.MemoryLog(TESSERA_ORIGIN)
    mine.append_many(TESSERA_ENTRIES[:size])
    assert mine.root() == cp.root
    if size:
        assert fetch(tlog.tile_path(0, 0, size)) == b"".join(tlog.leaf_hashes(entries))
        assert fetch(tlog.entries_path(0, size)) == tlog.encode_bundle(entries)


def test_latest_checkpoint_is_checkpoint_15() -> None:
    assert (TESSERA_LOG / "checkpoint").read_text() == checkpoint_note(15)


def test_proofs_between_every_pair_of_checkpoints() -> None:
    verifier = tlog.Verifier(TESSERA_VKEY)
    cps = [tlog.open_checkpoint(checkpoint_note(n), verifier) for n in SIZES]
    fetch = tlog.directory_fetcher(TESSERA_LOG)
    reader = TileHashReader(lambda lv, i, w: fetch_tile(fetch, lv, i, w), 15)
    for new in cps:
        for old in cps[: new.size + 1]:
            proof = reader.consistency_proof(old.size, new.size)
            tlog.verify_consistency(old.size, new.size, old.root, new.root, proof)
        for index in range(new.size):
            proof = reader.inclusion_proof(index, new.size)
            leaf = tlog.leaf_hash(TESSERA_ENTRIES[index])
            tlog.verify_inclusion(leaf, index, new.size, proof, new.root)


def test_full_audit_with_every_older_checkpoint() -> None:
    fetch = tlog.directory_fetcher(TESSERA_LOG)
    verifier = tlog.Verifier(TESSERA_VKEY)
    for old in SIZES:
        result = tlog.audit_log(fetch, verifier, since=checkpoint_note(old))
        assert result.checkpoint.size == 15
        assert result.entries_checked == 15 and result.tiles_checked == 1
        assert result.since is not None and result.since.size == old
