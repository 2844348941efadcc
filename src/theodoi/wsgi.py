"""WSGI entry point for app servers (waitress, gunicorn, uwsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")
application = get_wsgi_application()
