from django.apps import AppConfig


class ImportingConfig(AppConfig):
    name = "pactlog.importing"
    verbose_name = "Importing"
