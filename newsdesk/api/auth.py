"""Token authentication for the newsroom endpoints (the read API needs none)."""

from __future__ import annotations

from ninja.security import HttpBearer

from newsdesk.api.throttling import request_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ndk_…`; request.auth becomes the ApiToken, request.auth.user its owner."""

    def authenticate(self, request, token: str):
        found = request_token(request)  # the same header, parsed once for auth and rate limits
        if found is not None:
            request.user = found.user
        return found
