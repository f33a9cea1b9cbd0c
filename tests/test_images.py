"""Posters and stills: validated, stripped of metadata, thumbnailed, described."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalog.models import FilmImage
from tests import factories


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(name="still.jpg", size=(1200, 800), kind="JPEG", exif=True):
    image = Image.new("RGB", size, (140, 30, 20))
    body = io.BytesIO()
    options = {}
    if exif and kind == "JPEG":
        data = Image.Exif()
        data[0x010F] = "Secret Camera Maker"  # Make
        data[0x8298] = "Someone's copyright"  # Copyright
        options["exif"] = data.tobytes()
    image.save(body, format=kind, **options)
    return SimpleUploadedFile(name, body.getvalue(), content_type=f"image/{kind.lower()}")


def make(film, file, alt="A woman on a trapeze above a construction site"):
    image = FilmImage(film=film, kind="still", image=file, alt_text=alt)
    image.full_clean()
    image.save()
    return image


def test_an_upload_is_stored_without_metadata_and_with_a_thumbnail(empty_catalogue):
    image = make(factories.film(), upload())
    with Image.open(image.image.path) as stored:
        assert dict(stored.getexif()) == {}
        assert stored.size == (1200, 800)
    with Image.open(image.thumbnail.path) as thumb:
        assert max(thumb.size) == 400
    assert (image.width, image.height) == (1200, 800)


def test_alt_text_is_required(empty_catalogue):
    with pytest.raises(ValidationError) as error:
        make(factories.film(), upload(), alt="")
    assert "alt_text" in error.value.message_dict


@pytest.mark.parametrize(
    "file, message",
    [
        (SimpleUploadedFile("notes.jpg", b"not an image at all"), "not an image we can read"),
        (upload("anim.gif", kind="GIF", exif=False), "GIF images are not accepted"),
        (upload("huge.png", size=(8000, 6000), kind="PNG"), "the limit is 40 megapixels"),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_message(empty_catalogue, file, message):
    with pytest.raises(ValidationError) as error:
        make(factories.film(), file)
    assert message in " ".join(error.value.message_dict["image"])


def test_a_file_over_the_size_limit_is_refused(empty_catalogue, monkeypatch):
    monkeypatch.setattr("catalog.images.MAX_FILE_BYTES", 1000)
    with pytest.raises(ValidationError) as error:
        make(factories.film(), upload())
    assert "the limit is 0 MB" in " ".join(error.value.message_dict["image"])


def test_pillow_is_recent_enough_for_the_decompression_bomb_fix():
    import PIL

    major, minor = (int(part) for part in PIL.__version__.split(".")[:2])
    assert (major, minor) >= (12, 2)
