"""Language-prefixed pages of the public site (mounted inside i18n_patterns)."""

from django.urls import path

from pactlog.site import views
from pactlog.site.feeds import NewSupportersFeed
from pactlog.web.reads import public_read

app_name = "site"

urlpatterns = [
    path("", views.agreements, name="agreements"),
    path("<slug:slug>/", views.home, name="home"),
    path("<slug:slug>/supporters/", views.supporters, name="supporters"),
    path("<slug:slug>/supporters/<slug:actor_id>/", views.supporter, name="supporter"),
    path("<slug:slug>/changes/", views.changes, name="changes"),
    path("<slug:slug>/principles/", views.principles, name="principles"),
    path("<slug:slug>/text/", views.full_text, name="text"),
    path("<slug:slug>/embed/counters", views.embed_counters, name="embed_counters"),
    path("<slug:slug>/feed.atom", public_read(cache_page=False)(NewSupportersFeed()), name="feed"),
]
