"""C2SP signed notes with Ed25519 keys (c2sp.org/signed-note, Go's sumdb/note).

A signed note is a UTF-8 text ending in a newline, a blank line, then one line
per signature: em dash (U+2014), space, key name, space, base64 of the 4-byte
key ID followed by the signature. Keys are written as

    signer key:    PRIVATE+KEY+<name>+<key ID, 8 hex digits>+base64(0x01 || seed)
    verifier key:  <name>+<key ID, 8 hex digits>+base64(0x01 || public key)

with key ID = SHA-256(name || 0x0A || 0x01 || public key)[:4], big-endian.

Opening a note follows the spec and the reference implementation: the text ends
at the last blank line; signatures by unknown keys (name and ID not both known)
are kept aside, unverified; a signature by a known key that fails to verify
rejects the whole note; a note with no verified signature is rejected.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from pactlog.tlog.errors import InvalidKeyError, NoteError

if TYPE_CHECKING:  # typing.Self is Python 3.11+; the stand-alone verifier runs on 3.9
    from typing import Self  # novermin (type checking only)

ALG_ED25519 = 0x01
"""Signature type byte of Ed25519 in key IDs and key strings."""

MAX_SIGNATURES = 100
"""Most signature lines a note may carry (the spec requires accepting 16)."""

SIG_PREFIX = "\u2014 "
_HEX8 = re.compile(r"[0-9a-fA-F]{8}")


class UnverifiedNoteError(NoteError):
    """A well-formed note carries no signature by any of the given keys."""


class InvalidSignatureError(NoteError):
    """A signature by a known key does not verify: the note must be rejected."""


def key_id(name: str, alg_and_key: bytes) -> int:
    """The 32-bit key ID: SHA-256(name || "\\n" || alg || public key)[:4], big-endian."""
    digest = hashlib.sha256(name.encode() + b"\n" + alg_and_key).digest()
    return int.from_bytes(digest[:4], "big")


def is_valid_name(name: str) -> bool:
    """Key names are non-empty, with no Unicode space and no '+'."""
    return bool(name) and "+" not in name and not any(c.isspace() for c in name)


def _b64decode(text: str) -> bytes:
    """Strict standard base64 (padding required, no stray characters)."""
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError) as exc:
        raise ValueError(f"invalid base64: {exc}") from None


def _b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@runtime_checkable
class NoteVerifier(Protocol):
    """What open_note needs of a key: its name, key ID and a check of one signature.

    Verifier (log keys) and the cosignature verifiers of pactlog.tlog.cosignature
    both fit, so one note can be opened against a log key and its witnesses' keys.
    """

    name: str
    key_id: int

    def verify(self, message: bytes, signature: bytes) -> bool: ...


class Verifier:
    """An Ed25519 verifier key, parsed from `name+keyid+base64`."""

    def __init__(self, vkey: str) -> None:
        if not isinstance(vkey, str):
            raise InvalidKeyError("a verifier key must be a string")
        parts = vkey.strip().split("+", 2)  # base64 may contain "+"
        if len(parts) != 3:
            raise InvalidKeyError("a verifier key has the form name+keyid+base64key")
        name, hex_id, key64 = parts
        if not is_valid_name(name):
            raise InvalidKeyError(f"invalid key name {name!r}")
        if not _HEX8.fullmatch(hex_id):
            raise InvalidKeyError(f"invalid key ID {hex_id!r}: want 8 hex digits")
        try:
            key = _b64decode(key64)
        except ValueError as exc:
            raise InvalidKeyError(f"verifier key: {exc}") from None
        if not key:
            raise InvalidKeyError("verifier key has no key bytes")
        if key_id(name, key) != int(hex_id, 16):
            raise InvalidKeyError(f"key ID {hex_id} does not match the key of {name!r}")
        if key[0] != ALG_ED25519:
            raise InvalidKeyError(f"unsupported signature algorithm {key[0]:#04x}")
        if len(key) != 33:
            raise InvalidKeyError(f"an Ed25519 public key has 32 bytes, not {len(key) - 1}")
        self.name = name
        self.key_id = int(hex_id, 16)
        self._public_key = Ed25519PublicKey.from_public_bytes(key[1:])
        self.key = f"{name}+{self.key_id:08x}+{key64}"

    def verify(self, message: bytes, signature: bytes) -> bool:
        """Whether `signature` is this key's Ed25519 signature of `message`."""
        try:
            self._public_key.verify(signature, message)
        except InvalidSignature:
            return False
        return True

    def __repr__(self) -> str:
        return f"Verifier({self.key!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Verifier) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)


