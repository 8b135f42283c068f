"""The public read-view kit: one declaration per view, from which everything else follows.

A public view says once, with `public_read(...)`, which query parameters it reads and what
kind of answer it gives. From that declaration come, the same way for every app:

- GET and HEAD only (`require_safe`);
- the ETag: the registry's version, the day and the language (`etag="registry"`; marked for a
  request with a session, whose answer is private: `web.sessions`), the same
  without the language for answers that have none (`etag="plain"`), or none when the view sets
  its own (the log's files, hashed);
- the page cache's key (`web.pagecache`): only the parameters declared, never an error;
- the front cache's marking (`site.front` reads the declarations, it does not list views);
- `Access-Control-Allow-Origin: *` when the view is readable from any origin, and the
  client's budget of data requests when it is `rate_limited` (`api.middleware`);
- framing by any site when the view is `embeddable`;
- the reader's mistakes (`NotFound`, `QueryError`, `DateError`) as a 404/400 page or as
  `{"detail"}` JSON, in the reader's language.

The declaration is kept on the view (`declaration_of(view)`), so middleware and tests read
what the view says instead of a list beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, Literal, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import condition, require_safe

from pactlog.registry.caching import language_neutral_etag, registry_etag
from pactlog.web.errors import answers_mistakes, answers_mistakes_json
from pactlog.web.headers import embeddable as framed_anywhere
from pactlog.web.pagecache import cache_page_by_version
from pactlog.web.sessions import carries_session, session_mark

View = Callable[..., Any]
R = TypeVar("R", bound=HttpResponseBase)
Errors = Literal["page", "json"]
Etag = Literal["registry", "plain", "none"]

#: Headers a cross-origin reader's script may see (`Access-Control-Expose-Headers`).
EXPOSED_HEADERS = "ETag, Retry-After, Content-Disposition"
ATTRIBUTE = "public_read"


def reader_language() -> str:
    """The two-letter language the answer is in (the request's, chosen by LocaleMiddleware)."""
    return (get_language() or settings.LANGUAGE_CODE)[:2]


@dataclass(frozen=True)
class ReadDeclaration:
    """What a public view reads and how it answers (see the module's docstring)."""

    params: frozenset[str]
    errors: Errors = "page"
    etag: Etag = "registry"
    cache_page: bool = True
    front: bool = True
    cross_origin: bool = False
    embeddable: bool = False
    #: Counted against the client's budget of data requests (`api.middleware`).
    rate_limited: bool = False

    @property
    def language_neutral(self) -> bool:
        """Answers without a language: one copy for every reader, whatever Accept-Language."""
        return self.etag == "plain"


def declaration_of(view: object) -> ReadDeclaration | None:
    """The view's declaration, or None for a view that is not a public read."""
    found = getattr(view, ATTRIBUTE, None)
    return found if isinstance(found, ReadDeclaration) else None


def allow_any_origin(response: R) -> R:
    """Any site's scripts may read this answer (nothing public reads cookies)."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


def _cross_origin(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = view(request, *args, **kwargs)
        return allow_any_origin(response)

    return wrapper


def _page_etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    """The registry's ETag, marked for a request with a session (`web.sessions`)."""
    return registry_etag(request, *args, **kwargs) + session_mark(request)


def _private_with_session(view: View) -> View:
    """An answer to a request with a session is that browser's only: `private`, and varying
    on the cookie, so that no shared cache (nginx, a proxy) keeps it for anyone else."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = view(request, *args, **kwargs)
        if carries_session(request):
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ("Cookie",))
        return response

    return wrapper


def build(view: View, declaration: ReadDeclaration) -> View:
    """The view wrapped as its declaration says (innermost first)."""
    wrapped = (
        answers_mistakes(view) if declaration.errors == "page" else answers_mistakes_json(view)
    )
    if declaration.cache_page:
        wrapped = cache_page_by_version(wrapped, tuple(sorted(declaration.params)))
    if declaration.etag == "registry":
        wrapped = condition(etag_func=_page_etag)(wrapped)
    elif declaration.etag == "plain":
        wrapped = condition(etag_func=language_neutral_etag)(wrapped)
    wrapped = _private_with_session(wrapped)
    if declaration.cross_origin:  # outside the ETag: a 304 is readable from anywhere too
        wrapped = _cross_origin(wrapped)
    wrapped = require_safe(wrapped)
    if declaration.embeddable:
        wrapped = framed_anywhere(wrapped)
    setattr(wrapped, ATTRIBUTE, declaration)
    return wrapped


def public_read(
    *params: str,
    errors: Errors = "page",
    etag: Etag = "registry",
    cache_page: bool = True,
    front: bool = True,
    cross_origin: bool = False,
    embeddable: bool = False,
    rate_limited: bool = False,
) -> Callable[[View], View]:
    """Declare a public read view: the query parameters it reads and how it answers.

    `front`: whether nginx may keep its answers (`site.front`); `cache_page`: whether Django
    keeps whole rendered pages (not for streamed bodies)."""
    declaration = ReadDeclaration(
        frozenset(params), errors, etag, cache_page, front, cross_origin, embeddable, rate_limited
    )

    def declare(view: View) -> View:
        return build(view, declaration)

    return declare
