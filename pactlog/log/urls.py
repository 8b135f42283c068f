"""`/log/...`: the tlog-tiles files (one address for every language)."""

from django.urls import path, re_path

from pactlog.log import views

app_name = "log"

urlpatterns = [
    path("", views.page, name="page"),
    path("checkpoint", views.checkpoint, name="checkpoint"),
    path("policy", views.policy, name="policy"),
    re_path(r"^tile/(?P<path>[0-9a-z./x]+)$", views.tile, name="tile"),
]
