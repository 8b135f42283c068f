"""The exceptions of pactlog.tlog, all under TlogError.

Callers that only need "did it verify" catch TlogError; each subclass says which
layer refused (proof arithmetic, note signatures, storage, tile formats, network).
"""

from __future__ import annotations


class TlogError(Exception):
    """Base class of every error raised on purpose by pactlog.tlog."""


class ProofError(TlogError, ValueError):
    """A proof, or the values it is checked against, does not verify."""


class NoteError(TlogError, ValueError):
    """A signed note (or checkpoint) is malformed or does not verify."""


class InvalidKeyError(NoteError):
    """A signer or verifier key string is malformed or inconsistent."""


class LogError(TlogError):
    """A log operation that cannot be carried out (bad argument, corrupt store)."""


class EntryTooLargeError(LogError, ValueError):
    """An entry is longer than an entry bundle can carry (65,535 bytes)."""


class TileError(TlogError, ValueError):
    """A tile path, hash tile or entry bundle is malformed."""


class FetchError(TlogError):
    """A published file could not be read (I/O error, HTTP error, unreachable host)."""


class NotFoundError(FetchError):
    """A published file does not exist."""


class VerificationError(TlogError):
    """An audit of a published log found something that does not agree."""