class Signer:
    """An Ed25519 signer key (`PRIVATE+KEY+name+keyid+base64`).

    `ALG` is the signature type byte in its key ID and key strings (subclasses for
    other statements made with an Ed25519 key, such as cosignatures, change it).
    """

    ALG = ALG_ED25519

    def __init__(self, name: str, private_key: Ed25519PrivateKey) -> None:
        if not is_valid_name(name):
            raise InvalidKeyError(f"invalid key name {name!r}")
        self.name = name
        self._private_key = private_key
        public = bytes([self.ALG]) + _public_bytes(private_key.public_key())
        self.key_id = key_id(name, public)
        self.verifier_key = f"{name}+{self.key_id:08x}+{_b64encode(public)}"

    @classmethod
    def generate(cls, name: str) -> Self:
        """A new random key named `name` (e.g. the log's origin)."""
        return cls(name, Ed25519PrivateKey.generate())

    @classmethod
    def from_key(cls, skey: str) -> Self:
        """Parse a signer key string; its key ID must match the derived public key."""
        if not isinstance(skey, str):
            raise InvalidKeyError("a signer key must be a string")
        parts = skey.strip().split("+", 4)  # base64 may contain "+"
        if len(parts) != 5 or parts[0] != "PRIVATE" or parts[1] != "KEY":
            raise InvalidKeyError("a signer key has the form PRIVATE+KEY+name+keyid+base64key")
        _, _, name, hex_id, key64 = parts
        if not _HEX8.fullmatch(hex_id):
            raise InvalidKeyError(f"invalid key ID {hex_id!r}: want 8 hex digits")
        try:
            key = _b64decode(key64)
        except ValueError as exc:
            raise InvalidKeyError(f"signer key: {exc}") from None
        if not key:
            raise InvalidKeyError("signer key has no key bytes")
        if key[0] != cls.ALG:
            raise InvalidKeyError(f"unsupported signature algorithm {key[0]:#04x}")
        if len(key) != 33:
            raise InvalidKeyError(f"an Ed25519 seed has 32 bytes, not {len(key) - 1}")
        signer = cls(name, Ed25519PrivateKey.from_private_bytes(key[1:]))
        if signer.key_id != int(hex_id, 16):
            raise InvalidKeyError(f"key ID {hex_id} does not match the key of {name!r}")
        return signer

    @property
    def signer_key(self) -> str:
        """The private key string; keep it secret."""
        seed = self._private_key.private_bytes_raw()
        return f"PRIVATE+KEY+{self.name}+{self.key_id:08x}+{_b64encode(bytes([self.ALG]) + seed)}"

    @property
    def verifier(self) -> Verifier:
        """The matching Verifier."""
        return Verifier(self.verifier_key)

    def sign(self, message: bytes) -> bytes:
        """Ed25519 signature of `message` (deterministic, RFC 8032)."""
        return self._private_key.sign(message)

    def __repr__(self) -> str:
        return f"Signer(verifier_key={self.verifier_key!r})"


@dataclass(frozen=True)
class Signature:
    """One signature line of a note."""

    name: str
    key_id: int
    base64: str


@dataclass(frozen=True)
class Note:
    """An opened note: its text, verified signatures and ignored unknown ones."""

    text: str
    signatures: tuple[Signature, ...]
    unverified: tuple[Signature, ...] = field(default=())


