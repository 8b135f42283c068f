"""Transparency log trust policies (c2sp.org/tlog-policy) and their quorum.

A policy file lists the logs a verifier accepts, the witnesses it knows and a
quorum rule over them:

    log <vkey> [<url>]
    witness <name> <vkey> [<url>]
    group <name> all|any|<k> <member>...
    quorum <name>|none

Parsing follows the spec: items are separated by spaces and tabs only; blank
lines and `#` comments are ignored; the only control characters allowed are
tab and newline; names are opaque octets sharing one namespace, `none` is
reserved; a group or the quorum may only name what preceding lines defined,
so groups cannot be circular; a name is a group member at most once in the
whole file; no two logs (or two witnesses) wrap the same public key; exactly
one quorum line. Anything else raises PolicyError with the line number.

open_witnessed() is what a verifier calls: the checkpoint must be signed by
one of the policy's logs and cosigned (tlog-cosignature) by witnesses that
satisfy the quorum, or it raises QuorumError.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from pactlog.tlog.checkpoint import Checkpoint
from pactlog.tlog.cosignature import (
    Cosignature,
    CosignatureVerifier,
    MLDSA44Verifier,
    cosigner_verifier,
    public_key_digest,
    signature_line,
    timestamp_of,
)
from pactlog.tlog.errors import (
    InvalidKeyError,
    NoteError,
    NotFoundError,
    TlogError,
    VerificationError,
)
from pactlog.tlog.note import NoteVerifier, Verifier, open_note
from pactlog.tlog.tiles import Fetch

NONE = "none"
MAX_POLICY_BYTES = 256 * 1024
MAX_ITEMS = 1024
"""Most logs, witnesses or groups one policy may define (the spec asks for 32)."""

FUTURE_SKEW = 600
"""Cosignatures timestamped more than this many seconds ahead do not count."""

_FORBIDDEN = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]")
_SEPARATORS = re.compile(r"[ \t]+")
_THRESHOLD = re.compile(r"[1-9][0-9]{0,5}")


class PolicyError(TlogError, ValueError):
    """A policy file is malformed or inconsistent."""


class QuorumError(NoteError):
    """A checkpoint's cosignatures do not satisfy the policy's quorum."""


WitnessVerifier = Union[CosignatureVerifier, MLDSA44Verifier]  # a runtime `|` of classes needs 3.10


@dataclass(frozen=True)
class PolicyLog:
    verifier: Verifier
    url: str | None = None


@dataclass(frozen=True)
class PolicyWitness:
    name: str
    verifier: WitnessVerifier
    url: str | None = None


@dataclass(frozen=True)
class Group:
    name: str
    threshold: int
    members: tuple[str, ...]


@dataclass(frozen=True)
class Policy:
    """A parsed policy; `text` is the file as given (to publish it unchanged)."""

    logs: tuple[PolicyLog, ...]
    witnesses: Mapping[str, PolicyWitness]
    groups: Mapping[str, Group]
    quorum: str
    text: str = field(default="", compare=False)

    def log_for(self, origin: str) -> PolicyLog | None:
        """The policy's log whose key name is `origin`, if any."""
        return next((log for log in self.logs if log.verifier.name == origin), None)

    def satisfied_by(self, cosigned: Iterable[str]) -> bool:
        """Whether witnesses named `cosigned` together meet the quorum."""
        done = set(cosigned) & set(self.witnesses)
        return self.quorum == NONE or self._witnessed(self.quorum, done)

    def _witnessed(self, name: str, done: set[str]) -> bool:
        group = self.groups.get(name)
        if group is None:
            return name in done
        count = sum(1 for member in group.members if self._witnessed(member, done))
        return count >= group.threshold


def _decode(text: str | bytes) -> str:
    raw = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text
    if len(raw) > MAX_POLICY_BYTES:
        raise PolicyError(f"a policy file is at most {MAX_POLICY_BYTES} bytes")
    bad = _FORBIDDEN.search(raw)
    if bad:
        line = raw.count(b"\n", 0, bad.start()) + 1
        raise PolicyError(f"line {line}: control character {bad.group()!r} is not allowed")
    return raw.decode("utf-8", "surrogateescape")


