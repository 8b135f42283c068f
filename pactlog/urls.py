"""URL map: the admin now; the public site and API mount here as they land."""

from django.contrib import admin
from django.urls import path

urlpatterns = [
    path("admin/", admin.site.urls),
]
