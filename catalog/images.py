"""Posters and stills: validated before decoding, stripped of metadata, thumbnailed.

Pillow 12.2+ is required (it fixes a decompression-bomb CVE); on top of it we refuse files
that are too large, images with too many pixels (read from the header, before decoding) and
formats we do not serve.
"""

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
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
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
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


def clean_image(file):
    """The image re-encoded without metadata (EXIF, GPS, text chunks), and its thumbnail."""
    validate_image_file(file)
    with Image.open(file) as original:
        kind = original.format
        pixels = ImageOps.exif_transpose(original).copy()  # keep the orientation
    pixels.info = {}  # EXIF, GPS, ICC and text chunks stay behind
    extension = ALLOWED_FORMATS[kind]
    body = io.BytesIO()
    pixels.save(body, format=kind)
    thumbnail = pixels.convert("RGB") if pixels.mode not in ("RGB", "L") else pixels.copy()
    thumbnail.thumbnail(THUMBNAIL_SIZE)
    thumb = io.BytesIO()
    thumbnail.save(thumb, format="JPEG", quality=85)
    return (
        ContentFile(body.getvalue(), name=f"image.{extension}"),
        ContentFile(thumb.getvalue(), name="thumbnail.jpg"),
        pixels.size,
    )