class _Builder:
    """Accumulates the definitions of a policy, checking each line against the previous ones."""

    def __init__(self) -> None:
        self.logs: list[PolicyLog] = []
        self.witnesses: dict[str, PolicyWitness] = {}
        self.groups: dict[str, Group] = {}
        self.quorum: str | None = None
        self.log_keys: set[bytes] = set()
        self.witness_keys: set[bytes] = set()
        self.members: set[str] = set()

    def _new_name(self, name: str) -> str:
        if name == NONE:
            raise PolicyError("the name 'none' is reserved")
        if name in self.witnesses or name in self.groups:
            raise PolicyError(f"name {name!r} is already defined")
        return name

    def _check_count(self, items: Mapping[str, object] | list[PolicyLog]) -> None:
        if len(items) >= MAX_ITEMS:
            raise PolicyError(f"a policy defines at most {MAX_ITEMS} of each kind")

    def log(self, args: list[str]) -> None:
        if len(args) not in (1, 2):
            raise PolicyError("want: log <vkey> [<url>]")
        self._check_count(self.logs)
        verifier = Verifier(args[0])
        digest = public_key_digest(args[0])
        if digest in self.log_keys:
            raise PolicyError("the same log key is listed twice")
        self.log_keys.add(digest)
        self.logs.append(PolicyLog(verifier, args[1] if len(args) == 2 else None))

    def witness(self, args: list[str]) -> None:
        if len(args) not in (2, 3):
            raise PolicyError("want: witness <name> <vkey> [<url>]")
        self._check_count(self.witnesses)
        name = self._new_name(args[0])
        verifier = cosigner_verifier(args[1])
        digest = public_key_digest(args[1])
        if digest in self.witness_keys:
            raise PolicyError("the same witness key is listed twice")
        self.witness_keys.add(digest)
        self.witnesses[name] = PolicyWitness(name, verifier, args[2] if len(args) == 3 else None)

    def group(self, args: list[str]) -> None:
        if len(args) < 3:
            raise PolicyError("want: group <name> all|any|<k> <member>...")
        self._check_count(self.groups)
        name, k, members = self._new_name(args[0]), args[1], args[2:]
        for member in members:
            if member not in self.witnesses and member not in self.groups:
                raise PolicyError(f"group member {member!r} is not defined on a preceding line")
            if member in self.members:
                raise PolicyError(f"{member!r} is already a group member")
            self.members.add(member)
        if k == "all":
            threshold = len(members)
        elif k == "any":
            threshold = 1
        elif _THRESHOLD.fullmatch(k) and int(k) <= len(members):
            threshold = int(k)
        else:
            raise PolicyError(f"threshold {k!r}: want all, any or 1..{len(members)}")
        self.groups[name] = Group(name, threshold, tuple(members))

    def set_quorum(self, args: list[str]) -> None:
        if len(args) != 1:
            raise PolicyError("want: quorum <name>")
        if self.quorum is not None:
            raise PolicyError("a policy has exactly one quorum line")
        if args[0] != NONE and args[0] not in self.witnesses and args[0] not in self.groups:
            raise PolicyError(f"quorum {args[0]!r} is not defined on a preceding line")
        self.quorum = args[0]


def parse_policy(text: str | bytes) -> Policy:
    """Parse a tlog-policy file; raises PolicyError saying which line is wrong."""
    decoded = _decode(text)
    builder = _Builder()
    actions = {
        "log": builder.log,
        "witness": builder.witness,
        "group": builder.group,
        "quorum": builder.set_quorum,
    }
    for number, line in enumerate(decoded.split("\n"), start=1):
        words = [w for w in _SEPARATORS.split(line) if w]
        if not words or words[0].startswith("#"):
            continue
        action = actions.get(words[0])
        try:
            if action is None:
                raise PolicyError(f"unknown keyword {words[0]!r}")
            action(words[1:])
        except (PolicyError, InvalidKeyError) as exc:
            raise PolicyError(f"line {number}: {exc}") from None
    if builder.quorum is None:
        raise PolicyError("the policy has no quorum line")
    return Policy(tuple(builder.logs), builder.witnesses, builder.groups, builder.quorum, decoded)


