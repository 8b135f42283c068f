"""Receipts: `/log/proof/<index>` serves a C2SP tlog-proof that `pactlog-verify proof` checks
offline, in words; a one-byte change to the entry, the proof, the checkpoint or the signature
is refused with a message naming which."""

from __future__ import annotations

import base64
import json

import pytest

from pactlog.log import keys
from pactlog.log.integrate import integrate
from pactlog.log.tests.helpers import small_registry
from pactlog.verifier.receipt import main as proof_main


@pytest.fixture
def receipt(db, client, tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        small_registry(6)
    integrate()
    response = client.get("/log/proof/7")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="pactlog-entry-7.tlog-proof"'
    return response.content.decode()


def check(tmp_path, text: str, capsys) -> tuple[int, str]:
    path = tmp_path / "entry.tlog-proof"
    path.write_text(text)
    code = proof_main([str(path), "--key", keys.verifier_key()])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_receipt_is_a_tlog_proof_and_verifies_offline_in_words(receipt, tmp_path, capsys):
    lines = receipt.split("\n")
    assert lines[0] == "c2sp.org/tlog-proof@v1"
    assert lines[1].startswith("extra ") and lines[2] == "index 7"
    assert all(len(base64.b64decode(line)) == 32 for line in lines[3 : lines.index("")])
    code, out = check(tmp_path, receipt, capsys)
    assert code == 0, out
    assert "OK: entry 7 of" in out
    assert "Org 0 endorsed A pact on 1 January 2020" in out


def _edit_extra(text: str, change) -> str:
    lines = text.split("\n")
    extra = json.loads(base64.b64decode(lines[1][6:]))
    change(extra)
    lines[1] = "extra " + base64.b64encode(json.dumps(extra).encode()).decode()
    return "\n".join(lines)


def _flip_entry(extra: dict) -> None:
    extra["entry"] = extra["entry"].replace("2020-01-01", "2020-01-02", 1)


def _flip_line(text: str, index: int, position: int = 5) -> str:
    lines = text.split("\n")
    raw = bytearray(base64.b64decode(lines[index]))
    raw[position] ^= 1
    lines[index] = base64.b64encode(bytes(raw)).decode()
    return "\n".join(lines)


def _checkpoint_line(text: str, which: int) -> int:
    """The line number of the checkpoint's size (which=1), root (2) or signature (4)."""
    return text.split("\n").index("") + 1 + which


@pytest.mark.parametrize("part", ["entry", "proof", "checkpoint", "signature"])
def test_one_byte_changed_is_refused_naming_the_part(receipt, tmp_path, capsys, part):
    if part == "entry":
        forged = _edit_extra(receipt, _flip_entry)
    elif part == "proof":
        forged = _flip_line(receipt, 3)
    elif part == "checkpoint":
        forged = _flip_line(receipt, _checkpoint_line(receipt, 2))
    else:
        line = _checkpoint_line(receipt, 4)
        lines = receipt.split("\n")
        name, sig = lines[line].rsplit(" ", 1)
        raw = bytearray(base64.b64decode(sig))
        raw[10] ^= 1
        lines[line] = f"{name} {base64.b64encode(bytes(raw)).decode()}"
        forged = "\n".join(lines)
    assert len(forged) == len(receipt) or part == "entry"
    code, out = check(tmp_path, forged, capsys)
    assert code == 1, out
    assert out.startswith(f"REFUSED: {part}:"), out


def test_unknown_entry_and_bad_files(db, client, tmp_path, capsys):
    assert client.get("/log/proof/0").status_code == 404  # empty log
    code, out = check(tmp_path, "not a proof\n\nx\n", capsys)
    assert code == 1 and "REFUSED: proof: the first line" in out


def test_receipt_in_french(receipt, tmp_path, capsys):
    path = tmp_path / "entry.tlog-proof"
    path.write_text(receipt)
    code = proof_main([str(path), "--key", keys.verifier_key(), "--lang", "fr"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.startswith("OK : entrée 7 de ")
    assert "Org 0 : début du soutien à « Un pacte » le 1er janvier 2020" in out
    assert "identifiant de l'acteur" in out
