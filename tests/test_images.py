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


def test_a_phones_multi_picture_jpeg_is_kept_as_its_first_picture(empty_catalogue):
    first, second = Image.new("RGB", (800, 600), "red"), Image.new("RGB", (800, 600), "blue")
    body = io.BytesIO()
    first.save(body, format="MPO", save_all=True, append_images=[second])
    image = make(factories.film(), SimpleUploadedFile("phone.jpg", body.getvalue()))
    with Image.open(image.image.path) as stored:
        assert stored.format == "JPEG"
        assert stored.getpixel((10, 10))[0] > 200  # red: the first picture


def png_header(width, height):
    """A PNG that says it is ``width`` × ``height``: enough for Pillow to refuse it unread."""
    import struct
    import zlib

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def test_a_decompression_bomb_gets_the_pixel_limit_message(empty_catalogue):
    bomb = SimpleUploadedFile("bomb.png", png_header(20_000, 20_000))  # 400 megapixels
    with pytest.raises(ValidationError) as error:
        make(factories.film(), bomb)
    assert "the limit is 40 megapixels" in " ".join(error.value.message_dict["image"])


def test_the_admin_form_gives_a_decompression_bomb_the_pixel_limit_message(empty_catalogue):
    from curation.admin.catalog import FilmImageForm

    bomb = SimpleUploadedFile("bomb.png", png_header(20_000, 20_000))
    data = {"kind": "still", "alt_text": "A bomb", "order": 0}
    form = FilmImageForm(data, {"image": bomb}, instance=FilmImage(film=factories.film()))
    assert not form.is_valid()
    assert "the limit is 40 megapixels" in " ".join(form.errors["image"])


def test_a_palette_pngs_transparent_colour_is_kept(empty_catalogue):
    image = Image.new("P", (600, 400), 0)
    image.putpalette([255, 255, 255] + [200, 0, 0] * 255)
    body = io.BytesIO()
    image.save(body, format="PNG", transparency=0)
    stored = make(factories.film(), SimpleUploadedFile("logo.png", body.getvalue()))
    with Image.open(stored.image.path) as kept:
        assert kept.info.get("transparency") == 0
    with Image.open(stored.thumbnail.path) as thumb:
        assert thumb.convert("RGBA").getpixel((0, 0))[3] == 0  # still see-through


def test_a_webps_transparency_survives_in_its_thumbnail(empty_catalogue):
    body = io.BytesIO()
    Image.new("RGBA", (600, 400), (255, 0, 0, 0)).save(body, format="WEBP")
    stored = make(factories.film(), SimpleUploadedFile("still.webp", body.getvalue()))
    with Image.open(stored.thumbnail.path) as thumb:
        assert thumb.mode == "RGBA" and thumb.getpixel((0, 0))[3] == 0
