"""Settings for the command line's questions (`pactlog counts|supporters|changes|coverage`).

The same configuration as `pactlog.settings`, read from the same environment, with two changes:

- Only the apps those commands read are installed. Setting up the admin, the site, the API,
  joining, claims and the log (and what they import) was most of a question's start-up; a
  question answers from the registry's and the groups' tables alone.
- The database connection is read-only. Those apps' receivers (the log's integration, the
  published files, the verdicts) are not connected here, so a command that wrote through this
  configuration would skip them: the database refuses the write instead.

`pactlog.__main__` chooses this module for those commands unless `DJANGO_SETTINGS_MODULE`
names another project's settings.
"""

from dj_database_url import DBConfig

from pactlog import settings as base
from pactlog.settings import *  # noqa: F403

QUERY_APPS = ["pactlog.registry", "pactlog.groups"]
READ_ONLY_ENGINES = ("django.db.backends.sqlite3", "django.db.backends.postgresql")


def read_only(database: DBConfig) -> DBConfig:
    """The same database, opened so that any write fails (SQLite's `query_only`, PostgreSQL's
    `default_transaction_read_only`)."""
    options = dict(database.get("OPTIONS") or {})
    if database["ENGINE"] == "django.db.backends.sqlite3":
        init = str(options.get("init_command", "")).strip()
        options["init_command"] = f"{init} PRAGMA query_only=ON;".strip()
    elif database["ENGINE"] == "django.db.backends.postgresql":
        libpq = str(options.get("options", "")).strip()
        options["options"] = f"{libpq} -c default_transaction_read_only=on".strip()
    opened = database.copy()
    opened["OPTIONS"] = options
    return opened


# Another engine (not one pactlog supports) keeps every app and an ordinary connection.
if all(database["ENGINE"] in READ_ONLY_ENGINES for database in base.DATABASES.values()):
    INSTALLED_APPS = QUERY_APPS
    DATABASES = {alias: read_only(database) for alias, database in base.DATABASES.items()}
