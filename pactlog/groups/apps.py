from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "pactlog.groups"
    verbose_name = "Groups"
