"""Importing the fixture WordPress export: what each post, author, comment and image becomes."""

import pytest

from newsdesk.comments.models import Comment
from newsdesk.content.models import Article, Author, Page, Section, Tag
from newsdesk.importers.services import import_wordpress
from newsdesk.media.models import Image
from tests.importers.conftest import UPLOADS, WXR

pytestmark = pytest.mark.django_db


def test_the_fixture_export_imports_with_the_expected_counts(wordpress_site):
    report = wordpress_site

    assert report.counts["posts"] == {"imported": 10, "updated": 0, "skipped": 1}
    assert report.counts["pages"] == {"imported": 1, "updated": 0, "skipped": 0}
    assert report.counts["comments"] == {"imported": 6, "updated": 0, "skipped": 1}
    assert report.counts["authors"]["imported"] == 4  # three in the list, one named only by a post
    assert report.counts["sections"]["imported"] == 4
    assert report.counts["tags"]["imported"] == 2
    assert report.counts["attachments"]["imported"] == 1
    assert Article.objects.count() == 10 and Comment.objects.count() == 6


def test_importing_the_same_export_again_updates_and_never_duplicates(wordpress_site):
    again = import_wordpress(WXR, media_dir=UPLOADS)

    assert again.counts["posts"] == {"imported": 0, "updated": 10, "skipped": 1}
    assert again.counts["comments"]["imported"] == 0
    assert Article.objects.count() == 10
    assert Comment.objects.count() == 6
    assert Author.objects.count() == 4 and Section.objects.count() == 4 and Tag.objects.count() == 2
    assert Page.objects.count() == 1


def test_a_published_post_keeps_its_title_slug_dates_excerpt_and_category(wordpress_site):
    article = Article.objects.get(slug="ferry-timetable-cut")

    assert article.headline == "Ferry timetable cut as council budget tightens"
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at.isoformat() == "2024-03-04T08:30:00+00:00"
    assert article.updated_at.isoformat() == "2024-03-05T10:00:00+00:00"
    assert article.dek == "Two sailings a day go from April."
    assert article.section.name == "Council"
    assert sorted(article.tags.values_list("slug", flat=True)) == ["budget-2024", "ferries"]


def test_block_comments_shortcodes_and_captions_become_clean_markdown(wordpress_site):
    body = Article.objects.get(slug="ferry-timetable-cut").body

    assert "<!--" not in body and "[caption" not in body and "[gallery" not in body
    assert "**two sailings a day**" in body
    assert "## What changes" in body
    assert "- The 06:10 sailing goes." in body
    assert "![The ferry at the pier](/media/images/" in body  # the attachment's file, stored once
    assert "*The MV Islander at the pier in February.*" in body


def test_a_table_stays_as_sanitised_html_and_is_listed_in_the_report(wordpress_site):
    article = Article.objects.get(slug="ferry-timetable-cut")

    assert "<table>" in article.body and "<td>06:10</td>" in article.body_html
    assert any("ferry" in line.lower() and "<table> kept as HTML" in line for line in wordpress_site.notes)


def test_an_embedded_player_becomes_a_link_and_is_reported(wordpress_site):
    article = Article.objects.get(slug="ferry-timetable-cut")

    assert "<iframe" not in article.body
    assert "(https://www.youtube.com/embed/abc123)" in article.body
    assert any("iframe" in line and "replaced by a link" in line for line in wordpress_site.notes)


def test_classic_editor_posts_get_their_paragraphs(wordpress_site):
    body = Article.objects.get(slug="harbour-dues").body

    assert body.startswith("The harbour board published its dues for the year.\n\nCreel boats")
    assert "[https://harbour-board.example/dues-2024.pdf]" in body


def test_arabic_titles_and_slugs_survive(wordpress_site):
    article = Article.objects.get(slug="مهرجان-الميناء")

    assert article.headline == "مهرجان الميناء يعود هذا الصيف"
    assert "يعود مهرجان الميناء في يوليو" in article.body
    assert "ברוכים הבאים" in article.body
    assert article.bylines.get().author.name == "سمير حداد"


def test_a_private_post_is_imported_as_a_draft_and_reported(wordpress_site):
    assert Article.objects.get(slug="staff-rota").status == Article.Status.DRAFT
    assert any("Staff rota" in line and "private" in line for line in wordpress_site.notes)


def test_a_password_protected_post_is_never_published(wordpress_site, client):
    article = Article.objects.get(slug="lifeboat-crew")

    assert article.status == Article.Status.DRAFT
    assert any("Lifeboat" in line and "password-protected" in line for line in wordpress_site.notes)
    assert client.get("/2024/03/lifeboat-crew/").status_code == 404


def test_a_scheduled_post_keeps_its_time(wordpress_site):
    article = Article.objects.get(slug="regatta-results")

    assert article.status == Article.Status.SCHEDULED
    assert article.published_at.isoformat() == "2030-07-01T18:00:00+00:00"


