"""The worked example of docs/log.md is what the code produces, byte for byte."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pactlog import tlog
from pactlog.tlog.tests.vectors import REPO

DOC = REPO / "docs" / "log.md"
ORIGIN = "example.org/pactlog"
ENTRIES = [
    b'{"declaration":"paris-call","endorser":"Example Org","action":"endorse"}',
    b'{"declaration":"paris-call","endorser":"Another Org","action":"endorse"}',
    b'{"declaration":"paris-call","endorser":"Example Org","action":"withdraw"}',
]


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text()


def test_worked_example(doc: str, tmp_path: Path) -> None:
    seed = hashlib.sha256(b"pactlog docs example key").digest()
    signer = tlog.Signer(ORIGIN, Ed25519PrivateKey.from_private_bytes(seed))
    assert signer.signer_key in doc
    assert signer.verifier_key in doc

    log = tlog.FileLog(tmp_path, ORIGIN, signer=signer)
    log.append_many(ENTRIES[:2])
    first = (tmp_path / "checkpoint").read_text()
    log.append_many(ENTRIES[2:])
    second = (tmp_path / "checkpoint").read_text()
    assert f"```\n{first}```" in doc
    assert f"```\n{second}```" in doc

    for entry in ENTRIES:
        assert entry.decode() in doc
        assert tlog.leaf_hash(entry).hex() in doc
    assert log.root(2).hex() in doc and log.root().hex() in doc
    assert log.inclusion_proof(2, 3) == [log.root(2)]
    assert log.consistency_proof(2, 3) == [tlog.leaf_hash(ENTRIES[2])]

    sizes = {str(p.relative_to(tmp_path)): p.stat().st_size for p in tmp_path.rglob("*")}
    for name, size in sizes.items():
        if (tmp_path / name).is_file():
            assert f"| `{name}` | {size} |" in doc


def test_hand_check_snippet_runs(doc: str) -> None:
    snippet = doc.split("```python\nimport base64, hashlib\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, object] = {"base64": base64, "hashlib": hashlib}
    exec(snippet, namespace)
