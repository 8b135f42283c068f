"""Whole rendered pages cached per registry version, language, path and the parameters read.

Pages change only when an event is written, so a page rendered once serves every reader until
the registry's version moves on (the key includes it, through `caching.cached`). The key holds
only the query parameters the view declares (`web.reads.public_read`), in a canonical order, so
`?junk=N` or a reordered query string maps to the same entry; a request carrying a parameter
the view does not declare is answered without the cache (correct, never stored). A request
with a session cookie (signed-in staff, whose footer differs) neither reads nor fills it. Only 200
answers are stored; every entry expires after `settings.CACHE_TIMEOUT` seconds, so entries of
old registry versions go away even on a Redis that is never flushed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from pactlog.registry.caching import cached_if
from pactlog.registry.dates import today
from pactlog.web.params import clean_text
from pactlog.web.sessions import carries_session

View = Callable[..., HttpResponse]
KEPT_HEADERS = ("Content-Type", "Content-Security-Policy", "Access-Control-Allow-Origin")
#: Longest parameter value that can be part of a key (longer ones are refused by the parsers).
MAX_VALUE = 256


def page_key(request: HttpRequest, names: tuple[str, ...]) -> str | None:
    """The key of this request's page, or None when it must not come from the cache (nor go
    into it): a parameter the view does not read, or a session (a signed-in page is not the
    anonymous one, and the key holds no user)."""
    if any(name not in names for name in request.GET) or carries_session(request):
        return None
    parts = [request.path, today().isoformat()]  # a page without as_of is "as of today"
    for name in names:
        values = request.GET.getlist(name)
        if len(values) > 1 or any(len(v) > MAX_VALUE for v in values):
            return None
        parts.append(f"{name}={clean_text(values[0]) if values else ''}")
    digest = hashlib.sha256("\x00".join(parts).encode()).hexdigest()
    return f"site:page:{get_language()}:{digest}"


def cache_page_by_version(view: View, names: tuple[str, ...] = ()) -> View:
    """Answer with the stored copy (status, body, content headers) when there is one; `names`
    are the query parameters the view reads (its declaration's, `web.reads`)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = page_key(request, names)
        if key is None:
            return view(request, *args, **kwargs)

        def render() -> tuple[int, bytes, dict[str, str]]:
            response = view(request, *args, **kwargs)
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            return response.status_code, response.content, headers

        status, body, headers = cached_if(key, render, lambda answer: answer[0] == 200)
        response = HttpResponse(body, status=status)
        for name, value in headers.items():
            response[name] = value
        return response

    return wrapper
