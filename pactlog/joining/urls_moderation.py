"""/moderation/: not language-prefixed (one staff tool); the language follows the browser."""

from django.contrib.auth import views as auth_views
from django.urls import path

from pactlog.joining import moderation

app_name = "moderation"

urlpatterns = [
    path("", moderation.queue, name="queue"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="joining/moderation/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="/moderation/login/"), name="logout"),
    path("requests/<int:pk>/", moderation.detail, name="detail"),
    path("requests/<int:pk>/<slug:action>/", moderation.act, name="act"),
]
