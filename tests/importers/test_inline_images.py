"""Images inside WordPress post content: stored from --media and shown from the site, or linked, never fetched."""

import pytest

from newsdesk.content.models import Article
from newsdesk.importers.services import import_wordpress
from newsdesk.importers.sources import ImportError_
from newsdesk.media.models import Image
from tests.importers.conftest import UPLOADS, write_wxr, wxr_item

pytestmark = pytest.mark.django_db

OLD = "https://small.example/wp-content/uploads"
HARBOUR_WALL = (
    f'<img src="{OLD}/2024/05/harbour-wall-300x200.jpg" alt="The harbour wall at high tide" width="300" height="200" '
    f'srcset="{OLD}/2024/05/harbour-wall-300x200.jpg 300w, {OLD}/2024/05/harbour-wall-1024x683.jpg 1024w" '
    'sizes="(max-width: 300px) 100vw, 300px" class="wp-image-301">'
)
LIGHTHOUSE = (
    f'<img src="{OLD}/2024/05/lighthouse-300x200.jpg" alt="The lighthouse" '
    f'srcset="{OLD}/2024/05/lighthouse-300x200.jpg 300w, {OLD}/2024/05/lighthouse-1024x683.jpg 1024w">'
)
STORM = f'<img src="{OLD}/2023/11/storm-damage-300x200.jpg" alt="Storm damage on the quay">'


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def import_post(tmp_path, content: str, *, media_dir=UPLOADS, post_id: int = 1):
    export = write_wxr(tmp_path / "export.xml", wxr_item(post_id, "Harbour", content=content))
    report = import_wordpress(export, media_dir=media_dir)
    return Article.objects.get(slug=f"post-{post_id}"), report


def test_an_inline_image_given_with_media_is_stored_in_the_library_and_shown_from_the_site(media_root, tmp_path):
    article, report = import_post(tmp_path, f"<p>{HARBOUR_WALL}</p>")

    image = Image.objects.get()
    assert f"![The harbour wall at high tide]({image.file.url})" in article.body
    assert "small.example" not in article.body
    assert report.counts["inline images"] == {"imported": 1, "updated": 0, "skipped": 0}


def test_the_original_upload_is_stored_rather_than_the_resized_copy_the_post_names(media_root, tmp_path):
    import_post(tmp_path, f"<p>{HARBOUR_WALL}</p>")

    image = Image.objects.get()
    assert (image.width, image.height) == (120, 80)  # harbour-wall.jpg, not a -300x200 copy
    assert image.alt_text == "The harbour wall at high tide"


def test_the_widest_srcset_copy_is_used_when_the_original_is_not_among_the_files(media_root, tmp_path):
    article, _ = import_post(tmp_path, f"<p>{LIGHTHOUSE}</p>")

    image = Image.objects.get()
    assert (image.width, image.height) == (96, 64)  # lighthouse-1024x683.jpg
    assert f"![The lighthouse]({image.file.url})" in article.body


def test_an_image_shown_twice_and_imported_again_is_stored_once(media_root, tmp_path):
    import_post(tmp_path, f"<p>{HARBOUR_WALL}</p><p>Again:</p><p>{HARBOUR_WALL}</p>")
    article, again = import_post(tmp_path, f"<p>{HARBOUR_WALL}</p><p>Again:</p><p>{HARBOUR_WALL}</p>")

    assert Image.objects.count() == 1
    assert article.body.count(Image.objects.get().file.url) == 2
    assert again.counts["inline images"] == {"imported": 0, "updated": 1, "skipped": 0}


def test_a_missing_image_becomes_a_link_to_its_old_address_and_is_reported(media_root, tmp_path):
    article, report = import_post(tmp_path, f"<p>Before.</p><p>{STORM}</p>")

    assert f"[Image: Storm damage on the quay]({OLD}/2023/11/storm-damage-300x200.jpg)" in article.body
    assert "![" not in article.body  # nothing is loaded from the old site
    assert Image.objects.count() == 0
    assert report.counts["inline images"]["skipped"] == 1
    assert any(
        "storm-damage-300x200.jpg in post 1" in line and "no such file under" in line and "not fetched" in line
        for line in report.skips
    )


