from django.apps import AppConfig


class WitnessConfig(AppConfig):
    """A tlog-witness: cosigns consistent checkpoints of the logs it trusts."""

    name = "pactlog.witness"
    label = "witness"
    verbose_name = "Witness"
    default_auto_field = "django.db.models.BigAutoField"
