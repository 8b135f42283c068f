"""Verification of RFC 9162 inclusion and consistency proofs.

The algorithms are those of RFC 9162 section 2.1.3.2 and 2.1.4.2, in the
index-arithmetic form of transparency-dev/merkle: a proof for leaf `index` in a
tree of `size` splits into an "inner" part, below the point where the paths to
`index` and to `size - 1` diverge, and a "border" part along the right edge of
the tree, where every proof hash is a left sibling.

Verification never guesses: every input is checked for type, range and length
before any hashing, and any disagreement raises ProofError. A function that
returns has verified the proof.

What a proof does not bind: the computation depends on a size only through the
shape of the proof (how many inner and border hashes it has). Two sizes that give
the same shape give the same computation, so an inclusion or consistency proof
alone cannot tell them apart; the signed checkpoint binding (size, root)
together is what pins the size down.
"""

from __future__ import annotations

from collections.abc import Sequence

from pactlog.tlog.errors import ProofError
from pactlog.tlog.hashing import EMPTY_ROOT, HASH_SIZE, node_hash


def _check_int(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProofError(f"{name} must be an integer, not {type(value).__name__}")
    if value < 0:
        raise ProofError(f"{name} must not be negative: {value}")
    return value


def _check_hash(name: str, value: object) -> bytes:
    if not isinstance(value, (bytes, bytearray)):
        raise ProofError(f"{name} must be bytes, not {type(value).__name__}")
    if len(value) != HASH_SIZE:
        raise ProofError(f"{name} is {len(value)} bytes long, not {HASH_SIZE}")
    return bytes(value)


def _check_proof(proof: object) -> list[bytes]:
    if proof is None:
        return []
    if isinstance(proof, (bytes, bytearray, str)) or not isinstance(proof, Sequence):
        raise ProofError("proof must be a sequence of hashes")
    return [_check_hash(f"proof[{i}]", h) for i, h in enumerate(proof)]


def _decompose(index: int, size: int) -> tuple[int, int]:
    """Lengths of the inner and border parts of the proof for `index` in `size`.

    Requires 0 <= index < size.
    """
    inner = (index ^ (size - 1)).bit_length()
    border = bin(index >> inner).count("1")  # int.bit_count() needs Python 3.10
    return inner, border


def proof_shape(index: int, size: int) -> tuple[int, int]:
    """(inner, border) lengths of an inclusion proof; exposed for tests and tools."""
    return _decompose(index, size)


def _chain_inner(seed: bytes, proof: Sequence[bytes], index: int) -> bytes:
    for i, h in enumerate(proof):
        seed = node_hash(seed, h) if (index >> i) & 1 == 0 else node_hash(h, seed)
    return seed


def _chain_inner_right(seed: bytes, proof: Sequence[bytes], index: int) -> bytes:
    for i, h in enumerate(proof):
        if (index >> i) & 1:
            seed = node_hash(h, seed)
    return seed


def _chain_border_right(seed: bytes, proof: Sequence[bytes]) -> bytes:
    for h in proof:
        seed = node_hash(h, seed)
    return seed


def root_from_inclusion_proof(
    leaf_hash: bytes, index: int, size: int, proof: Sequence[bytes]
) -> bytes:
    """The root that `proof` implies for `leaf_hash` at `index` in a tree of `size`."""
    index = _check_int("index", index)
    size = _check_int("size", size)
    if index >= size:
        raise ProofError(f"index {index} is out of range for tree size {size}")
    leaf = _check_hash("leaf hash", leaf_hash)
    hashes = _check_proof(proof)
    inner, border = _decompose(index, size)
    if len(hashes) != inner + border:
        raise ProofError(
            f"wrong proof length {len(hashes)} for index {index} in size {size}: "
            f"want {inner + border}"
        )
    h = _chain_inner(leaf, hashes[:inner], index)
    return _chain_border_right(h, hashes[inner:])


def verify_inclusion(
    leaf_hash: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> None:
    """Check that `leaf_hash` is the leaf at `index` of the tree (`size`, `root`).

    Raises ProofError unless the proof verifies.
    """
    expected = _check_hash("root", root)
    calculated = root_from_inclusion_proof(leaf_hash, index, size, proof)
    if calculated != expected:
        raise ProofError(
            f"inclusion proof for index {index} in size {size} gives root "
            f"{calculated.hex()}, not {expected.hex()}"
        )


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> None:
    """Check that the tree (`old_size`, `old_root`) is a prefix of (`new_size`, `new_root`).

    Edge cases, each consistent with the reference test vectors:
      - equal sizes: the proof must be empty and the roots identical (nothing
        is hashed, so this is the one case where the roots are only compared);
        an empty tree's root must moreover be SHA-256("").
      - old_size == 0 < new_size: the empty tree is a prefix of every tree, so
        the proof must be empty, old_root must be SHA-256("") and new_root a
        well-formed hash.
    Raises ProofError unless the proof verifies.
    """
    m = _check_int("old size", old_size)
    n = _check_int("new size", new_size)
    if m > n:
        raise ProofError(f"old size {m} is larger than new size {n}")
    hashes = _check_proof(proof)
    if m == n:
        if hashes:
            raise ProofError("sizes are equal but the consistency proof is not empty")
        if not isinstance(old_root, (bytes, bytearray)) or not isinstance(
            new_root, (bytes, bytearray)
        ):
            raise ProofError("roots must be bytes")
        if bytes(old_root) != bytes(new_root):
            raise ProofError(f"sizes are equal ({m}) but the roots differ")
        if m == 0 and bytes(old_root) != EMPTY_ROOT:
            raise ProofError('the root of the empty tree must be SHA-256("")')
        return
    r1 = _check_hash("old root", old_root)
    r2 = _check_hash("new root", new_root)
    if m == 0:
        if hashes:
            raise ProofError("a consistency proof from the empty tree must be empty")
        if r1 != EMPTY_ROOT:
            raise ProofError('the root of the empty tree must be SHA-256("")')
        return
    if not hashes:
        raise ProofError(f"empty consistency proof from size {m} to {n}")

    inner, border = _decompose(m - 1, n)
    shift = (m & -m).bit_length() - 1  # trailing zeros of m
    inner -= shift  # shift < inner because m < n
    # Unless m is a power of two (then the old root is itself a node on the
    # path), the proof starts with the hash of the subtree of size 2**shift.
    if m == 1 << shift:
        seed, start = r1, 0
    else:
        seed, start = hashes[0], 1
    if len(hashes) != start + inner + border:
        raise ProofError(
            f"wrong consistency proof length {len(hashes)} from size {m} to {n}: "
            f"want {start + inner + border}"
        )
    path = hashes[start:]
    mask = (m - 1) >> shift
    h1 = _chain_border_right(_chain_inner_right(seed, path[:inner], mask), path[inner:])
    if h1 != r1:
        raise ProofError(
            f"consistency proof gives old root {h1.hex()} for size {m}, not {r1.hex()}"
        )
    h2 = _chain_border_right(_chain_inner(seed, path[:inner], mask), path[inner:])
    if h2 != r2:
        raise ProofError(
            f"consistency proof gives new root {h2.hex()} for size {n}, not {r2.hex()}"
        )
