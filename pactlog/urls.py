"""URL map. Language-prefixed pages (/en/..., /fr/...) come from i18n_patterns; the API,
exports and machine-readable counters have one URL for every language."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from pactlog.api.api import api
from pactlog.claims.api import router as claims_router
from pactlog.log.api import router as log_router

# The API's routers from the apps above it; the API itself imports none of them.
api.add_router("/agreements", claims_router)
api.add_router("/log", log_router)

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("exports/", include("pactlog.exports.urls")),
    path("moderation/", include("pactlog.joining.urls_moderation")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("log/", include("pactlog.log.urls")),
    path("", include("pactlog.site.urls_plain")),
]
urlpatterns += i18n_patterns(
    path("", include("pactlog.log.urls_i18n")),
    # Groups first: their fixed prefixes must win over the site's `<slug>/` patterns.
    path("", include("pactlog.groups.urls")),
    path("", include("pactlog.claims.urls")),
    path("", include("pactlog.joining.urls")),
    path("", include("pactlog.site.urls")),
    prefix_default_language=True,
)
