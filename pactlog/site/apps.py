from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "pactlog.site"
    label = "public_site"
    verbose_name = "Public site"

    def ready(self) -> None:
        from pactlog.registry.signals import registry_changed
        from pactlog.site.publish import publish_after_change

        registry_changed.connect(publish_after_change, dispatch_uid="site-publish")
