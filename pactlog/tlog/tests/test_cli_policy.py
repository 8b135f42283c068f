"""`pactlog tlog verify --policy`: a cosigned checkpoint passes, one below the quorum fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactlog import tlog
from pactlog.tlog.cli import main

ORIGIN = "example.org/pactlog-policy"
LOG = tlog.Signer.generate(ORIGIN)
WITNESSES = [tlog.Cosigner.generate(f"witness.example/{n}") for n in ("a", "b")]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    log = tlog.FileLog(tmp_path / "log", ORIGIN, signer=LOG)
    log.append_many(b"entry %d" % i for i in range(300))
    return tmp_path


def _cosign(folder: Path, *witnesses: tlog.Cosigner) -> None:
    path = folder / "log" / "checkpoint"
    note = path.read_text()
    text = tlog.note.unverified_text(note)
    path.write_text(note + "".join(w.cosign(text, 1_700_000_000) for w in witnesses))


def _policy(folder: Path, quorum: str) -> Path:
    path = folder / "policy.txt"
    lines = [f"log {LOG.verifier_key}"] + [
        f"witness w{i} {w.verifier_key}" for i, w in enumerate(WITNESSES)
    ]
    path.write_text(
        "\n".join([*lines, f"group all-of-them {quorum} w0 w1", "quorum all-of-them", ""])
    )
    return path


def test_policy_met_and_not_met(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _cosign(folder, WITNESSES[0])
    assert main(["verify", str(folder / "log"), "--policy", str(_policy(folder, "any"))]) == 0
    out = capsys.readouterr().out
    assert "cosigned by w0 at 2023-11-14 22:13:20Z: the policy's quorum is met" in out
    assert main(["verify", str(folder / "log"), "--policy", str(_policy(folder, "all"))]) == 1
    assert "does not meet the quorum" in capsys.readouterr().err


def test_bad_policy_is_a_usage_error(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = folder / "bad.txt"
    bad.write_text("quorum nobody\n")
    assert main(["verify", str(folder / "log"), "--policy", str(bad)]) == 2
    assert "line 1" in capsys.readouterr().err
    assert main(["verify", str(folder / "log"), "--policy", str(folder / "missing.txt")]) == 2
