"""The witness's addresses, at the root of its own server."""

from django.urls import path, re_path

from pactlog.witness import views

urlpatterns = [
    path("add-checkpoint", views.add_checkpoint, name="witness-add-checkpoint"),
    re_path(r"^(?P<origin_hash>[0-9a-f]{64})/checkpoint$", views.checkpoint),
]
