"""An import's confirmation applies what its preview showed, or nothing.

The dry run records a fingerprint of every record the file names, as it was then (or that
it did not exist). Confirming runs in one transaction: it first takes the model's import
lock (two confirmations of one kind of record run one after the other), locks the rows the
file names, and compares their fingerprints with the preview's. A record created, changed
or deleted in between refuses the whole import, naming each line and what happened, so a
second curator's confirmation can never silently replace the first one's work.
"""

import hashlib
import json

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db.models import Q

from .concurrency import snapshot

NEW = "new"  # the fingerprint of a record the file creates
SALT = "curation.import_guard"


def key_paths(resource):
    """The lookups that find a row's record: ``slug``; ``film__slug``, ``person__slug``…"""
    paths = []
    for name in resource.get_import_id_fields():
        field = resource.fields[name]
        related = getattr(field.widget, "field", None)
        paths.append(f"{field.attribute}__{related}" if related else field.attribute)
    return paths


def row_key(resource, row):
    return tuple(str(row.get(name) or "").strip() for name in resource.get_import_id_fields())


def fingerprint(instance):
    """What a record is now: its values (and version, for a record that has one)."""
    values = snapshot(instance)
    values["version"] = getattr(instance, "version", None)
    text = json.dumps(values, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def current_fingerprints(resource, dataset, lock=False):
    """The fingerprint of every record the file names, by key, in one query; locked until
    the transaction ends when ``lock``. Records the file would create are ``NEW``."""
    model = resource._meta.model
    paths = key_paths(resource)
    keys = {row_key(resource, row) for row in dataset.dict}
    keys.discard(tuple("" for _ in paths))
    found = Q(pk__in=[])
    for key in keys:
        found |= Q(**dict(zip(paths, key, strict=True)))
    related = [path.rsplit("__", 1)[0] for path in paths if "__" in path]
    queryset = model._base_manager.filter(found).select_related(*related).order_by("pk")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    now = dict.fromkeys(keys, NEW)
    for instance in queryset:
        key = tuple(str(_follow(instance, path) or "") for path in paths)
        if key in now:
            now[key] = fingerprint(instance)
    return now


def _follow(instance, path):
    value = instance
    for part in path.split("__"):
        value = getattr(value, part, None)
    return value


def sign(file_name, fingerprints):
    """The preview's fingerprints, carried by the confirmation form, tied to its file."""
    return signing.dumps(
        {"file": file_name, "rows": [[list(k), v] for k, v in fingerprints.items()]}, salt=SALT
    )


def unsign(token, file_name):
    """The preview's fingerprints, or None for a confirmation that does not carry them."""
    try:
        data = signing.loads(token or "", salt=SALT)
    except signing.BadSignature:
        return None
    if data.get("file") != file_name:
        return None
    return {tuple(k): v for k, v in data["rows"]}


def lock_imports_of(model):
    """One confirmation of an import of ``model`` at a time: the content type's row is the
    lock (every database has it; released when the transaction ends)."""
    content_type = ContentType.objects.get_for_model(model)
    ContentType.objects.filter(pk=content_type.pk).select_for_update().first()


def changed_since_preview(resource, dataset, expected, line_name, since="the preview"):
    """Sentences naming each line whose record is no longer what the preview showed (or,
    for rows held for review, what they were when the import was confirmed: ``since``)."""
    now = current_fingerprints(resource, dataset, lock=True)
    problems = []
    keys = resource.get_import_id_fields()
    for number, row in enumerate(dataset.dict, start=1):
        key = row_key(resource, row)
        was, is_now = expected.get(key), now.get(key)
        if key not in now or was == is_now:
            continue
        named = f"{line_name(number)} ({', '.join(keys)} {' / '.join(key)})"
        if was == NEW:
            problems.append(f"{named}: {since} showed a new record, but someone created it since.")
        elif is_now == NEW:
            problems.append(f"{named}: someone deleted this record since {since}.")
        elif was is None:
            problems.append(f"{named}: this line was not in {since}.")
        else:
            problems.append(f"{named}: someone changed this record since {since}.")
    return problems
