"""The witness protocol (c2sp.org/tlog-witness): add-checkpoint, both sides.

A request body is

    old <size>\\n                 (decimal, no leading zeros)
    <base64 hash>\\n ...          (0 to 63 consistency proof lines)
    \\n
    <signed checkpoint note>

and a witness answers 200 with its cosignature line(s), 409 `text/x.tlog.size`
with the size it stored last, 404 for an unknown origin, 403 when no trusted
key signed the checkpoint, 400 for a malformed request or old > size, 422
when the consistency proof does not verify.

decide() is the witness's state transition as a pure function of the request,
the log's trusted keys and the stored (size, root). Its invariant: it
returns a cosignature only together with the new state to store, and only for
a checkpoint consistent with the stored one, so a caller that persists that
state (atomically with the check, before answering) never cosigns two roots
for one size nor rolls a log back.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pactlog.tlog.checkpoint import Checkpoint
from pactlog.tlog.cosignature import Cosignature, Cosigner, signature_line, timestamp_of
from pactlog.tlog.errors import NoteError, ProofError, TlogError
from pactlog.tlog.hashing import EMPTY_ROOT, HASH_SIZE
from pactlog.tlog.note import (
    InvalidSignatureError,
    NoteVerifier,
    UnverifiedNoteError,
    Verifier,
    open_note,
)
from pactlog.tlog.proofs import verify_consistency

MAX_PROOF_LINES = 63
MAX_REQUEST_BYTES = 256 * 1024
"""Largest add-checkpoint body a witness reads (a checkpoint with 100 signatures fits)."""

SIZE_CONTENT_TYPE = "text/x.tlog.size"
_OLD = re.compile(r"old (0|[1-9][0-9]{0,18})")
_SIZE_BODY = re.compile(rb"(0|[1-9][0-9]{0,18})\n")


class WitnessProtocolError(TlogError, ValueError):
    """A malformed add-checkpoint request or response."""


@dataclass(frozen=True)
class AddCheckpoint:
    """One add-checkpoint request: the old size, the proof from it, the signed checkpoint."""

    old_size: int
    proof: tuple[bytes, ...]
    note: str

    def encode(self) -> bytes:
        """The request body."""
        lines = [f"old {self.old_size}", *(base64.b64encode(h).decode() for h in self.proof)]
        return ("".join(line + "\n" for line in lines) + "\n" + self.note).encode("utf-8")

    @property
    def origin(self) -> str:
        """The checkpoint's origin line (unverified: used to look up the log)."""
        return self.note.split("\n", 1)[0]


