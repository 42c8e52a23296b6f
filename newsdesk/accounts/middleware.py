"""Per request, for a signed-in account: end a staff session past its limits, and hold an account that
still owes its second factor to the two-factor pages."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseRedirect
from django.urls import reverse

from newsdesk.accounts import sessions, twofactor


class AccountSecurityMiddleware:
    """After AuthenticationMiddleware and django-otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            if sessions.session_has_expired(request, user, now=time.time()):
                request.session.flush()  # this session only: the account's others live on
                request.user = AnonymousUser()
            else:
                sessions.track_session(request, user)
                if not user.is_verified() and twofactor.requires_second_factor(user):
                    redirect = self._hold_for_second_factor(request, user)
                    if redirect is not None:
                        return redirect
        return self.get_response(request)

    @staticmethod
    def _hold_for_second_factor(request, user):
        """Send admin pages to the code (or enrolment) page; everywhere else the account is anonymous,
        so no other part of the site (previews, the API) ever treats half a sign-in as a whole one."""
        verify, enrol = reverse("accounts:verify"), reverse("accounts:enrol")
        if request.path in (verify, enrol, reverse("admin:logout")):
            return None
        if request.path.startswith(reverse("admin:index")):
            target = verify if twofactor.is_enrolled(user) else enrol
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(target)
        request.user = AnonymousUser()
        return None
