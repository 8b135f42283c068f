"""Malformed inputs to the verifiers raise ProofError with a message, never pass or crash."""

from __future__ import annotations

from typing import Any

import pytest

from pactlog import tlog

LOG = tlog.MemoryLog("errors.test")
LOG.append_many([b"%d" % i for i in range(10)])
ROOT = LOG.root()
LEAF = LOG.leaf_hash(3)
PROOF = LOG.inclusion_proof(3, 10)
CPROOF = LOG.consistency_proof(4, 10)


def test_good_proofs_verify() -> None:
    tlog.verify_inclusion(LEAF, 3, 10, PROOF, ROOT)
    tlog.verify_consistency(4, 10, LOG.root(4), ROOT, CPROOF)
    assert tlog.root_from_inclusion_proof(LEAF, 3, 10, PROOF) == ROOT


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((LEAF[:31], 3, 10, PROOF, ROOT), "leaf hash is 31 bytes"),
        ((LEAF, 3, 10, PROOF, ROOT + b"\x00"), "root is 33 bytes"),
        ((LEAF, 3, 10, [*PROOF[:-1], PROOF[-1][:16]], ROOT), "proof\\[3\\] is 16 bytes"),
        ((LEAF, 10, 10, PROOF, ROOT), "out of range"),
        ((LEAF, -1, 10, PROOF, ROOT), "must not be negative"),
        ((LEAF, 3, -10, PROOF, ROOT), "must not be negative"),
        ((LEAF, 3, 10, PROOF[:-1], ROOT), "wrong proof length"),
        ((LEAF, 3, 10, [*PROOF, ROOT], ROOT), "wrong proof length"),
        ((LEAF, 3, 10, b"".join(PROOF), ROOT), "sequence of hashes"),
        ((LEAF, "3", 10, PROOF, ROOT), "must be an integer"),
        ((LEAF, True, 10, PROOF, ROOT), "must be an integer"),
        (("ab" * 16, 3, 10, PROOF, ROOT), "must be bytes"),
        ((LEAF, 3, 10, [*PROOF[:-1], None], ROOT), "must be bytes"),
        ((LEAF, 0, 0, [], tlog.EMPTY_ROOT), "out of range"),
        ((LEAF, 4, 10, PROOF, ROOT), "gives root"),
    ],
)
def test_inclusion_rejections(args: tuple[Any, ...], message: str) -> None:
    with pytest.raises(tlog.ProofError, match=message):
        tlog.verify_inclusion(*args)


R4 = LOG.root(4)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((5, 4, R4, ROOT, CPROOF), "larger than new size"),
        ((4, 10, R4[:5], ROOT, CPROOF), "old root is 5 bytes"),
        ((4, 10, R4, ROOT[:5], CPROOF), "new root is 5 bytes"),
        ((4, 10, R4, ROOT, []), "empty consistency proof"),
        ((4, 10, R4, ROOT, CPROOF[:-1]), "wrong consistency proof length"),
        ((4, 10, R4, ROOT, [*CPROOF, ROOT]), "wrong consistency proof length"),
        ((6, 10, R4, ROOT, LOG.consistency_proof(6, 10)), "gives old root"),
        ((4, 10, ROOT, ROOT, CPROOF), "gives new root"),  # 4 = 2**2: the old root seeds the path
        ((4, 10, R4, R4, CPROOF), "gives new root"),
        ((10, 10, ROOT, ROOT, [ROOT]), "proof is not empty"),
        ((10, 10, ROOT, R4, []), "roots differ"),
        ((0, 0, b"x", b"x", []), "empty tree"),
        ((0, 10, tlog.EMPTY_ROOT, ROOT, [ROOT]), "must be empty"),
        ((0, 10, R4, ROOT, []), "empty tree"),
        ((-1, 10, R4, ROOT, CPROOF), "must not be negative"),
        ((4, 10, R4, ROOT, None), "empty consistency proof"),
    ],
)
def test_consistency_rejections(args: tuple[Any, ...], message: str) -> None:
    with pytest.raises(tlog.ProofError, match=message):
        tlog.verify_consistency(*args)


def test_trivial_consistency() -> None:
    tlog.verify_consistency(0, 0, tlog.EMPTY_ROOT, tlog.EMPTY_ROOT, [])
    tlog.verify_consistency(0, 10, tlog.EMPTY_ROOT, ROOT, [])
    tlog.verify_consistency(10, 10, ROOT, ROOT, [])
    assert LOG.consistency_proof(0, 10) == [] and LOG.consistency_proof(10, 10) == []


def test_proof_errors_are_value_errors() -> None:
    assert issubclass(tlog.ProofError, ValueError)
    assert issubclass(tlog.ProofError, tlog.TlogError)


def test_logs_refuse_impossible_proof_requests() -> None:
    with pytest.raises(tlog.LogError):
        LOG.inclusion_proof(10, 10)
    with pytest.raises(tlog.LogError):
        LOG.inclusion_proof(0, 11)
    with pytest.raises(tlog.LogError):
        LOG.consistency_proof(5, 4)
    with pytest.raises(tlog.LogError):
        LOG.root(11)
