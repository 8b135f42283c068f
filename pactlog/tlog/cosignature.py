"""Witness cosignatures on checkpoints (c2sp.org/tlog-cosignature).

A cosignature is a signed-note signature line by a witness:

    — <witness name> base64(key ID || timestamp (u64, big-endian) || signature)

Two types are implemented, each with its own vkey signature type byte:

- 0x04, Ed25519 `cosignature/v1`: the key ID is SHA-256(name || "\\n" || 0x04 ||
  32-byte key)[:4]; the signed message is "cosignature/v1\\n", "time <ts>\\n"
  and the whole checkpoint text (extension lines included).
- 0x06, ML-DSA-44 `subtree/v1` (FIPS 204, empty context): the key ID uses 0x06
  and the 1,312-byte key; the signed message is the binary `cosigned_message`
  (label "subtree/v1\\n\\0", cosigner name, timestamp, origin, start 0, end =
  tree size, root), which omits extension lines.

Invariants: a cosignature is valid only with a timestamp in 1..2^63-1 (zero
would say nothing about the tree being the newest the witness saw); both
verifiers fit note.NoteVerifier, so open_note() checks cosignatures beside the
log's own signature in one pass.
"""

from __future__ import annotations

import base64
import hashlib
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.asymmetric.mldsa import MLDSA44PublicKey

from pactlog.tlog.checkpoint import Checkpoint
from pactlog.tlog.errors import InvalidKeyError, NoteError
from pactlog.tlog.note import (
    SIG_PREFIX,
    NoteVerifier,
    Signature,
    Signer,
    _b64decode,
    _b64encode,
    is_valid_name,
    key_id,
)

ALG_COSIGNATURE_V1 = 0x04
"""vkey signature type of Ed25519 cosignature/v1 keys."""

ALG_MLDSA44 = 0x06
"""vkey signature type of ML-DSA-44 subtree/v1 cosignature keys."""

MAX_TIMESTAMP = 2**63 - 1
ED25519_SIGNATURE_SIZE = 64
MLDSA44_PUBLIC_KEY_SIZE = 1312
MLDSA44_SIGNATURE_SIZE = 2420
_SUBTREE_LABEL = b"subtree/v1\n\x00"


def cosignature_v1_message(text: str, timestamp: int) -> bytes:
    """The bytes an Ed25519 witness signs for checkpoint `text` at `timestamp`."""
    return f"cosignature/v1\ntime {timestamp}\n{text}".encode()


def subtree_v1_message(
    name: str, timestamp: int, origin: str, start: int, end: int, root: bytes
) -> bytes:
    """The `cosigned_message` an ML-DSA-44 witness signs (a checkpoint is start 0, end size)."""
    raw_name, raw_origin = name.encode(), origin.encode()
    if not 0 < len(raw_name) < 256 or not 0 < len(raw_origin) < 256:
        raise NoteError("cosigner name and origin must be 1 to 255 bytes for ML-DSA-44")
    if len(root) != 32 or not 0 <= start <= end <= MAX_TIMESTAMP:
        raise NoteError("a subtree is a 32-byte root over leaves start..end")
    return b"".join(
        [
            _SUBTREE_LABEL,
            bytes([len(raw_name)]),
            raw_name,
            struct.pack(">Q", timestamp),
            bytes([len(raw_origin)]),
            raw_origin,
            struct.pack(">QQ", start, end),
            root,
        ]
    )


def _split_timestamp(signature: bytes, size: int) -> tuple[int, bytes] | None:
    """(timestamp, raw signature) when `signature` is well formed, else None."""
    if len(signature) != 8 + size:
        return None
    timestamp = int.from_bytes(signature[:8], "big")
    if not 1 <= timestamp <= MAX_TIMESTAMP:
        return None
    return timestamp, signature[8:]


def _parse_vkey(vkey: str, alg: int, size: int) -> tuple[str, int, str, bytes]:
    """(name, key ID, canonical vkey, public key) of a cosigner vkey of type `alg`."""
    if not isinstance(vkey, str):
        raise InvalidKeyError("a verifier key must be a string")
    parts = vkey.strip().split("+", 2)
    if len(parts) != 3:
        raise InvalidKeyError("a verifier key has the form name+keyid+base64key")
    name, hex_id, key64 = parts
    if not is_valid_name(name):
        raise InvalidKeyError(f"invalid key name {name!r}")
    try:
        key = _b64decode(key64)
        kid = int(hex_id, 16) if len(hex_id) == 8 else -1
    except ValueError as exc:
        raise InvalidKeyError(f"verifier key: {exc}") from None
    if not key or key[0] != alg:
        raise InvalidKeyError(f"not a key of signature type {alg:#04x}")
    if len(key) != 1 + size:
        raise InvalidKeyError(f"a key of type {alg:#04x} has {size} bytes, not {len(key) - 1}")
    if kid != key_id(name, key):
        raise InvalidKeyError(f"key ID {hex_id} does not match the key of {name!r}")
    return name, kid, f"{name}+{kid:08x}+{key64}", key[1:]


