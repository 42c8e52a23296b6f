"""The demo publication: complete enough to show every feature, and safe to load again."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.content.models import Article, Author, Page, Publication, Section, Tag
from newsdesk.demo.loader import load_demo
from newsdesk.media.models import Image

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Article, Author, Section, Tag, Page, Image)}


def test_loading_the_demo_twice_never_duplicates_anything(demo):
    before = _counts()

    load_demo()

    assert _counts() == before


def test_the_demo_has_sections_authors_and_a_dozen_articles(demo):
    assert Section.objects.count() >= 3
    assert Article.objects.published().count() >= 12
    authors = Author.objects.all()
    assert authors.count() >= 3
    assert all(author.role and author.bio and author.photo for author in authors)


def test_the_demo_reports_the_oman_talks(demo):
    story = Article.objects.published().get(slug="us-iran-envoys-oman-talks")

    assert "Oman" in story.headline
    assert story.bylines.first().author.name == "Ahmed Hassan"
    assert story.lead_image.alt_text


def test_the_demo_has_terms_privacy_and_about_pages(demo):
    publication = Publication.objects.current()

    assert publication.terms_page.title == "Terms of Service"
    assert publication.privacy_page.title == "Privacy Policy"
    assert Page.objects.filter(slug="about").exists()


def test_the_demo_keeps_one_draft_out_of_sight(demo, client):
    draft = Article.objects.filter(status=Article.Status.DRAFT).first()

    assert draft is not None
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_every_demo_page_answers(demo, client):
    urls = ["/", "/latest/"]
    urls += [a.get_absolute_url() for a in Article.objects.published()]
    urls += [obj.get_absolute_url() for model in (Section, Tag, Author, Page) for obj in model.objects.all()]

    failures = {url: client.get(url).status_code for url in urls}

    assert {url: code for url, code in failures.items() if code != 200} == {}


def test_make_run_loads_the_demo_only_into_an_empty_site(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")} | {"NEWSDESK_VAR_DIR": str(tmp_path)}
    env["DJANGO_SETTINGS_MODULE"] = "newsdesk.settings.base"

    def run(*args):
        return subprocess.run([sys.executable, "-m", "newsdesk", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True)

    run("migrate", "--no-input", "-v", "0")
    first = run("demo", "--if-empty").stdout
    second = run("demo", "--if-empty").stdout

    assert "Demo publication loaded" in first
    assert "was not loaded again" in second
