"""Language-neutral URLs of the public site: one address for every language."""

from django.urls import path

from pactlog.site import views

app_name = "site_plain"

urlpatterns = [
    path("<slug:slug>/counters.json", views.counters_json, name="counters_json"),
]
