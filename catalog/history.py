"""History: restoring deleted records and rows with everything deleted along with them, and
the public list of recent changes.

Every save and delete is recorded by django-simple-history (a historical table per model).
Deleting a film cascades to its titles, credits, partners, claims and citations; each of those
deletions is recorded too, at the same moment. Restoring walks the same relations back, and
gives a record back its lists (genres, production countries) as they were before.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction

from .claims import Claim
from .merging import MergedSlug
from .models import Status

CASCADE_WINDOW = timedelta(seconds=10)


class RestoreRefused(Exception):
    """A deleted record or row that cannot come back as it was; the message says why."""


def merged_into(historical):
    """The live record a deleted record was merged into, or None."""
    slug = getattr(historical, "slug", None)
    if slug is None:
        return None
    return MergedSlug.target(historical.instance_type, slug)


def deleted_records(model, parents_must_exist=False):
    """The last historical state of each record of ``model`` deleted and not restored since.

    Records merged into another are left out: their address redirects to the survivor, which
    holds everything they had. With ``parents_must_exist`` (rows), rows deleted along with
    their record are left out too: they come back with it.
    """
    existing = set(model.objects.values_list("pk", flat=True))
    latest = {}
    for record in model.history.filter(history_type="-").order_by("history_date"):
        if record.id not in existing:
            latest[record.id] = record
    found = [r for r in latest.values() if merged_into(r) is None]
    if parents_must_exist:
        found = [r for r in found if _parents_exist(r)]
    return sorted(found, key=lambda r: r.history_date, reverse=True)


def _parents_exist(historical):
    instance = historical.instance
    if isinstance(instance, Claim):
        return instance.subject is not None
    for field in instance._meta.concrete_fields:
        if field.is_relation and field.remote_field.on_delete is models.CASCADE:
            value = getattr(instance, field.attname)
            if value is not None and not field.related_model.objects.filter(pk=value).exists():
                return False
    return True


def _restore_one(historical):
    instance = historical.instance
    try:
        instance.validate_unique()
        instance.validate_constraints()
    except ValidationError as error:
        raise RestoreRefused(
            f"{instance._meta.verbose_name.capitalize()} “{instance}” cannot come back as it "
            f"was: {' '.join(error.messages)} Change the record that took its place first."
        ) from None
    instance.save()
    before = historical.prev_record
    for field in getattr(historical, "_history_m2m_fields", []):
        if before is not None:
            target = field.m2m_reverse_field_name()
            rows = getattr(before, field.name).select_related(target)
            getattr(instance, field.name).set([getattr(row, target) for row in rows])
    return instance


def _restore_gone(model, window, **lookup):
    """Restore the rows of ``model`` matching ``lookup`` that were deleted within ``window``."""
    gone = model.history.filter(history_type="-", history_date__range=window, **lookup)
    latest = {record.id: record for record in gone.order_by("history_date")}
    return [
        _restore_one(record)
        for record in latest.values()
        if not model.objects.filter(pk=record.id).exists()
    ]


@transaction.atomic
def restore_deleted(historical):
    """Bring back a deleted record (or row) and the rows, claims and citations deleted with
    it: all of them, or none with ``RestoreRefused`` saying why."""
    if (survivor := merged_into(historical)) is not None:
        raise RestoreRefused(
            f"{historical.instance} was merged into {survivor}, which holds everything it had; "
            "its old address redirects there. There is nothing to restore."
        )
    window = (historical.history_date - CASCADE_WINDOW, historical.history_date + CASCADE_WINDOW)
    root = _restore_one(historical)
    restored, queue = [root], [root]
    while queue:
        parent = queue.pop(0)
        for relation in parent._meta.related_objects:
            row_model = relation.related_model
            if relation.many_to_many or not hasattr(row_model, "history"):
                continue
            if relation.field.remote_field.on_delete is not models.CASCADE:
                continue  # protected rows were never deleted with the parent
            rows = _restore_gone(row_model, window, **{relation.field.attname: parent.pk})
            restored += rows
            queue += rows
        if hasattr(parent, "claims"):
            content_type = ContentType.objects.get_for_model(parent)
            claims = _restore_gone(
                Claim, window, content_type_id=content_type.pk, object_id=parent.pk
            )
            restored += claims
            queue += claims
    return restored


def recent_changes(models, limit=50):
    """Published records' latest edits, newest first, with the fields each edit changed.

    Curators' notes and users are not part of this public list. Runs two queries per model.
    """
    entries = []
    for model in models:
        recent = list(
            model.history.filter(status=Status.PUBLISHED)
            .exclude(history_type="-")
            .order_by("-history_date")[:limit]
        )
        published = set(
            model.objects.published()
            .filter(pk__in={r.id for r in recent})
            .values_list("pk", flat=True)
        )
        recent = [record for record in recent if record.id in published]
        ids = {record.id for record in recent}
        earlier = {}
        for record in model.history.filter(id__in=ids).order_by("history_date"):
            earlier.setdefault(record.id, []).append(record)
        for record in recent:
            versions = earlier.get(record.id, [])
            before = [v for v in versions if v.history_date < record.history_date]
            if before:
                delta = record.diff_against(before[-1], excluded_fields=["version", "updated"])
                fields = [change.field for change in delta.changes]
            else:
                fields = []
            entries.append(
                {
                    "record": record.instance,
                    "kind": model._meta.verbose_name,
                    "when": record.history_date,
                    "created": record.history_type == "+",
                    "fields": fields,
                }
            )
        published = set(model.objects.published().values_list("pk", flat=True))
        entries = [
            e for e in entries if e["record"].pk in published or type(e["record"]) is not model
        ]
    entries = [e for e in entries if e["created"] or e["fields"]]
    return sorted(entries, key=lambda e: e["when"], reverse=True)[:limit]
