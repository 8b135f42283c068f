from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "pactlog.claims"
    verbose_name = "Claims"
