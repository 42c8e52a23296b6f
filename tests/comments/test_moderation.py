"""The moderation policy: WordPress's rules, configured per publication."""

import pytest

from newsdesk.comments import services
from newsdesk.comments.models import Comment
from tests.comments.conftest import approved_comment

pytestmark = pytest.mark.django_db


def post(article, body="A fair point about the budget.", **fields):
    fields.setdefault("name", "Reader")
    fields.setdefault("email", "new@example.org")
    return services.post_comment(article, body=body, **fields)


def test_a_first_time_commenter_is_held(article):
    assert post(article).status == Comment.Status.PENDING


def test_a_commenter_with_an_earlier_approved_comment_is_approved_at_once(article):
    approved_comment(article, email="known@example.org")
    assert post(article, email="known@example.org").status == Comment.Status.APPROVED


def test_the_earlier_approval_counts_whatever_the_emails_case(article):
    approved_comment(article, email="known@example.org")
    assert post(article, email="Known@Example.ORG").status == Comment.Status.APPROVED


def test_an_earlier_comment_that_is_still_held_does_not_count(article):
    post(article, body="First.")
    assert post(article, body="Second.").status == Comment.Status.PENDING


def test_first_comments_can_be_approved_at_once_when_the_publication_says_so(article, comment_settings):
    comment_settings.hold_first_comment = False
    comment_settings.save()
    assert post(article).status == Comment.Status.APPROVED


def test_holding_every_comment_holds_known_commenters_too(article, comment_settings):
    approved_comment(article, email="known@example.org")
    comment_settings.hold_all = True
    comment_settings.save()
    assert post(article, email="known@example.org").status == Comment.Status.PENDING


def test_more_links_than_the_limit_hold_a_known_commenters_comment(article):
    approved_comment(article, email="known@example.org")
    body = "See https://a.example https://b.example https://c.example"
    assert post(article, body=body, email="known@example.org").status == Comment.Status.PENDING


def test_links_up_to_the_limit_do_not_hold_it(article):
    approved_comment(article, email="known@example.org")
    body = "See https://a.example and https://b.example"
    assert post(article, body=body, email="known@example.org").status == Comment.Status.APPROVED


def test_the_link_limit_is_configurable(article, comment_settings):
    approved_comment(article, email="known@example.org")
    comment_settings.max_links = 0
    comment_settings.save()
    assert post(article, body="https://a.example", email="known@example.org").status == Comment.Status.PENDING


def test_a_word_on_the_moderation_list_holds_the_comment(article, comment_settings):
    approved_comment(article, email="known@example.org")
    comment_settings.moderation_words = "casino\nbest price"
    comment_settings.save()
    assert post(article, body="Find the BEST PRICE here", email="known@example.org").status == Comment.Status.PENDING


def test_a_word_on_the_block_list_sends_the_comment_to_spam(article, comment_settings):
    comment_settings.blocked_words = "viagra"
    comment_settings.save()
    assert post(article, body="Cheap Viagra!").status == Comment.Status.SPAM


def test_the_block_list_is_checked_in_the_name_and_email_too(article, comment_settings):
    comment_settings.blocked_words = "spammer.example"
    comment_settings.save()
    assert post(article, email="bot@spammer.example").status == Comment.Status.SPAM


def test_the_block_list_wins_over_a_known_commenter(article, comment_settings):
    approved_comment(article, email="known@example.org")
    comment_settings.blocked_words = "casino"
    comment_settings.save()
    assert post(article, body="casino", email="known@example.org").status == Comment.Status.SPAM


def test_a_spam_comment_is_never_shown_even_to_its_commenter(client, article, comment_settings):
    from newsdesk.comments import tokens

    comment_settings.blocked_words = "casino"
    comment_settings.save()
    spam = post(article, body="casino")
    response = client.get(f"{article.get_absolute_url()}?comment={tokens.pending_token(spam.pk)}")
    assert b"casino" not in response.content
