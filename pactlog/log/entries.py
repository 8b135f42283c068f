"""The log entry's format lives in the registry (`pactlog.registry.entries`), which writes
events that must fit in an entry; this name is kept for code that reads entries from here."""

from pactlog.registry.entries import (  # noqa: F401
    MAX_ENTRY_SIZE,
    EntryError,
    entry_bytes,
    parse_entry,
    timestamp,
    too_large,
)
