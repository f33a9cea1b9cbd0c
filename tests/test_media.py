"""/media/ never serves a draft's images to the public: only a published film's posters and
stills (and their thumbnails); staff see every image, as the admin shows drafts'."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalog.models import FilmImage, Status
from tests import factories as f
from tests.conftest import user_in


@pytest.fixture
def served(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.NKFILMS_SERVE_MEDIA = True


def still_of(film):
    body = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 10, 10)).save(body, format="PNG")
    image = FilmImage(
        film=film, image=SimpleUploadedFile("still.png", body.getvalue()), alt_text="A still"
    )
    image.save()
    return image


def get(client, name):
    return client.get(f"/media/{name}")


def test_a_published_films_image_and_thumbnail_are_served(db, client, served):
    image = still_of(f.FilmFactory(status=Status.PUBLISHED))
    assert get(client, image.image.name).status_code == 200
    assert get(client, image.thumbnail.name).status_code == 200


def test_a_drafts_images_are_not_served_to_visitors_but_are_to_staff(db, client, served):
    image = still_of(f.FilmFactory(status=Status.DRAFT))
    assert get(client, image.image.name).status_code == 404
    assert get(client, image.thumbnail.name).status_code == 404
    client.force_login(user_in("Curator"))
    shown = get(client, image.image.name)
    assert shown.status_code == 200 and "no-store" in shown["Cache-Control"]


def test_unpublishing_a_film_hides_its_images_at_once(db, client, served):
    film = f.FilmFactory(status=Status.PUBLISHED)
    image = still_of(film)
    assert get(client, image.image.name).status_code == 200
    film.status = Status.DRAFT
    film.save()
    assert get(client, image.image.name).status_code == 404


def test_a_file_no_image_owns_is_not_served(db, client, served, tmp_path):
    (tmp_path / "films").mkdir()
    (tmp_path / "films" / "left-behind.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert get(client, "films/left-behind.png").status_code == 404
    image = still_of(f.FilmFactory(status=Status.PUBLISHED))
    name = image.image.name
    image.delete()  # a deleted record's file stays on disk, for restoring
    assert get(client, name).status_code == 404


def test_serving_an_image_takes_one_query(db, client, served, django_assert_max_num_queries):
    image = still_of(f.FilmFactory(status=Status.PUBLISHED))
    with django_assert_max_num_queries(3):  # the session check, the image's film
        assert get(client, image.image.name).status_code == 200
