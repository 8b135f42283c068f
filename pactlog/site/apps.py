from typing import Any

from django.apps import AppConfig


def _publish_after_change(**kwargs: Any) -> None:
    """Imports the publisher only when a change is committed, not at every start."""
    from pactlog.site.publish import publish_after_change

    publish_after_change(**kwargs)


class SiteConfig(AppConfig):
    name = "pactlog.site"
    label = "public_site"
    verbose_name = "Public site"

    def ready(self) -> None:
        from pactlog.registry.signals import registry_changed

        registry_changed.connect(_publish_after_change, dispatch_uid="site-publish")
