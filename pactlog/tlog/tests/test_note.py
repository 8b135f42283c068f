"""C2SP signed notes: the Go reference vector byte for byte, key parsing, opening rules."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from pactlog import tlog
from pactlog.tlog.note import MAX_SIGNATURES, key_id
from pactlog.tlog.tests.vectors import VECTORS

TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"


@pytest.fixture(scope="module")
def vector() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((VECTORS / "signed-note.json").read_text())
    return data


def test_reproduces_the_reference_signed_note_byte_for_byte(vector: dict[str, Any]) -> None:
    signer = tlog.Signer.from_key(vector["signer_key"])
    assert signer.verifier_key == vector["verifier_key"]
    assert signer.signer_key == vector["signer_key"]
    signed = tlog.sign_note(vector["text"], signer)
    assert signed == vector["signed_note"]
    assert signed.encode("utf-8") == vector["signed_note"].encode("utf-8")


def test_opens_the_reference_note(vector: dict[str, Any]) -> None:
    note = tlog.open_note(vector["signed_note"], tlog.Verifier(vector["verifier_key"]))
    assert note.text == vector["text"]
    assert [(s.name, s.key_id) for s in note.signatures] == [("PeterNeumann", 0xC74F20A3)]
    assert note.unverified == ()


def test_refuses_the_bad_verifier_keys(vector: dict[str, Any]) -> None:
    assert vector["bad_verifier_keys"]
    for vkey in vector["bad_verifier_keys"]:
        with pytest.raises(tlog.InvalidKeyError):
            tlog.Verifier(vkey)


def test_accepts_the_c2sp_spec_example_key(vector: dict[str, Any]) -> None:
    verifier = tlog.Verifier(vector["c2sp_spec_example_verifier_key"])
    assert (verifier.name, verifier.key_id) == ("example.com/foo", 0x530D903A)


def test_key_id_is_the_spec_hash() -> None:
    signer = tlog.Signer.generate("example.org/log")
    public = base64.b64decode(signer.verifier_key.split("+", 2)[2])
    assert public[0] == 1 and len(public) == 33
    assert signer.key_id == key_id("example.org/log", public)
    assert signer.verifier_key.split("+")[1] == f"{signer.key_id:08x}"


def test_generated_keys_round_trip() -> None:
    signer = tlog.Signer.generate("example.org/log")
    again = tlog.Signer.from_key(signer.signer_key)
    assert again.verifier_key == signer.verifier_key
    assert tlog.Verifier(signer.verifier_key) == signer.verifier
    note = tlog.sign_note("hello\n", signer)
    assert tlog.open_note(note, again.verifier).text == "hello\n"


@pytest.mark.parametrize(
    "vkey",
    [
        "",
        "name",
        "name+c74f20a3",
        "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW!",
        "PeterNeumann+c74f20a3+",
        "PeterNeumann+xyzw20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
    ],
)
def test_malformed_verifier_keys_are_refused(vkey: str) -> None:
    with pytest.raises(tlog.InvalidKeyError):
        tlog.Verifier(vkey)


@pytest.mark.parametrize(
    "skey",
    [
        "PRIVATE+KEY+PeterNeumann+c74f20a3",
        "PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
        "PRIVATE+KEY+Peter+Neumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
        "SECRET+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
    ],
)
def test_malformed_signer_keys_are_refused(skey: str) -> None:
    with pytest.raises(tlog.InvalidKeyError):
        tlog.Signer.from_key(skey)


def test_invalid_names_are_refused() -> None:
    for name in ("", "a b", "a+b", "a\u00a0b", "a\tb"):
        with pytest.raises(tlog.InvalidKeyError):
            tlog.Signer.generate(name)


@pytest.fixture(scope="module")
def alice() -> tlog.Signer:
    return tlog.Signer.generate("alice.example")


@pytest.fixture(scope="module")
def bob() -> tlog.Signer:
    return tlog.Signer.generate("bob.example")


def test_unknown_signatures_are_ignored(alice: tlog.Signer, bob: tlog.Signer) -> None:
    note = tlog.sign_note(TEXT, bob, alice)
    opened = tlog.open_note(note, alice.verifier)
    assert [s.name for s in opened.signatures] == ["alice.example"]
    assert [s.name for s in opened.unverified] == ["bob.example"]


def test_same_name_other_key_is_unknown_not_invalid(alice: tlog.Signer) -> None:
    impostor = tlog.Signer.generate("alice.example")
    note = tlog.sign_note(TEXT, impostor, alice)
    assert len(tlog.open_note(note, alice.verifier).signatures) == 1


def test_a_bad_signature_by_a_known_key_rejects_the_note(
    alice: tlog.Signer, bob: tlog.Signer
) -> None:
    good = tlog.sign_note(TEXT, alice, bob)
    forged = good.replace(TEXT, TEXT.replace("answer", "ANSWER"))
    with pytest.raises(tlog.InvalidSignatureError):
        tlog.open_note(forged, [alice.verifier])
    lines = good.split("\n")
    alice_sig = next(line for line in lines if "alice.example" in line)
    raw = bytearray(base64.b64decode(alice_sig.rsplit(" ", 1)[1]))
    raw[10] ^= 1
    tampered = good.replace(alice_sig, f"\u2014 alice.example {base64.b64encode(raw).decode()}")
    with pytest.raises(tlog.InvalidSignatureError):
        tlog.open_note(tampered, [alice.verifier, bob.verifier])


def test_no_known_signature_rejects_the_note(alice: tlog.Signer, bob: tlog.Signer) -> None:
    with pytest.raises(tlog.UnverifiedNoteError):
        tlog.open_note(tlog.sign_note(TEXT, bob), alice.verifier)
    with pytest.raises(tlog.NoteError):
        tlog.open_note(tlog.sign_note(TEXT, bob), [])


def test_at_least_sixteen_signatures_are_accepted(alice: tlog.Signer) -> None:
    others = [tlog.Signer.generate(f"witness{i}.example") for i in range(20)]
    note = tlog.sign_note(TEXT, *others, alice)
    opened = tlog.open_note(note, [alice.verifier, *(s.verifier for s in others[:15])])
    assert len(opened.signatures) == 16
    assert len(opened.unverified) == 5


def test_too_many_signatures_are_refused(alice: tlog.Signer) -> None:
    note = tlog.sign_note(TEXT, alice)
    line = note.split("\n\n", 1)[1]
    with pytest.raises(tlog.NoteError, match="more than"):
        tlog.open_note(note + line * MAX_SIGNATURES, alice.verifier)


def test_duplicate_signatures_are_reported_once(alice: tlog.Signer) -> None:
    note = tlog.sign_note(TEXT, alice)
    doubled = note + note.split("\n\n", 1)[1]
    assert len(tlog.open_note(doubled, alice.verifier).signatures) == 1


def test_the_text_ends_at_the_last_blank_line(alice: tlog.Signer) -> None:
    text = "first paragraph\n\nsecond paragraph\n"
    note = tlog.sign_note(text, alice)
    assert tlog.open_note(note, alice.verifier).text == text


@pytest.mark.parametrize(
    "mutate",
    [
        lambda n: n.replace("\n\n", "\n"),  # no blank line
        lambda n: n[:-1],  # no final newline
        lambda n: n.replace("\u2014", "-"),  # not an em dash
        lambda n: n.replace("\u2014 alice.example ", "\u2014 alice.example  "),
        lambda n: n.replace("problem,", "problem,\t"),  # control character
        lambda n: n.replace("problem,", "problem,\r"),
        lambda n: n + "\n",  # empty signature line
        lambda n: n + "\u2014 alice.example AAAA\n",  # signature too short
        lambda n: n + "\u2014 alice.example not-base64!\n",
        lambda n: n + "\u2014 bad+name AAAAAAAA\n",
        lambda n: n + "trailing garbage\n",
    ],
)
def test_malformed_notes_are_refused(alice: tlog.Signer, mutate: Any) -> None:
    note = tlog.sign_note(TEXT, alice)
    with pytest.raises(tlog.NoteError):
        tlog.open_note(mutate(note), alice.verifier)


def test_notes_as_bytes(alice: tlog.Signer) -> None:
    note = tlog.sign_note(TEXT, alice)
    assert tlog.open_note(note.encode(), alice.verifier).text == TEXT
    with pytest.raises(tlog.NoteError, match="UTF-8"):
        tlog.open_note(note.encode() + b"\xff\n", alice.verifier)


def test_signing_refuses_bad_text(alice: tlog.Signer) -> None:
    for text in ("no newline", "tab\there\n", "bell\x07\n"):
        with pytest.raises(tlog.NoteError):
            tlog.sign_note(text, alice)
    with pytest.raises(tlog.NoteError):
        tlog.sign_note("text\n")
