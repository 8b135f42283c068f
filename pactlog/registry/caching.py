"""HTTP and fragment caching keyed by the registry's version: its event count.

Every public change writes an event, so the count changes exactly when any answer may change:
caches are invalidated by that number, never by a timer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import get_language
from django.views.decorators.http import condition

from pactlog.registry.services import event_count

T = TypeVar("T")


def registry_version() -> int:
    return event_count()


def registry_etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    """An ETag for any public GET: the registry version and the language it is rendered in."""
    return f"v{registry_version()}-{get_language() or 'en'}"


#: Decorator for public views: adds the ETag and answers a matching If-None-Match with 304.
etag_by_registry_version = condition(etag_func=registry_etag)


def cached(key: str, compute: Callable[[], T], timeout: int | None = None) -> T:
    """`compute()`, cached under `key` for the current registry version."""
    versioned = f"pactlog:{registry_version()}:{key}"
    value = cache.get(versioned)
    if value is None:
        value = compute()
        cache.set(versioned, value, timeout)
    return value
