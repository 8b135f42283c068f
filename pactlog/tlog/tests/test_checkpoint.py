"""C2SP checkpoints: text format, strict parsing, signing and opening."""

from __future__ import annotations

import base64

import pytest

from pactlog import tlog

ROOT = bytes(range(32))
ROOT64 = base64.b64encode(ROOT).decode()
URLSAFE64 = base64.urlsafe_b64encode(bytes([0xFF] * 32)).decode()


@pytest.fixture(scope="module")
def signer() -> tlog.Signer:
    return tlog.Signer.generate("example.org/pactlog")


def test_text_format() -> None:
    cp = tlog.Checkpoint("example.org/pactlog", 42, ROOT)
    assert cp.text() == f"example.org/pactlog\n42\n{ROOT64}\n"
    with_ext = tlog.Checkpoint("o", 0, ROOT, ("ext one", "ext two"))
    assert with_ext.text() == f"o\n0\n{ROOT64}\next one\next two\n"


def test_sign_and_open_round_trip(signer: tlog.Signer) -> None:
    cp = tlog.Checkpoint("example.org/pactlog", 20852163, ROOT, ("extension",))
    note = cp.sign(signer)
    assert note.startswith(cp.text() + "\n\u2014 example.org/pactlog ")
    assert tlog.open_checkpoint(note, signer.verifier) == cp
    assert tlog.open_checkpoint(note, signer.verifier, origin="example.org/pactlog") == cp
    with pytest.raises(tlog.NoteError, match="origin"):
        tlog.open_checkpoint(note, signer.verifier, origin="example.org/other")


def test_cosigned_checkpoint_opens_with_either_key(signer: tlog.Signer) -> None:
    witness = tlog.Signer.generate("witness.example")
    note = tlog.Checkpoint("example.org/pactlog", 1, ROOT).sign(signer, witness)
    assert tlog.open_checkpoint(note, witness.verifier).size == 1
    assert tlog.open_checkpoint(note, signer.verifier).size == 1


def test_wrong_key_is_refused(signer: tlog.Signer) -> None:
    note = tlog.Checkpoint("example.org/pactlog", 1, ROOT).sign(signer)
    with pytest.raises(tlog.NoteError):
        tlog.open_checkpoint(note, tlog.Signer.generate("example.org/pactlog").verifier)


@pytest.mark.parametrize(
    "text",
    [
        f"o\n1\n{ROOT64}",  # no final newline
        "o\n1\n",  # too few lines
        f"\n1\n{ROOT64}\n",  # empty origin
        f"o\n01\n{ROOT64}\n",  # leading zero
        f"o\n-1\n{ROOT64}\n",
        f"o\n+1\n{ROOT64}\n",
        f"o\n1.0\n{ROOT64}\n",
        f"o\n 1\n{ROOT64}\n",
        f"o\n99999999999999999999\n{ROOT64}\n",  # beyond 2**63 - 1
        f"o\n1\n{ROOT64[:-1]}\n",  # bad padding
        f"o\n1\n{base64.b64encode(ROOT[:31]).decode()}\n",  # 31-byte root
        f"o\n1\n{URLSAFE64}\n",  # not standard base64
        f"o\n1\n{ROOT64}\n\n",  # empty extension line
    ],
)
def test_strict_parsing(text: str) -> None:
    with pytest.raises(tlog.NoteError):
        tlog.Checkpoint.parse(text)


def test_parse_accepts_zero_and_extensions() -> None:
    cp = tlog.Checkpoint.parse(f"o\n0\n{ROOT64}\nx\ny z\n")
    assert cp == tlog.Checkpoint("o", 0, ROOT, ("x", "y z"))


def test_constructor_validates() -> None:
    for args in [("", 1, ROOT), ("a\nb", 1, ROOT), ("o", -1, ROOT), ("o", 1, ROOT[:5])]:
        with pytest.raises(tlog.NoteError):
            tlog.Checkpoint(*args)
    with pytest.raises(tlog.NoteError):
        tlog.Checkpoint("o", 1, ROOT, ("",))
