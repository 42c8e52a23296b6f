"""Error pages in the theme."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors and no database: whatever broke must not break the error page too.
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        # The database is down or unreadable: a temporary condition, said plainly, with a retry hint.
        response = HttpResponse(loader.get_template("503.html").render({}), status=503)
        response["Retry-After"] = "60"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render({}))
