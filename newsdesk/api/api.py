"""The content API at /api/v1: the read API (public) and the newsroom API (tokens), one OpenAPI description."""

from __future__ import annotations

import math

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, Throttled

from newsdesk.api import read, write
from newsdesk.api.throttling import ApiThrottle
from newsdesk.content.models import Article
from newsdesk.newsroom.workflow import EditConflict, WorkflowError

api = NinjaAPI(
    title="newsdesk content API",
    version="1",
    description=(
        "Published articles, sections, tags, authors, pages and approved comments as JSON, and the "
        "newsroom's writing workflow for holders of an API token (created in the admin)."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[ApiThrottle()],
)
api.add_router("/", read.router)
api.add_router("/newsroom", write.router)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    response = api.create_response(
        request, {"detail": "Send a valid API token: Authorization: Bearer <token> (tokens are made in the admin)."}, status=401
    )
    response["WWW-Authenticate"] = 'Bearer realm="newsdesk"'
    return response


@api.exception_handler(Throttled)
def throttled(request, exc: Throttled):
    response = api.create_response(request, {"detail": "Too many requests; wait for the time Retry-After gives."}, status=429)
    if exc.wait is not None:
        response["Retry-After"] = str(math.ceil(exc.wait))
    return response


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Your role does not allow this."}, status=403)


@api.exception_handler(EditConflict)
def edit_conflict(request, exc: EditConflict):
    version = Article.objects.filter(pk=exc.revision.article_id).values_list("version", flat=True).first()
    return api.create_response(
        request, {"detail": str(exc), "changed_fields": exc.changed_fields, "current_version": version}, status=409
    )


@api.exception_handler(ValidationError)
def invalid(request, exc: ValidationError):
    errors = {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()} if hasattr(exc, "error_dict") else None
    detail = " ".join(exc.messages) if errors is None else "The article was not saved: " + " ".join(
        f"{field}: {' '.join(messages)}" for field, messages in errors.items()
    )
    # A step that does not fit the article's state (publishing a withdrawn story) is a conflict, not bad input.
    status = 409 if isinstance(exc, WorkflowError) else 422
    return api.create_response(request, {"detail": detail, "errors": errors}, status=status)
