"""Django's sign-in facts drive session bookkeeping: sign-in starts the clock, logout ends every session
of the account, and a new password or a deactivated account ends them too."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db import transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver

from newsdesk.accounts import sessions


@receiver(user_logged_in, dispatch_uid="accounts.start_session")
def _start_session(sender, request, user, **kwargs):
    sessions.start_session(request, user)


@receiver(user_logged_out, dispatch_uid="accounts.end_sessions_at_logout")
def _end_sessions_at_logout(sender, request, user, **kwargs):
    if user is not None:
        sessions.end_sessions(user)


@receiver(pre_save, sender=get_user_model(), dispatch_uid="accounts.end_sessions_on_change")
def _end_sessions_on_change(sender, instance, raw=False, **kwargs):
    """A new password or a deactivation ends every session of the account once saved. The session the
    password was changed in carries on: Django gives it a new key (update_session_auth_hash)."""
    if raw or instance.pk is None:
        return
    before = sender.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if before is None:
        return
    if before["password"] != instance.password or (before["is_active"] and not instance.is_active):
        transaction.on_commit(lambda: sessions.end_sessions(instance))
