"""Security headers every response carries: Django's pages, static files, error pages and baked files.

Django's SecurityMiddleware sends X-Content-Type-Options, Referrer-Policy, Cross-Origin-Opener-Policy and
(over HTTPS in production) HSTS; `SecurityHeadersMiddleware` adds the Content Security Policy and
Permissions-Policy. `security_headers()` lists the same set for responses that never reach Django (the
baked-page server), so a page looks the same to a browser however it was served; deploy/nginx.conf
repeats them and a test compares the two.
"""

from __future__ import annotations

from django.conf import settings

# No inline script or style anywhere: the theme and the admin load both from files. Images may come
# from other https sites (an article's Markdown can show one) and data: URIs (the 2FA QR code).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
    "font-src 'self'; connect-src 'self'; media-src 'self' https:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


def content_security_policy() -> str:
    """The policy; over HTTPS it also upgrades any http:// sub-resource a story links."""
    return CONTENT_SECURITY_POLICY + ("; upgrade-insecure-requests" if settings.SECURE else "")


def security_headers() -> list[tuple[str, str]]:
    """Every security header, as Django's middleware would send them over HTTPS in these settings."""
    headers = [
        ("Content-Security-Policy", content_security_policy()),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", settings.X_FRAME_OPTIONS),
        ("Permissions-Policy", PERMISSIONS_POLICY),
    ]
    if settings.SECURE_REFERRER_POLICY:
        headers.append(("Referrer-Policy", settings.SECURE_REFERRER_POLICY))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    if getattr(settings, "SECURE_HSTS_SECONDS", 0):
        hsts = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            hsts += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            hsts += "; preload"
        headers.append(("Strict-Transport-Security", hsts))
    return headers


class SecurityHeadersMiddleware:
    """Add the Content Security Policy and Permissions-Policy to every response Django makes (pages,
    the admin, the API, static files from WhiteNoise, error pages) unless a view set its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = content_security_policy()

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
