"""Files a change waiting for review uploads (a poster or still of a published film).

The form a Curator posted is kept as JSON with the change; the files posted with it are
kept in storage under ``review/`` until an Editor decides. They belong to no image, so the
site serves them to staff only (``FilmImage.is_public_file``), as it does a draft's images.
Accepting the change posts them again with the form, and the image is stored anew
(re-encoded, thumbnailed) as on any upload; once decided, the kept files are removed.

Trying a change (to hold it) and previewing it save it and roll it back: the rows go, but
the files the image field stored do not. ``image_files`` before and after the rollback
tells which of them no row names: a try's are removed at once (``remove_unnamed``), a
preview's once the page has been shown, with the review's own files when it is decided
(``PREVIEWED``).
"""

import os
import uuid

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.datastructures import MultiValueDict

from catalog.models import Film, FilmImage

FILES = "_files"  # the key of the kept files in a review's data
PREVIEWED = "_previewed"  # files its previews stored, which no image names
FOLDER = "review"


def keep(files):
    """Store the posted files; what a review's data keeps of them."""
    kept = {}
    for name, uploads in files.lists():
        kept[name] = []
        for upload in uploads:
            upload.seek(0)
            where = f"{FOLDER}/{uuid.uuid4().hex}/{os.path.basename(upload.name)}"
            kept[name].append([default_storage.save(where, upload), upload.content_type])
    return kept


def posted_again(data):
    """The kept files as a request posts them."""
    files = MultiValueDict()
    for name, kept in (data.get(FILES) or {}).items():
        for path, content_type in kept:
            with default_storage.open(path, "rb") as stored:
                body = stored.read()
            files.appendlist(name, SimpleUploadedFile(os.path.basename(path), body, content_type))
    return files


def drop(data):
    """Remove a decided (or replaced) review's kept files, and those its previews stored,
    once the decision is saved."""
    paths = [path for kept in (data.get(FILES) or {}).values() for path, _ in kept]
    paths += data.get(PREVIEWED, [])

    def remove():
        for path in paths:
            default_storage.delete(path)

    if paths:
        transaction.on_commit(remove)


def image_files(record):
    """The files a film's images name (each picture and its thumbnail); none for others."""
    if not isinstance(record, Film):
        return set()
    names = FilmImage.objects.filter(film=record).values_list("image", "thumbnail")
    return {name for pair in names for name in pair if name}


def unnamed(tried, record):
    """The files a rolled-back try stored (``tried``) that no image names now."""
    return sorted(tried - image_files(record))


def remove_unnamed(tried, record):
    for name in unnamed(tried, record):
        default_storage.delete(name)


def previewed(review, tried, record):
    """Note the files a preview of ``review`` stored, to be removed with its own."""
    if found := unnamed(tried, record):
        review.data[PREVIEWED] = review.data.get(PREVIEWED, []) + found
        review.save(update_fields=["data"])
