"""Sign-in (the admin's own login page, with limits in front), the code page and two-factor set-up."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

import django_otp
from newsdesk.accounts import enrolment, throttle, twofactor
from newsdesk.accounts.forms import CodeForm, ConfirmAppForm, EnrolmentCodeForm
from newsdesk.core.net import client_ip

ENROLMENT_CODE_SESSION_KEY = "accounts.enrolment_code"
LOCKED_MESSAGE = (
    "Too many failed sign-in attempts for this account or from your network. "
    "Wait {minutes} minutes, then try again. If you have forgotten your password, ask an administrator."
)


def _admin_page(request, template: str, context: dict, *, status: int = 200):
    response = render(request, template, {**admin.site.each_context(request), **context}, status=status)
    add_never_cache_headers(response)
    return response


def _locked(request, locked: throttle.Locked):
    minutes = max(1, -(-locked.retry_after // 60))
    response = _admin_page(
        request, "accounts/locked.html", {"title": "Sign-in paused", "message": LOCKED_MESSAGE.format(minutes=minutes)}, status=429
    )
    response["Retry-After"] = str(locked.retry_after)
    return response


def _next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return target if safe and target else fallback


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@login_not_required
def login(request):
    """The admin login, paused after 5 failures in 15 minutes for the username or from the address. The
    same message and the same work (Django hashes a password even for an unknown username) whether or not
    the username exists."""
    if request.method != "POST":
        return admin.site.login(request)
    username, ip, now = request.POST.get("username", ""), client_ip(request), timezone.now()
    locked = throttle.check_login(username=username, ip=ip, at=now)
    if locked is not None:
        return _locked(request, locked)
    response = admin.site.login(request)
    if response.status_code == 302 and request.user.is_authenticated:
        throttle.forget_failures(username=username)
    else:
        throttle.record_failure(username=username, ip=ip, at=now)
    return response


@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
@csrf_protect
@never_cache
def verify(request):
    """After the password: the code from the authenticator app, or a recovery code."""
    user = request.user
    if not user.is_authenticated or not user.is_staff:
        return HttpResponseRedirect(reverse("admin:login"))
    if user.is_verified() or not twofactor.is_enrolled(user):
        return HttpResponseRedirect(_next(request, reverse("admin:index")))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        ip, now = client_ip(request), timezone.now()
        locked = throttle.check_login(username=user.get_username(), ip=ip, at=now)
        if locked is not None:
            return _locked(request, locked)
        if form.is_valid():
            device = twofactor.verify_code(user, form.cleaned_data["code"])
            if device is not None:
                django_otp.login(request, device)
                request.session.cycle_key()  # a new key for the fully signed-in session
                throttle.forget_failures(username=user.get_username())
                return HttpResponseRedirect(_next(request, reverse("admin:index")))
            throttle.record_failure(username=user.get_username(), ip=ip, at=now)
            form.add_error("code", "That code is not right, or was already used. Codes change every 30 seconds.")
        status = 400
    return _admin_page(request, "accounts/verify.html", {"title": "Two-factor code", "form": form, "next": _next(request, "")}, status=status)


@sensitive_post_parameters("code", "enrolment_code")
@require_http_methods(["GET", "POST"])
@csrf_protect
@never_cache
def enrol(request):
    """Set up an authenticator app: (an enrolment code first when the account needs one,) scan the QR
    code, type the code it shows, get recovery codes once."""
    user = request.user
    if not user.is_authenticated or not user.is_staff:
        return HttpResponseRedirect(reverse("admin:login"))
    if twofactor.is_enrolled(user) and not user.is_verified():
        return HttpResponseRedirect(reverse("accounts:verify"))  # replacing a factor takes the current one
    code_id = request.session.get(ENROLMENT_CODE_SESSION_KEY)
    if enrolment.required(user) and not enrolment.holds_valid_code(user, code_id):
        return _enrolment_code(request, user)
    device = twofactor.pending_app_device(user)
    form = ConfirmAppForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            codes = twofactor.confirm_app_device(device, form.cleaned_data["code"], enrolment_code=code_id)
        except enrolment.EnrolmentCodeInvalid:
            request.session.pop(ENROLMENT_CODE_SESSION_KEY, None)
            return _back_to_enrol(request)  # expired or replaced meanwhile: ask for a code again
        if codes is not None:
            request.session.pop(ENROLMENT_CODE_SESSION_KEY, None)
            django_otp.login(request, device)
            request.session.cycle_key()
            return _admin_page(
                request, "accounts/recovery_codes.html",
                {"title": "Your recovery codes", "codes": codes, "next": _next(request, reverse("admin:index"))},
            )  # fmt: skip
        form.add_error("code", "That code does not match; check the time on your phone and try the newest code.")
    if request.method == "POST":
        status = 400
    context = {
        "title": "Set up two-factor sign-in",
        "form": form,
        "qr_code": twofactor.qr_code_data_uri(device),
        "secret": twofactor.secret_for_typing(device),
        "required": twofactor.requires_second_factor(user),
        "next": _next(request, ""),
    }
    return _admin_page(request, "accounts/enrol.html", context, status=status)


def _back_to_enrol(request):
    target = _next(request, "")
    return HttpResponseRedirect(reverse("accounts:enrol") + ("?" + urlencode({"next": target}) if target else ""))


def _enrolment_code(request, user):
    """The step before set-up for an account that must use two factors: the administrator's code. Wrong
    codes count towards the sign-in limit; a right one starts a fresh set-up (no key seen before it)."""
    form = EnrolmentCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        ip, now = client_ip(request), timezone.now()
        locked = throttle.check_login(username=user.get_username(), ip=ip, at=now)
        if locked is not None:
            return _locked(request, locked)
        code_id = enrolment.check_enrolment_code(user, form.data.get("enrolment_code", ""), at=now) if form.is_valid() else None
        if code_id is not None:
            request.session[ENROLMENT_CODE_SESSION_KEY] = code_id
            twofactor.discard_pending_app_devices(user)
            return _back_to_enrol(request)
        if form.is_valid():
            throttle.record_failure(username=user.get_username(), ip=ip, at=now)
            form.add_error("enrolment_code", "That enrolment code is not right, has expired or was replaced by a newer one.")
        status = 400
    context = {"title": "Set up two-factor sign-in", "form": form, "hours": enrolment.code_hours(),
               "username": user.get_username(), "next": _next(request, "")}  # fmt: skip
    return _admin_page(request, "accounts/enrolment_code.html", context, status=status)
