"""WSGI entry point for production servers (gunicorn pactlog.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pactlog.settings")
application = get_wsgi_application()

# Entries a crash left committed but not yet in the log are integrated as a server starts.
from pactlog.log.integrate import integrate_at_start  # noqa: E402

integrate_at_start()
