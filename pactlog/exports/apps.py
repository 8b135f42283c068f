from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "pactlog.exports"
    verbose_name = "Exports"
