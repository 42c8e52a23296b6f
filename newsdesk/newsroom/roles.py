"""Who may do what in the newsroom: four roles, checked on the server for every action.

A role is a Django group (a superuser is an administrator). Model permissions are given to the groups
from `GROUP_PERMISSIONS` (so the admin shows each role what it may touch), and `can` adds the rules a
permission cannot say: contributors and authors only ever touch their own articles, and only authors
and above publish.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum

from django.core.exceptions import PermissionDenied


class Role(IntEnum):
    CONTRIBUTOR = 1
    AUTHOR = 2
    EDITOR = 3
    ADMINISTRATOR = 4

    @property
    def group_name(self) -> str:
        return GROUP_NAMES[self]


GROUP_NAMES = {
    Role.CONTRIBUTOR: "Contributors",
    Role.AUTHOR: "Authors",
    Role.EDITOR: "Editors",
    Role.ADMINISTRATOR: "Administrators",
}


class Action(StrEnum):
    CREATE = "create"  # start an article
    EDIT = "edit"  # change an article's words and placement
    SUBMIT = "submit"  # send an article for review
    PUBLISH = "publish"  # publish it, or publish its pending update
    SCHEDULE = "schedule"  # publish it at a set time
    WITHDRAW = "withdraw"  # take a published article off the site
    DELETE = "delete"
    CORRECT = "correct"  # attach a correction or update note
    PREVIEW = "preview"  # see the draft as readers will, and share a preview link
    MANAGE_TAXONOMY = "manage_taxonomy"  # sections, tags and authors
    MODERATE_COMMENTS = "moderate_comments"
    UPLOAD_MEDIA = "upload_media"
    MANAGE_USERS = "manage_users"
    MANAGE_PUBLICATION = "manage_publication"
    VIEW_AUDIT = "view_audit"


# The least role each action needs. Actions in OWN_ONLY need more than that below EDITOR: the article
# must be the user's own.
MINIMUM_ROLE = {
    Action.CREATE: Role.CONTRIBUTOR,
    Action.EDIT: Role.CONTRIBUTOR,
    Action.SUBMIT: Role.CONTRIBUTOR,
    Action.PREVIEW: Role.CONTRIBUTOR,
    Action.UPLOAD_MEDIA: Role.CONTRIBUTOR,
    Action.PUBLISH: Role.AUTHOR,
    Action.SCHEDULE: Role.AUTHOR,
    Action.DELETE: Role.CONTRIBUTOR,
    Action.WITHDRAW: Role.EDITOR,
    Action.CORRECT: Role.EDITOR,
    Action.MANAGE_TAXONOMY: Role.EDITOR,
    Action.MODERATE_COMMENTS: Role.EDITOR,
    Action.VIEW_AUDIT: Role.EDITOR,
    Action.MANAGE_USERS: Role.ADMINISTRATOR,
    Action.MANAGE_PUBLICATION: Role.ADMINISTRATOR,
}
OWN_ONLY = {Action.EDIT, Action.SUBMIT, Action.PREVIEW, Action.PUBLISH, Action.SCHEDULE, Action.DELETE}

# Model permissions per role, as "app_label.codename" or "app_label.*" (every permission of the app).
_WRITER = [
    "content.add_article", "content.change_article", "content.view_article", "content.delete_article",
    "content.view_section", "content.view_tag", "content.view_author",
    "media.add_image", "media.change_image", "media.view_image",
    "media.add_document", "media.change_document", "media.view_document",
    "newsroom.view_revision",
    "api.add_apitoken", "api.view_apitoken", "api.change_apitoken",  # their own tokens only (api.admin)
]
GROUP_PERMISSIONS = {
    Role.CONTRIBUTOR: _WRITER,
    Role.AUTHOR: _WRITER,
    Role.EDITOR: [
        *_WRITER,
        "content.*", "media.*", "comments.*", "newsroom.*", "stories.*",
        "-content.change_publication", "-content.add_publication", "-content.delete_publication",
        "-content.add_page", "-content.change_page", "-content.delete_page",
    ],
    Role.ADMINISTRATOR: ["*"],
}


def role_of(user) -> Role | None:
    """The user's highest role; None for anonymous users, inactive users and staff without a role."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    cached = getattr(user, "_newsroom_role", False)
    if cached is not False:
        return cached
    names = set(user.groups.values_list("name", flat=True))
    role = max((role for role in Role if role.group_name in names), default=None)
    user._newsroom_role = role
    return role


def owns(user, article) -> bool:
    """Whether the article is the user's own: they started it, or their name is in its byline."""
    if article is None or article.pk is None:
        return True  # an article being created is its writer's
    if article.created_by_id == user.pk:
        return True
    return article.bylines.filter(author__user=user).exists()


def can(user, action: Action | str, article=None) -> bool:
    role = role_of(user)
    action = Action(action)
    if role is None or role < MINIMUM_ROLE[action]:
        return False
    if role >= Role.EDITOR or action not in OWN_ONLY:
        return True
    if not owns(user, article):
        return False
    if action is Action.DELETE:
        # A writer may throw away their own draft, never a story readers have seen.
        return article is None or article.pk is None or article.status in ("draft", "review")
    return True


def require(user, action: Action | str, article=None) -> None:
    """Refuse (PermissionDenied, a 403) what the user's role does not allow."""
    if not can(user, action, article):
        raise PermissionDenied(refusal(action))


def refusal(action: Action | str) -> str:
    return {
        Action.PUBLISH: "Your role cannot publish this article.",
        Action.SCHEDULE: "Your role cannot schedule this article.",
        Action.WITHDRAW: "Only editors can withdraw an article.",
        Action.CORRECT: "Only editors can add corrections.",
        Action.EDIT: "You can only edit your own articles.",
    }.get(Action(action), "Your role does not allow this.")
