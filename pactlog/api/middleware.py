"""Cross-origin reads and a per-client rate limit for the public data URLs (`/api/`, `/exports/`).

Anyone may read the registry from any site, so GET answers carry `Access-Control-Allow-Origin: *`;
nothing there reads cookies, so that is safe. The rate limit counts requests per client IP in
fixed one-minute windows in Django's cache (shared between processes when REDIS_URL is set).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse

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
    """At most `settings.API_RATE_LIMIT` requests a minute per client IP; 0 turns it off."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = int(getattr(settings, "API_RATE_LIMIT", 0))
        if limit <= 0 or not is_public(request):
            return self.get_response(request)
        now = time.time()
        window = int(now // WINDOW_SECONDS)
        key = f"pactlog:ratelimit:{client_ip(request)}:{window}"
        cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
        try:
            used = cache.incr(key)
        except ValueError:  # evicted between add and incr: count this request as the first
            cache.set(key, 1, timeout=WINDOW_SECONDS * 2)
            used = 1
        if used > limit:
            retry_after = max(1, int((window + 1) * WINDOW_SECONDS - now) + 1)
            message = f"rate limit: at most {limit} requests a minute; retry in {retry_after} s"
            response = JsonResponse({"detail": message}, status=429)
            response["Retry-After"] = str(retry_after)
            return response
        return self.get_response(request)


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR: a reverse proxy in front must set it to the real client's address."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")
