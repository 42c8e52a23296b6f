"""Keeps the four role groups and their model permissions as `roles.GROUP_PERMISSIONS` says."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from newsdesk.newsroom.roles import GROUP_PERMISSIONS, Role


def permissions_for(role: Role) -> set[Permission]:
    everything = list(Permission.objects.select_related("content_type"))
    chosen: set[Permission] = set()
    for rule in GROUP_PERMISSIONS[role]:
        negate = rule.startswith("-")
        rule = rule.lstrip("-")
        app, _, codename = rule.partition(".")
        matched = {
            perm for perm in everything
            if rule == "*" or (perm.content_type.app_label == app and codename in ("*", perm.codename))
        }
        chosen = chosen - matched if negate else chosen | matched
    return chosen


def sync_groups(sender=None, **kwargs) -> None:
    """Create or update the role groups after every migrate (once, after the last app's permissions
    exist, so new apps' permissions join)."""
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender is not None and sender is not with_models[-1]:
        return
    for config in with_models:  # this receiver may run before auth's own for the last app
        create_permissions(config, verbosity=0, using=kwargs.get("using", "default"))
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.group_name)
        group.permissions.set(permissions_for(role))
