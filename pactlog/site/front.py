"""Which answers the front web server may keep: the opt-in of nginx's page cache.

nginx (deploy/nginx-pactlog.conf) stores an answer only when Django marks it with
`X-Accel-Expires`, and keys what it stores by the registry's version and day (the
`version/current` marker of `site.publish`) and the request's URI. So Django marks only what
every reader of that URI may see:

- a 200 answer to GET or HEAD from a public view listed in `READS`, for anyone (no cookie set,
  no `Vary: Cookie`, nothing private);
- whose query string holds only parameters that view reads, each once. `?utm_source=...` or a
  repeated parameter is still answered, by Django, but never stored: nginx's cache is not keyed
  by parameters a page does not read, and cannot be grown by inventing them.

Errors are never marked, so the front never keeps an error page. The lists in `READS` are
checked against what each view really reads by a test (pactlog/site/tests/test_front.py).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

#: How long nginx may keep a marked answer. Freshness does not depend on it (a change moves the
#: cache key), it only bounds how long an answer of the current version stays on disk.
FRONT_SECONDS = 3600
HEADER = "X-Accel-Expires"

_SELECTION = ("as_of", "category", "country", "nature", "group", "q", "order")

#: Public views without per-user content -> the query parameters each one reads.
READS: dict[str, frozenset[str]] = {
    name: frozenset(params)
    for name, params in {
        "site:agreements": (),
        "site:home": ("as_of",),
        "site:supporters": (*_SELECTION, "page"),
        "site:supporter": (),
        "site:changes": ("from", "to"),
        "site:principles": (),
        "site:text": (),
        "site:embed_counters": ("as_of",),
        "site:feed": (),
        "site_plain:counters_json": ("as_of",),
        "groups:index": ("as_of",),
        "groups:group": ("as_of",),
        "groups:coverage": ("as_of",),
        "groups:group_coverage": ("as_of",),
        "exports:supporters-csv": (*_SELECTION, "bom"),
        "exports:supporters-json": _SELECTION,
        "exports:datapackage": (),
        "exports:endorsements-csv": (),
    }.items()
}


#: Views whose answers are the same in every language, though Django picks one from the
#: request's Accept-Language for URLs without a language prefix (and says `Vary` on it).
LANGUAGE_NEUTRAL = frozenset(name for name in READS if name.startswith(("site_plain:", "exports:")))


def front_may_keep(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether this answer is the same for every reader of the same URI (see module doc).

    Never with publishing off (PACTLOG_PUBLISH_DIR empty): nothing would move the front's key.
    """
    if settings.PUBLISH_DIR is None:
        return False
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return False
    match = getattr(request, "resolver_match", None)
    reads = READS.get(match.view_name) if match is not None else None
    if reads is None or response.cookies:
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",")}
    control = response.get("Cache-Control", "").lower()
    if "cookie" in vary or "*" in vary or "private" in control or "no-store" in control:
        return False
    return all(name in reads and len(values) == 1 for name, values in request.GET.lists())


class FrontCacheMiddleware:
    """Marks the answers nginx may keep (place it first: it must see the final headers)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if front_may_keep(request, response):
            response[HEADER] = str(FRONT_SECONDS)
            if request.resolver_match.view_name in LANGUAGE_NEUTRAL:  # type: ignore[union-attr]
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
