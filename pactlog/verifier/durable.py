"""Atomic, durable file writes (the Atom file, e-mails written as files): a reader sees the old
file or the new one, never half of one, and a power cut after the call keeps the new one."""

from __future__ import annotations

from pathlib import Path

from pactlog.tlog.filelog import fsync_dir
from pactlog.tlog.filelog import write_atomic as _write_file


def write_atomic(target: Path, data: bytes) -> None:
    """Write through a fsync'ed temporary file, rename it over `target`, fsync the folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_file(target, data)
    fsync_dir(target.parent)
