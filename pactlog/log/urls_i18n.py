"""`/<lang>/log/`: the log's page for people in a chosen language, and one entry's proof."""

from django.urls import path

from pactlog.log import proofpage, views, watchfeed

app_name = "log_page"

urlpatterns = [
    path("log/", views.page, name="page"),
    path("<slug:slug>/feed/", watchfeed.feed, name="watch_feed"),
    path("log/entries/<int:index>/", proofpage.entry_page, name="entry"),
]
