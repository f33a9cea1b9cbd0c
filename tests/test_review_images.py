"""A Curator's image for a published film waits for review like any change: the file is kept
(shown to staff, not to visitors) until an Editor accepts it — then it is stored as any
upload is — or sends it back; either way the kept file is then removed."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from catalog.models import Film, FilmImage
from curation.models import Review
from tests.admin_forms import form_data, sign_in


@pytest.fixture(autouse=True)
def served(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.NKFILMS_SERVE_MEDIA = True


@pytest.fixture
def film(world):
    return Film.objects.get(slug="somi-the-taekwon-do-woman")  # published


def png():
    body = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 10, 10)).save(body, format="PNG")
    return SimpleUploadedFile("poster.png", body.getvalue(), content_type="image/png")


def curator_adds_a_poster(client, film):
    url = reverse("admin:catalog_film_change", args=[film.pk])
    sign_in(client, "Curator")
    data = form_data(client.get(url).content.decode(), "film_form")
    data.update(
        {
            "images-TOTAL_FORMS": "1",
            "images-0-kind": "poster",
            "images-0-order": "0",
            "images-0-alt_text": "The poster: a woman mid-kick",
            "images-0-image": png(),
        }
    )
    return client.post(url, data)


def kept_files(review):
    return [path for kept in review.data["_files"].values() for path, _ in kept]


def test_a_curators_poster_waits_for_review_and_is_seen_by_staff_only(client, film):
    response = curator_adds_a_poster(client, film)
    assert response.status_code == 302
    assert not FilmImage.objects.filter(film=film).exists()  # not saved
    review = Review.objects.get()
    assert any(line["what"] == "image" for line in review.diff)
    (kept,) = kept_files(review)
    assert client.get(f"/media/{kept}").status_code == 200  # the curator, staff
    client.logout()
    assert client.get(f"/media/{kept}").status_code == 404  # a visitor


def test_accepting_stores_the_poster_as_its_authors_and_removes_the_kept_file(
    client, film, django_capture_on_commit_callbacks
):
    curator_adds_a_poster(client, film)
    review = Review.objects.get()
    (kept,) = kept_files(review)
    sign_in(client, "Editor")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:review_accept", args=[review.pk]))
    image = FilmImage.objects.get(film=film)
    assert image.alt_text == "The poster: a woman mid-kick"
    assert image.thumbnail and default_storage.exists(image.image.name)
    assert image.history.first().history_user.username == "curator"
    assert not default_storage.exists(kept)
    client.logout()
    assert client.get(f"/media/{image.image.name}").status_code == 200  # public now


def test_sending_it_back_removes_the_kept_file(client, film, django_capture_on_commit_callbacks):
    curator_adds_a_poster(client, film)
    review = Review.objects.get()
    (kept,) = kept_files(review)
    sign_in(client, "Editor")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:review_send_back", args=[review.pk]), {"note": "Too small."})
    assert not default_storage.exists(kept)
    assert not FilmImage.objects.filter(film=film).exists()


def stored(tmp_path, folder="films"):
    return sorted(p.name for p in (tmp_path / folder).rglob("*") if p.is_file())


def test_trying_and_previewing_a_held_image_leave_no_stray_files(
    client, film, tmp_path, django_capture_on_commit_callbacks
):
    """Holding the change saved it and rolled it back, and so does its preview: the rows
    went, the picture and thumbnail they stored must go too (the trial's at once, the
    preview's with the review's own files when it is decided)."""
    curator_adds_a_poster(client, film)
    assert stored(tmp_path) == []  # the try's files removed; only review/ keeps one
    review = Review.objects.get()
    sign_in(client, "Editor")
    for _ in range(2):
        assert client.get(reverse("admin:review_preview", args=[review.pk])).status_code == 200
    assert len(stored(tmp_path)) == 4  # two previews, each a picture and its thumbnail
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:review_accept", args=[review.pk]))
    image = FilmImage.objects.get(film=film)
    named = sorted(name.rsplit("/", 1)[1] for name in (image.image.name, image.thumbnail.name))
    assert stored(tmp_path) == named  # only the accepted image's own files
    assert stored(tmp_path, "review") == []
