"""Files a change waiting for review uploads (a poster or still of a published film).

The form a Curator posted is kept as JSON with the change; the files posted with it are
kept in storage under ``review/`` until an Editor decides. They belong to no image, so the
site serves them to staff only (``FilmImage.is_public_file``), as it does a draft's images.
Accepting the change posts them again with the form, and the image is stored anew
(re-encoded, thumbnailed) as on any upload; once decided, the kept files are removed.
"""

import os
import uuid

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.datastructures import MultiValueDict

FILES = "_files"  # the key of the kept files in a review's data
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
    """Remove a decided (or replaced) review's kept files, once the decision is saved."""
    paths = [path for kept in (data.get(FILES) or {}).values() for path, _ in kept]

    def remove():
        for path in paths:
            default_storage.delete(path)

    if paths:
        transaction.on_commit(remove)
