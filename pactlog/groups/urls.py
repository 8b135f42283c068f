"""Group pages, mounted inside i18n_patterns before the site's `<slug>/` patterns."""

from django.urls import URLPattern, URLResolver, path

from pactlog.groups import views

app_name = "groups"

urlpatterns: list[URLPattern | URLResolver] = [
    path("groups/", views.group_index, name="index"),
    path("groups/<slug:group_slug>/", views.group_page, name="group"),
    path("<slug:slug>/coverage/", views.coverage_index, name="coverage"),
    path("<slug:slug>/coverage/<slug:group_slug>/", views.group_coverage, name="group_coverage"),
]
