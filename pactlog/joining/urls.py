"""Language-prefixed pages of joining (mounted inside i18n_patterns, before the site's)."""

from django.urls import path

from pactlog.joining import views

app_name = "joining"

urlpatterns = [
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/join/confirm/<int:request_id>/<str:token>/", views.confirm, name="confirm"),
    path(
        "<slug:slug>/withdraw/confirm/<int:request_id>/<str:token>/",
        views.withdraw_confirm,
        name="withdraw_confirm",
    ),
    path("<slug:slug>/supporters/<slug:actor_id>/withdraw/", views.withdraw, name="withdraw"),
]
