"""Throttle password guessing on the sign-in forms (admin and moderation).

A small middleware on the `ratelimit` cache rather than django-axes: no new dependency, no
tables, and it covers any login form by its path, whichever app serves it. A failed sign-in
re-renders the form (200); after `LOGIN_FAILURE_LIMIT` of them from one client address within
`LOGIN_FAILURE_WINDOW` seconds, further POSTs are refused with 429 until the window ends, before
the password is even checked. Successful sign-ins (a redirect) are not counted.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from pactlog.web import ratelimit
from pactlog.web.clients import client_ip
from pactlog.web.errors import error_page

Handler = Callable[[HttpRequest], HttpResponse]
BUCKET = "login-failures"


def login_paths() -> tuple[str, ...]:
    return tuple(getattr(settings, "LOGIN_THROTTLE_PATHS", ("/admin/login/", "/moderation/login/")))


class LoginThrottleMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = int(getattr(settings, "LOGIN_FAILURE_LIMIT", 10))
        if request.method != "POST" or limit <= 0 or request.path not in login_paths():
            return self.get_response(request)
        window = int(getattr(settings, "LOGIN_FAILURE_WINDOW", 900))
        who = client_ip(request)
        if ratelimit.peek(BUCKET, who, window) >= limit:
            verdict = ratelimit.count(BUCKET, who, limit, window, cost=0)
            minutes = max(1, (verdict.retry_after + 59) // 60)
            message = _(
                "Too many failed sign-ins from this address; try again in %(minutes)s minutes."
            ) % {"minutes": minutes}
            response = error_page(request, 429, message)
            response["Retry-After"] = str(verdict.retry_after)
            return response
        response = self.get_response(request)
        if response.status_code == 200:  # the form came back: the sign-in failed
            ratelimit.count(BUCKET, who, limit, window)
        return response
