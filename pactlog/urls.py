"""URL map. Language-prefixed pages (/en/..., /fr/...) come from i18n_patterns; the API,
exports and machine-readable counters have one URL for every language."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("api/", include("pactlog.api.urls")),
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
