"""The access table (newsdesk/core/access.py) holds for every route and every role."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from newsdesk.content.models import Article, Author, Page, Publication, Section, Tag
from newsdesk.core import access
from newsdesk.newsroom.roles import Role
from tests.factories import ArticleFactory, AuthorFactory

ROLE_OF = {"contributor": Role.CONTRIBUTOR, "author": Role.AUTHOR, "editor": Role.EDITOR, "administrator": Role.ADMINISTRATOR}
SAMPLED = [rule for rule in access.TABLE if rule.sample]


def test_every_route_is_in_the_access_table():
    missing = [route for route in access.routes() if access.rule_for(route) is None]

    assert missing == [], f"Routes the access table (newsdesk/core/access.py) does not mention: {missing}"


def test_every_rule_of_the_table_names_a_route_that_exists():
    routes = access.routes()

    unused = [rule.routes for rule in access.TABLE if not any(access.rule_for(route) is rule for route in routes)]

    assert unused == []


def test_every_rule_without_a_sample_says_which_test_covers_it():
    assert [rule.routes for rule in access.TABLE if not rule.sample and not rule.note] == []


@pytest.fixture
def placeholders(db):
    """Objects the samples name: a published story, a draft of someone else's, taxonomy, a page."""
    article = ArticleFactory()
    tag = Tag.objects.create(name="Talks", slug="talks")
    article.tags.add(tag)
    other = get_user_model().objects.create_user("someone-else", is_staff=True)
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    Article.objects.filter(pk=draft.pk).update(created_by=other)
    page = Page.objects.create(title="About us", slug="about-us", body="Who we are.")
    return {
        "article_url": article.get_absolute_url(), "section": article.section.slug, "tag": tag.slug,
        "author": Author.objects.first().slug, "page": page.slug, "other_draft": draft.pk,
        "publication": Publication.objects.current().pk,
    }


def _client_for(role: str, client):
    if role == "anonymous":
        return client
    user = get_user_model().objects.create_user(f"as-{role}", password="a long enough password 1", is_staff=True)
    user.groups.add(Group.objects.get(name=ROLE_OF[role].group_name))
    AuthorFactory(user=user)
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("role", access.ROLES)
@pytest.mark.parametrize("rule", SAMPLED, ids=[rule.routes for rule in SAMPLED])
def test_each_role_gets_what_the_table_says(client, placeholders, role, rule):
    expected = rule.gets[access.ROLES.index(role)]
    if expected == "-":
        pytest.skip("not applicable to this role")
    client = _client_for(role, client)
    url = rule.sample.format(**placeholders)

    response = client.get(url)

    if expected == "y":
        assert response.status_code == 200, f"{role} should get {url}, got {response.status_code}"
    elif role == "anonymous":
        assert response.status_code in (302, 401, 403)
        if response.status_code == 302:
            assert "/login/" in response["Location"]
    else:
        assert response.status_code == 403, f"{role} should be refused {url}, got {response.status_code}"
