"""Property tests: every proof of every tree verifies, and any corruption is caught.

One shared log of MAX_SIZE distinct entries serves every tree size up to
MAX_SIZE (the tree of size n is its first n leaves).

A size is bound to a proof only through the proof's shape (see proofs.py): if a
flipped size gives the very same shape, the verifier performs the very same
computation and cannot notice. Those cases are asserted to be exactly the
shape-preserving ones; every other flip must fail.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactlog import tlog
from pactlog.tlog.proofs import proof_shape

MAX_SIZE = 3000
LOG = tlog.MemoryLog("properties.test")
LOG.append_many(i.to_bytes(4, "big") for i in range(MAX_SIZE))

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

sizes = st.integers(min_value=1, max_value=MAX_SIZE)
bits = st.integers(min_value=0, max_value=63)


def flip(value: bytes, bit: int) -> bytes:
    data = bytearray(value)
    data[bit // 8] ^= 1 << (bit % 8)
    return bytes(data)


@st.composite
def inclusion_cases(draw: st.DrawFn) -> tuple[int, int, list[bytes]]:
    size = draw(sizes)
    index = draw(st.integers(min_value=0, max_value=size - 1))
    return index, size, LOG.inclusion_proof(index, size)


@st.composite
def consistency_cases(draw: st.DrawFn) -> tuple[int, int, list[bytes]]:
    new = draw(sizes)
    old = draw(st.integers(min_value=1, max_value=new))
    return old, new, LOG.consistency_proof(old, new)


def consistency_shape(old: int, new: int) -> tuple[int, ...]:
    """Everything verify_consistency's computation depends on besides the hashes."""
    if not 0 < old < new:
        return (old, new)
    inner, border = proof_shape(old - 1, new)
    return (old, inner, border)


@FAST
@given(inclusion_cases())
def test_every_inclusion_proof_verifies(case: tuple[int, int, list[bytes]]) -> None:
    index, size, proof = case
    tlog.verify_inclusion(LOG.leaf_hash(index), index, size, proof, LOG.root(size))


@FAST
@given(inclusion_cases(), st.data())
def test_flipping_a_bit_of_an_inclusion_proof_fails(
    case: tuple[int, int, list[bytes]], data: st.DataObject
) -> None:
    index, size, proof = case
    if not proof:
        return
    i = data.draw(st.integers(0, len(proof) - 1))
    bit = data.draw(st.integers(0, 255))
    bad = [*proof[:i], flip(proof[i], bit), *proof[i + 1 :]]
    with pytest.raises(tlog.ProofError):
        tlog.verify_inclusion(LOG.leaf_hash(index), index, size, bad, LOG.root(size))


@FAST
@given(inclusion_cases(), st.integers(0, 255), st.booleans())
def test_flipping_a_bit_of_the_root_or_leaf_fails(
    case: tuple[int, int, list[bytes]], bit: int, in_root: bool
) -> None:
    index, size, proof = case
    leaf, root = LOG.leaf_hash(index), LOG.root(size)
    if in_root:
        root = flip(root, bit)
    else:
        leaf = flip(leaf, bit)
    with pytest.raises(tlog.ProofError):
        tlog.verify_inclusion(leaf, index, size, proof, root)


@FAST
@given(inclusion_cases(), bits)
def test_flipping_a_bit_of_the_index_fails(case: tuple[int, int, list[bytes]], bit: int) -> None:
    index, size, proof = case
    with pytest.raises(tlog.ProofError):
        tlog.verify_inclusion(LOG.leaf_hash(index), index ^ (1 << bit), size, proof, LOG.root(size))


@FAST
@given(inclusion_cases(), bits)
def test_flipping_a_bit_of_the_size_fails_unless_the_shape_is_the_same(
    case: tuple[int, int, list[bytes]], bit: int
) -> None:
    index, size, proof = case
    other = size ^ (1 << bit)
    args = (LOG.leaf_hash(index), index, other, proof, LOG.root(size))
    if index < other and proof_shape(index, other) == proof_shape(index, size):
        tlog.verify_inclusion(*args)  # the same computation: the checkpoint binds the size
    else:
        with pytest.raises(tlog.ProofError):
            tlog.verify_inclusion(*args)


@FAST
@given(consistency_cases())
def test_every_consistency_proof_verifies(case: tuple[int, int, list[bytes]]) -> None:
    old, new, proof = case
    tlog.verify_consistency(old, new, LOG.root(old), LOG.root(new), proof)


@FAST
@given(consistency_cases(), st.data())
def test_flipping_a_bit_of_a_consistency_proof_fails(
    case: tuple[int, int, list[bytes]], data: st.DataObject
) -> None:
    old, new, proof = case
    if not proof:
        return
    i = data.draw(st.integers(0, len(proof) - 1))
    bad = [*proof[:i], flip(proof[i], data.draw(st.integers(0, 255))), *proof[i + 1 :]]
    with pytest.raises(tlog.ProofError):
        tlog.verify_consistency(old, new, LOG.root(old), LOG.root(new), bad)


@FAST
@given(consistency_cases(), st.integers(0, 255), st.booleans())
def test_flipping_a_bit_of_either_root_fails(
    case: tuple[int, int, list[bytes]], bit: int, old_root: bool
) -> None:
    old, new, proof = case
    r1, r2 = LOG.root(old), LOG.root(new)
    if old_root:
        r1 = flip(r1, bit)
    else:
        r2 = flip(r2, bit)
    with pytest.raises(tlog.ProofError):
        tlog.verify_consistency(old, new, r1, r2, proof)


@FAST
@given(consistency_cases(), bits)
def test_flipping_a_bit_of_the_old_size_fails(case: tuple[int, int, list[bytes]], bit: int) -> None:
    old, new, proof = case
    with pytest.raises(tlog.ProofError):
        tlog.verify_consistency(old ^ (1 << bit), new, LOG.root(old), LOG.root(new), proof)


@FAST
@given(consistency_cases(), bits)
def test_flipping_a_bit_of_the_new_size_fails_unless_the_shape_is_the_same(
    case: tuple[int, int, list[bytes]], bit: int
) -> None:
    old, new, proof = case
    other = new ^ (1 << bit)
    args = (old, other, LOG.root(old), LOG.root(new), proof)
    if old < other and consistency_shape(old, other) == consistency_shape(old, new):
        tlog.verify_consistency(*args)
    else:
        with pytest.raises(tlog.ProofError):
            tlog.verify_consistency(*args)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(max_size=40), max_size=600), st.data())
def test_appending_in_any_batches_gives_the_same_tree(
    entries: list[bytes], data: st.DataObject
) -> None:
    whole = tlog.MemoryLog("batches.test")
    whole.append_many(entries)
    pieces = tlog.MemoryLog("batches.test")
    start = 0
    while start < len(entries):
        step = data.draw(st.integers(1, 70))
        assert pieces.append_many(entries[start : start + step]) == range(
            start, min(start + step, len(entries))
        )
        start += step
    assert pieces.size == whole.size == len(entries)
    assert pieces.root() == whole.root() == tlog.root_from_leaf_hashes(tlog.leaf_hashes(entries))
