"""The instance submitting its checkpoints to a witness process: re-proving after a 409,
alarms for 403/404/422, backoff when unreachable, and what /log/checkpoint then serves."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client, override_settings

from pactlog import tlog
from pactlog.log import keys
from pactlog.log.integrate import integrate, open_log
from pactlog.log.models import LogState, WitnessStatus
from pactlog.log.tests.helpers import small_registry
from pactlog.log.witnessing import submit
from pactlog.registry import services
from pactlog.tlog.witness import AddCheckpoint
from pactlog.witness.tests.processes import Witness

pytestmark = pytest.mark.slow

SIGNER = tlog.Signer.generate("log.test/pactlog")


@pytest.fixture(scope="module")
def witness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Witness]:
    w = Witness("witness.test/w", tmp_path_factory.mktemp("w")).init(SIGNER.verifier_key)
    w.start()
    yield w
    w.stop()


@pytest.fixture
def policy(tmp_path: Path, witness: Witness) -> Iterator[Path]:
    path = tmp_path / "policy.txt"
    path.write_text(
        f"log {SIGNER.verifier_key}\nwitness w {witness.vkey} {witness.url}\nquorum w\n"
    )
    with override_settings(
        LOG_KEY=SIGNER.signer_key,
        LOG_ORIGIN="log.test/pactlog",
        LOG_POLICY=str(path),
        PUBLISH_DIR=None,
    ):
        keys.signer.cache_clear()
        yield path
    keys.signer.cache_clear()


def _note() -> str:
    return str(LogState.objects.get(pk=1).checkpoint)


@pytest.mark.django_db
def test_reproves_from_the_size_a_409_returns_then_serves_the_cosigned_note(
    policy: Path, witness: Witness
) -> None:
    small_registry(3)
    integrate()
    size = open_log().size
    # The witness already cosigned an earlier size, unknown to this instance (status size 0).
    early = tlog.Checkpoint("log.test/pactlog", 2, open_log().root(2)).sign(SIGNER)
    status, _, _ = witness.post(AddCheckpoint(0, (), early).encode())
    assert status in (200, 409)
    outcomes = submit()
    assert [(o.witness, o.result) for o in outcomes] == [("w", "cosigned")]
    served = Client().get("/log/checkpoint").content.decode()
    assert served.startswith(_note().split("\n\n")[0])
    opened = tlog.open_cosigned(
        served, SIGNER.verifier, {"w": tlog.cosigner_verifier(witness.vkey)}
    )
    assert opened.checkpoint.size == size and set(opened.cosignatures) == {"w"}
    assert submit()[0].result == "already"
    page = Client().get("/en/log/").content.decode()
    assert "<td>w</td>" in page and "Its cosignatures meet the policy" in page, page[
        page.find("Witnesses") :
    ][:3000]
    assert Client().get("/log/policy").content.decode() == policy.read_text()
    # At most one request per agreed interval: the newer checkpoint waits for the next round.
    services.create_actors(
        [services.ActorSpec(kind="organisation", name="Later", category="civil-society")]
    )
    integrate()
    with override_settings(LOG_WITNESS_MIN_INTERVAL=3600):
        assert submit()[0].result == "waiting"
        assert submit(patient=False)[0].result == "cosigned"


@pytest.mark.django_db
def test_403_404_and_unreachable(policy: Path, witness: Witness, tmp_path: Path, caplog) -> None:
    small_registry(2)
    integrate()
    other = Witness("witness.test/other", tmp_path / "other").init(
        tlog.Signer.generate("log.test/pactlog").verifier_key
    )
    stranger = Witness("witness.test/stranger", tmp_path / "stranger").init(
        tlog.Signer.generate("elsewhere.test/log").verifier_key, origin="elsewhere.test/log"
    )
    other.start()
    stranger.start()
    try:
        policy.write_text(
            f"log {SIGNER.verifier_key}\nwitness a {other.vkey} {other.url}\n"
            f"witness b {stranger.vkey} {stranger.url}\nwitness c {witness.vkey} http://127.0.0.1:9\n"
            "group g any a b c\nquorum g\n"
        )
        with caplog.at_level(logging.ERROR, logger="pactlog.log.witnessing"):
            outcomes = {o.witness: o for o in submit()}
    finally:
        other.stop()
        stranger.stop()
    assert outcomes["a"].result == "alarm" and outcomes["a"].detail.startswith("403")
    assert outcomes["b"].result == "alarm" and outcomes["b"].detail.startswith("404")
    assert outcomes["c"].result == "unreachable"
    assert "witness a: 403" in caplog.text and "witness b: 404" in caplog.text
    assert WitnessStatus.objects.get(witness="c").retry_after is not None
    assert submit()[2].result == "waiting"  # backing off
    assert submit(patient=False)[2].result == "unreachable"
    # Nothing met the quorum: the log's own checkpoint is served, without cosignatures.
    assert Client().get("/log/checkpoint").content.decode() == _note()
