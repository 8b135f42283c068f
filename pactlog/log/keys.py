"""The log's signing key and origin (settings `PACTLOG_LOG_KEY`, `PACTLOG_LOG_ORIGIN`).

Without `PACTLOG_LOG_KEY` the key is generated on first use into the data directory, created
once by `pactlog.keyfiles` (mode 0600 from the start, linked into place), so two processes
starting together never make two keys: the loser of the race reads the winner's file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from pactlog import memos
from pactlog.keyfiles import read_or_create
from pactlog.tlog import InvalidKeyError, Signer


def origin() -> str:
    return str(settings.LOG_ORIGIN)


@cache
def signer() -> Signer:
    """The instance's log signer; its key name must be the log's origin."""
    text = settings.LOG_KEY or read_or_create(
        Path(settings.LOG_KEY_FILE), lambda: Signer.generate(origin()).signer_key
    )
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


memos.register(signer.cache_clear)


def verifier_key() -> str:
    return signer().verifier_key
