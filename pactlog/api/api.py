"""The NinjaAPI instance of `/api/v1/` (docs/spec.md §6), its routers, errors and local docs."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from pactlog.api import actors, agreements, errors, groups
from pactlog.claims import api as claims_api
from pactlog.log import api as log_api


class LocalSwagger(Swagger):
    """Swagger UI from django-ninja's own static files: nothing loads from another host."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": json.dumps(self.settings), "api": api, "add_csrf": False}
        return render(request, self.template, context)


api = NinjaAPI(
    title="pactlog API",
    version="1",
    description=(
        "Read-only registry of agreements and their supporters. Dates are YYYY-MM-DD; every "
        "count and list is the set in force as of a date plus how many are uncertain. "
        'Errors are `{"detail": "..."}`.'
    ),
    urls_namespace="api-v1",
    # No validator badge: Swagger UI would otherwise call validator.swagger.io.
    docs=LocalSwagger(settings={"validatorUrl": None}),
)
errors.install(api)
api.add_router("/agreements", agreements.router)
api.add_router("/groups", groups.router)
api.add_router("/actors", actors.router)
api.add_router("/agreements", claims_api.router)
api.add_router("/log", log_api.router)
