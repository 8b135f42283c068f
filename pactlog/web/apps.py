from pathlib import Path
from typing import Any

from django.apps import AppConfig


class WebConfig(AppConfig):
    """Web plumbing: translations (`locale/`), deployment checks, and a private data dir."""

    name = "pactlog.web"
    label = "web"
    verbose_name = "Web plumbing"

    def ready(self) -> None:
        from django.conf import settings
        from django.db.backends.signals import connection_created

        from pactlog.web import deploychecks  # noqa: F401 - registers `check --deploy` checks
        from pactlog.web.private_files import secure_data_dir, secure_database

        served = [getattr(settings, "PUBLISH_DIR", None), getattr(settings, "STATIC_ROOT", None)]
        secure_data_dir(Path(settings.DATA_DIR), served)

        def on_connect(sender: Any, connection: Any, **kwargs: Any) -> None:
            if connection.vendor == "sqlite":
                secure_database(str(connection.settings_dict.get("NAME") or ""))

        connection_created.connect(on_connect, weak=False, dispatch_uid="pactlog-private-db")
