"""ASGI entry point, for servers that speak ASGI (the project is served by gunicorn's WSGI
workers in production: see cyberaide.wsgi)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cyberaide.settings")

application = get_asgi_application()
