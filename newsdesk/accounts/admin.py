"""The admin's *Two-factor sign-in* page: each newsroom account's second factor, and the action with
which an administrator issues an enrolment code (resetting a lost factor at the same time)."""

from __future__ import annotations

from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from newsdesk.accounts import enrolment, twofactor
from newsdesk.accounts.models import EnrolmentCode, TwoFactorAccount


def _is_administrator(request) -> bool:
    from newsdesk.newsroom.roles import Role, role_of

    return role_of(request.user) == Role.ADMINISTRATOR


@admin.register(TwoFactorAccount)
class TwoFactorAccountAdmin(admin.ModelAdmin):
    list_display = ["username", "full_name", "second_factor", "enrolment_code_until"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fields = ["username", "full_name", "second_factor", "enrolment_code_until"]
    readonly_fields = fields
    actions = ["issue_enrolment_codes"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(is_staff=True, is_active=True).order_by("username")

    @admin.display(description="name")
    def full_name(self, account) -> str:
        return account.get_full_name()

    @admin.display(description="second factor")
    def second_factor(self, account) -> str:
        if not twofactor.is_enrolled(account):
            return "none"
        return f"authenticator app, {twofactor.recovery_codes_left(account)} recovery codes left"

    @admin.display(description="enrolment code valid until")
    def enrolment_code_until(self, account):
        code = EnrolmentCode.objects.filter(user=account).values_list("expires_at", flat=True).first()
        return code or "—"

    @admin.action(description="Issue an enrolment code (removes the current second factor)")
    def issue_enrolment_codes(self, request, queryset):
        issued = []
        for account in queryset:
            code, expires_at = enrolment.issue_enrolment_code(account, by=request.user, reset=True)
            issued.append((account.get_username(), code, expires_at))
        context = {**self.admin_site.each_context(request), "title": "Enrolment codes issued", "issued": issued,
                   "back": request.get_full_path()}  # fmt: skip
        response = TemplateResponse(request, "accounts/enrolment_codes_issued.html", context)
        add_never_cache_headers(response)
        return response

    def has_module_permission(self, request) -> bool:
        return _is_administrator(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return _is_administrator(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # nothing here is edited; the action is the only write

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
