"""A reader's mistake becomes a 400/404 page or `{"detail"}` JSON in their language, never a 500."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from pactlog.registry.dates import DateError
from pactlog.registry.queries import NotFound, QueryError

View = Callable[..., HttpResponse]


def shown(message: str) -> str:
    """A message as an answer may carry it: control characters (a raw NUL from a parameter)
    become U+FFFD, so no answer ever echoes them."""
    return "".join("\ufffd" if unicodedata.category(ch) == "Cc" and ch not in "\n\t" else ch
                   for ch in str(message))  # fmt: skip


def error_page(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """The site's error page (its template is the site's, found by name)."""
    message = shown(message)
    title = _("Page not found") if status == 404 else _("This request cannot be answered")
    return render(
        request,
        "site/error.html",
        {"title": title, "message": message, "status": status},
        status=status,
    )


def json_error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"detail": shown(message)}, status=status)


def status_of(error: Exception) -> int:
    return 404 if isinstance(error, NotFound) else 400


MISTAKES = (NotFound, QueryError, DateError)


def answers_mistakes(view: View) -> View:
    """Turn NotFound / QueryError / DateError into 404 / 400 pages."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except MISTAKES as error:
            return error_page(request, status_of(error), str(error))

    return wrapper


def answers_mistakes_json(view: View) -> View:
    """The same for machine-readable answers (exports, counters): `{"detail": ...}`."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except MISTAKES as error:
            return json_error(status_of(error), str(error))

    return wrapper
