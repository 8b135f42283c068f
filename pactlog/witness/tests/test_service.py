"""The witness's add-checkpoint against its tables, in-process, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import override_settings

from pactlog import tlog
from pactlog.tlog.witness import AddCheckpoint
from pactlog.witness import keys, service
from pactlog.witness.models import WitnessedLog

ORIGIN = "log.test/pactlog"
LOG = tlog.Signer.generate(ORIGIN)
WITNESS = tlog.Cosigner.generate("witness.test/in-process")
HONEST = tlog.MemoryLog(ORIGIN)
HONEST.append_many([f"e{i}".encode() for i in range(200)])


def body(old: int, size: int) -> bytes:
    proof = tuple(HONEST.consistency_proof(old, size)) if 0 < old < size else ()
    cp = tlog.Checkpoint(ORIGIN, size, HONEST.root(size))
    return AddCheckpoint(old, proof, cp.sign(LOG)).encode()


@pytest.fixture(autouse=True)
def witness_key():
    with override_settings(WITNESS_KEY=WITNESS.signer_key):
        keys.cosigner.cache_clear()
        yield
    keys.cosigner.cache_clear()


@pytest.mark.django_db
def test_add_log_never_forgets_and_answers_follow_the_state() -> None:
    service.add_log(ORIGIN, LOG.verifier_key)
    first = service.add_checkpoint(body(0, 10))
    assert first.status == 200
    line = first.body.decode()
    opened = tlog.open_note(
        tlog.Checkpoint(ORIGIN, 10, HONEST.root(10)).sign(LOG) + line, WITNESS.verifier
    )
    assert opened.signatures[0].name == WITNESS.name
    service.add_log(ORIGIN, LOG.verifier_key, "https://log.test/")  # again: state kept
    row = WitnessedLog.objects.get(origin=ORIGIN)
    assert (row.size, bytes(row.root), row.url) == (10, HONEST.root(10), "https://log.test/")
    assert service.add_checkpoint(body(0, 12)).status == 409
    assert service.add_checkpoint(body(10, 12)).status == 200
    latest = service.latest(service.origin_hash(ORIGIN))
    assert latest is not None and latest.split("\n")[1] == "12"
    with pytest.raises(ValueError):
        service.add_log("other.test/log", LOG.verifier_key)


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_on_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks between connections need PostgreSQL (the HTTP test races SQLite)")
    service.add_log(ORIGIN, LOG.verifier_key)
    old = 0
    for round_ in range(20):
        sizes = [old + 1 + k for k in range(4)]
        barrier = threading.Barrier(len(sizes))
        statuses: dict[int, int] = {}

        def send(size: int, start: int = old) -> None:
            barrier.wait()
            try:
                statuses[size] = service.add_checkpoint(body(start, size)).status
            finally:
                connection.close()

        threads = [threading.Thread(target=send, args=(size,)) for size in sizes]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        winners = [size for size, status in statuses.items() if status == 200]
        assert len(winners) == 1 and sorted(statuses.values()) == [200, 409, 409, 409], (
            round_,
            statuses,
        )
        assert WitnessedLog.objects.get(origin=ORIGIN).size == winners[0]
        old = winners[0]
