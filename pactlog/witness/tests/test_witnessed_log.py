"""A log instance and two witnesses as separate processes over HTTP.

The published checkpoint is read back with a reader written here from the C2SP texts
(signed-note, tlog-checkpoint, tlog-cosignature), not with pactlog.tlog's own code; the
command-line verifiers then accept it with the policy and refuse it when the quorum is not
met. With a witness down or silent, registry changes keep their speed, the published
checkpoint stays the last one both witnesses cosigned, and the log catches up on their return.
"""

from __future__ import annotations

import base64
import hashlib
import socket
import statistics
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from pactlog import tlog
from pactlog.tlog.witness import AddCheckpoint
from pactlog.witness.tests.processes import PACTLOG, ROOT, LogInstance, Witness

pytestmark = pytest.mark.slow


# --- a reader from the C2SP texts ------------------------------------------------------------


def _vkey(vkey: str, kind: int) -> tuple[str, bytes, Ed25519PublicKey]:
    """(name, key ID, key) of a vkey `name+hexid+base64(type || key)` (signed-note)."""
    name, hexid, key64 = vkey.split("+", 2)
    raw = base64.b64decode(key64)
    assert raw[0] == kind and len(raw) == 33
    key_id = hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4]
    assert key_id.hex() == hexid
    return name, key_id, Ed25519PublicKey.from_public_bytes(raw[1:])


def read_witnessed(
    note: str, log_vkey: str, witness_vkeys: list[str]
) -> tuple[str, dict[str, int]]:
    """The checkpoint text and {witness name: timestamp} of every valid cosignature.

    signed-note: the text ends at the last blank line; each signature line is an em dash, a
    space, the key name, a space, base64(key ID || signature). tlog-cosignature v1: the
    signature is an 8-byte big-endian timestamp and the Ed25519 signature of
    "cosignature/v1\\ntime <ts>\\n" followed by the checkpoint text.
    """
    split = note.rindex("\n\n")
    text, lines = note[: split + 1], note[split + 2 :].splitlines()
    origin, size, root = text.splitlines()[:3]
    assert size.isdigit() and len(base64.b64decode(root)) == 32
    log_name, log_id, log_key = _vkey(log_vkey, 0x01)
    assert origin == log_name
    signed_by_log = False
    cosigned: dict[str, int] = {}
    witnesses = [_vkey(v, 0x04) for v in witness_vkeys]
    for line in lines:
        assert line.startswith("\u2014 ")
        name, sig64 = line[2:].split(" ")
        raw = base64.b64decode(sig64)
        if (name, raw[:4]) == (log_name, log_id):
            log_key.verify(raw[4:], text.encode())
            signed_by_log = True
        for w_name, w_id, w_key in witnesses:
            if (name, raw[:4]) == (w_name, w_id):
                timestamp = int.from_bytes(raw[4:12], "big")
                message = f"cosignature/v1\ntime {timestamp}\n".encode() + text.encode()
                w_key.verify(raw[12:], message)
                cosigned[name] = timestamp
    assert signed_by_log
    return text, cosigned


# --- the processes ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def deployment(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[LogInstance, list[Witness]]]:
    tmp = tmp_path_factory.mktemp("witnessed")
    site = LogInstance(tmp / "site")
    witnesses = [Witness(f"witness.test/w{n}", tmp / f"w{n}").init(site.vkey) for n in (1, 2)]
    site.write_policy(witnesses)
    site.migrate()
    for witness in witnesses:
        witness.start()
    site.start()
    yield site, witnesses
    site.stop()
    for witness in witnesses:
        witness.stop()


def _size(note: str) -> int:
    return int(note.splitlines()[1])


def _verify(site: LogInstance, policy: Path) -> subprocess.CompletedProcess[str]:
    command = [
        *PACTLOG,
        "tlog",
        "verify",
        f"{site.url}/log/",
        "--key",
        site.vkey,
        "--policy",
        str(policy),
    ]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=site.env)


