"""User mistakes become 400/404 pages that say what to fix, never a 500."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from pactlog.registry.dates import DateError
from pactlog.registry.queries import NotFound, QueryError

View = Callable[..., HttpResponse]


def error_page(request: HttpRequest, status: int, message: str) -> HttpResponse:
    title = _("Page not found") if status == 404 else _("This request cannot be answered")
    return render(
        request,
        "site/error.html",
        {"title": title, "message": message, "status": status},
        status=status,
    )


def answers_mistakes(view: View) -> View:
    """Turn the query service's NotFound / QueryError / DateError into 404 / 400 pages."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            return error_page(request, 404, str(error))
        except (QueryError, DateError) as error:
            return error_page(request, 400, str(error))

    return wrapper
