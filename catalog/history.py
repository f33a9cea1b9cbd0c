"""History: restoring a deleted record with everything deleted along with it, and the public
list of recent changes.

Every save and delete is recorded by django-simple-history (a historical table per model).
Deleting a film cascades to its titles, credits, partners, claims and citations; each of those
deletions is recorded too, at the same moment. Restoring walks the same relations back.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from .claims import Claim
from .models import Status

CASCADE_WINDOW = timedelta(seconds=10)


def deleted_records(model):
    """The last historical state of each record of ``model`` deleted and not restored since."""
    existing = set(model.objects.values_list("pk", flat=True))
    latest = {}
    for record in model.history.filter(history_type="-").order_by("history_date"):
        if record.id not in existing:
            latest[record.id] = record
    return sorted(latest.values(), key=lambda r: r.history_date, reverse=True)


def _restore_one(historical):
    instance = historical.instance
    instance.save()
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
    """Bring back a deleted record and the rows, claims and citations deleted with it."""
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
