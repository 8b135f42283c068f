from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "pactlog.api"
    verbose_name = "API"
