"""Posters and stills: validated before decoding, stripped of metadata, thumbnailed.

Pillow 12.2+ is required (it fixes a decompression-bomb CVE); on top of it we refuse files
that are too large, images with too many pixels (read from the header, before decoding) and
formats we do not serve. Phones save photos as MPO (a JPEG followed by further pictures): the
first picture is kept, as a JPEG. Transparency (a PNG's transparent colour, a WebP's alpha)
is kept in the image and in its thumbnail.

The files are written when the image is saved, before the database transaction commits; if it
rolls back they stay on disk unreferenced. That is harmless (nothing links to them) and
accepted: deleting files in a rollback hook would also delete them when a retry succeeds.
"""

import io
import warnings

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "MPO": "jpg"}
STORED_AS = {"MPO": "JPEG"}  # the first picture of a phone's multi-picture file
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
THUMBNAIL_SIZE = (400, 400)


def validate_image_file(file):
    """Refuse a file that is not a safe, reasonably sized JPEG, PNG or WebP image."""
    if file.size > MAX_FILE_BYTES:
        raise ValidationError(
            "The image is %(size)s MB; the limit is %(limit)s MB.",
            code="image_too_large",
            params={"size": round(file.size / 1024 / 1024, 1), "limit": MAX_FILE_BYTES // 2**20},
        )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
                kind = image.format
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            "The image has far more pixels than it can safely be opened with; the limit is "
            "%(limit)s megapixels.",
            code="image_too_many_pixels",
            params={"limit": MAX_PIXELS // 1_000_000},
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise ValidationError(
            "This file is not an image we can read (JPEG, PNG or WebP).", code="not_an_image"
        ) from None
    finally:
        file.seek(0)
    if kind not in ALLOWED_FORMATS:
        raise ValidationError(
            "%(kind)s images are not accepted; upload a JPEG, PNG or WebP.",
            code="image_format",
            params={"kind": kind},
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(
            "The image is %(w)s × %(h)s pixels; the limit is %(limit)s megapixels.",
            code="image_too_many_pixels",
            params={"w": width, "h": height, "limit": MAX_PIXELS // 1_000_000},
        )


class SafeImageField(forms.ImageField):
    """Django's form field for an image, which first says why a file is refused (too large,
    too many pixels, a format we do not serve): Django's own check opens the image and calls
    a decompression bomb only "not an image"."""

    def to_python(self, data):
        if data not in self.empty_values and hasattr(data, "size"):
            validate_image_file(data)
        return super().to_python(data)


def clean_image(file):
    """The image re-encoded without metadata (EXIF, GPS, text chunks), and its thumbnail."""
    validate_image_file(file)
    with Image.open(file) as original:
        kind = STORED_AS.get(original.format, original.format)
        original.seek(0)  # the first picture of a multi-picture file
        pixels = ImageOps.exif_transpose(original).copy()  # keep the orientation
    kept = {k: v for k, v in pixels.info.items() if k == "transparency"}
    pixels.info = dict(kept)  # EXIF, GPS, ICC and text chunks stay behind
    body = io.BytesIO()
    pixels.save(body, format=kind, **kept)
    thumbnail, thumbnail_format = thumbnail_of(pixels, has_alpha=bool(kept) or "A" in pixels.mode)
    thumb = io.BytesIO()
    thumbnail.save(
        thumb, format=thumbnail_format, **({"quality": 85} if thumbnail_format == "JPEG" else {})
    )
    return (
        ContentFile(body.getvalue(), name=f"image.{ALLOWED_FORMATS[kind]}"),
        ContentFile(thumb.getvalue(), name=f"thumbnail.{thumbnail_format.lower()}"),
        pixels.size,
    )


def thumbnail_of(pixels, has_alpha):
    """A small copy for lists and pages: a PNG when the image has transparency (a JPEG
    would turn it black), otherwise a JPEG."""
    if has_alpha:
        small, thumbnail_format = pixels.convert("RGBA"), "PNG"
    else:
        small, thumbnail_format = pixels.convert("RGB"), "JPEG"
    small.thumbnail(THUMBNAIL_SIZE)
    small.info = {}
    return small, thumbnail_format
