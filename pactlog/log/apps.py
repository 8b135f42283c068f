from django.apps import AppConfig


class LogConfig(AppConfig):
    """The verifiable log (SPEC section 9): every event integrated into a signed tiled log."""

    name = "pactlog.log"
    label = "log"
    verbose_name = "Verifiable log"

    def ready(self) -> None:
        from pactlog.log.integrate import integrate_after_change
        from pactlog.registry.signals import registry_changed

        registry_changed.connect(integrate_after_change, dispatch_uid="log-integrate")
