from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "pactlog.registry"
    verbose_name = "Registry"
