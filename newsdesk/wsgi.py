"""The WSGI application that `make run` serves with granian."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.base")
application = get_wsgi_application()
