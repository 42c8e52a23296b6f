"""The media library in the admin: uploading through the same checks as everywhere, a searchable list
with thumbnails, and the JSON list behind the article editor's "insert image" button."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission, User

from newsdesk.content.markdown import render_markdown
from newsdesk.media import services
from newsdesk.media.models import Image
from tests.media.conftest import SVG, jpeg, png, stored_files, upload

pytestmark = pytest.mark.django_db

ADD = "/admin/media/image/add/"
LIST = "/admin/media/image/"
LIBRARY = "/admin/media/image/library.json"


def stored(alt_text: str, caption: str = "", credit: str = "", name="photo.jpg") -> Image:
    return services.store_upload(upload(jpeg(), name), alt_text=alt_text, caption=caption, credit=credit)


def errors(response) -> str:
    return BeautifulSoup(response.content, "html.parser").select_one(".errorlist").get_text(" ")


def test_an_editor_uploads_an_image_in_the_admin(admin_client):
    response = admin_client.post(ADD, {"upload": upload(jpeg(), "fire.jpg"), "alt_text": "Fire at the docks",
                                       "caption": "Late on Tuesday", "credit": "Photo: K. Osei"})  # fmt: skip

    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.alt_text, image.credit) == ("Fire at the docks", "Photo: K. Osei")
    assert image.uploaded_by.username == "picture-editor"
    assert image.file.name.startswith("images/")


def test_the_upload_form_offers_only_the_accepted_types(admin_client):
    field = BeautifulSoup(admin_client.get(ADD).content, "html.parser").select_one("input[type=file]")

    assert field["accept"] == "image/jpeg,image/png,image/webp,image/gif"


def test_a_refused_file_shows_its_reason_on_the_form_and_stores_nothing(admin_client, media_root):
    response = admin_client.post(ADD, {"upload": upload(SVG, "logo.svg", "image/svg+xml"), "alt_text": "Logo"})

    assert response.status_code == 200
    assert "SVG images are not accepted" in errors(response)
    assert stored_files(media_root) == [] and not Image.objects.exists()


def test_a_truncated_file_shows_its_reason_on_the_form(admin_client):
    whole = jpeg()

    response = admin_client.post(ADD, {"upload": upload(whole[:3000]), "alt_text": "Docks"})

    assert "damaged or incomplete" in errors(response)


def test_the_admin_refuses_an_upload_without_alt_text(admin_client, media_root):
    response = admin_client.post(ADD, {"upload": upload(jpeg()), "alt_text": "  "})

    assert response.status_code == 200
    assert "required" in errors(response)
    assert stored_files(media_root) == []


def test_changing_the_texts_keeps_the_file(admin_client):
    image = stored("Docks")
    name = image.file.name

    response = admin_client.post(f"{LIST}{image.pk}/change/", {"alt_text": "Docks at night", "caption": ""})

    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.alt_text, image.file.name) == ("Docks at night", name)


def test_replacing_the_file_in_the_admin_goes_through_the_same_checks(admin_client):
    image = stored("Docks")

    form = {"alt_text": "Docks", "upload": upload(b"GIF89a-not-really")}

    response = admin_client.post(f"{LIST}{image.pk}/change/", form)

    assert "not a JPEG, PNG, WebP or GIF" in errors(response)


def test_replacing_the_file_in_the_admin(admin_client):
    image = stored("Docks")

    admin_client.post(f"{LIST}{image.pk}/change/", {"alt_text": "Docks", "upload": upload(png((400, 300)), "new.png")})

    image.refresh_from_db()
    assert image.file.name.endswith(".png") and (image.width, image.height) == (400, 300)


def test_the_library_list_shows_thumbnails(admin_client):
    image = stored("Docks")

    page = BeautifulSoup(admin_client.get(LIST).content, "html.parser")

    thumbnail = page.select_one("#result_list td.field-thumbnail img, #result_list th.field-thumbnail img")
    assert thumbnail["src"] == image.file.url and thumbnail["width"] == "80"


@pytest.mark.parametrize(("query", "field"), [("tanker", "alt"), ("dawn", "caption"), ("osei", "credit")])
def test_the_library_list_searches_alt_caption_and_credit(admin_client, query, field):
    stored("A tanker at the quay" if field == "alt" else "Docks", caption="At dawn" if field == "caption" else "",
           credit="Photo: K. Osei" if field == "credit" else "")  # fmt: skip
    stored("Council chamber")

    page = admin_client.get(LIST, {"q": query}).content.decode()

    assert "Council chamber" not in page
    assert "1 result" in page


# --- library.json ---------------------------------------------------------------------------------------


def test_the_library_json_lists_what_the_editor_needs(admin_client):
    image = stored("Fire at the docks", caption="Late on Tuesday")

    entry = admin_client.get(LIBRARY).json()["results"][0]

    assert entry == {
        "id": image.pk, "thumbnail_url": image.file.url, "url": image.file.url, "alt": "Fire at the docks",
        "caption": "Late on Tuesday", "credit": "", "width": 1000, "height": 600,
        "markdown": f'![Fire at the docks]({image.file.url} "Late on Tuesday")',
    }  # fmt: skip


def test_the_library_json_searches(admin_client):
    stored("Fire at the docks")
    stored("Council chamber", credit="Photo: K. Osei")

    results = admin_client.get(LIBRARY, {"q": "osei"}).json()["results"]

    assert [entry["alt"] for entry in results] == ["Council chamber"]


@pytest.mark.parametrize("query", ["\x00", "' OR 1=1 --", "%", "_", "\u202e" * 50, "x" * 5000])
def test_the_library_json_answers_hostile_searches_without_error(admin_client, query):
    stored("Fire at the docks")

    response = admin_client.get(LIBRARY, {"q": query})

    assert response.status_code == 200 and isinstance(response.json()["results"], list)


def test_a_search_that_looks_like_sql_matches_nothing(admin_client):
    stored("Fire at the docks")

    assert admin_client.get(LIBRARY, {"q": "' OR 1=1 --"}).json()["results"] == []


def test_the_library_json_thumbnail_is_the_smallest_rendition(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        stored("Docks")

    entry = admin_client.get(LIBRARY).json()["results"][0]

    assert entry["thumbnail_url"].endswith("-480w.webp")


def test_the_library_json_pages(admin_client):
    for n in range(26):
        Image.objects.create(file=f"images/x/{n}.jpg", width=10, height=10, alt_text=f"Picture {n}")

    first, second = admin_client.get(LIBRARY).json(), admin_client.get(LIBRARY, {"page": 2}).json()

    assert (len(first["results"]), first["has_next"]) == (24, True)
    assert (len(second["results"]), second["has_next"]) == (2, False)
    assert admin_client.get(LIBRARY, {"page": "x"}).status_code == 404


def test_the_markdown_snippet_survives_hostile_alt_text_and_caption(admin_client):
    stored('Evil ](javascript:alert(1)) <img src=x onerror=alert(1)> *bold*', caption='He said "run" \\ now')

    snippet = admin_client.get(LIBRARY).json()["results"][0]["markdown"]
    img = BeautifulSoup(render_markdown(snippet), "html.parser").img

    assert img["alt"] == "Evil ](javascript:alert(1)) <img src=x onerror=alert(1)> *bold*"
    assert img["title"] == 'He said "run" \\ now'
    assert img["src"].startswith("/media/images/")
    assert "onerror" not in img.attrs


def test_the_library_json_needs_a_login(client):
    response = client.get(LIBRARY)

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_library_json_is_for_staff_only(client):
    client.force_login(User.objects.create_user("reader", password="x" * 16))

    response = client.get(LIBRARY)

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_staff_without_the_media_permission_are_refused_with_403(client):
    client.force_login(User.objects.create_user("intern", password="x" * 16, is_staff=True))

    response = client.get(LIBRARY)

    assert response.status_code == 403 and "error" in response.json()


def test_staff_with_the_view_permission_may_read_the_library(client):
    user = User.objects.create_user("contributor", password="x" * 16, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_image"))
    client.force_login(user)

    assert client.get(LIBRARY).status_code == 200


def test_the_library_json_answers_get_only(admin_client):
    assert admin_client.post(LIBRARY).status_code == 405
