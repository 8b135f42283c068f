"""Settings of a stand-alone witness (`pactlog witness ...`, `gunicorn pactlog.witness.wsgi`).

pactlog's configuration, read from the same environment, with only the witness app and its own
database: `PACTLOG_WITNESS_DATABASE_URL`, else `DATABASE_URL`, else `witness.sqlite3` in the
data dir. SQLite runs with `synchronous=FULL`: a witness must never forget, after a power cut,
a state it already answered with. The key is `PACTLOG_WITNESS_KEY` or `$DATA_DIR/witness_key`.
"""

import os

import dj_database_url

from pactlog import env
from pactlog.settings import *  # noqa: F403
from pactlog.settings import DATA_DIR

INSTALLED_APPS = ["pactlog.witness"]
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
ROOT_URLCONF = "pactlog.witness.urls"
WSGI_APPLICATION = "pactlog.witness.wsgi.application"
ALLOWED_HOSTS = env.items("PACTLOG_WITNESS_ALLOWED_HOSTS", ["*"])

_url = os.getenv("PACTLOG_WITNESS_DATABASE_URL") or os.getenv("DATABASE_URL")
DATABASES = {
    "default": dj_database_url.parse(
        _url or f"sqlite:///{DATA_DIR / 'witness.sqlite3'}",
        # Kept open between requests: closing SQLite's last connection checkpoints its WAL.
        conn_max_age=env.integer("DB_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
    }

WITNESS_KEY = os.getenv("PACTLOG_WITNESS_KEY", "").strip()
WITNESS_KEY_FILE = DATA_DIR / "witness_key"
