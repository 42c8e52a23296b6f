"""Token authentication: required by the newsroom endpoints; the read API needs none but refuses a bad one."""

from __future__ import annotations

from ninja.security import HttpBearer

from newsdesk.api.throttling import count_refused_token, request_token
from newsdesk.api.tokens import bearer_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ndk_…`; request.auth becomes the ApiToken, request.auth.user its owner."""

    def authenticate(self, request, token: str):
        found = request_token(request)  # the same header, parsed once for auth and rate limits
        if found is None:
            count_refused_token(request)
        else:
            request.user = found.user
        return found


class ReaderAuth:
    """The read endpoints: open to anyone. A bearer token, if one is sent, must be valid: a revoked,
    expired or mistyped token gets 401 rather than being read as no token, so its client finds out
    (and does not wonder why it is held to the public's rate limit). Other schemes (a staging site's
    Basic auth in front of the application, say) are not the API's business and are let through."""

    def __call__(self, request):
        if bearer_token(request) is None:
            return "public"
        found = request_token(request)
        if found is None:
            count_refused_token(request)
        return found
