"""C2SP checkpoints (c2sp.org/tlog-checkpoint): a log's signed tree head.

The note text is exactly

    <origin>\\n
    <tree size, decimal, no leading zeros>\\n
    <root hash, standard base64 of 32 bytes>\\n
    [<extension line>\\n ...]

Parsing is strict (canonical numbers and base64, non-empty lines), so a
checkpoint has a single textual form and two parties that agree on it agree on
its bytes.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pactlog.tlog.errors import NoteError
from pactlog.tlog.hashing import HASH_SIZE
from pactlog.tlog.note import Signer, Verifier, open_note, sign_note

_SIZE = re.compile(r"0|[1-9][0-9]{0,19}")
MAX_SIZE = 2**63 - 1


@dataclass(frozen=True)
class Checkpoint:
    """A tree head: origin, size and root, with optional extension lines."""

    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if not isinstance(self.origin, str) or not self.origin or "\n" in self.origin:
            raise NoteError("a checkpoint origin is a non-empty single line")
        if isinstance(self.size, bool) or not isinstance(self.size, int):
            raise NoteError("a checkpoint size is an integer")
        if not 0 <= self.size <= MAX_SIZE:
            raise NoteError(f"checkpoint size {self.size} is out of range")
        if not isinstance(self.root, bytes) or len(self.root) != HASH_SIZE:
            raise NoteError(f"a checkpoint root is {HASH_SIZE} bytes")
        extensions = tuple(self.extensions)
        for line in extensions:
            if not isinstance(line, str) or not line or "\n" in line:
                raise NoteError("checkpoint extension lines are non-empty single lines")
        object.__setattr__(self, "extensions", extensions)

    def text(self) -> str:
        """The note text of this checkpoint (what gets signed)."""
        root64 = base64.b64encode(self.root).decode("ascii")
        lines = [self.origin, str(self.size), root64, *self.extensions]
        return "".join(line + "\n" for line in lines)

    def sign(self, signer: Signer, *cosigners: Signer) -> str:
        """The signed note of this checkpoint."""
        return sign_note(self.text(), signer, *cosigners)

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        """Parse checkpoint note text (the part before the signatures)."""
        if not text.endswith("\n"):
            raise NoteError("checkpoint text must end in a newline")
        lines = text[:-1].split("\n")
        if len(lines) < 3:
            raise NoteError("a checkpoint has at least three lines: origin, size and root")
        origin, size_line, root_line, *extensions = lines
        if not origin:
            raise NoteError("checkpoint origin is empty")
        if not _SIZE.fullmatch(size_line) or int(size_line) > MAX_SIZE:
            raise NoteError(f"invalid checkpoint tree size {size_line!r}")
        try:
            root = base64.b64decode(root_line.encode("ascii"), validate=True)
        except (ValueError, UnicodeEncodeError):
            raise NoteError(f"invalid checkpoint root hash {root_line!r}") from None
        if len(root) != HASH_SIZE or base64.b64encode(root).decode() != root_line:
            raise NoteError(f"invalid checkpoint root hash {root_line!r}")
        if any(not line for line in extensions):
            raise NoteError("checkpoint extension lines must not be empty")
        return cls(origin, int(size_line), root, tuple(extensions))


def open_checkpoint(
    note: str | bytes,
    verifier: Verifier | Iterable[Verifier],
    origin: str | None = None,
) -> Checkpoint:
    """Verify a signed checkpoint and parse it.

    `verifier` is the log's key (or several accepted keys). With `origin`, the
    checkpoint must also be for that log. Raises NoteError otherwise.
    """
    opened = open_note(note, verifier)
    checkpoint = Checkpoint.parse(opened.text)
    if origin is not None and checkpoint.origin != origin:
        raise NoteError(f"checkpoint is for origin {checkpoint.origin!r}, not {origin!r}")
    return checkpoint
