"""The log's entries: the code lives in `pactlog.verifier.entries` (shipped in the stand-alone
verifier too); this name stays for the application's modules."""

from pactlog.verifier.entries import (
    MAX_ENTRY_SIZE,
    EntryError,
    entry_bytes,
    parse_entry,
    timestamp,
    too_large,
)

__all__ = ["MAX_ENTRY_SIZE", "EntryError", "entry_bytes", "parse_entry", "timestamp", "too_large"]