def test_cosignatures_are_collected_published_and_verified(deployment, tmp_path: Path) -> None:
    site, witnesses = deployment
    site.changes(3, "first")
    site.witness_round()
    note = site.get("/log/checkpoint").decode()
    text, cosigned = read_witnessed(note, site.vkey, [w.vkey for w in witnesses])
    assert set(cosigned) == {"witness.test/w1", "witness.test/w2"}
    assert _size(note) == 3
    # The publish folder (what nginx serves) holds the same witnessed note.
    assert (site.data_dir / "public" / "log" / "checkpoint").read_text() == note
    # Each witness's monitoring endpoint has the same checkpoint.
    for witness in witnesses:
        seen = witness.monitored(hashlib.sha256(b"log.test/pactlog").hexdigest() + "/checkpoint")
        assert seen is not None and seen.decode().startswith(text)
    # The page names both witnesses; the policy is served.
    page = site.get("/en/log/").decode()
    assert "witness.test/w1" in page and "witness.test/w2" in page
    assert site.get("/log/policy").decode() == site.policy_file.read_text()
    fr = site.get("/fr/log/").decode()
    assert "Témoins" in fr
    # The command-line verifier accepts it with the policy, refuses it with a stricter one.
    assert _verify(site, site.policy_file).returncode == 0
    third = subprocess.run(
        [*PACTLOG, "witness", "key"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=Witness("witness.test/w3", tmp_path / "w3").init(site.vkey).env,
    )
    stricter = tmp_path / "stricter.txt"
    stricter.write_text(
        site.policy_file.read_text().replace(
            "quorum everyone",
            f"witness w3 {third.stdout.strip()}\ngroup strict all everyone w3\nquorum strict",
        )
    )
    refused = _verify(site, stricter)
    assert refused.returncode == 1 and "quorum" in refused.stderr


class Blackhole:
    """A port that accepts connections and never answers: a witness that hangs."""

    def __init__(self, port: int) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen(64)
        self.held: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.held:
            conn.close()


def test_witness_down_or_silent_then_back(deployment) -> None:
    site, witnesses = deployment
    site.changes(2, "warm")
    site.witness_round()
    before = site.get("/log/checkpoint").decode()
    baseline = statistics.median(t for _, t, _ in site.changes(10, "baseline"))
    site.witness_round()
    witnessed_size = _size(site.get("/log/checkpoint").decode())
    assert witnessed_size > _size(before)

    # Witness 2 hangs (accepts, never answers), then is down (connection refused).
    witnesses[1].stop()
    hole = Blackhole(witnesses[1].port)
    try:
        slow = statistics.median(t for _, t, _ in site.changes(10, "silent"))
        site.witness_round()  # waits at most the 1 s timeout for the silent witness
    finally:
        hole.close()
    down = statistics.median(t for _, t, _ in site.changes(5, "down"))
    out = site.witness_round()
    assert "witness.test/w2: unreachable" in out
    # Registry changes keep their speed (the witnesses are never waited for in a change).
    assert slow < max(3 * baseline, baseline + 0.2) and down < max(3 * baseline, baseline + 0.2)
    # The published checkpoint stays the last one both cosigned, and still verifies.
    stale = site.get("/log/checkpoint").decode()
    assert _size(stale) == witnessed_size
    assert _verify(site, site.policy_file).returncode == 0

    # The witness returns: the next round catches up with a proof from the size it holds.
    witnesses[1].start()
    site.witness_round()
    caught_up = site.get("/log/checkpoint").decode()
    assert _size(caught_up) == witnessed_size + 15
    _, cosigned = read_witnessed(caught_up, site.vkey, [w.vkey for w in witnesses])
    assert len(cosigned) == 2


def test_monitor_compares_the_witnesses_and_prints_a_split_view(deployment, tmp_path: Path) -> None:
    site, _ = deployment
    site.changes(1, "monitored")
    site.witness_round()
    state = tmp_path / "monitor.json"
    command = [*PACTLOG, "verify", site.url + "/", "--key", site.vkey, "--state", str(state)]
    honest = subprocess.run(
        [*command, "--policy", str(site.policy_file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=site.env,
    )
    assert honest.returncode == 0, honest.stdout + honest.stderr
    assert (
        "witness witness.test/w1: cosigned size" in honest.stdout
        and ": consistent" in honest.stdout
    )

    # The operator signs another tree of the served size and shows it to a third witness.
    served = tlog.Checkpoint.parse(tlog.note.unverified_text(site.get("/log/checkpoint").decode()))
    forged = tlog.Checkpoint(served.origin, served.size, hashlib.sha256(b"forged").digest())
    w3 = Witness("witness.test/w3", tmp_path / "w3").init(site.vkey).start()
    try:
        status, _, _ = w3.post(
            AddCheckpoint(0, (), forged.sign(tlog.Signer.from_key(site.signer_key))).encode()
        )
        assert status == 200
        policy = tmp_path / "with-w3.txt"
        policy.write_text(site.policy_file.read_text() + f"witness w3 {w3.vkey} {w3.url}\n")
        split = subprocess.run(
            [*command, "--policy", str(policy)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=site.env,
        )
    finally:
        w3.stop()
    assert split.returncode == 1
    assert "witness w3 holds a checkpoint inconsistent" in split.stdout
    evidence = split.stdout.split("EVIDENCE: ")
    assert base64.b64encode(served.root).decode() in evidence[1]
    assert base64.b64encode(forged.root).decode() in evidence[2]