def test_drafts_and_pending_posts_become_drafts_and_review(wordpress_site):
    assert Article.objects.get(slug="half-written-the-new-slipway").status == Article.Status.DRAFT
    assert Article.objects.get(slug="quay-wall-repairs").status == Article.Status.REVIEW
    assert Article.objects.get(slug="quay-wall-repairs").published_at is None


def test_posts_in_the_trash_are_skipped_with_the_reason(wordpress_site):
    assert not Article.objects.filter(headline="Deleted story").exists()
    assert "post 111 “Deleted story”: in the trash" in wordpress_site.skips


def test_a_duplicate_slug_gets_a_suffix_and_a_report_line(wordpress_site):
    assert Article.objects.get(slug="harbour-dues").headline == "Harbour dues: the full list"
    assert Article.objects.get(slug="harbour-dues-2").headline == "Harbour dues: a correction"
    assert any("harbour-dues-2" in line for line in wordpress_site.notes)


def test_an_author_missing_from_the_list_is_created_from_the_login(wordpress_site):
    article = Article.objects.get(slug="harbour-dues-2")

    assert article.bylines.get().author.name == "stringer"
    assert any("stringer" in line and "not in the export" in line for line in wordpress_site.notes)


def test_a_post_without_an_author_has_no_byline(wordpress_site):
    assert not Article.objects.get(slug="unsigned-letter").bylines.exists()


def test_co_authors_become_bylines_in_order(wordpress_site):
    article = Article.objects.get(slug="harbour-dues")

    assert [b.author.name for b in article.bylines.all()] == ["Jo Taylor", "سمير حداد"]


def test_author_login_and_email_are_kept_on_an_inactive_account(wordpress_site):
    author = Author.objects.get(name="Morag Finlay")

    assert author.user.username == "ednews"
    assert author.user.email == "editor@harbour-gazette.example"
    assert not author.user.is_active and not author.user.has_usable_password()


def test_author_emails_are_not_shown_to_readers(wordpress_site, client):
    author = Author.objects.get(name="Morag Finlay")

    assert b"editor@harbour-gazette.example" not in client.get(author.get_absolute_url()).content
    assert b"editor@harbour-gazette.example" not in client.get("/2024/03/04/ferry-timetable-cut/").content


def test_comments_keep_their_threads_even_when_a_reply_comes_first(wordpress_site):
    reply_to_reply = Comment.objects.get(name="Ewan Reid")

    assert reply_to_reply.depth == 3
    assert reply_to_reply.parent.name == "Morag Finlay"
    assert reply_to_reply.parent.parent.name == "Ailsa Munro"


def test_comments_keep_their_moderation_status(wordpress_site):
    statuses = dict(Comment.objects.values_list("body", "status"))

    assert statuses["Buy now"] == Comment.Status.SPAM
    assert statuses["Waiting for a moderator, this one."] == Comment.Status.PENDING
    assert statuses["Posted in anger, then binned."] == Comment.Status.TRASH
    assert statuses["The council says demand is low on the first sailing."] == Comment.Status.APPROVED


def test_comment_html_becomes_plain_text_and_ip_addresses_are_not_kept(wordpress_site):
    comment = Comment.objects.get(name="Ailsa Munro")

    assert comment.body == "Who takes the early boat now?\nNobody I know."
    assert comment.ip_address is None


def test_commenter_emails_are_not_shown_on_the_article(wordpress_site, client):
    page = client.get("/2024/03/04/ferry-timetable-cut/")

    assert b"Who takes the early boat now?" in page.content
    assert b"ailsa@example.org" not in page.content


def test_pingbacks_are_skipped_with_the_reason(wordpress_site):
    assert any("comment 507" in line and "pingback" in line for line in wordpress_site.skips)


def test_the_featured_image_comes_from_the_media_directory(wordpress_site):
    image = Article.objects.get(slug="ferry-timetable-cut").lead_image

    assert image.alt_text == "The ferry at the pier"
    assert image.caption == "The MV Islander at the pier in February."
    assert (image.width, image.height) == (80, 60)


def test_without_media_featured_images_are_skipped_and_reported(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"

    report = import_wordpress(WXR)

    assert Article.objects.get(slug="ferry-timetable-cut").lead_image is None
    assert any("featured image of post 101" in line and "--media" in line for line in report.skips)


def test_pages_become_pages(wordpress_site, client):
    page = Page.objects.get(slug="about")

    assert page.title == "About the Gazette"
    assert "Founded in 1887" in client.get("/about/").content.decode()


def test_an_image_both_in_the_text_and_featured_is_stored_once(wordpress_site):
    article = Article.objects.get(slug="ferry-timetable-cut")

    assert Image.objects.count() == 1
    assert f"![The ferry at the pier]({article.lead_image.file.url})" in article.body
