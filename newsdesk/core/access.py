"""Who gets what at every address of the site: the one table of access.

Each rule names routes (a glob over "route-name route-path", as `routes()` lists them) and says, for
each role in ROLES order, whether it gets the page: "y" yes, "n" no (a signed-in user gets 403, an
anonymous reader is sent to sign in, an API caller gets 401/403), "-" not applicable. `sample` is an
address the test requests for each role ({placeholders} filled from the test's fixtures), or None
with the reason in `note` when another test covers the route (writes need bodies, tokens, ...).

tests/access/test_access_matrix.py requests every sample as every role, and fails when a route exists
that no rule mentions.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase

from django.urls import URLResolver, get_resolver

ROLES = ("anonymous", "contributor", "author", "editor", "administrator")


@dataclass(frozen=True)
class Rule:
    routes: str
    gets: str  # one of y / n / - per role, in ROLES order
    sample: str | None
    note: str = ""


PUBLIC = "yyyyy"
STAFF = "nyyyy"  # any newsroom member
EDITORS = "nnnyy"
ADMINS = "nnnny"

TABLE: list[Rule] = [
    # The public site: the same for everyone, signed in or not.
    Rule("content:home *", PUBLIC, "/"),
    Rule("content:latest *", PUBLIC, "/latest/"),
    Rule("content:section *", PUBLIC, "/section/{section}/"),
    Rule("content:tag *", PUBLIC, "/tag/{tag}/"),
    Rule("content:author *", PUBLIC, "/author/{author}/"),
    Rule("content:article *", PUBLIC, "{article_url}"),
    Rule("content:page *", PUBLIC, "/{page}/"),
    Rule("distribution:* *", PUBLIC, "/feeds/rss.xml"),
    Rule("newsroom:corrections *", PUBLIC, "/corrections/"),
    Rule("search:* *", PUBLIC, "/search/?q=talks"),
    Rule("stories:* *", PUBLIC, "/stories/"),
    Rule("stories_live:* *", PUBLIC, None, "live update streams of public live pages; tests/stories"),
    Rule("shared-preview *", PUBLIC, None, "anyone holding a valid signed link; altered or expired links 404 (tests/newsroom)"),
    Rule("None ^media/*", PUBLIC, None, "uploaded images, public by nature (tests/media)"),
    Rule("comments:* *", PUBLIC, None, "posting and privacy requests are open to readers by design (tests/comments)"),
    # The read API is public; the newsroom API needs a token whose user's role allows the operation.
    Rule("api:openapi-* *", PUBLIC, "/api/v1/openapi.json"),
    Rule("api:api-root *", PUBLIC, None, "django-ninja's own root route; /api/v1/ answers 404"),
    Rule("api:list_* *", PUBLIC, "/api/v1/articles"),
    Rule("api:get_page *", PUBLIC, None, "like api:list_pages"),
    Rule("api:get_article api/v1/articles/*", PUBLIC, None, "like api:list_articles"),
    Rule("api:* api/v1/newsroom/*", "nyyyy", None,
         "token required; per-operation role rules as newsroom.roles (contributor cannot publish): tests/api"),
    # Sign-in, two-factor and the admin's own pages.
    Rule("* admin/login/", "y----", "/admin/login/", "signed-in members are sent on to the dashboard"),
    Rule("* admin/two-factor/*", "-yyyy", None, "the second step of signing in (tests/accounts)"),
    Rule("admin:logout *", STAFF, None, "POST only"),
    Rule("admin:password_change* *", STAFF, "/admin/password_change/"),
    Rule("admin:index *", STAFF, "/admin/"),
    Rule("admin:jsi18n *", STAFF, "/admin/jsi18n/"),
    Rule("admin:autocomplete *", STAFF, None, "answers for the models the user may view (Django's own check)"),
    Rule("admin:view_on_site *", PUBLIC, None, "a redirect to a public address"),
    Rule("admin:app_list *", STAFF, "/admin/content/"),
    Rule("None admin/(?P<url>.*)$", STAFF, None, "the admin's catch-all: 404 for unknown pages"),
    Rule("None admin/*/<path:object_id>/", STAFF, None, "old-style object addresses: a redirect to the change page, checked there"),
    # The newsroom: articles for every member (their own below editor), the rest by role.
    Rule("admin:newsroom_render_preview *", STAFF, None, "POST only: the editor's live preview"),
    Rule("admin:newsroom_article_* *", "nnnyy", "/admin/content/article/{other_draft}/revisions/",
         "below editor only on one's own articles (object-level checks: tests/newsroom/test_roles.py)"),
    Rule("admin:content_article_* *", STAFF, "/admin/content/article/"),
    Rule("admin:content_section_* *", STAFF, "/admin/content/section/", "writers may view; only editors change"),
    Rule("admin:content_tag_* *", STAFF, "/admin/content/tag/", "writers may view; only editors change"),
    Rule("admin:content_author_* *", STAFF, "/admin/content/author/", "writers may view; only editors change"),
    Rule("admin:content_page_* *", EDITORS, "/admin/content/page/", "editors may view; only administrators change"),
    Rule("admin:content_publication_* *", EDITORS, "/admin/content/publication/{publication}/change/",
         "editors may view; only administrators change"),
    Rule("admin:media_* *", STAFF, "/admin/media/image/"),
    Rule("admin:newsroom_event_* *", EDITORS, "/admin/newsroom/event/"),
    Rule("admin:newsroom_correction_* *", EDITORS, "/admin/newsroom/correction/"),
    Rule("admin:comments_* *", EDITORS, "/admin/comments/comment/"),
    Rule("admin:stories_* *", EDITORS, "/admin/stories/story/"),
    Rule("admin:api_* *", STAFF, "/admin/api/apitoken/", "each member manages their own tokens"),
    Rule("admin:publishing_* *", ADMINS, "/admin/publishing/bakedpage/"),
    Rule("admin:auth_* *", ADMINS, "/admin/auth/user/"),
    Rule("admin:importers_* *", ADMINS, "/admin/importers/legacyaddress/", "imports run from the command line; their records are read here"),
    Rule("admin:otp_* *", ADMINS, "/admin/otp_totp/totpdevice/"),
    Rule("admin:accounts_* *", ADMINS, "/admin/accounts/twofactoraccount/", "issuing enrolment codes (tests/accounts)"),
    Rule("admin:django_tasks_database_* *", ADMINS, "/admin/django_tasks_database/dbtaskresult/"),
]


def routes() -> list[str]:
    """Every route of the site as "name path" (name None when it has none)."""
    found = []

    def walk(patterns, prefix: str, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or None
                joined = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
                walk(pattern.url_patterns, prefix + str(pattern.pattern), joined)
            else:
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
                found.append(f"{name} {prefix}{pattern.pattern}")

    walk(get_resolver().url_patterns, "", None)
    return list(dict.fromkeys(found))


def rule_for(route: str) -> Rule | None:
    return next((rule for rule in TABLE if fnmatchcase(route, rule.routes)), None)
