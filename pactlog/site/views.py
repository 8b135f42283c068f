"""The public site's pages. Reads go through the query service; answers are cached by version."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from pactlog.registry import queries
from pactlog.registry.caching import etag_by_registry_version
from pactlog.site.errors import answers_mistakes


@require_safe
@etag_by_registry_version
@answers_mistakes
def agreements(request: HttpRequest) -> HttpResponse:
    return render(request, "site/agreements.html", {"agreements": list(queries.all_agreements())})
