"""The data dir holds the database, the secret key, the log's signing key and e-mails with live
tokens: it is made 0700 and the files in it 0600 at every start, whatever the umask.

The folders nginx serves (`PACTLOG_PUBLISH_DIR`, `STATIC_ROOT`) are public by design. When one
of them lies inside the data dir (the zero-setup default), the data dir is 0711 instead: other
users may pass through to those folders but cannot list it, and every file in it stays 0600.
A deployment keeps them outside (`pactlog check --deploy` warns, pactlog.W004).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

DIR_MODE = 0o700
PASS_THROUGH_MODE = 0o711
FILE_MODE = 0o600


def _chmod(path: Path, mode: int) -> None:
    try:
        if stat.S_IMODE(path.stat().st_mode) != mode:
            path.chmod(mode)
    except (FileNotFoundError, PermissionError):
        pass  # not ours (a shared folder): nothing to tighten, nothing to break


def inside(folder: Path, others: Iterable[Path | None]) -> bool:
    """One of `others` is `folder` or lies under it."""
    root = folder.resolve()
    for other in others:
        if other is not None:
            path = Path(other).resolve()
            if path == root or root in path.parents:
                return True
    return False


def secure_data_dir(folder: Path, served: Iterable[Path | None] = ()) -> None:
    """Create `folder` 0700 (0711 when a folder in `served` lies inside it) and tighten the
    files directly in it to 0600."""
    mode = PASS_THROUGH_MODE if inside(folder, served) else DIR_MODE
    folder.mkdir(mode=mode, parents=True, exist_ok=True)
    _chmod(folder, mode)
    for path in folder.iterdir():
        if path.is_file() and not path.is_symlink():
            _chmod(path, FILE_MODE)


def secure_database(name: str) -> None:
    """A SQLite database and its `-wal`/`-shm` files 0600 (SQLite creates them by the umask)."""
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    for suffix in ("", "-wal", "-shm"):
        _chmod(Path(name + suffix), FILE_MODE)


def write_private(path: Path, data: bytes) -> None:
    """Write a new file that only its owner can read, from the first byte."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "wb") as file:
        file.write(data)
