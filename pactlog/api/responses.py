"""What every read operation can answer, so the OpenAPI document lists each status code."""

from __future__ import annotations

from typing import Any

from ninja.decorators import decorate_view

from pactlog.api.schemas import Error
from pactlog.registry.caching import etag_by_registry_version


def documented(ok: Any) -> dict[int, Any]:
    """200 with `ok`; 304 for a matching If-None-Match; the 4xx of `errors`; 429 rate limited."""
    return {200: ok, 304: None, 400: Error, 404: Error, 422: Error, 429: Error}


#: ETag from the registry's event count; a matching If-None-Match gets 304 Not Modified.
with_etag = decorate_view(etag_by_registry_version)
