"""tlog-witness add-checkpoint: request format and the witness's state transition."""

from __future__ import annotations

import base64

import pytest

from pactlog import tlog
from pactlog.tlog.cosignature import Cosigner
from pactlog.tlog.witness import (
    MAX_REQUEST_BYTES,
    SIZE_CONTENT_TYPE,
    AddCheckpoint,
    LogState,
    WitnessProtocolError,
    decide,
    monitoring_path,
    parse_add_checkpoint,
    parse_size_body,
    read_cosignatures,
)

ORIGIN = "example.org/pactlog"
LOG = tlog.Signer.generate(ORIGIN)
WITNESS = Cosigner.generate("witness.example/w1")
NOW = 1_700_000_000


def _log(n: int) -> tlog.MemoryLog:
    log = tlog.MemoryLog(ORIGIN)
    log.append_many([f"entry {i}".encode() for i in range(n)])
    return log


def _request(log: tlog.MemoryLog, old: int, size: int | None = None) -> AddCheckpoint:
    size = log.size if size is None else size
    cp = tlog.Checkpoint(ORIGIN, size, log.root(size))
    proof = tuple(log.consistency_proof(old, size)) if old else ()
    return AddCheckpoint(old, proof, cp.sign(LOG))


def test_request_round_trips_through_its_encoding() -> None:
    request = _request(_log(10), 3)
    body = request.encode()
    assert body.startswith(b"old 3\n") and b"\n\nexample.org/pactlog\n10\n" in body
    assert parse_add_checkpoint(body) == request


@pytest.mark.parametrize(
    "body",
    [
        b"old 01\n\nx\n",
        b"old -1\n\nx\n",
        b"old 1\n",
        b"new 1\n\nx\n",
        b"old 1\nnot base64!\n\nx\n",
        b"old 1\n" + base64.b64encode(b"short") + b"\n\nx\n",
        b"old 1\n" + (base64.b64encode(bytes(32)) + b"\n") * 64 + b"\nx\n",
        b"old 1\n\n\xff\n",
        b"old 1\n\n" + b"x" * MAX_REQUEST_BYTES,
    ],
)
def test_malformed_requests_are_refused(body: bytes) -> None:
    with pytest.raises(WitnessProtocolError):
        parse_add_checkpoint(body)


def test_first_submission_then_growth_then_same_checkpoint_again() -> None:
    log = _log(5)
    first = decide(_request(log, 0), [LOG.verifier], LogState.empty(), WITNESS, NOW)
    assert first.status == 200 and first.state == LogState(5, log.root())
    cosigs = read_cosignatures(_request(log, 0).note, first.body, WITNESS.verifier)
    assert [c.timestamp for c in cosigs] == [NOW]
    assert first.note is not None and tlog.open_note(first.note, WITNESS.verifier)
    log.append_many([b"six", b"seven"])
    grown = decide(_request(log, 5), [LOG.verifier], first.state, WITNESS, NOW + 1)
    assert grown.status == 200 and grown.state == LogState(7, log.root())
    again = decide(_request(log, 7), [LOG.verifier], LogState(7, log.root()), WITNESS, NOW + 2)
    assert again.status == 200 and again.state == LogState(7, log.root())


def test_old_size_other_than_stored_is_409_with_the_stored_size() -> None:
    log = _log(9)
    stored = LogState(4, log.root(4))
    answer = decide(_request(log, 2), [LOG.verifier], stored, WITNESS, NOW)
    assert (answer.status, answer.content_type, answer.state) == (409, SIZE_CONTENT_TYPE, None)
    assert parse_size_body(answer.body) == 4


def test_fork_of_the_same_size_is_409() -> None:
    log, fork = _log(6), tlog.MemoryLog(ORIGIN)
    fork.append_many([b"other"] * 6)
    stored = LogState(6, log.root())
    answer = decide(_request(fork, 6), [LOG.verifier], stored, WITNESS, NOW)
    assert answer.status == 409 and answer.state is None


def test_fork_of_a_larger_size_is_422() -> None:
    log, fork = _log(4), tlog.MemoryLog(ORIGIN)
    fork.append_many([b"x"] * 8)
    request = _request(fork, 4)
    answer = decide(request, [LOG.verifier], LogState(4, log.root()), WITNESS, NOW)
    assert answer.status == 422 and answer.state is None


def test_old_larger_than_size_is_400_and_unknown_key_403() -> None:
    log = _log(4)
    request = _request(log, 0)
    backwards = AddCheckpoint(5, (), request.note)
    assert decide(backwards, [LOG.verifier], LogState(5, bytes(32)), WITNESS, NOW).status == 400
    stranger = tlog.Signer.generate(ORIGIN)
    forged = AddCheckpoint(0, (), tlog.Checkpoint(ORIGIN, 4, log.root()).sign(stranger))
    assert decide(forged, [LOG.verifier], LogState.empty(), WITNESS, NOW).status == 403


def test_truncated_proof_and_proof_from_zero_are_422() -> None:
    log = _log(13)
    request = _request(log, 5)
    truncated = AddCheckpoint(5, request.proof[:-1], request.note)
    stored = LogState(5, log.root(5))
    assert decide(truncated, [LOG.verifier], stored, WITNESS, NOW).status == 422
    nonempty = AddCheckpoint(0, request.proof, request.note)
    assert decide(nonempty, [LOG.verifier], LogState.empty(), WITNESS, NOW).status == 422


def test_monitoring_path_is_the_hex_sha256_of_the_origin() -> None:
    path = monitoring_path(ORIGIN)
    assert path.endswith("/checkpoint") and len(path.split("/")[0]) == 64
