from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "pactlog.site"
    label = "public_site"
    verbose_name = "Public site"
