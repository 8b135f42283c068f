from django.urls import URLPattern, URLResolver, path

from pactlog.api.api import api

urlpatterns: list[URLPattern | URLResolver] = [path("v1/", api.urls)]
