from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "pactlog.demo"
    verbose_name = "Example data"
