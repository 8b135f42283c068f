"""The log entry's format, as the registry writes its events: the code lives in
`pactlog.verifier.entries`, pure Python shipped in the stand-alone verifier too, so that the
writer, the integrator and the outside verifier build and read entries with the same functions."""

from pactlog.verifier.entries import (
    MAX_ENTRY_SIZE,
    EntryError,
    entry_bytes,
    parse_entry,
    timestamp,
    too_large,
)

__all__ = ["MAX_ENTRY_SIZE", "EntryError", "entry_bytes", "parse_entry", "timestamp", "too_large"]