def _check_text(text: str, what: str) -> None:
    """UTF-8 encodable, no ASCII control character except newline."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise NoteError(f"{what} is not valid UTF-8") from None
    if any(c < " " and c != "\n" for c in text):
        raise NoteError(f"{what} contains an ASCII control character other than newline")


def sign_note(text: str, *signers: Signer) -> str:
    """The signed note for `text` (which must end in a newline), one line per signer."""
    if not signers:
        raise NoteError("a note needs at least one signer")
    if not isinstance(text, str) or not text.endswith("\n"):
        raise NoteError("note text must be a string ending in a newline")
    _check_text(text, "note text")
    message = text.encode("utf-8")
    lines = []
    for signer in signers:
        sig = signer.key_id.to_bytes(4, "big") + signer.sign(message)
        lines.append(f"{SIG_PREFIX}{signer.name} {_b64encode(sig)}\n")
    return text + "\n" + "".join(lines)


def unverified_text(note: str) -> str:
    """The text of a note without checking any signature.

    Only for data whose integrity is established otherwise (a log reading its
    own store); anything received from elsewhere goes through open_note().
    """
    _check_text(note, "note")
    split = note.rfind("\n\n")
    if split < 0:
        raise NoteError("malformed note: no blank line before the signatures")
    return note[: split + 1]


def open_note(note: str | bytes, verifiers: NoteVerifier | Iterable[NoteVerifier]) -> Note:
    """Parse `note` and verify it against the known `verifiers`.

    Raises NoteError (or its subclasses UnverifiedNoteError and
    InvalidSignatureError) unless at least one known key signed the note and
    every signature by a known key verifies.
    """
    if isinstance(note, bytes):
        try:
            note = note.decode("utf-8")
        except UnicodeDecodeError:
            raise NoteError("note is not valid UTF-8") from None
    if not isinstance(note, str):
        raise NoteError("a note must be text")
    known: dict[tuple[str, int], NoteVerifier] = {}
    for v in [verifiers] if isinstance(verifiers, NoteVerifier) else verifiers:
        known[(v.name, v.key_id)] = v
    _check_text(note, "note")
    split = note.rfind("\n\n")
    if split < 0:
        raise NoteError("malformed note: no blank line before the signatures")
    text, block = note[: split + 1], note[split + 2 :]
    if not block or not block.endswith("\n"):
        raise NoteError("malformed note: signature lines must end in a newline")
    lines = block[:-1].split("\n")
    if len(lines) > MAX_SIGNATURES:
        raise NoteError(f"note has more than {MAX_SIGNATURES} signatures")
    message = text.encode("utf-8")
    verified: dict[tuple[str, int], Signature] = {}
    unverified: dict[str, Signature] = {}
    for line in lines:
        if not line.startswith(SIG_PREFIX):
            raise NoteError(f"malformed signature line {line!r}")
        name, sep, sig64 = line[len(SIG_PREFIX) :].partition(" ")
        try:
            raw = _b64decode(sig64)
        except ValueError:
            raw = b""
        if not sep or not is_valid_name(name) or len(raw) < 5:
            raise NoteError(f"malformed signature line {line!r}")
        kid = int.from_bytes(raw[:4], "big")
        signature = Signature(name, kid, sig64)
        verifier = known.get((name, kid))
        if verifier is None:
            unverified.setdefault(line, signature)
            continue
        if not verifier.verify(message, raw[4:]):
            raise InvalidSignatureError(f"invalid signature by {name}+{kid:08x}")
        verified.setdefault((name, kid), signature)
    if not verified:
        names = ", ".join(f"{s.name}+{s.key_id:08x}" for s in unverified.values())
        raise UnverifiedNoteError(f"note has no signature by a known key (signed by: {names})")
    return Note(text, tuple(verified.values()), tuple(unverified.values()))
