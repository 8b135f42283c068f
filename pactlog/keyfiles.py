"""Secret files (the secret key, signing keys) created once, race-safe, never world-readable.

The content is written to a private temporary file (`O_CREAT | O_EXCL`, mode 0600 from the
start) and then hard-linked to its name, which fails if it exists: when several workers start
together, exactly one key wins and every worker reads that one, never a half-written file.
No Django import: the settings module uses it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path


def read_or_create(path: Path, make: Callable[[], str] = lambda: secrets.token_urlsafe(50)) -> str:
    """The file's content (stripped), creating it with `make()` first if it does not exist."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as file:
            file.write(make())
            file.flush()
            os.fsync(file.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process won the race: use its key
    finally:
        temporary.unlink(missing_ok=True)
    return path.read_text().strip()
