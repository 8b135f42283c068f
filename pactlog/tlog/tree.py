"""Roots and proofs computed from the hashes of complete subtrees.

A log only ever needs to store (or publish, as tiles) the hashes of *complete*
subtrees: the node at `level` and `index` covers leaves
[index * 2**level, (index + 1) * 2**level). Every root and every proof of
RFC 9162 is a function of such hashes, so the algorithms below take a
`HashAt(level, index)` callable and are shared by the in-memory log, the tiled
logs and the tile-reading client.

Invariants:
  - hash_at is only asked for complete subtrees inside the tree being proved.
  - A range [lo, hi) handled here always has lo aligned to a power of two at
    least hi - lo (true of every range in RFC 9162's recursive definitions), so
    its Merkle Tree Hash is the fold of the complete subtrees given by the
    binary representation of hi - lo, largest first.
"""

from __future__ import annotations

from collections.abc import Callable

from pactlog.tlog.errors import LogError
from pactlog.tlog.hashing import EMPTY_ROOT, fold_subtrees

HashAt = Callable[[int, int], bytes]
"""hash_at(level, index) -> hash of the complete subtree at that position."""


def range_hash(lo: int, hi: int, hash_at: HashAt) -> bytes:
    """Merkle Tree Hash of the leaves [lo, hi) (see the alignment invariant)."""
    parts: list[bytes] = []
    while lo < hi:
        level = (hi - lo).bit_length() - 1
        if lo:
            level = min(level, (lo & -lo).bit_length() - 1)
        parts.append(hash_at(level, lo >> level))
        lo += 1 << level
    return fold_subtrees(parts)


def root_at(size: int, hash_at: HashAt) -> bytes:
    """Root of the tree made of the first `size` leaves."""
    if size < 0:
        raise LogError(f"negative tree size {size}")
    if size == 0:
        return EMPTY_ROOT
    return range_hash(0, size, hash_at)


def inclusion_proof(index: int, size: int, hash_at: HashAt) -> list[bytes]:
    """RFC 9162 PATH(index, D[0:size]): sibling hashes from the leaf up."""
    if not 0 <= index < size:
        raise LogError(f"index {index} is out of range for tree size {size}")
    proof: list[bytes] = []
    lo, hi = 0, size
    while hi - lo > 1:
        k_level = (hi - lo - 1).bit_length() - 1
        mid = lo + (1 << k_level)
        if index < mid:
            proof.append(range_hash(mid, hi, hash_at))
            hi = mid
        else:
            proof.append(hash_at(k_level, lo >> k_level))
            lo = mid
    proof.reverse()
    return proof


def consistency_proof(old_size: int, new_size: int, hash_at: HashAt) -> list[bytes]:
    """RFC 9162 PROOF(old_size, D[0:new_size]), for 0 <= old_size <= new_size.

    The proofs for old_size == new_size and for old_size == 0 are empty.
    """
    if not 0 <= old_size <= new_size:
        raise LogError(f"no consistency proof from size {old_size} to size {new_size}")
    if old_size in (0, new_size):
        return []
    proof: list[bytes] = []
    lo, hi, m, whole = 0, new_size, old_size, True
    while m != hi - lo:
        k_level = (hi - lo - 1).bit_length() - 1
        k = 1 << k_level
        if m <= k:
            proof.append(range_hash(lo + k, hi, hash_at))
            hi = lo + k
        else:
            proof.append(hash_at(k_level, lo >> k_level))
            lo += k
            m -= k
            whole = False
    if not whole:
        proof.append(range_hash(lo, hi, hash_at))
    proof.reverse()
    return proof