class CosignatureVerifier:
    """An Ed25519 cosignature/v1 witness key (vkey type 0x04)."""

    alg = ALG_COSIGNATURE_V1

    def __init__(self, vkey: str) -> None:
        self.name, self.key_id, self.key, public = _parse_vkey(vkey, ALG_COSIGNATURE_V1, 32)
        self.public_key = public
        self._key = Ed25519PublicKey.from_public_bytes(public)

    def verify(self, message: bytes, signature: bytes) -> bool:
        """Whether `signature` (timestamp || Ed25519 signature) cosigns note text `message`."""
        split = _split_timestamp(signature, ED25519_SIGNATURE_SIZE)
        if split is None:
            return False
        try:
            text = message.decode("utf-8")
            self._key.verify(split[1], cosignature_v1_message(text, split[0]))
        except (InvalidSignature, UnicodeDecodeError):
            return False
        return True

    def __repr__(self) -> str:
        return f"CosignatureVerifier({self.key!r})"


class MLDSA44Verifier:
    """An ML-DSA-44 subtree/v1 witness key (vkey type 0x06); checkpoints only."""

    alg = ALG_MLDSA44

    def __init__(self, vkey: str) -> None:
        self.name, self.key_id, self.key, public = _parse_vkey(
            vkey, ALG_MLDSA44, MLDSA44_PUBLIC_KEY_SIZE
        )
        self.public_key = public
        try:
            self._key = MLDSA44PublicKey.from_public_bytes(public)
        except ValueError as exc:
            raise InvalidKeyError(f"invalid ML-DSA-44 key: {exc}") from None

    def verify(self, message: bytes, signature: bytes) -> bool:
        """Whether `signature` (timestamp || ML-DSA-44 signature) cosigns checkpoint `message`."""
        split = _split_timestamp(signature, MLDSA44_SIGNATURE_SIZE)
        if split is None:
            return False
        try:
            cp = Checkpoint.parse(message.decode("utf-8"))
        except (UnicodeDecodeError, NoteError):
            return False
        return self.verify_subtree(split[0], cp.origin, 0, cp.size, cp.root, split[1])

    def verify_subtree(
        self, timestamp: int, origin: str, start: int, end: int, root: bytes, signature: bytes
    ) -> bool:
        """Whether `signature` is this key's ML-DSA-44 signature of that subtree message."""
        try:
            message = subtree_v1_message(self.name, timestamp, origin, start, end, root)
            self._key.verify(signature, message)
        except (InvalidSignature, NoteError):
            return False
        return True

    def __repr__(self) -> str:
        return f"MLDSA44Verifier({self.key!r})"


def cosigner_verifier(vkey: str) -> CosignatureVerifier | MLDSA44Verifier:
    """The verifier for a witness vkey, chosen by its signature type byte."""
    alg = -1
    try:
        alg = _b64decode(vkey.strip().split("+", 2)[2])[0]
    except (ValueError, IndexError, AttributeError):
        pass
    if alg == ALG_MLDSA44:
        return MLDSA44Verifier(vkey)
    if alg == ALG_COSIGNATURE_V1:
        return CosignatureVerifier(vkey)
    raise InvalidKeyError(
        "a witness key must be of type 0x04 (Ed25519 cosignature/v1) or 0x06 (ML-DSA-44)"
    )


class Cosigner(Signer):
    """A witness's Ed25519 cosignature/v1 key.

    Its secret form is `PRIVATE+KEY+<name>+<key ID>+base64(0x04 || 32-byte seed)`,
    the signed-note layout with the cosignature type byte.
    """

    ALG = ALG_COSIGNATURE_V1

    @property
    def verifier(self) -> CosignatureVerifier:  # type: ignore[override]
        return CosignatureVerifier(self.verifier_key)

    def cosign(self, text: str, timestamp: int) -> str:
        """The signature line cosigning checkpoint `text` at POSIX time `timestamp`."""
        if isinstance(timestamp, bool) or not 1 <= timestamp <= MAX_TIMESTAMP:
            raise NoteError(f"a cosignature timestamp is in 1..2^63-1, not {timestamp}")
        signature = self.sign(cosignature_v1_message(text, timestamp))
        raw = self.key_id.to_bytes(4, "big") + struct.pack(">Q", timestamp) + signature
        return f"{SIG_PREFIX}{self.name} {_b64encode(raw)}\n"


@dataclass(frozen=True)
class Cosignature:
    """A verified cosignature: which key, when, and its signature line."""

    name: str
    key_id: int
    timestamp: int
    line: str


def timestamp_of(signature: Signature) -> int:
    """The timestamp carried by a (verified) cosignature line."""
    raw = base64.b64decode(signature.base64)
    return int.from_bytes(raw[4:12], "big")


def signature_line(signature: Signature) -> str:
    """The note signature line of `signature`, newline included."""
    return f"{SIG_PREFIX}{signature.name} {signature.base64}\n"


def verifier_id(verifier: NoteVerifier) -> tuple[str, int]:
    """The (name, key ID) pair a signature line must carry to be this key's."""
    return verifier.name, verifier.key_id


def public_key_digest(vkey: str) -> bytes:
    """SHA-256 of a vkey's key material (type byte left out), to spot one key listed twice."""
    return hashlib.sha256(_b64decode(vkey.strip().split("+", 2)[2])[1:]).digest()
