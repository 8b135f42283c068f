from pathlib import Path

from django.apps import AppConfig
from django.conf import settings


def make_database_folders() -> None:
    """Create the folder of each SQLite database file, which SQLite itself will not: settings
    create no folder when imported, so a first start in a new data dir makes it here."""
    for database in settings.DATABASES.values():
        name = str(database.get("NAME") or "")
        if database["ENGINE"] == "django.db.backends.sqlite3" and name and name != ":memory:":
            if not name.startswith("file:"):
                Path(name).parent.mkdir(parents=True, exist_ok=True)


class RegistryConfig(AppConfig):
    name = "pactlog.registry"
    verbose_name = "Registry"

    def ready(self) -> None:
        make_database_folders()
