"""Language-prefixed pages of joining (mounted inside i18n_patterns, before the site's)."""

from django.urls import path

from pactlog.joining import entry_views, views

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
    # A supporter's own entry (pactlog.joining.entry_views).
    path("<slug:slug>/supporters/<slug:actor_id>/manage/", entry_views.manage, name="entry_manage"),
    path(
        "<slug:slug>/supporters/<slug:actor_id>/correct/",
        entry_views.correct,
        name="entry_correct",
    ),
    path("<slug:slug>/supporters/<slug:actor_id>/claim/", entry_views.claim, name="entry_claim"),
    path(
        "<slug:slug>/correct/confirm/<int:request_id>/<str:token>/",
        entry_views.confirm_correct,
        name="entry_confirm_correct",
    ),
    path(
        "<slug:slug>/claim/confirm/<int:request_id>/<str:token>/",
        entry_views.confirm_claim,
        name="entry_confirm_claim",
    ),
]
