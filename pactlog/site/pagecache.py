"""Whole rendered pages cached per registry version, language and full path.

Pages change only when an event is written, so a page rendered once serves every reader until
the registry's version moves on (the key includes it, through `caching.cached`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from pactlog.registry.caching import cached

View = Callable[..., HttpResponse]
KEPT_HEADERS = ("Content-Type", "Content-Security-Policy", "Access-Control-Allow-Origin")


def cache_page_by_version(view: View) -> View:
    """Answer with the stored copy (status, body, content headers) when there is one."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        where = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"site:page:{get_language()}:{where}"

        def render() -> tuple[int, bytes, dict[str, str]]:
            response = view(request, *args, **kwargs)
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            return response.status_code, response.content, headers

        status, body, headers = cached(key, render)
        response = HttpResponse(body, status=status)
        for name, value in headers.items():
            response[name] = value
        return response

    return wrapper
