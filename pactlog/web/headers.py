"""A strict Content-Security-Policy on every answer; framing only where a view allows it.

Scripts, styles, images and fonts come from this site only, with no inline code (the charts read
their data from `json_script` blocks, which are data, not code). Pages may not be framed
(`frame-ancestors 'none'`) except those marked `embeddable` (the counters embed and its error
pages), which any site may frame. Written without django-csp: one policy, one header.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.clickjacking import xframe_options_exempt

Handler = Callable[[HttpRequest], HttpResponse]
HEADER = "Content-Security-Policy"

DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
)


def policy(frame_ancestors: str = "'none'") -> str:
    return "; ".join((*DIRECTIVES, f"frame-ancestors {frame_ancestors}"))


STRICT = policy()
EMBEDDABLE = policy("*")


def embeddable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Any site may frame what this view answers, error pages included."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response[HEADER] = EMBEDDABLE
        return response

    return xframe_options_exempt(wrapper)


class ContentSecurityPolicyMiddleware:
    """The strict policy on every answer that does not carry its own."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if HEADER not in response:
            response[HEADER] = STRICT
        return response
