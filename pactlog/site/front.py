"""Which answers the front web server may keep: the opt-in of nginx's page cache.

nginx (deploy/nginx-pactlog.conf) stores an answer only when Django marks it with
`X-Accel-Expires`, and keys what it stores by the registry's version and day (the
`version/current` marker of `site.publish`) and the request's URI. So Django marks only what
every reader of that URI may see:

- a 200 answer to GET or HEAD from a public view whose declaration (`web.reads.public_read`)
  lets the front keep it, for anyone (no cookie set, no `Vary: Cookie`, nothing private);
- whose query string holds only parameters that view declares it reads, each once.
  `?utm_source=...` or a repeated parameter is still answered, by Django, but never stored:
  nginx's cache is not keyed by parameters a page does not read, and cannot be grown by
  inventing them.

Errors are never marked, so the front never keeps an error page. `READS` is derived from the
views' declarations, and a test checks each against what the view really reads
(pactlog/site/tests/test_front.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import URLPattern, URLResolver, get_resolver

from pactlog.web.reads import ReadDeclaration, declaration_of

#: How long nginx may keep a marked answer. Freshness does not depend on it (a change moves the
#: cache key), it only bounds how long an answer of the current version stays on disk.
FRONT_SECONDS = 3600
HEADER = "X-Accel-Expires"


def _declared_reads() -> dict[str, ReadDeclaration]:
    """Every named URL whose view is a public read the front may keep, with its declaration."""
    found: dict[str, ReadDeclaration] = {}

    def walk(patterns: list[Any], namespace: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, inner)
            elif isinstance(entry, URLPattern) and entry.name:
                declaration = declaration_of(entry.callback)
                if declaration is not None and declaration.front:
                    found[f"{namespace}{entry.name}"] = declaration

    walk(get_resolver().url_patterns, "")
    return found


class _Declared(Mapping[str, frozenset[str]]):
    """`view name -> parameters it reads`, read from the views' own declarations on first use
    (the URL map cannot be imported while this module is)."""

    def __init__(self, keep: Callable[[ReadDeclaration], bool] = lambda d: True) -> None:
        self.keep = keep

    @cached_property
    def _found(self) -> dict[str, frozenset[str]]:
        return {name: d.params for name, d in _declared_reads().items() if self.keep(d)}

    def __getitem__(self, name: str) -> frozenset[str]:
        return self._found[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._found)

    def __len__(self) -> int:
        return len(self._found)


#: Public views without per-user content -> the query parameters each one reads.
READS: Mapping[str, frozenset[str]] = _Declared()

#: Views whose answers are the same in every language, though Django picks one from the
#: request's Accept-Language for URLs without a language prefix (and says `Vary` on it).
LANGUAGE_NEUTRAL: Mapping[str, frozenset[str]] = _Declared(lambda d: d.language_neutral)


def front_may_keep(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether this answer is the same for every reader of the same URI (see module doc).

    Never with publishing off (PACTLOG_PUBLISH_DIR empty): nothing would move the front's key.
    """
    if settings.PUBLISH_DIR is None:
        return False
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return False
    match = getattr(request, "resolver_match", None)
    declaration = declaration_of(match.func) if match is not None else None
    if declaration is None or not declaration.front or response.cookies:
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",")}
    control = response.get("Cache-Control", "").lower()
    if "cookie" in vary or "*" in vary or "private" in control or "no-store" in control:
        return False
    reads = declaration.params
    return all(name in reads and len(values) == 1 for name, values in request.GET.lists())


class FrontCacheMiddleware:
    """Marks the answers nginx may keep (place it first: it must see the final headers)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if front_may_keep(request, response):
            response[HEADER] = str(FRONT_SECONDS)
            declaration = declaration_of(request.resolver_match.func)  # type: ignore[union-attr]
            if declaration is not None and declaration.language_neutral:
                _drop_vary(response, "accept-language")
        elif HEADER in response:
            del response[HEADER]
        return response


def _drop_vary(response: HttpResponseBase, header: str) -> None:
    """No cache, nginx's or a browser's, should keep one copy per language of these."""
    kept = [part.strip() for part in response.get("Vary", "").split(",")]
    kept = [part for part in kept if part and part.lower() != header]
    if kept:
        response["Vary"] = ", ".join(kept)
    elif "Vary" in response:
        del response["Vary"]
