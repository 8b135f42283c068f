"""Cross-origin reads and a per-client rate limit for public data (the API, the downloads).

Anyone may read the registry from any site, so GET answers carry `Access-Control-Allow-Origin: *`;
nothing there reads cookies, so that is safe. The rate limit counts requests per client in
fixed one-minute windows in the `ratelimit` cache (shared between processes when REDIS_URL is set).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from pactlog.api.api import api
from pactlog.web import ratelimit
from pactlog.web.clients import client_ip
from pactlog.web.reads import allow_any_origin, declaration_of

__all__ = ["CorsMiddleware", "RateLimitMiddleware", "client_ip"]

READ_METHODS = ("GET", "HEAD")
WINDOW_SECONDS = 60
#: Set on a request whose view serves public data, for the answer's way out.
MARK = "pactlog_public_data"

Handler = Callable[[HttpRequest], HttpResponse]
ViewArgs = tuple[Any, ...]


def is_api(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and api.urls_namespace in match.namespaces


def is_public(request: HttpRequest, view: object) -> bool:
    """Public data: the API's operations and views declared readable from any origin."""
    declaration = declaration_of(view)
    return is_api(request) or (declaration is not None and declaration.cross_origin)


def is_limited(request: HttpRequest, view: object) -> bool:
    """Counted against the client's budget: the API and the views declared `rate_limited`."""
    declaration = declaration_of(view)
    return is_api(request) or (declaration is not None and declaration.rate_limited)


class CorsMiddleware:
    """Allow any origin to GET public data, including a preflight for If-None-Match.

    Which requests are public data is known once the URL is resolved (`process_view`): the
    API's and the views that declare it (`web.reads`), with no list of paths here."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def process_view(
        self, request: HttpRequest, view: object, args: ViewArgs, kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        if not is_public(request, view):
            return None
        setattr(request, MARK, True)
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match"
            response["Access-Control-Max-Age"] = "86400"
            return response
        return None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, MARK, False) and request.method in (*READ_METHODS, "OPTIONS"):
            allow_any_origin(response)
        return response


class RateLimitMiddleware:
    """At most `settings.API_RATE_LIMIT` requests a minute per client; 0 turns it off.

    The client is `web.clients.client_ip` (X-Forwarded-For from trusted proxies only); the
    counters are in the `ratelimit` cache, apart from the pages."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: object, args: ViewArgs, kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        limit = int(getattr(settings, "API_RATE_LIMIT", 0))
        if limit <= 0 or not is_limited(request, view):
            return None
        verdict = ratelimit.count("api", client_ip(request), limit, WINDOW_SECONDS)
        if not verdict.allowed:
            message = _(
                "rate limit: at most %(limit)s requests a minute; retry in %(seconds)s s"
            ) % {"limit": limit, "seconds": verdict.retry_after}
            response = JsonResponse({"detail": message}, status=429)
            response["Retry-After"] = str(verdict.retry_after)
            return response
        return None
