"""The baker: every public page on disk, byte for byte what readers get from Django, kept current."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from newsdesk.content import services
from newsdesk.content.models import Article, Section
from newsdesk.publishing import baker, targets
from newsdesk.publishing.models import BakeRequest, PageDependency
from newsdesk.publishing.receivers import queue_content
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def baked(output, path):
    file = output / (path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/"))
    return file.read_bytes() if file.exists() else None


def test_baking_everything_writes_every_public_page(demo, output):
    baker.bake_all(targets.all_paths())

    story = Article.objects.get(slug="us-iran-envoys-oman-talks")
    for path in ("/", "/latest/", story.get_absolute_url(), "/section/world/", "/author/ahmed-hassan/", "/terms/", "/404.html"):
        assert baked(output, path), path


def test_a_baked_page_is_byte_identical_to_what_the_view_renders(demo, output, client):
    story = Article.objects.get(slug="us-iran-envoys-oman-talks")
    baker.bake_all(targets.all_paths())

    for path in ("/", story.get_absolute_url(), "/section/world/", "/tag/iran/", "/privacy/"):
        assert baked(output, path) == client.get(path).content, path


def test_drafts_are_never_baked(demo, output):
    baker.bake_all(targets.all_paths())
    draft = Article.objects.get(status=Article.Status.DRAFT)

    assert baked(output, draft.get_absolute_url()) is None


def test_the_bake_command_reports_what_it_wrote(demo, output, capsys):
    call_command("bake", "--all", "--workers", "1")

    assert "Baked " in capsys.readouterr().out
    assert baked(output, "/")


def test_publishing_an_article_bakes_it_and_the_lists_it_joins(output, committed):
    author = AuthorFactory(name="Lena Ortiz")
    article = committed(lambda: ArticleFactory(headline="Harbour bridge reopens", authors=[author]))

    for path in (article.get_absolute_url(), "/", "/latest/", article.section.get_absolute_url(), author.get_absolute_url()):
        assert b"Harbour bridge reopens" in baked(output, path), path


def test_editing_an_article_rebakes_the_pages_that_show_it(output, committed):
    article = committed(lambda: ArticleFactory(headline="Old headline"))

    article.headline = "New headline"
    committed(lambda: services.save_article(article))

    for path in (article.get_absolute_url(), "/", "/latest/", article.section.get_absolute_url()):
        page = baked(output, path)
        assert b"New headline" in page and b"Old headline" not in page, path


def test_editing_an_article_in_place_does_not_rebake_unrelated_pages(output, committed):
    other_section = SectionFactory()
    committed(lambda: ArticleFactory(section=other_section, headline="Elsewhere"))
    article = committed(lambda: ArticleFactory(headline="Kept in place"))
    baker.bake_all(targets.all_paths())

    article.body += "\nOne more sentence."
    queued = _queued_paths(committed, lambda: services.save_article(article))

    assert article.get_absolute_url() in queued
    assert other_section.get_absolute_url() not in queued


def _queued_paths(committed, action):
    from newsdesk.publishing import receivers

    seen = {}
    original = receivers.request_bake

    def spy(paths):
        seen.update(paths)
        original(paths)

    receivers.request_bake = spy
    try:
        committed(action)
    finally:
        receivers.request_bake = original
    return seen


def test_a_withdrawn_article_answers_410_gone(output, committed, client):
    article = committed(lambda: ArticleFactory())
    url = article.get_absolute_url()

    committed(lambda: services.unpublish_article(article))

    assert baked(output, url) is None
    assert (output / url.lstrip("/") / "index.html.gone").exists()
    assert client.get(url).status_code == 410


def test_a_republished_article_is_back_at_its_address(output, committed, client):
    article = committed(lambda: ArticleFactory(headline="Back again"))
    committed(lambda: services.unpublish_article(article))

    committed(lambda: services.publish_article(article))

    assert b"Back again" in baked(output, article.get_absolute_url())
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_new_slug_moves_the_baked_page_and_the_old_address_redirects(output, committed, client):
    article = committed(lambda: ArticleFactory(slug="first-slug"))
    old_url = article.get_absolute_url()

    article.slug = "second-slug"
    committed(lambda: services.save_article(article))

    assert baked(output, old_url) is None
    assert baked(output, article.get_absolute_url())
    assert client.get(old_url).status_code == 301


def test_renaming_a_section_rebakes_every_page_with_the_navigation(output, committed):
    section = SectionFactory(name="World")
    article = committed(lambda: ArticleFactory(section=section))
    baker.bake_all(targets.all_paths())

    section.name = "International"
    section.save()
    committed(lambda: queue_content(section, pk=section.pk))

    for path in ("/", article.get_absolute_url(), "/latest/"):
        assert b"International" in baked(output, path), path


def test_renaming_an_author_rebakes_the_pages_with_their_byline(output, committed):
    author = AuthorFactory(name="Sam Reyes")
    article = committed(lambda: ArticleFactory(authors=[author]))
    baker.bake_all(targets.all_paths())

    author.name = "Samantha Reyes"
    author.save()
    committed(lambda: queue_content(author, pk=author.pk))

    assert b"Samantha Reyes" in baked(output, article.get_absolute_url())


def test_each_baked_page_records_what_it_shows(output, committed):
    author = AuthorFactory()
    article = committed(lambda: ArticleFactory(authors=[author]))

    shown = set(PageDependency.objects.filter(page_id=article.get_absolute_url()).values_list("model", "object_id"))

    assert {("content.article", article.pk), ("content.author", author.pk), ("content.section", article.section_id)} <= shown


def test_a_rebaked_page_no_longer_depends_on_what_it_stopped_showing(output, committed):
    first, second = AuthorFactory(), AuthorFactory()
    article = committed(lambda: ArticleFactory(authors=[first]))
    article.bylines.all().delete()
    article.bylines.create(author=second, position=0)

    baker.bake_path(article.get_absolute_url())

    shown = set(PageDependency.objects.filter(page_id=article.get_absolute_url()).values_list("model", "object_id"))
    assert ("content.author", second.pk) in shown
    assert ("content.author", first.pk) not in shown
    assert article.get_absolute_url() not in targets.pages_showing("content.author", first.pk)


def test_a_page_that_cannot_be_rendered_keeps_its_old_file_and_stays_queued(output, committed, monkeypatch):
    article = committed(lambda: ArticleFactory(headline="Safe copy"))
    from newsdesk.publishing import render as render_module

    monkeypatch.setattr(baker, "render", lambda path: render_module.Rendered(503, {}, b"down"))
    baker.request_bake({article.get_absolute_url(): 0})
    baker.bake_pending()

    assert b"Safe copy" in baked(output, article.get_absolute_url())
    assert BakeRequest.objects.filter(path=article.get_absolute_url()).exists()


def test_a_page_served_by_django_before_it_was_baked_gets_baked(output, client, django_capture_on_commit_callbacks):
    article = ArticleFactory(headline="Not baked yet")

    with django_capture_on_commit_callbacks(execute=True):
        client.get(article.get_absolute_url())

    assert b"Not baked yet" in baked(output, article.get_absolute_url())


def test_pages_of_a_deleted_section_are_removed_by_a_full_bake(output, committed):
    section = SectionFactory()
    committed(lambda: ArticleFactory(section=SectionFactory()))
    baker.bake_all(targets.all_paths())
    assert baked(output, section.get_absolute_url())

    Section.objects.filter(pk=section.pk).delete()
    baker.bake_all(targets.all_paths())

    assert baked(output, section.get_absolute_url()) is None


def test_the_time_sensitive_rebake_refreshes_the_news_sitemap(output, committed):
    from newsdesk.publishing.tasks import rebake_time_sensitive_task

    committed(lambda: rebake_time_sensitive_task.enqueue())

    assert baked(output, "/sitemaps/news.xml") is not None


def test_a_page_with_a_query_string_is_not_for_shared_caches(client):
    article = ArticleFactory()

    response = client.get(article.get_absolute_url(), {"comment": "anything"})

    assert "private" in response["Cache-Control"]


def test_a_page_requested_again_while_it_is_being_baked_is_baked_once_more(output, monkeypatch):
    article = ArticleFactory(headline="First words")
    baker.request_bake({article.get_absolute_url(): 0})
    real_bake_path = baker.bake_path

    def bake_while_an_editor_saves(path, **options):
        outcome = real_bake_path(path, **options)
        Article.objects.filter(pk=article.pk).update(headline="Second words")
        baker.request_bake({path: 0})  # the editor's change arrives after the page was rendered
        monkeypatch.setattr(baker, "bake_path", real_bake_path)
        return outcome

    monkeypatch.setattr(baker, "bake_path", bake_while_an_editor_saves)
    baker.bake_pending()

    assert b"Second words" in baked(output, article.get_absolute_url())


def test_make_run_rebakes_when_the_site_address_changed(demo, output, settings, capsys):
    call_command("bake", "--if-empty", "--workers", "1")
    settings.NEWSDESK_BASE_URL = "http://127.0.0.1:8001"

    call_command("bake", "--if-empty", "--workers", "1")

    assert "rebaking them for http://127.0.0.1:8001" in capsys.readouterr().out
    assert b"http://127.0.0.1:8001/" in baked(output, "/")


def test_make_run_leaves_pages_baked_for_the_same_address_alone(demo, output, capsys):
    call_command("bake", "--if-empty", "--workers", "1")

    call_command("bake", "--if-empty", "--workers", "1")

    assert "already baked" in capsys.readouterr().out


def _children() -> set[int]:
    """This process's child processes, from /proc."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and fields[0] != "Z":
            children.add(int(stat.parent.name))
    return children


