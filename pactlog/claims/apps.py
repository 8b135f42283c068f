from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "pactlog.claims"
    verbose_name = "Claims"

    def ready(self) -> None:
        from pactlog.claims.verdicts import on_registry_changed
        from pactlog.registry.signals import registry_changed

        registry_changed.connect(on_registry_changed, dispatch_uid="claims-verdicts")