def read_policy_file(path: str | Path) -> Policy:
    """Parse the policy file at `path`; PolicyError when it is unreadable or malformed."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise PolicyError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return parse_policy(raw)
    except PolicyError as exc:
        raise PolicyError(f"{path}: {exc}") from None


@dataclass(frozen=True)
class WitnessedCheckpoint:
    """A checkpoint signed by a policy log, with the policy witnesses' valid cosignatures."""

    checkpoint: Checkpoint
    text: str
    log_signature: str
    cosignatures: Mapping[str, Cosignature]

    def note(self) -> str:
        """The signed note: the log's signature then each cosignature line."""
        lines = [self.log_signature, *(c.line for c in self.cosignatures.values())]
        return self.text + "\n" + "".join(lines)


def open_cosigned(
    note: str | bytes,
    log: Verifier,
    witnesses: Mapping[str, WitnessVerifier],
    now: int | None = None,
) -> WitnessedCheckpoint:
    """Open a checkpoint signed by `log`, keeping the valid cosignatures of `witnesses`.

    A known witness's line that does not verify rejects the note (signed-note
    rules); lines by unknown keys are ignored; a cosignature timestamped more
    than FUTURE_SKEW seconds after `now` is left out.
    """
    by_id: dict[tuple[str, int], str] = {(w.name, w.key_id): n for n, w in witnesses.items()}
    keys: list[NoteVerifier] = [log, *witnesses.values()]
    opened = open_note(note, keys)
    checkpoint = Checkpoint.parse(opened.text)
    log_sigs = [s for s in opened.signatures if (s.name, s.key_id) == (log.name, log.key_id)]
    if not log_sigs:
        raise NoteError(f"checkpoint is not signed by the log key {log.name}+{log.key_id:08x}")
    if checkpoint.origin != log.name:
        raise NoteError(f"checkpoint is for origin {checkpoint.origin!r}, not {log.name!r}")
    limit = (int(time.time()) if now is None else now) + FUTURE_SKEW
    cosignatures: dict[str, Cosignature] = {}
    for sig in opened.signatures:
        name = by_id.get((sig.name, sig.key_id))
        if name is None or (stamp := timestamp_of(sig)) > limit:
            continue
        cosignatures[name] = Cosignature(sig.name, sig.key_id, stamp, signature_line(sig))
    return WitnessedCheckpoint(checkpoint, opened.text, signature_line(log_sigs[0]), cosignatures)


def open_witnessed(
    note: str | bytes, policy: Policy, now: int | None = None
) -> WitnessedCheckpoint:
    """Open a checkpoint by one of the policy's logs; raise QuorumError below the quorum."""
    text_origin = _origin_of(note)
    log = policy.log_for(text_origin)
    if log is None:
        raise NoteError(f"origin {text_origin!r} is not a log of the policy")
    verifiers = {name: w.verifier for name, w in policy.witnesses.items()}
    opened = open_cosigned(note, log.verifier, verifiers, now)
    if not policy.satisfied_by(opened.cosignatures):
        names = ", ".join(sorted(opened.cosignatures)) or "no witness"
        raise QuorumError(
            f"checkpoint of size {opened.checkpoint.size} is cosigned by {names}: "
            f"that does not meet the quorum {policy.quorum!r}"
        )
    return opened


def _origin_of(note: str | bytes) -> str:
    raw = note.decode("utf-8", "replace") if isinstance(note, bytes) else note
    return raw.split("\n", 1)[0]


def pin_witnessed(
    fetch: Fetch, policy: Policy, now: int | None = None
) -> tuple[Fetch, WitnessedCheckpoint]:
    """Fetch a published log's checkpoint once and check it against `policy`.

    Returns a fetch that serves that same note as `checkpoint` (so an audit that follows
    checks the checkpoint that met the quorum, not a newer one) and the opened checkpoint.
    Raises VerificationError when it is missing or does not meet the policy.
    """
    try:
        note = fetch("checkpoint")
    except NotFoundError as exc:
        raise VerificationError(f"no checkpoint: {exc}") from None
    try:
        witnessed = open_witnessed(note, policy, now)
    except NoteError as exc:
        raise VerificationError(f"checkpoint does not meet the witness policy: {exc}") from None

    def pinned(path: str) -> bytes:
        return note if path == "checkpoint" else fetch(path)

    return pinned, witnessed
