"""API tokens in the admin: made for a user (the secret shown once, on the page after saving), revoked by action."""

from __future__ import annotations

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from newsdesk.api import tokens
from newsdesk.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "state"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__username", "prefix"]
    actions = ["revoke_selected"]
    fields = ["user", "name"]

    @admin.display(description="State")
    def state(self, token: ApiToken) -> str:
        return f"revoked {token.revoked_at:%Y-%m-%d %H:%M}" if token.revoked_at else "active"

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("user")
        # Without the right to manage users, you see and make only your own tokens.
        return queryset if request.user.is_superuser else queryset.filter(user=request.user)

    def get_readonly_fields(self, request, obj=None):
        return ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"] if obj else []

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj) if obj else (["user", "name"] if request.user.is_superuser else ["name"])

    def save_model(self, request, obj: ApiToken, form, change: bool) -> None:
        if change:
            return  # a token's details never change; revoke it and make another
        token, raw = tokens.issue_token(obj.user if request.user.is_superuser else request.user, name=obj.name)
        obj.pk, obj.user, obj.prefix, obj.key_hash, obj.created_at = token.pk, token.user, token.prefix, token.key_hash, token.created_at
        request._newsdesk_new_token = raw

    def response_add(self, request, obj, post_url_continue=None):
        raw = getattr(request, "_newsdesk_new_token", None)
        if raw is None:
            return super().response_add(request, obj, post_url_continue)
        # The secret goes straight into this page (never into a message cookie or the session), once.
        response = TemplateResponse(
            request,
            "admin/api/token_created.html",
            {**self.admin_site.each_context(request), "token": obj, "secret": raw, "opts": self.model._meta, "title": "API token created"},
        )
        add_never_cache_headers(response)
        return response

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and (obj is None or request.user.is_superuser or obj.user_id == request.user.pk)

    @admin.action(description="Revoke selected tokens")
    def revoke_selected(self, request, queryset) -> None:
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            tokens.revoke_token(token)
            count += 1
        self.message_user(request, f"Revoked {count} token(s); they stop working at once.", messages.SUCCESS)
