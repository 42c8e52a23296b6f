"""The WSGI application that `make run` serves with granian: baked pages first, then Django."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.base")
django_application = get_wsgi_application()

from newsdesk.publishing.serving import wrap  # noqa: E402 - needs Django set up

application = wrap(django_application)
