from django.apps import AppConfig


class JoiningConfig(AppConfig):
    name = "pactlog.joining"
    label = "joining"
    verbose_name = "Joining"

    def ready(self) -> None:
        from pactlog.joining import checks  # noqa: F401  (registers the system checks)
