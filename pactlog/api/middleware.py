"""Cross-origin reads and a per-client rate limit for the public data URLs (`/api/`, `/exports/`).

Anyone may read the registry from any site, so GET answers carry `Access-Control-Allow-Origin: *`;
nothing there reads cookies, so that is safe. The rate limit counts requests per client in
fixed one-minute windows in the `ratelimit` cache (shared between processes when REDIS_URL is set).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from pactlog.web import ratelimit
from pactlog.web.clients import client_ip

__all__ = ["CorsMiddleware", "RateLimitMiddleware", "client_ip"]

PUBLIC_PREFIXES = ("/api/", "/exports/")
READ_METHODS = ("GET", "HEAD")
WINDOW_SECONDS = 60

Handler = Callable[[HttpRequest], HttpResponse]


def is_public(request: HttpRequest) -> bool:
    return request.path.startswith(PUBLIC_PREFIXES)


class CorsMiddleware:
    """Allow any origin to GET public data, including a preflight for If-None-Match."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_public(request):
            return self.get_response(request)
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match"
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = self.get_response(request)
        if request.method in (*READ_METHODS, "OPTIONS"):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "ETag, Retry-After, Content-Disposition"
        return response


class RateLimitMiddleware:
    """At most `settings.API_RATE_LIMIT` requests a minute per client; 0 turns it off.

    The client is `web.clients.client_ip` (X-Forwarded-For from trusted proxies only); the
    counters are in the `ratelimit` cache, apart from the pages."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = int(getattr(settings, "API_RATE_LIMIT", 0))
        if limit <= 0 or not is_public(request):
            return self.get_response(request)
        verdict = ratelimit.count("api", client_ip(request), limit, WINDOW_SECONDS)
        if not verdict.allowed:
            message = _(
                "rate limit: at most %(limit)s requests a minute; retry in %(seconds)s s"
            ) % {"limit": limit, "seconds": verdict.retry_after}
            response = JsonResponse({"detail": message}, status=429)
            response["Retry-After"] = str(verdict.retry_after)
            return response
        return self.get_response(request)
