"""RFC 6962 / RFC 9162 (section 2.1) Merkle tree hashing with SHA-256.

Everything here is pure computation over 32-byte hashes. The batch helpers are
the hot path of appending: they hash a whole level as a chain of map() calls
over C functions (concatenate, sha256, digest), so that no Python bytecode runs
per node; in CPython a Python-level loop per node costs about as much as the
SHA-256 itself.

Invariants:
  - leaf_hash(e) = SHA-256(0x00 || e) and node_hash(l, r) = SHA-256(0x01 || l || r),
    so a leaf can never be confused with an interior node (second-preimage
    resistance of the tree).
  - The root of the empty tree is SHA-256("") (EMPTY_ROOT).
  - The root of n > 1 leaves is node_hash(MTH(D[0:k]), MTH(D[k:n])) with k the
    largest power of two smaller than n. Pairing a level left to right and
    promoting an unpaired last node unchanged computes exactly that.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from itertools import repeat

HASH_SIZE = 32
"""Length in bytes of every hash in the tree."""

EMPTY_ROOT = hashlib.sha256(b"").digest()
"""Root hash of the tree with no leaves."""

_sha256 = hashlib.sha256
_digest = type(_sha256(b"")).digest  # unbound: maps over hash objects in C
_join = b"".join
_LEAF_PREFIX = b"\x00"
_NODE_PREFIX = b"\x01"
_with_leaf_prefix = _LEAF_PREFIX.__add__


def leaf_hash(entry: bytes) -> bytes:
    """Hash one log entry as a leaf: SHA-256(0x00 || entry)."""
    return _sha256(_LEAF_PREFIX + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """Hash two children into their parent: SHA-256(0x01 || left || right)."""
    return _sha256(_join((_NODE_PREFIX, left, right))).digest()


def leaf_hashes(entries: Iterable[bytes]) -> list[bytes]:
    """Leaf hashes of many entries, in order (the hot path: no Python loop)."""
    return list(map(_digest, map(_sha256, map(_with_leaf_prefix, entries))))


def parent_level(hashes: Sequence[bytes]) -> list[bytes]:
    """Hash adjacent pairs of a level; an odd last hash is dropped, not promoted.

    The result holds the hashes of the complete subtrees one level up, which is
    what stored levels and tiles need.
    """
    it = iter(hashes)
    triples = zip(repeat(_NODE_PREFIX), it, it)  # (0x01, left, right); an odd last is dropped
    return list(map(_digest, map(_sha256, map(_join, triples))))


def perfect_root(hashes: Sequence[bytes]) -> bytes:
    """Root of a complete subtree whose leaves (or lower hashes) are given.

    Requires len(hashes) to be a power of two.
    """
    level = hashes
    while len(level) > 1:
        level = parent_level(level)
    return level[0]


def root_from_leaf_hashes(hashes: Sequence[bytes]) -> bytes:
    """RFC 6962 Merkle Tree Hash of a sequence of leaf hashes."""
    if not hashes:
        return EMPTY_ROOT
    level = list(hashes)
    while len(level) > 1:
        up = parent_level(level)
        if len(level) & 1:
            up.append(level[-1])
        level = up
    return level[0]


def fold_subtrees(subtrees: Sequence[bytes]) -> bytes:
    """Combine complete-subtree hashes, largest (leftmost) first, into a root.

    These are the subtrees of the binary decomposition of a tree's size; the
    root hashes them right to left: H(s0, H(s1, ... H(s[k-2], s[k-1]))).
    """
    if not subtrees:
        return EMPTY_ROOT
    h = subtrees[-1]
    for s in reversed(subtrees[:-1]):
        h = node_hash(s, h)
    return h


def complete_subtrees(hashes: Sequence[bytes]) -> list[bytes]:
    """Roots of the complete subtrees that make up a run of same-level hashes.

    A run of n hashes splits into chunks by the binary representation of n,
    largest first; with fold_subtrees this gives the run's Merkle Tree Hash.
    """
    out: list[bytes] = []
    start = 0
    n = len(hashes)
    while start < n:
        size = 1 << ((n - start).bit_length() - 1)
        out.append(perfect_root(hashes[start : start + size]))
        start += size
    return out
