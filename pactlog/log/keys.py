"""The log's signing key and origin (settings `PACTLOG_LOG_KEY`, `PACTLOG_LOG_ORIGIN`).

Without `PACTLOG_LOG_KEY` the key is generated on first use into the data directory, created
atomically with O_CREAT|O_EXCL and mode 0600, so two processes starting together never make two
keys: the loser of the race reads the winner's file.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from pactlog.tlog import InvalidKeyError, Signer


def origin() -> str:
    return str(settings.LOG_ORIGIN)


def _read_or_create(path: Path, name: str) -> str:
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Signer.generate(name).signer_key
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _wait_for(path)
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return key


def _wait_for(path: Path) -> str:
    """Another process created the file an instant ago: read it once it has its line."""
    import time

    for _ in range(100):
        text = path.read_text().strip()
        if text:
            return text
        time.sleep(0.01)
    raise ImproperlyConfigured(f"{path} is empty: delete it or set PACTLOG_LOG_KEY")


@cache
def signer() -> Signer:
    """The instance's log signer; its key name must be the log's origin."""
    text = settings.LOG_KEY or _read_or_create(Path(settings.LOG_KEY_FILE), origin())
    try:
        key = Signer.from_key(text)
    except InvalidKeyError as exc:
        raise ImproperlyConfigured(f"the log key is not a valid signer key: {exc}") from None
    if key.name != origin():
        raise ImproperlyConfigured(
            f"the log key is named {key.name!r} but PACTLOG_LOG_ORIGIN is {origin()!r}: "
            "a log's key name is its origin"
        )
    return key


def verifier_key() -> str:
    return signer().verifier_key
