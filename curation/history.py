"""History: what the admin's History pages show, and restoring deleted records and rows with
everything deleted along with them.

Every save and delete is recorded by django-simple-history (a historical table per model).
Deleting a film cascades to its titles, credits, partners, claims and citations; each of those
deletions is recorded too, with the id of the delete they were part of (``DeletionBatch``:
every row Django deletes for one ``delete()`` call shares its origin). Restoring walks the
same relations back, taking only the rows of that batch, and gives a record back its lists
(genres, production countries) as they were before.
"""

import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from catalog.models import Claim, MergedSlug

from .models import DeletionBatch

# Deletions recorded before batches were: what was deleted within seconds of the record.
LEGACY_CASCADE_WINDOW = timedelta(seconds=10)


def note_deletion_origin(sender, instance, origin=None, **kwargs):
    """pre_delete: the row remembers the batch of the delete it is part of. Every row one
    ``delete()`` removes (the record and its cascade) is sent with the same ``origin``: the
    record, or the queryset of a bulk delete; the batch id is kept on it."""
    if origin is None:
        return
    batch = origin.__dict__.setdefault("_deletion_batch", uuid.uuid4())
    instance._deletion_batch = batch


def record_deletion_batch(sender, instance, history_instance, **kwargs):
    """post_create_historical_record: a "deleted" entry is filed under its batch."""
    batch = getattr(instance, "_deletion_batch", None)
    if history_instance.history_type != "-" or batch is None:
        return
    DeletionBatch.objects.create(
        history_type=ContentType.objects.get_for_model(type(history_instance)),
        history_id=history_instance.history_id,
        batch=batch,
    )


def batch_of(historical):
    found = DeletionBatch.objects.filter(
        history_type=ContentType.objects.get_for_model(type(historical)),
        history_id=historical.history_id,
    ).first()
    return found.batch if found else None


class ReadableChanges(HistoricalRecordContextHelper):
    """A history diff in words: lists as "Japan, North Korea", an empty value as a dash."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        if isinstance(value, list):
            return ", ".join(str(item) for item in value) or "—"
        return "—" if value in (None, "") else value


class HistoryAdmin(SimpleHistoryAdmin):
    """The admin of a model whose changes are recorded: its History page diffs in words."""

    # simple_history's list of versions, with the changes in readers' words
    object_history_list_template = "admin/object_history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)


def record_row_changes(record, formsets):
    """Name the rows this save added, changed or deleted in the record's history entry, so
    its History page says more than “Changed” (each row's own History has the details)."""
    counts = {}
    for formset in formsets:
        for verb, done in (
            ("added", getattr(formset, "new_objects", [])),
            ("changed", getattr(formset, "changed_objects", [])),
            ("deleted", getattr(formset, "deleted_objects", [])),
        ):
            if done:
                key = (verb, formset.model._meta)
                counts[key] = counts.get(key, 0) + len(done)
    if not counts:
        return
    parts = [
        f"{verb} {count} {opts.verbose_name if count == 1 else opts.verbose_name_plural}"
        for (verb, opts), count in counts.items()
    ]
    latest = record.history.first()
    if latest is not None:
        reason = "; ".join(filter(None, [latest.history_change_reason, *parts]))
        latest.history_change_reason = reason if len(reason) <= 100 else reason[:99] + "…"
        latest.save(update_fields=["history_change_reason"])


def historical_lists(historical):
    """The lists (genres, countries) a historical version of a record had."""
    lists = {}
    for field in getattr(historical, "_history_m2m_fields", []):
        target = field.m2m_reverse_field_name()
        rows = getattr(historical, field.name).select_related(target)
        lists[field.name] = [getattr(row, target) for row in rows]
    return lists


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
        found = _with_existing_links(model, found)
    return sorted(found, key=lambda r: r.history_date, reverse=True)


def _with_existing_links(model, historicals):
    """The deleted rows whose record and linked records all still exist (a credit whose
    person was merged away cannot come back), in one query per link, not per row."""
    if model is Claim:
        subjects = {}
        for historical in historicals:
            subjects.setdefault(historical.content_type_id, set()).add(historical.object_id)
        existing = {
            (type_id, pk)
            for type_id, ids in subjects.items()
            for pk in ContentType.objects.get_for_id(type_id)
            .model_class()
            ._base_manager.filter(pk__in=ids)
            .values_list("pk", flat=True)
        }
        return [h for h in historicals if (h.content_type_id, h.object_id) in existing]
    links = [f for f in model._meta.concrete_fields if f.many_to_one or f.one_to_one]
    existing = {}
    for field in links:
        key = field.target_field.attname
        wanted = {getattr(h, field.attname) for h in historicals} - {None}
        rows = field.related_model._base_manager.filter(**{f"{key}__in": wanted})
        existing[field] = set(rows.values_list(key, flat=True))
    return [
        h for h in historicals if all(getattr(h, f.attname) in existing[f] | {None} for f in links)
    ]


def _missing_links(instance):
    """The records ``instance`` links to that no longer exist, named by kind and id."""
    missing = []
    for field in instance._meta.concrete_fields:
        if not (field.many_to_one or field.one_to_one):
            continue
        value = getattr(instance, field.attname)
        target = field.related_model._base_manager.filter(**{field.target_field.attname: value})
        if value is not None and not target.exists():
            missing.append(f"{field.related_model._meta.verbose_name} {value}")
    return missing


def _restore_one(historical):
    instance = historical.instance
    if missing := _missing_links(instance):
        raise RestoreRefused(
            f"{instance._meta.verbose_name.capitalize()} {instance.pk} cannot come back: it "
            f"links to {', '.join(missing)}, which no longer exist (merged or deleted). "
            "Add it again to the record it belongs to now."
        )
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
    if before is not None:
        for name, objects in historical_lists(before).items():
            getattr(instance, name).set(objects)
    return instance


def _restore_gone(model, batch, window, **lookup):
    """Restore the rows of ``model`` matching ``lookup`` deleted in ``batch`` (or, for a
    deletion recorded before batches were, within ``window``)."""
    gone = model.history.filter(history_type="-", **lookup)
    if batch is not None:
        ids = DeletionBatch.objects.filter(
            batch=batch, history_type=ContentType.objects.get_for_model(model.history.model)
        ).values("history_id")
        gone = gone.filter(history_id__in=ids)
    else:
        gone = gone.filter(history_date__range=window)
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
    batch = batch_of(historical)
    window = (
        historical.history_date - LEGACY_CASCADE_WINDOW,
        historical.history_date + LEGACY_CASCADE_WINDOW,
    )
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
            rows = _restore_gone(row_model, batch, window, **{relation.field.attname: parent.pk})
            restored += rows
            queue += rows
        if hasattr(parent, "claims"):
            content_type = ContentType.objects.get_for_model(parent)
            claims = _restore_gone(
                Claim, batch, window, content_type_id=content_type.pk, object_id=parent.pk
            )
            restored += claims
            queue += claims
    return restored
