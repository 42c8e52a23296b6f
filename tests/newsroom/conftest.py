import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from newsdesk.content.models import Article
from newsdesk.newsroom.roles import Role
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory


@pytest.fixture
def make_user(db):
    """A newsroom member with the given role and an author profile of their own."""

    def make(role: Role, username: str | None = None):
        username = username or role.name.lower()
        user = get_user_model().objects.create_user(username, password="a long enough password 1", is_staff=True)
        user.groups.add(Group.objects.get(name=role.group_name))
        AuthorFactory(name=username.title(), user=user)
        return user

    return make


@pytest.fixture
def contributor(make_user):
    return make_user(Role.CONTRIBUTOR)


@pytest.fixture
def author(make_user):
    return make_user(Role.AUTHOR)


@pytest.fixture
def editor(make_user):
    return make_user(Role.EDITOR)


@pytest.fixture
def administrator(make_user):
    return make_user(Role.ADMINISTRATOR)


@pytest.fixture
def section(db):
    return SectionFactory()


@pytest.fixture
def draft_by(section):
    """An unpublished article written by `user` (started by them, under their byline)."""

    def make(user, **fields):
        article = ArticleFactory(
            status=Article.Status.DRAFT, published_at=None, section=section, authors=[user.author], **fields
        )
        Article.objects.filter(pk=article.pk).update(created_by=user)
        article.refresh_from_db()
        return article

    return make


@pytest.fixture
def published_by(section):
    def make(user, **fields):
        article = ArticleFactory(section=section, authors=[user.author], **fields)
        Article.objects.filter(pk=article.pk).update(created_by=user)
        article.refresh_from_db()
        return article

    return make
