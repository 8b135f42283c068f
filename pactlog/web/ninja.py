"""The public read kit for django-ninja operations: their error shape, status codes and ETag.

The API's operations declare their parameters in their signatures (ninja parses them with the
types of `api.params`, built on `web.params`' parsers); what they share with the other public
views lives here, beside `web.reads`, so that any app can add a router to the API (claims, log)
without importing the `api` app.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema
from ninja.decorators import decorate_view
from pydantic import Field

from pactlog.registry.caching import etag_by_registry_version


class Error(Schema):
    detail: str = Field(description="What went wrong and what to fix.")


def documented(ok: Any) -> dict[int, Any]:
    """200 with `ok`; 304 for a matching If-None-Match; the 4xx of `errors`; 429 rate limited."""
    return {200: ok, 304: None, 400: Error, 404: Error, 422: Error, 429: Error}


#: ETag from the registry's event count; a matching If-None-Match gets 304 Not Modified.
with_etag = decorate_view(etag_by_registry_version)
