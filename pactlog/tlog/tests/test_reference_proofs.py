"""`pactlog.tlog` against a reference written from the text of RFC 6962 §2.1 alone.

The reference below uses nothing of the library: the Merkle Tree Hash, the audit path
(PATH) and the consistency proof (PROOF / SUBPROOF) are the RFC's recursive definitions,
transcribed as they are written, on whole lists of entries (quadratic, and plain to check by
reading). Hypothesis draws random trees of random entries: the library's roots and proofs must
equal the reference's, and its verifiers must accept the reference's proofs.
"""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from pactlog import tlog

# --- RFC 6962 §2.1, transcribed --------------------------------------------------------------


def largest_power_of_two_below(n: int) -> int:
    """k, the largest power of two smaller than n (n > 1)."""
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(entries: list[bytes]) -> bytes:
    """MTH(D[n])."""
    if not entries:
        return hashlib.sha256(b"").digest()
    if len(entries) == 1:
        return hashlib.sha256(b"\x00" + entries[0]).digest()
    k = largest_power_of_two_below(len(entries))
    return hashlib.sha256(b"\x01" + mth(entries[:k]) + mth(entries[k:])).digest()


def path(m: int, entries: list[bytes]) -> list[bytes]:
    """PATH(m, D[n]): the audit path of leaf m, leaf-side first."""
    if len(entries) == 1:
        return []
    k = largest_power_of_two_below(len(entries))
    if m < k:
        return [*path(m, entries[:k]), mth(entries[k:])]
    return [*path(m - k, entries[k:]), mth(entries[:k])]


def subproof(m: int, entries: list[bytes], complete: bool) -> list[bytes]:
    """SUBPROOF(m, D[n], b)."""
    n = len(entries)
    if m == n:
        return [] if complete else [mth(entries)]
    k = largest_power_of_two_below(n)
    if m <= k:
        return [*subproof(m, entries[:k], complete), mth(entries[k:])]
    return [*subproof(m - k, entries[k:], False), mth(entries[:k])]


def proof(m: int, entries: list[bytes]) -> list[bytes]:
    """PROOF(m, D[n]): the consistency proof from the tree of the first m entries."""
    return subproof(m, entries, True)


# --- the library against it --------------------------------------------------------------------

entry_lists = st.lists(st.binary(max_size=40), min_size=1, max_size=140)
CHECKS = settings(max_examples=120, deadline=None)


def library_log(entries: list[bytes]) -> tlog.MemoryLog:
    log = tlog.MemoryLog("reference.test")
    log.append_many(entries)
    return log


@CHECKS
@given(entries=entry_lists, data=st.data())
def test_inclusion_proofs_equal_the_rfc_audit_paths(entries: list[bytes], data: st.DataObject):
    size = data.draw(st.integers(min_value=1, max_value=len(entries)), label="size")
    index = data.draw(st.integers(min_value=0, max_value=size - 1), label="index")
    tree = entries[:size]
    log = library_log(entries)

    assert log.root(size) == mth(tree)
    expected = path(index, tree)
    assert log.inclusion_proof(index, size) == expected
    leaf = hashlib.sha256(b"\x00" + entries[index]).digest()
    assert log.leaf_hash(index) == leaf
    tlog.verify_inclusion(leaf, index, size, expected, mth(tree))


@CHECKS
@given(entries=entry_lists, data=st.data())
def test_consistency_proofs_equal_the_rfc_proofs(entries: list[bytes], data: st.DataObject):
    new = data.draw(st.integers(min_value=1, max_value=len(entries)), label="new")
    old = data.draw(st.integers(min_value=1, max_value=new), label="old")
    log = library_log(entries)

    expected = proof(old, entries[:new])
    assert log.consistency_proof(old, new) == expected
    tlog.verify_consistency(old, new, mth(entries[:old]), mth(entries[:new]), expected)


def test_the_reference_reproduces_the_rfc_test_tree_root():
    """The reference itself, on the eight-leaf tree of the RFC 6962 test data (the root the
    transparency-dev vectors and Certificate Transparency's own tests use)."""
    leaves = [b"", b"\x00", b"\x10", b"\x20\x21", b"\x30\x31", b"\x40\x41\x42\x43",
              bytes(range(0x50, 0x58)), bytes(range(0x60, 0x70))]  # fmt: skip
    assert mth(leaves).hex() == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    assert mth([]).hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert proof(4, leaves[:8]) == [mth(leaves[4:8])]
    assert path(0, leaves[:1]) == []
