"""Language-prefixed claim pages (mounted inside i18n_patterns, before the site's)."""

from django.urls import path

from pactlog.claims import views

app_name = "claims"

urlpatterns = [
    path("<slug:slug>/claims/", views.claim_list, name="list"),
    path("<slug:slug>/claims/check/", views.check, name="check"),
    path("<slug:slug>/claims/<slug:claim_id>/", views.claim_page, name="claim"),
]
