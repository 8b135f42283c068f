"""A per-client budget for expensive HTML pages (`PAGE_BUDGET` requests a minute; 0: off).

A page like `/changes/` over a wide range costs hundreds of milliseconds and kilobytes: a few
clients asking for it in a loop slowed every cheap page. These views draw on a budget per
client address (`web.clients.client_ip`) counted in the `ratelimit` cache (shared by every
process with `REDIS_URL`); past it, a 429 page with `Retry-After`. Views opt in by name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from pactlog.web import ratelimit
from pactlog.web.clients import client_ip
from pactlog.web.errors import error_page

Handler = Callable[[HttpRequest], HttpResponse]
WINDOW_SECONDS = 60
#: URL names of the pages that draw on the budget.
EXPENSIVE = frozenset({"site:changes"})


class PageBudgetMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        limit = int(getattr(settings, "PAGE_BUDGET", 0))
        match = request.resolver_match
        if limit <= 0 or match is None or match.view_name not in EXPENSIVE:
            return None
        verdict = ratelimit.count("pages", client_ip(request), limit, WINDOW_SECONDS)
        if verdict.allowed:
            return None
        message = _("Too many requests for this page: please wait %(seconds)s seconds.") % {
            "seconds": verdict.retry_after
        }
        response = error_page(request, 429, message)
        response["Retry-After"] = str(verdict.retry_after)
        return response
