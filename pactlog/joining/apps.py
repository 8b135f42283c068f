from django.apps import AppConfig


class JoiningConfig(AppConfig):
    name = "pactlog.joining"
    label = "joining"
    verbose_name = "Joining"
