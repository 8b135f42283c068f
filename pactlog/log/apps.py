from typing import Any

from django.apps import AppConfig


def integrate_after_change(**kwargs: Any) -> None:
    """`registry_changed` receiver; imports the log (and `cryptography`) only when a change
    happens, so that commands that only read do not pay for it at start."""
    from pactlog.log.integrate import integrate_after_change as integrate

    integrate(**kwargs)


def witness_after_change(**kwargs: Any) -> None:
    """`registry_changed` receiver: one quick submission to the witnesses, off the request."""
    from django.conf import settings

    if not getattr(settings, "LOG_POLICY", "") or not getattr(
        settings, "LOG_WITNESS_AFTER_COMMIT", True
    ):
        return
    from pactlog.log.witnessing import submit_soon

    submit_soon()


class LogConfig(AppConfig):
    """The verifiable log (docs/spec.md §9): every event integrated into a signed tiled log."""

    name = "pactlog.log"
    label = "log"
    verbose_name = "Verifiable log"

    def ready(self) -> None:
        from pactlog.registry.signals import registry_changed

        registry_changed.connect(integrate_after_change, dispatch_uid="log-integrate")
        registry_changed.connect(witness_after_change, dispatch_uid="log-witness")
