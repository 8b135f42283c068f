"""Language-prefixed pages of the public site (mounted inside i18n_patterns)."""

from django.urls import path

from pactlog.site import views

app_name = "site"

urlpatterns = [
    path("", views.agreements, name="agreements"),
]
