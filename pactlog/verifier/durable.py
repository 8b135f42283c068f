"""Atomic, durable file writes: a reader sees the old file or the new one, never half of one,
and a power cut after the call returns keeps the new one."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(target: Path, data: bytes) -> None:
    """Write to a temporary name, fsync, rename over `target`, fsync the directory."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, target)
    fsync_dir(target.parent)


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