def parse_add_checkpoint(body: bytes) -> AddCheckpoint:
    """Parse a request body; raises WitnessProtocolError (answer 400)."""
    if len(body) > MAX_REQUEST_BYTES:
        raise WitnessProtocolError(f"request body is larger than {MAX_REQUEST_BYTES} bytes")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise WitnessProtocolError("request body is not UTF-8") from None
    head, sep, note = text.partition("\n\n")
    if not sep:
        raise WitnessProtocolError("request has no blank line before the checkpoint")
    lines = head.split("\n")
    match = _OLD.fullmatch(lines[0])
    if not match:
        raise WitnessProtocolError(f"first line must be 'old <size>', not {lines[0][:40]!r}")
    if len(lines) - 1 > MAX_PROOF_LINES:
        raise WitnessProtocolError(f"more than {MAX_PROOF_LINES} consistency proof lines")
    proof = []
    for line in lines[1:]:
        try:
            digest = base64.b64decode(line.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raise WitnessProtocolError(f"proof line {line[:60]!r} is not base64") from None
        if len(digest) != HASH_SIZE:
            raise WitnessProtocolError(f"proof line {line[:60]!r} is not a {HASH_SIZE}-byte hash")
        proof.append(digest)
    return AddCheckpoint(int(match.group(1)), tuple(proof), note)


@dataclass(frozen=True)
class LogState:
    """What a witness keeps per log: the size and root it cosigned last."""

    size: int
    root: bytes

    @classmethod
    def empty(cls) -> LogState:
        return cls(0, EMPTY_ROOT)


@dataclass(frozen=True)
class Decision:
    """A witness's answer; `state` and `note` are set only when it cosigned (200)."""

    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"
    state: LogState | None = None
    note: str | None = None
    checkpoint: Checkpoint | None = None


def _refuse(status: int, message: str) -> Decision:
    return Decision(status, (message + "\n").encode())


def decide(
    request: AddCheckpoint,
    log_keys: Sequence[Verifier],
    stored: LogState,
    cosigner: Cosigner,
    timestamp: int,
) -> Decision:
    """The witness's answer to `request` for a known log whose last cosigned state is `stored`.

    The caller found the log by `request.origin` (404 otherwise) and must store
    `decision.state`, when set, atomically with reading `stored` and before
    sending the answer.
    """
    try:
        opened = open_note(request.note, log_keys)
    except (UnverifiedNoteError, InvalidSignatureError) as exc:
        return _refuse(403, f"checkpoint is not signed by a trusted key of this log: {exc}")
    except NoteError as exc:
        return _refuse(400, f"malformed checkpoint: {exc}")
    try:
        checkpoint = Checkpoint.parse(opened.text)
    except NoteError as exc:
        return _refuse(400, f"malformed checkpoint: {exc}")
    if checkpoint.origin != request.origin or not any(
        v.name == checkpoint.origin for v in log_keys
    ):
        return _refuse(403, "checkpoint origin does not match the log's key name")
    if request.old_size > checkpoint.size:
        return _refuse(400, f"old size {request.old_size} exceeds size {checkpoint.size}")
    if request.old_size != stored.size:
        return Decision(409, f"{stored.size}\n".encode(), SIZE_CONTENT_TYPE)
    if checkpoint.size == stored.size and checkpoint.root != stored.root:
        return Decision(409, f"{stored.size}\n".encode(), SIZE_CONTENT_TYPE)
    try:
        verify_consistency(
            stored.size, checkpoint.size, stored.root, checkpoint.root, request.proof
        )
    except ProofError as exc:
        return _refuse(422, f"consistency proof does not verify: {exc}")
    line = cosigner.cosign(opened.text, timestamp)
    log_lines = "".join(signature_line(s) for s in opened.signatures)
    return Decision(
        200,
        line.encode(),
        state=LogState(checkpoint.size, checkpoint.root),
        note=opened.text + "\n" + log_lines + line,
        checkpoint=checkpoint,
    )


def parse_size_body(body: bytes) -> int:
    """The tree size of a 409 `text/x.tlog.size` answer."""
    match = _SIZE_BODY.fullmatch(body)
    if not match:
        raise WitnessProtocolError(f"malformed {SIZE_CONTENT_TYPE} body {body[:40]!r}")
    return int(match.group(1))


def read_cosignatures(
    checkpoint_note: str, body: bytes, verifier: NoteVerifier
) -> list[Cosignature]:
    """The valid cosignatures by `verifier` in a 200 answer, other keys' lines ignored.

    Done as the spec suggests: the answer's lines are appended to the checkpoint
    and the note opened with the witness key alone. Raises NoteError when the
    answer is malformed or carries no valid cosignature by that key.
    """
    try:
        lines = body.decode("utf-8")
    except UnicodeDecodeError:
        raise NoteError("witness answer is not UTF-8") from None
    if not lines.endswith("\n") or "\n\n" in lines:
        raise NoteError("witness answer must be signature lines, each ending in a newline")
    opened = open_note(checkpoint_note + lines, verifier)
    return [
        Cosignature(s.name, s.key_id, timestamp_of(s), signature_line(s))
        for s in opened.signatures
        if (s.name, s.key_id) == (verifier.name, verifier.key_id)
    ]


def monitoring_path(origin: str) -> str:
    """The path of a log's latest cosigned checkpoint on a witness's monitoring prefix."""
    return hashlib.sha256(origin.encode("utf-8")).hexdigest() + "/checkpoint"