def test_without_media_inline_images_become_links_and_are_reported(media_root, tmp_path):
    article, report = import_post(tmp_path, f"<p>{HARBOUR_WALL}</p>", media_dir=None)

    assert f"[Image: The harbour wall at high tide]({OLD}/2024/05/harbour-wall-300x200.jpg)" in article.body
    assert any("the files were not given (--media DIR)" in line for line in report.skips)


def test_an_image_from_another_site_is_not_fetched_and_becomes_a_link(media_root, tmp_path):
    article, report = import_post(tmp_path, '<p><img src="https://photos.example.org/flood.jpg" alt=""></p>')

    assert "[Image: flood.jpg](https://photos.example.org/flood.jpg)" in article.body
    assert any("not a file of the old site's uploads" in line for line in report.skips)


def test_a_relative_image_address_is_reported_with_the_old_site_address(media_root, tmp_path):
    article, _ = import_post(tmp_path, '<p><img src="/wp-content/uploads/2022/01/gone.jpg" alt="Gone"></p>')

    assert f"[Image: Gone]({OLD}/2022/01/gone.jpg)" in article.body


def test_a_link_to_the_full_size_file_leads_to_the_stored_copy(media_root, tmp_path):
    article, _ = import_post(tmp_path, f'<p><a href="{OLD}/2024/05/harbour-wall.jpg">{HARBOUR_WALL}</a></p>')

    url = Image.objects.get().file.url
    assert f"[![The harbour wall at high tide]({url})]({url})" in article.body


def test_a_missing_image_inside_a_link_keeps_one_link_to_the_old_file(media_root, tmp_path):
    article, _ = import_post(tmp_path, f'<p><a href="{OLD}/2023/11/storm-damage.jpg">{STORM}</a></p>')

    assert f"[Image: Storm damage on the quay]({OLD}/2023/11/storm-damage.jpg)" in article.body


def test_an_image_in_a_table_kept_as_html_is_shown_from_the_site_too(media_root, tmp_path):
    article, _ = import_post(tmp_path, f"<table><tr><td>{LIGHTHOUSE}</td><td>{STORM}</td></tr></table>")

    assert f'<img src="{Image.objects.get().file.url}"' in article.body
    assert f'<a href="{OLD}/2023/11/storm-damage-300x200.jpg"' in article.body
    assert ">Image: Storm damage on the quay</a>" in article.body
    assert "<img" not in article.body.replace(f'<img src="{Image.objects.get().file.url}"', "")


def test_the_article_page_shows_the_stored_image_and_nothing_from_the_old_site(media_root, tmp_path, client):
    article, _ = import_post(tmp_path, f"<p>Text.</p><p>{HARBOUR_WALL}</p><p>{STORM}</p>")

    page = client.get(article.get_absolute_url()).content.decode()

    assert f'src="{Image.objects.get().file.url}"' in page
    assert 'src="https://small.example' not in page
    assert f'href="{OLD}/2023/11/storm-damage-300x200.jpg"' in page


def test_importing_again_with_the_files_replaces_the_links_with_the_images(media_root, tmp_path):
    import_post(tmp_path, f"<p>{HARBOUR_WALL}</p>", media_dir=None)

    article, report = import_post(tmp_path, f"<p>{HARBOUR_WALL}</p>")

    assert f"![The harbour wall at high tide]({Image.objects.get().file.url})" in article.body
    assert "small.example" not in article.body


def test_a_failed_import_leaves_none_of_the_image_files_it_stored(media_root, tmp_path):
    items = wxr_item(1, "Harbour", content=f"<p>{HARBOUR_WALL}</p>") + "<item><title>Broken</title>"
    export = write_wxr(tmp_path / "truncated.xml", items)

    with pytest.raises(ImportError_):
        import_wordpress(export, media_dir=UPLOADS)

    assert not Image.objects.exists()
    assert [path for path in media_root.rglob("*") if path.is_file()] == []


def test_a_failed_import_keeps_an_image_file_an_earlier_import_stored(media_root, tmp_path):
    import_post(tmp_path, f"<p>{HARBOUR_WALL}</p>")
    stored = Image.objects.get().file.name
    items = wxr_item(2, "Harbour again", content=f"<p>{HARBOUR_WALL}</p>") + "<item><title>Broken</title>"
    export = write_wxr(tmp_path / "truncated.xml", items)

    with pytest.raises(ImportError_):
        import_wordpress(export, media_dir=UPLOADS)

    assert (media_root / stored).is_file()
