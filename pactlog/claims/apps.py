from typing import Any

from django.apps import AppConfig


def refresh_verdicts(**kwargs: Any) -> None:
    """`registry_changed` receiver; imports the engine only when a change happens, so that
    commands that only read (and every process start) do not pay for it."""
    from pactlog.claims.verdicts import on_registry_changed

    on_registry_changed(**kwargs)


class ClaimsConfig(AppConfig):
    name = "pactlog.claims"
    verbose_name = "Claims"

    def ready(self) -> None:
        from pactlog.registry.signals import registry_changed

        registry_changed.connect(refresh_verdicts, dispatch_uid="claims-verdicts")