@pytest.mark.django_db(transaction=True)
def test_the_workers_next_rebake_reuses_its_baking_processes(output, client):
    # On PostgreSQL only: the suite's in-memory SQLite keeps every bake in one process.
    if not baker._shareable():
        pytest.skip("an in-memory database is baked by one process")
    articles = [ArticleFactory(headline=f"Story number {n}") for n in range(baker.PARALLEL_FROM + 4)]
    paths = [article.get_absolute_url() for article in articles]
    before = _children()
    try:
        # Queued as request_bake would, without waking the (here immediate) bake task.
        BakeRequest.objects.bulk_create([BakeRequest(path=path, priority=3) for path in paths])
        baker.bake_pending(workers=2, keep_pool=True)
        first = _children() - before
        # Changed behind the services' back, so that only the kept processes can bake the change.
        Article.objects.filter(pk__in=[a.pk for a in articles]).update(dek="Read by a kept process")
        BakeRequest.objects.bulk_create([BakeRequest(path=path, priority=3) for path in paths])

        baker.bake_pending(workers=2, keep_pool=True)

        assert len(first) == 2 and _children() - before == first
        assert not BakeRequest.objects.exists()
        for path in paths:
            assert b"Read by a kept process" in baked(output, path)
            assert baked(output, path) == client.get(path).content, path
    finally:
        baker.close_kept_pool()


@pytest.mark.django_db(transaction=True)
def test_a_long_queue_baked_by_several_processes_leaves_every_page_baked(output, client):
    # On PostgreSQL the pages really are shared among processes; the suite's in-memory SQLite keeps to one.
    articles = [ArticleFactory(headline=f"Story number {n}") for n in range(baker.PARALLEL_FROM + 4)]
    BakeRequest.objects.all().delete()
    paths = [article.get_absolute_url() for article in articles] + ["/", "/latest/"]
    baker.request_bake(dict.fromkeys(paths, 3))

    baker.bake_pending(workers=2)

    assert not BakeRequest.objects.exists()
    for path in paths:
        assert baked(output, path) == client.get(path).content, path
