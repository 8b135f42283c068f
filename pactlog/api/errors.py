"""Every error the API returns is `{"detail": "<a readable message>"}` with a 4xx status.

422: a parameter outside its documented schema (missing, not a YYYY-MM-DD calendar date, a
category, country, group or order not in its list, `page_size` above 500, `q` longer than 200
characters); 400: a question the schema cannot rule out but the registry cannot answer (`from`
after `to`); 404: no such agreement, group, actor or page.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from pactlog.registry.queries import NotFound, QueryError


def readable(errors: list[dict[str, Any]]) -> str:
    """`page_size: Input should be less than or equal to 500` from pydantic's error list."""
    parts = []
    for error in errors:
        where = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
        message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
        parts.append(f"{'.'.join(where)}: {message}" if where else message)
    return "; ".join(parts) or "invalid request"


def install(api: NinjaAPI) -> None:
    """Replace django-ninja's default error bodies with the `{"detail": str}` of docs/spec.md §6."""

    def detail(request: HttpRequest, message: str, status: int) -> HttpResponse:
        return api.create_response(request, {"detail": message}, status=status)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return detail(request, readable(exc.errors), 422)

    @api.exception_handler(NotFound)
    def not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
        return detail(request, str(exc), 404)

    @api.exception_handler(QueryError)
    def bad_query(request: HttpRequest, exc: QueryError) -> HttpResponse:
        return detail(request, str(exc), 400)

    @api.exception_handler(Http404)
    def http_404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return detail(request, str(exc) or "not found", 404)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return detail(request, str(exc), exc.status_code)
