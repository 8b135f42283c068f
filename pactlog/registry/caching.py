"""HTTP and fragment caching keyed by the registry's version: its event count, plus the
changes of bookkeeping that answers show (`services.answers_version`).

Every public change writes an event, and an import that only read its source again moves the
provenance the pages show, so the version changes exactly when any answer may change: caches
are invalidated by that number, never by a timer.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import get_language
from django.views.decorators.http import condition

from pactlog.registry.dates import today
from pactlog.registry.services import answers_version

T = TypeVar("T")


#: Within a read request, the version read once (ETag, page cache, fragment caches all ask).
_read_once: ContextVar[list[int] | None] = ContextVar("pactlog_registry_version", default=None)


def registry_version() -> int:
    held = _read_once.get()
    if held is None:
        return answers_version()
    if not held:
        held.append(answers_version())
    return held[0]


class RegistryVersionMiddleware:
    """Reads the registry's version at most once per GET or HEAD request, on first use.

    A read request cannot change the registry, so every part of one answer may share one
    version; requests that may write always read it afresh.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        token = _read_once.set([])
        try:
            return self.get_response(request)
        finally:
            _read_once.reset(token)


def registry_etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    """An ETag for any public GET: the registry version, the day (what "as of today" means) and
    the language it is rendered in."""
    return f"v{registry_version()}-{today().isoformat()}-{get_language() or 'en'}"


#: Decorator for public views: adds the ETag and answers a matching If-None-Match with 304.
etag_by_registry_version = condition(etag_func=registry_etag)


def cached(key: str, compute: Callable[[], T], timeout: int | None = None) -> T:
    """`compute()`, cached under `key` for the current registry version, for `timeout`
    seconds (default: the cache's own, `settings.CACHE_TIMEOUT`: old versions expire)."""
    return cached_if(key, compute, lambda value: True, timeout)


def cached_if(
    key: str, compute: Callable[[], T], keep: Callable[[T], bool], timeout: int | None = None
) -> T:
    """`cached`, storing only values for which `keep(value)` holds (e.g. no error pages)."""
    versioned = f"pactlog:{registry_version()}:{portable_key(key)}"
    value: T | None = cache.get(versioned)
    if value is None:
        value = compute()
        if keep(value):
            cache.set(versioned, value, DEFAULT_TIMEOUT if timeout is None else timeout)
    return value


#: What every cache backend accepts in a key (memcached: no spaces or control characters, at
#: most 250 bytes with Django's prefix and version).
_PORTABLE = re.compile(r"[!-~]{1,180}", re.ASCII)


def portable_key(key: str) -> str:
    """`key` itself when any backend takes it, else its digest: keys may hold what readers
    typed (a search), which must work the same on memcached, Redis and in memory."""
    if _PORTABLE.fullmatch(key):
        return key
    return "sha256:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def language_neutral_etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    """The ETag of answers that are the same in every language: the version and the day."""
    return f"v{registry_version()}-{today().isoformat()}"
