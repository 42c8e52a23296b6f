"""factory_boy factories for the content model; each builds through the same fields an editor fills in."""

from datetime import timedelta

import factory
from django.utils import timezone

from newsdesk.content import services
from newsdesk.content.models import Article, Author, Page, Section, Tag


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Writer {n}")
    slug = factory.Sequence(lambda n: f"writer-{n}")
    role = "Staff Reporter"
    bio = "Covers the city council and its budget."


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article with one author, saved through content.services."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Council approves budget number {n}")
    dek = "Councillors voted after a long debate."
    slug = factory.Sequence(lambda n: f"council-budget-{n}")
    body = "## What happened\n\nThe council met on Tuesday and voted on the budget.\n"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.save_article(model_class(*args, **kwargs))

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create:
            services.set_bylines(self, [(author, "") for author in (extracted or [AuthorFactory()])])


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    body = "## Who we are\n\nA newsroom.\n"
