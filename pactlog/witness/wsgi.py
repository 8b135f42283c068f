"""WSGI entry point of a stand-alone witness: `gunicorn pactlog.witness.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pactlog.witness.settings")
application = get_wsgi_application()
