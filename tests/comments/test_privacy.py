"""Commenters' privacy: the email is never public, IPs are erased, and one can export or delete one's comments."""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from newsdesk.comments import services, tokens
from newsdesk.comments.models import Comment, CommentSettings
from newsdesk.comments.tasks import erase_commenter_data
from tests.comments.conftest import approved_comment, form_data

pytestmark = pytest.mark.django_db

SECRET = "very.private.person@example.org"


def test_the_commenters_email_is_not_in_the_article_page(client, article):
    approved_comment(article, email=SECRET, website="https://site.example", notify_replies=True)
    html = client.get(article.get_absolute_url()).content.decode()
    assert SECRET not in html
    assert "very.private.person" not in html


def test_the_commenters_email_is_not_in_the_page_showing_their_pending_comment(client, post, article):
    response = client.get(post(form_data(article, email=SECRET))["Location"])
    assert SECRET.encode() not in response.content


def test_the_commenters_email_is_not_in_article_lists(client, article):
    approved_comment(article, email=SECRET)
    assert SECRET.encode() not in client.get("/latest/").content


def test_no_third_party_avatar_service_is_used(client, article):
    approved_comment(article, email=SECRET)
    html = client.get(article.get_absolute_url()).content.decode().lower()
    assert "gravatar" not in html
    assert not re.search(r"[0-9a-f]{32}", html.split('id="reader-comments"')[1].split("</section>")[0])


def test_the_avatar_is_the_commenters_initials(client, article):
    comment = approved_comment(article, name="Ada Lovelace", email=SECRET)
    assert comment.initials == "AL"


def test_the_form_token_endpoint_reveals_no_email(client, article):
    approved_comment(article, email=SECRET)
    assert SECRET.encode() not in client.get(f"/comments/form-token/{article.pk}/").content


def test_ip_addresses_and_user_agents_older_than_the_retention_period_are_erased(article):
    now = timezone.now()
    commenter = services.Commenter("192.0.2.1", "Mozilla/5.0")
    old = services.post_comment(article, name="A", email="a@example.org", body="Old.", commenter=commenter, at=now - timedelta(days=31))
    erased = services.erase_commenter_data(at=now)
    old.refresh_from_db()
    assert erased == 1
    assert old.ip_address is None and old.user_agent == ""


def test_recent_ip_addresses_are_kept(article):
    commenter = services.Commenter("192.0.2.1", "Mozilla/5.0")
    recent = services.post_comment(article, name="A", email="a@example.org", body="New.", commenter=commenter)
    services.erase_commenter_data()
    recent.refresh_from_db()
    assert recent.ip_address == "192.0.2.1"


def test_the_retention_period_defaults_to_30_days_and_is_configurable(article, comment_settings):
    assert comment_settings.retention_days == 30
    comment_settings.retention_days = 7
    comment_settings.save()
    commenter = services.Commenter("192.0.2.1", "UA")
    services.post_comment(article, name="A", email="a@example.org", body="x", commenter=commenter, at=timezone.now() - timedelta(days=8))
    assert services.erase_commenter_data() == 1


def test_the_erasure_task_erases(article):
    commenter = services.Commenter("192.0.2.1", "UA")
    services.post_comment(article, name="A", email="a@example.org", body="x", commenter=commenter, at=timezone.now() - timedelta(days=40))
    result = erase_commenter_data.enqueue()
    assert result.return_value == 1
    assert Comment.objects.get().ip_address is None


def test_the_erasure_command_erases(article, capsys):
    commenter = services.Commenter("192.0.2.1", "UA")
    services.post_comment(article, name="A", email="a@example.org", body="x", commenter=commenter, at=timezone.now() - timedelta(days=40))
    call_command("erase_commenter_data")
    assert "1 comment(s)" in capsys.readouterr().out
    assert Comment.objects.get().user_agent == ""


def request_link(client, email: str, action: str) -> str:
    response = client.post("/comments/privacy/", {"email": email, "action": action}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 200
    return re.search(r"http://\S+(/comments/privacy/confirm/\S+/)", mail.outbox[-1].body).group(1)


def test_a_privacy_request_emails_a_signed_link_to_that_address(client):
    request_link(client, SECRET, "export")
    assert mail.outbox[-1].to == [SECRET]


def test_a_privacy_request_page_does_not_say_whether_the_address_commented(client, article):
    approved_comment(article, email=SECRET)
    known = client.post("/comments/privacy/", {"email": SECRET, "action": "export"}, HTTP_ORIGIN="http://testserver")
    unknown = client.post("/comments/privacy/", {"email": "nobody@example.org", "action": "export"}, HTTP_ORIGIN="http://testserver")
    assert known.content.replace(SECRET.encode(), b"") == unknown.content.replace(b"nobody@example.org", b"")


def test_nothing_happens_until_the_link_is_opened_and_confirmed(client, article):
    approved_comment(article, email=SECRET)
    link = request_link(client, SECRET, "delete")
    assert client.get(link).status_code == 200
    assert Comment.objects.by_email(SECRET).count() == 1


def test_the_confirmed_export_is_every_comment_made_with_the_address(client, article):
    approved_comment(article, email=SECRET, body="Mine, approved.")
    services.post_comment(article, name="Me", email=SECRET, body="Mine, held.")
    approved_comment(article, body="Someone else's.")
    response = client.post(request_link(client, SECRET, "export"), HTTP_ORIGIN="http://testserver")
    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert sorted(c["comment"] for c in data["comments"]) == ["Mine, approved.", "Mine, held."]


def test_the_confirmed_deletion_deletes_every_comment_made_with_the_address(client, article):
    approved_comment(article, email=SECRET)
    other = approved_comment(article)
    response = client.post(request_link(client, SECRET, "delete"), HTTP_ORIGIN="http://testserver")
    assert response.status_code == 200
    assert list(Comment.objects.all()) == [other]


def test_deleting_ones_comments_keeps_other_readers_replies(client, article):
    mine = approved_comment(article, email=SECRET)
    reply = approved_comment(article, parent_id=mine.pk)
    client.post(request_link(client, SECRET, "delete"), HTTP_ORIGIN="http://testserver")
    assert list(Comment.objects.all()) == [reply]


def test_a_tampered_privacy_link_does_nothing(client, article):
    approved_comment(article, email=SECRET)
    forged = tokens.privacy_token(SECRET, "delete")[:-3] + "abc"
    response = client.post(f"/comments/privacy/confirm/{forged}/", HTTP_ORIGIN="http://testserver")
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_a_privacy_confirmation_from_another_site_is_refused(client, article):
    approved_comment(article, email=SECRET)
    link = f"/comments/privacy/confirm/{tokens.privacy_token(SECRET, 'delete')}/"
    assert client.post(link, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert Comment.objects.count() == 1


def test_the_privacy_pages_set_no_cookie(client):
    assert not client.get("/comments/privacy/").cookies


def test_the_demo_privacy_policy_says_what_is_stored_and_for_how_long():
    policy = (Path(__file__).parents[2] / "newsdesk/demo/content/pages/privacy.md").read_text()
    assert "your email address, which is never published" in policy
    assert f"erased automatically after {CommentSettings._meta.get_field('retention_days').default} days" in policy


def test_the_commenters_email_is_in_no_feed_sitemap_or_structured_data(client, article):
    from newsdesk.distribution.scopes import FEED_FILES

    approved_comment(article, email=SECRET)
    paths = [f"/feeds/{name}" for name in FEED_FILES.values()] + ["/sitemap.xml", "/sitemaps/news.xml", "/", "/latest/"]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"very.private.person" not in response.content, path
