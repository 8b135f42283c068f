"""The instance's witness policy: the tlog-policy file named by `PACTLOG_LOG_POLICY`.

Read again when the file changes (its size and modification time), so a new witness needs no
restart. The policy must list this instance's log key; it is published at `/log/policy`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from pactlog import memos
from pactlog.log import keys
from pactlog.tlog import Policy, PolicyError, parse_policy

log = logging.getLogger(__name__)

_cache: dict[tuple[str, int, int], Policy] = {}
memos.register(_cache.clear)


def policy_path() -> Path | None:
    configured = str(getattr(settings, "LOG_POLICY", "") or "")
    return Path(configured) if configured else None


def load() -> Policy | None:
    """The policy, or None when the instance has none; ImproperlyConfigured if it is unusable."""
    path = policy_path()
    if path is None:
        return None
    try:
        stat = path.stat()
        cache_key = (str(path), stat.st_mtime_ns, stat.st_size)
        if cache_key in _cache:
            return _cache[cache_key]
        policy = parse_policy(path.read_bytes())
    except OSError as exc:
        raise ImproperlyConfigured(f"cannot read PACTLOG_LOG_POLICY {path}: {exc}") from None
    except PolicyError as exc:
        raise ImproperlyConfigured(f"PACTLOG_LOG_POLICY {path}: {exc}") from None
    if policy.log_for(keys.origin()) is None or all(
        entry.verifier.key != keys.verifier_key() for entry in policy.logs
    ):
        raise ImproperlyConfigured(
            f"PACTLOG_LOG_POLICY {path} does not list this log's key {keys.verifier_key()}"
        )
    _cache.clear()
    _cache[cache_key] = policy
    return policy


def load_or_none() -> Policy | None:
    """load() for readers that must keep serving: a broken policy is logged and ignored."""
    try:
        return load()
    except ImproperlyConfigured:
        log.exception("the witness policy is unusable; serving the log's own checkpoint")
        return None
