"""The witness's Ed25519 cosignature/v1 key: `PACTLOG_WITNESS_KEY`, else a file in the data dir.

`pactlog witness init --name NAME` creates the file once (mode 0600 from the start, linked into
place by `pactlog.keyfiles`, so two processes starting together never make two keys). The key's
name is the witness's name; its verifier key (type 0x04) is what logs and verifiers list.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from pactlog.keyfiles import read_or_create
from pactlog.tlog import Cosigner, InvalidKeyError


def key_file() -> Path:
    return Path(getattr(settings, "WITNESS_KEY_FILE", Path(settings.DATA_DIR) / "witness_key"))


def _parse(text: str) -> Cosigner:
    try:
        return Cosigner.from_key(text)
    except InvalidKeyError as exc:
        raise ImproperlyConfigured(f"the witness key is not a valid key: {exc}") from None


def create(name: str) -> Cosigner:
    """The witness key, made now under `name` unless one exists (then it must bear that name)."""
    configured = getattr(settings, "WITNESS_KEY", "")
    text = configured or read_or_create(key_file(), lambda: Cosigner.generate(name).signer_key)
    key = _parse(text)
    if key.name != name:
        raise ImproperlyConfigured(
            f"this witness already has a key, named {key.name!r}; a witness keeps its key"
        )
    cosigner.cache_clear()
    return key


@cache
def cosigner() -> Cosigner:
    """The witness key; ImproperlyConfigured until `pactlog witness init` made one."""
    configured = getattr(settings, "WITNESS_KEY", "")
    if configured:
        return _parse(configured)
    try:
        return _parse(key_file().read_text().strip())
    except FileNotFoundError:
        raise ImproperlyConfigured(
            f"no witness key at {key_file()}: run `pactlog witness init --name NAME` first"
        ) from None
