"""kill -9 of a witness at random points while it answers add-checkpoint, over and over.

A client keeps submitting checkpoints of two forks of one log (identical up to entry 4) from
the size it last heard of. Whatever the kill interrupted, the witness never cosigns two roots
for one size, never cosigns both forks, and never holds less than it answered 200 for.
"""

from __future__ import annotations

import hashlib
import random
import threading
import time
import urllib.error
from pathlib import Path

import pytest

from pactlog import tlog
from pactlog.tlog.witness import AddCheckpoint, parse_size_body
from pactlog.witness.tests.processes import ORIGIN, Witness

pytestmark = pytest.mark.slow

KILLS = 12
LOG = tlog.Signer.generate(ORIGIN)
A = tlog.MemoryLog(ORIGIN)
A.append_many([f"a{i}".encode() for i in range(400)])
B = tlog.MemoryLog(ORIGIN)
B.append_many([f"a{i}".encode() for i in range(4)] + [f"b{i}".encode() for i in range(396)])


def _body(log: tlog.MemoryLog, old: int, size: int) -> bytes:
    proof = tuple(log.consistency_proof(old, size)) if 0 < old < size else ()
    return AddCheckpoint(
        old, proof, tlog.Checkpoint(ORIGIN, size, log.root(size)).sign(LOG)
    ).encode()


def _client(
    witness: Witness, rng: random.Random, stop: threading.Event, cosigned: list[tuple[int, bytes]]
) -> None:
    old = 0  # a new life: ask from zero, learn the size from the 409
    while not stop.is_set():
        log = A if rng.random() < 0.5 else B
        size = min(old + rng.choice([0, 1, 2, 3]), 399) or 1
        try:
            status, _, answer = witness.post(_body(log, old, size), timeout=5)
        except (urllib.error.URLError, ConnectionError, OSError):
            return
        if status == 200:
            cosigned.append((size, log.root(size)))
            old = size
        elif status == 409:
            old = parse_size_body(answer)


def test_kill_9_never_makes_it_cosign_two_roots_for_one_size(tmp_path: Path) -> None:
    witness = Witness("witness.test/killed", tmp_path / "killed").init(LOG.verifier_key)
    rng = random.Random(20261206)
    cosigned: list[tuple[int, bytes]] = []
    for _ in range(KILLS):
        witness.start()
        stop = threading.Event()
        client = threading.Thread(target=_client, args=(witness, rng, stop, cosigned))
        client.start()
        time.sleep(rng.uniform(0.05, 0.6))
        witness.kill()
        stop.set()
        client.join(timeout=30)
    assert len(cosigned) > KILLS  # the kills did land among answered requests
    roots: dict[int, set[bytes]] = {}
    for size, root in cosigned:
        roots.setdefault(size, set()).add(root)
    assert all(len(r) == 1 for r in roots.values()), "two roots cosigned for one size"
    forks = {("A" if A.root(s) in r else "B") for s, r in roots.items() if s > 4}
    assert len(forks) <= 1, "both forks were cosigned"
    witness.start()
    try:
        held = witness.monitored(hashlib.sha256(ORIGIN.encode()).hexdigest() + "/checkpoint")
        assert held is not None and int(held.split(b"\n")[1]) >= max(roots)
    finally:
        witness.stop()
