"""tlog-cosignature: the signed message, key IDs, timestamps, both key types."""

from __future__ import annotations

import base64
import hashlib
import struct
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.mldsa import MLDSA44PrivateKey

from pactlog import tlog
from pactlog.tlog.cosignature import (
    CosignatureVerifier,
    Cosigner,
    MLDSA44Verifier,
    cosigner_verifier,
    subtree_v1_message,
)
from pactlog.tlog.note import key_id

TEXT = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
# A live witness's published key (transparency-dev/formats' tests).
REMORA = "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2"


def test_signed_message_is_the_spec_text() -> None:
    # Built here by hand from tlog-cosignature's "Ed25519 signed message" section.
    cosigner = Cosigner.generate("witness.example/w1")
    line = cosigner.cosign(TEXT, 1679315147)
    name, b64 = line.removeprefix("— ").rstrip("\n").split(" ")
    raw = base64.b64decode(b64)
    assert name == "witness.example/w1" and len(raw) == 4 + 8 + 64
    public = base64.b64decode(cosigner.verifier_key.split("+", 2)[2])
    assert public[0] == 0x04
    want_id = hashlib.sha256(b"witness.example/w1\n\x04" + public[1:]).digest()[:4]
    assert raw[:4] == want_id
    assert struct.unpack(">Q", raw[4:12])[0] == 1679315147
    message = b"cosignature/v1\ntime 1679315147\n" + TEXT.encode()
    Ed25519PublicKey.from_public_bytes(public[1:]).verify(raw[12:], message)


def test_a_real_witness_key_parses_with_its_key_id() -> None:
    verifier = cosigner_verifier(REMORA)
    assert isinstance(verifier, CosignatureVerifier)
    assert verifier.name == "remora.n621.de" and verifier.key_id == 0xDA77ADE7


def test_note_with_log_signature_and_cosignature_opens() -> None:
    log = tlog.Signer.generate("example.com/behind-the-sofa")
    witness = Cosigner.generate("witness.example/w1")
    note = tlog.sign_note(TEXT, log) + witness.cosign(TEXT, 1700000000)
    opened = tlog.open_note(note, [log.verifier, witness.verifier])
    assert {s.name for s in opened.signatures} == {log.name, witness.name}
    # A log key cannot open a cosignature, nor a cosignature key the log's signature.
    only_witness = tlog.open_note(note, witness.verifier)
    assert [s.name for s in only_witness.signatures] == [witness.name]


@pytest.mark.parametrize("timestamp", [0, 2**63])
def test_out_of_range_timestamps_are_refused(timestamp: int) -> None:
    witness = Cosigner.generate("w")
    with pytest.raises(tlog.NoteError):
        witness.cosign(TEXT, timestamp)


def test_zero_timestamp_cosignature_does_not_verify() -> None:
    witness = Cosigner.generate("w")
    line = witness.cosign(TEXT, 5)
    raw = bytearray(base64.b64decode(line.split(" ")[2]))
    raw[4:12] = bytes(8)
    forged = f"— w {base64.b64encode(bytes(raw)).decode()}\n"
    assert not witness.verifier.verify(TEXT.encode(), bytes(raw[4:]))
    with pytest.raises(tlog.InvalidSignatureError):
        tlog.open_note(TEXT + "\n" + forged, witness.verifier)


def test_changed_timestamp_or_text_does_not_verify() -> None:
    witness = Cosigner.generate("w")
    raw = base64.b64decode(witness.cosign(TEXT, 1000).split(" ")[2])
    assert witness.verifier.verify(TEXT.encode(), raw[4:])
    later = struct.pack(">Q", 1001) + raw[12:]
    assert not witness.verifier.verify(TEXT.encode(), later)
    assert not witness.verifier.verify((TEXT + "ext\n").encode(), raw[4:])


def test_cosigner_key_round_trips_and_rejects_log_keys() -> None:
    witness = Cosigner.generate("witness.example/w1")
    again = Cosigner.from_key(witness.signer_key)
    assert again.verifier_key == witness.verifier_key
    with pytest.raises(tlog.InvalidKeyError):
        Cosigner.from_key(tlog.Signer.generate("x").signer_key)
    with pytest.raises(tlog.InvalidKeyError):
        cosigner_verifier(tlog.Signer.generate("x").verifier_key)
    with pytest.raises(tlog.InvalidKeyError):
        tlog.Verifier(witness.verifier_key)


def _mldsa_vkey(name: str, key: MLDSA44PrivateKey) -> str:
    public = b"\x06" + key.public_key().public_bytes_raw()
    return f"{name}+{key_id(name, public):08x}+{base64.b64encode(public).decode()}"


def test_mldsa44_cosignature_verifies_per_the_subtree_message() -> None:
    key = MLDSA44PrivateKey.generate()
    vkey = _mldsa_vkey("witness.example/pq", key)
    verifier = cosigner_verifier(vkey)
    assert isinstance(verifier, MLDSA44Verifier)
    cp = tlog.Checkpoint.parse(TEXT)
    message = subtree_v1_message("witness.example/pq", 1700000000, cp.origin, 0, cp.size, cp.root)
    # The layout of cosigned_message, from the spec's struct.
    assert message[:12] == b"subtree/v1\n\x00" and message[12] == len("witness.example/pq")
    assert message[-32:] == cp.root
    signature = struct.pack(">Q", 1700000000) + key.sign(message)
    assert verifier.verify(TEXT.encode(), signature)
    assert not verifier.verify(TEXT.encode(), struct.pack(">Q", 1700000001) + signature[8:])
    line = f"— witness.example/pq {base64.b64encode(verifier.key_id.to_bytes(4, 'big') + signature).decode()}\n"
    log = tlog.Signer.generate(cp.origin)
    opened = tlog.open_note(tlog.sign_note(TEXT, log) + line, [log.verifier, verifier])
    assert len(opened.signatures) == 2


def test_mldsa44_cosignature_made_by_torchwood_verifies() -> None:
    # Key and subtree cosignature made by filippo.io/torchwood (transparency-dev/formats'
    # TestMLDSAVerifyTorchwood): leaves 8..13 of example.com/log, timestamp 0.
    vkey, line = (Path(__file__).parent / "data" / "mldsa44-torchwood.txt").read_text().splitlines()
    verifier = cosigner_verifier(vkey)
    assert isinstance(verifier, MLDSA44Verifier) and verifier.key_id == 0x7118E8F9
    raw = base64.b64decode(line.split(" ")[2])
    assert raw[:4] == verifier.key_id.to_bytes(4, "big") and raw[4:12] == bytes(8)
    root = base64.b64decode("E7ERCtFloiK1fdb+B6/dLG0pM1nmIR0ETKBSauCjtVw=")
    assert verifier.verify_subtree(0, "example.com/log", 8, 13, root, raw[12:])
    assert not verifier.verify_subtree(0, "example.com/log", 8, 14, root, raw[12:])
    assert not verifier.verify_subtree(0, "example.com/other", 8, 13, root, raw[12:])
