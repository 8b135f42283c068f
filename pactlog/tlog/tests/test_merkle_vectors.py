"""The transparency-dev/merkle proof vectors: every case is accepted or rejected as specified."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from pactlog import tlog
from pactlog.tlog.tests.vectors import json_cases

# The leaves of the RFC 6962 test tree the vectors were generated from.
RFC6962_LEAVES = [
    b"",
    b"\x00",
    b"\x10",
    b"\x20\x21",
    b"\x30\x31",
    b"\x40\x41\x42\x43",
    bytes(range(0x50, 0x58)),
    bytes(range(0x60, 0x70)),
]


def b64(value: str) -> bytes:
    return base64.b64decode(value)


def proof_of(case: dict[str, Any]) -> list[bytes]:
    return [b64(h) for h in case["proof"] or []]


@pytest.fixture(scope="module")
def rfc_log() -> tlog.MemoryLog:
    log = tlog.MemoryLog("rfc6962.test")
    log.append_many(RFC6962_LEAVES)
    return log


@pytest.mark.parametrize("case", json_cases("merkle/inclusion"))
def test_inclusion_vector(case: dict[str, Any]) -> None:
    args = (b64(case["leafHash"]), case["leafIdx"], case["treeSize"], proof_of(case))
    if case["wantErr"]:
        with pytest.raises(tlog.ProofError):
            tlog.verify_inclusion(*args, b64(case["root"]))
    else:
        tlog.verify_inclusion(*args, b64(case["root"]))


@pytest.mark.parametrize("case", json_cases("merkle/consistency"))
def test_consistency_vector(case: dict[str, Any]) -> None:
    args = (case["size1"], case["size2"], b64(case["root1"]), b64(case["root2"]), proof_of(case))
    if case["wantErr"]:
        with pytest.raises(tlog.ProofError):
            tlog.verify_consistency(*args)
    else:
        tlog.verify_consistency(*args)


def _rfc_happy_paths(subdir: str) -> list[Any]:
    """The accepted cases over the RFC 6962 test tree, whose proofs we can regenerate."""
    log = tlog.MemoryLog("rfc6962.test")
    log.append_many(RFC6962_LEAVES)
    out = []
    for param in json_cases(subdir):
        case = param.values[0]
        if case["wantErr"]:
            continue
        if "leafIdx" in case:
            index, size = case["leafIdx"], case["treeSize"]
            if size <= len(RFC6962_LEAVES) and log.leaf_hash(index) == b64(case["leafHash"]):
                out.append(param)
        elif 0 < case["size1"] <= case["size2"] <= len(RFC6962_LEAVES):
            if log.root(case["size1"]) == b64(case["root1"]):
                out.append(param)
    return out


@pytest.mark.parametrize("case", _rfc_happy_paths("merkle/inclusion"))
def test_our_inclusion_proofs_equal_the_vectors(
    case: dict[str, Any], rfc_log: tlog.MemoryLog
) -> None:
    index, size = case["leafIdx"], case["treeSize"]
    assert rfc_log.root(size) == b64(case["root"])
    assert rfc_log.inclusion_proof(index, size) == proof_of(case)


@pytest.mark.parametrize("case", _rfc_happy_paths("merkle/consistency"))
def test_our_consistency_proofs_equal_the_vectors(
    case: dict[str, Any], rfc_log: tlog.MemoryLog
) -> None:
    old, new = case["size1"], case["size2"]
    assert rfc_log.root(new) == b64(case["root2"])
    assert rfc_log.consistency_proof(old, new) == proof_of(case)


def test_vectors_cover_what_the_issue_requires() -> None:
    inclusion = json_cases("merkle/inclusion")
    consistency = json_cases("merkle/consistency")
    assert len(inclusion) >= 98 and len(consistency) >= 98
    assert len(_rfc_happy_paths("merkle/inclusion")) >= 5
    assert len(_rfc_happy_paths("merkle/consistency")) >= 4
