"""Attacks on a witness process over HTTP: each is refused and the witness's state is unchanged.

Then two concurrent submissions from the same old size, many times: exactly one wins.
"""

from __future__ import annotations

import base64
import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from pactlog import tlog
from pactlog.tlog.witness import AddCheckpoint
from pactlog.witness.tests.processes import ORIGIN, Witness

pytestmark = pytest.mark.slow

LOG = tlog.Signer.generate(ORIGIN)
MONITORED = hashlib.sha256(ORIGIN.encode()).hexdigest() + "/checkpoint"


def grown(entries: list[bytes]) -> tlog.MemoryLog:
    log = tlog.MemoryLog(ORIGIN)
    log.append_many(entries)
    return log


def request(
    log: tlog.MemoryLog, old: int, size: int | None = None, signer: tlog.Signer = LOG
) -> AddCheckpoint:
    size = log.size if size is None else size
    proof = tuple(log.consistency_proof(old, size)) if 0 < old < size else ()
    return AddCheckpoint(old, proof, tlog.Checkpoint(log.origin, size, log.root(size)).sign(signer))


ENTRIES = [f"entry {i}".encode() for i in range(40)]
HONEST = grown(ENTRIES)


@pytest.fixture(scope="module")
def witness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Witness]:
    w = Witness("witness.test/attacked", tmp_path_factory.mktemp("attacked")).init(LOG.verifier_key)
    w.start()
    status, _, _ = w.post(request(grown(ENTRIES[:8]), 0).encode())
    assert status == 200
    yield w
    w.stop()


def _fork_same_size() -> bytes:
    fork = grown([*ENTRIES[:5], b"forged", b"forged 2", b"forged 3"])
    return request(fork, 8).encode()


def _fork_larger() -> bytes:
    fork = grown([*ENTRIES[:5], b"forged", *ENTRIES[6:12]])
    return request(fork, 8).encode()


def _older_smaller() -> bytes:
    return request(HONEST, 3, 5).encode()


def _smaller_from_stored() -> bytes:
    return request(HONEST, 8, 5).encode()


def _bad_proof() -> bytes:
    good = request(HONEST, 8, 12)
    proof = (good.proof[0][:-1] + bytes([good.proof[0][-1] ^ 1]), *good.proof[1:])
    return AddCheckpoint(8, proof, good.note).encode()


def _truncated_proof() -> bytes:
    good = request(HONEST, 8, 12)
    return AddCheckpoint(8, good.proof[:-1], good.note).encode()


def _unknown_key() -> bytes:
    return request(HONEST, 8, 12, signer=tlog.Signer.generate(ORIGIN)).encode()


def _unknown_origin() -> bytes:
    other = tlog.Signer.generate("elsewhere.test/log")
    log = tlog.MemoryLog("elsewhere.test/log")
    log.append_many(ENTRIES[:3])
    return request(log, 0, signer=other).encode()


def _too_many_proof_lines() -> bytes:
    good = request(HONEST, 8, 12)
    line = base64.b64encode(bytes(32)) + b"\n"
    return b"old 8\n" + line * 64 + b"\n" + good.note.encode()


def _ten_megabytes() -> bytes:
    return b"old 8\n" + b"A" * (10 * 1024 * 1024) + b"\n\n" + request(HONEST, 8, 12).note.encode()


def _bad_base64() -> bytes:
    good = request(HONEST, 8, 12).encode().split(b"\n")
    good[1] = b"!!!not-base64!!!"
    return b"\n".join(good)


def _reset_to_zero() -> bytes:
    return request(HONEST, 0, 12).encode()


def _unsigned_cosignature_zero_time() -> bytes:
    # A checkpoint whose only signature claims to be the witness's own, timestamped 0.
    text = tlog.Checkpoint(ORIGIN, 12, HONEST.root(12)).text()
    raw = bytes(4) + bytes(8) + bytes(64)
    return (
        b"old 8\n"
        + b"".join(base64.b64encode(h) + b"\n" for h in HONEST.consistency_proof(8, 12))
        + b"\n"
        + text.encode()
        + "\n\u2014 witness.test/attacked ".encode()
        + base64.b64encode(raw)
        + b"\n"
    )


ATTACKS = {
    "fork of the same size (split view)": (_fork_same_size, 409),
    "fork of a larger size": (_fork_larger, 422),
    "older, smaller checkpoint": (_older_smaller, 409),
    "smaller than the stored size": (_smaller_from_stored, 400),
    "bad proof": (_bad_proof, 422),
    "truncated proof": (_truncated_proof, 422),
    "unknown key": (_unknown_key, 403),
    "unknown origin": (_unknown_origin, 404),
    "64 proof lines": (_too_many_proof_lines, 400),
    "10 MB body": (_ten_megabytes, 400),
    "bad base64": (_bad_base64, 400),
    "old size 0 again": (_reset_to_zero, 409),
    "zero-timestamp signature, no log signature": (_unsigned_cosignature_zero_time, 403),
}


@pytest.mark.parametrize("name", list(ATTACKS))
def test_attack_is_refused_and_state_unchanged(witness: Witness, name: str) -> None:
    make, expected = ATTACKS[name]
    before = witness.monitored(MONITORED)
    status, content_type, body = witness.post(make())
    assert status == expected, body
    if status == 409:
        assert content_type == "text/x.tlog.size" and body == b"8\n"
    assert witness.monitored(MONITORED) == before
    assert before is not None and before.split(b"\n")[1] == b"8"


def test_concurrent_submissions_from_the_same_old_size(tmp_path: Path) -> None:
    w = Witness("witness.test/raced", tmp_path / "raced").init(LOG.verifier_key).start()
    try:
        old = 0
        for round_ in range(8):
            sizes = (old + 1 + round_ % 3, old + 4)
            bodies = [request(HONEST, old, size).encode() for size in sizes]
            barrier = threading.Barrier(2)
            answers: list[tuple[int, str, bytes]] = [(0, "", b"")] * 2

            def send(i: int) -> None:
                barrier.wait()
                answers[i] = w.post(bodies[i])

            threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            statuses = sorted(a[0] for a in answers)
            assert statuses == [200, 409], answers
            winner = sizes[[a[0] for a in answers].index(200)]
            loser = next(a for a in answers if a[0] == 409)
            assert loser[2] == f"{winner}\n".encode()
            held = w.monitored(MONITORED)
            assert held is not None and held.split(b"\n")[1] == str(winner).encode()
            old = winner
    finally:
        w.stop()
