"""The WSGI entry point (gunicorn). It refuses to start without a valid storage key: a
server that cannot open the evidence must not pretend to serve it."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cyberaide.settings")

application = get_wsgi_application()

from evidence.custody.keys import require_configured_keys  # noqa: E402 -- needs the app ready

require_configured_keys()
