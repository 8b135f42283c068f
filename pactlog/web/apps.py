from django.apps import AppConfig


class WebConfig(AppConfig):
    """An app only so that Django finds its translations (`locale/`); it has no models."""

    name = "pactlog.web"
    label = "web"
    verbose_name = "Web plumbing"
