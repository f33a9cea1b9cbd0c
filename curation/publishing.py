"""Publishing: records start as drafts and an Editor publishes them, warned of the facts a
reader would see without a source; and a record's field follows the claim marked preferred,
whether the curator marks it on the record's page or reverts the record to an earlier version.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.template.response import TemplateResponse

from catalog.models import (
    ROW,
    Claim,
    Rank,
    Status,
    cited_rows,
    cited_rows_prefetches,
    claims_prefetch,
    preferred_conflict,
    same_claim_value,
    typed_claim_value,
)

from .citing import CitesFieldsAdmin
from .concurrency import VersionedRecordForm
from .history import HistoryAdmin, record_row_changes
from .review.changes import ReviewedChangesAdmin
from .review.state import field_label
from .rows import SummarizedRowsAdmin


class CuratedRecordForm(VersionedRecordForm):
    """A record's admin form: refuses stale saves (see ``VersionedRecordForm``), checks a
    changed list against its preferred claim, and asks before publishing uncited facts."""

    confirm_publish = forms.BooleanField(
        required=False,
        label="Publish even though some facts have no source",
        help_text="Shown facts without a citation will say “citation needed” on the site.",
    )

    def clean(self):
        cleaned = super().clean()
        self.submitted_lists()
        self.check_lists_against_claims(cleaned)
        self.check_publishing(cleaned)
        return cleaned

    def submitted_lists(self):
        """Leave the lists about to be saved (countries…) on the record, as claim codes, so
        that a claim about a list on the same page is checked against what is submitted."""
        self.instance.submitted_lists = {
            name: ",".join(sorted(o.natural_key()[0] for o in self.cleaned_data[name]))
            for name in self.instance.cited_fields
            if self.instance._meta.get_field(name).many_to_many and name in self.cleaned_data
        }

    def check_lists_against_claims(self, cleaned):
        """A changed list (production countries) that contradicts its preferred claim is
        refused, as a changed year is."""
        if self.instance.pk is None:
            return
        for name, codes in self.instance.submitted_lists.items():
            if codes == self.instance.claim_value(name) or name in getattr(
                self.instance, "preferring", ()
            ):
                continue
            claim = Claim.objects.about(self.instance).preferred().filter(field=name).first()
            if claim is not None and (message := preferred_conflict(self.instance, claim, codes)):
                self.add_error(name, message)

    def check_publishing(self, cleaned):
        if cleaned.get("status") != Status.PUBLISHED:
            return
        was = (
            type(self.instance)
            .objects.filter(pk=self.instance.pk)
            .values_list("status", flat=True)
            .first()
        )
        if was == Status.PUBLISHED:
            return
        if self.instance.pk is None:
            missing = ["every fact"]
        else:  # its rows fetched at once, not one query each
            rows = cited_rows_prefetches(type(self.instance))
            prefetch_related_objects([self.instance], *rows)
            missing = uncited_labels(self.instance)
        if missing and not cleaned.get("confirm_publish"):
            self.add_error(
                "confirm_publish",
                "These facts have no source yet: "
                + ", ".join(missing)
                + ". Cite them first, or tick this box to publish anyway.",
            )


def with_rows(queryset):
    """Records with their lists, claims and rows' claims, in a fixed number of queries."""
    model = queryset.model
    lists = [name for name in model.cited_fields if model._meta.get_field(name).many_to_many]
    return queryset.prefetch_related(*lists, claims_prefetch(), *cited_rows_prefetches(model))


def uncited_labels(record):
    """What a reader of the record's page would see without a source: its own facts and
    its rows (credits, titles, studio links, partners, festival entries, locations)."""
    labels = [field_label(record, name) for name in record.uncited_facts()]
    for row in cited_rows(record):
        for name in row.uncited_facts():
            what = f"{row._meta.verbose_name} “{row}”"
            labels.append(what if name == ROW else f"{field_label(row, name)} of {what}")
    return labels


def prefer_claims_of_version(model, object_id, version_id):
    """Before reverting a record to an earlier version: where a cited field goes back to a
    value a source gives, that value's claim becomes the preferred one again, and today's
    stays as a competing value with its citations. A value no claim gives is left to the
    form's check, which refuses it with the reason."""
    version = model.history.filter(id=object_id, history_id=version_id).first()
    record = model.objects.filter(pk=object_id).first()
    if version is None or record is None:
        return
    earlier = version.instance
    for field in record.cited_fields:
        if record._meta.get_field(field).many_to_many:
            continue  # lists come back with the version's rows, not through its fields
        value = earlier.claim_value(field)
        claims = Claim.objects.about(record).filter(field=field)
        wanted = claims.filter(value=value).first()
        if value == record.claim_value(field) or wanted is None or wanted.rank == Rank.PREFERRED:
            continue
        for claim in claims.preferred():  # one preferred value at a time: demote first
            claim.rank = Rank.NORMAL
            claim.save()
        wanted.rank = Rank.PREFERRED
        wanted.save()


class PublishingAdmin(SummarizedRowsAdmin, ReviewedChangesAdmin, CitesFieldsAdmin, HistoryAdmin):
    """Admin for a publishable record: drafts by default; Editors publish, with a warning;
    a Curator's change to a published record waits for an Editor's review
    (``curation.review``); its rows are tables until opened (``curation.rows``); a History
    page shows each change as a diff and can revert to any earlier version."""

    form = CuratedRecordForm
    actions = ["publish_selected", "unpublish_selected"]

    class Media:
        css = {"all": ["css/admin-curation.css"]}

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        def revert():
            return self.revert_view(request, object_id, version_id, extra_context)

        return self.hold_revert(request, object_id, version_id, revert)

    def revert_view(self, request, object_id, version_id, extra_context=None):
        if not version_id.isdigit():
            raise Http404("There is no such version.")  # not a 500 from the integer lookup
        # Reverting saves like the change form: in one transaction, with the row locked.
        with transaction.atomic(using=router.db_for_write(self.model)):
            if request.method == "POST":
                prefer_claims_of_version(self.model, object_id, version_id)
            response = super().history_form_view(request, object_id, version_id, extra_context)
            if request.method == "POST" and response.status_code != 302:
                transaction.set_rollback(True)  # a refused revert changes no claim either
            return response

    def has_publish_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.publish_{self.opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields.append("status")
        return fields

    def get_fieldsets(self, request, obj=None):
        """The hidden lost-update fields go with the first fieldset; the publishing warning
        sits right below Status, where the Editor chose to publish."""
        hidden = ("edit_version", "seen", "confirm_publish")
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        first_name, first = fieldsets[0]
        fieldsets[0] = (first_name, {**first, "fields": [*first["fields"], "edit_version", "seen"]})
        if self.has_publish_permission(request):
            for _name, options in fieldsets:
                if "status" in options["fields"]:
                    at = options["fields"].index("status")
                    options["fields"][at] = ("status", "confirm_publish")
        return fieldsets

    def save_model(self, request, obj, form, change):
        """Save as the next version; without the right to publish, the status stays as saved
        (a Curator's revert to a published or draft version keeps today's status)."""
        if change and not self.has_publish_permission(request):
            saved = type(obj)._base_manager.filter(pk=obj.pk).values_list("status", flat=True)
            obj.status = saved.first() or obj.status
        if change:
            obj.save(expected_version=getattr(form, "expected_version", None))
        else:
            obj.save()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        follow_preferred_lists(form.instance, formsets)
        if change:
            record_row_changes(form.instance, formsets)

    @admin.action(description="Publish selected records", permissions=["publish"])
    def publish_selected(self, request, queryset):
        if request.POST.get("confirm") != "yes":
            return TemplateResponse(
                request,
                "admin/confirm_publish.html",
                {
                    **self.admin_site.each_context(request),
                    "title": "Publish these records?",
                    "opts": self.opts,
                    "rows": [(r, uncited_labels(r)) for r in with_rows(queryset)],
                    "action": "publish_selected",
                },
            )
        count = self.set_status(queryset, Status.PUBLISHED)
        self.message_user(
            request, f"Published {count} {model_ngettext(self.opts, count)}.", messages.SUCCESS
        )
        return None

    @admin.action(description="Unpublish selected records (back to draft)", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = self.set_status(queryset, Status.DRAFT)
        self.message_user(
            request, f"Unpublished {count} {model_ngettext(self.opts, count)}.", messages.SUCCESS
        )

    def set_status(self, queryset, status):
        """Save each record, so history records who published or unpublished it, and when;
        all of them or, if one save fails, none."""
        count = 0
        with transaction.atomic(using=router.db_for_write(self.model)):
            for record in lock_records(queryset):
                if record.status != status:
                    record.status = status
                    record._change_reason = (
                        "published" if status == Status.PUBLISHED else "unpublished"
                    )
                    record.save()
                    count += 1
        return count


def lock_records(queryset):
    """The records of a changelist selection, locked until the transaction ends, in the
    order of their ids (two bulk actions at once wait for each other, never deadlock).

    Locked by id, without the selection's joins: PostgreSQL refuses ``FOR UPDATE`` on the
    nullable side of an outer join (a person's optional nationality) and with ``DISTINCT``
    (a search across name variants); SQLite ignores both, so only PostgreSQL shows it.
    """
    model = queryset.model
    ids = list(queryset.order_by().values_list("pk", flat=True).distinct())
    return model._base_manager.filter(pk__in=ids).order_by("pk").select_for_update(of=("self",))


def follow_preferred_claim(record, claim, changed_fields):
    """Set the record's field to the value of a claim newly marked preferred.

    The value is checked as the field checks its own (so a preferred “1800” is an error on
    the claim, not a database failure). Raises ValidationError, for the claim's value, if it
    cannot be the field's value or if the curator also changed the field to another value.
    A list (countries) is returned, to be set once the record is saved; other values are set
    on the record at once.
    """
    model_field = record._meta.get_field(claim.field)
    typed = typed_claim_value(record, claim.field, claim.value)
    if claim.field in changed_fields:
        shown = changed_fields[claim.field]
        if shown != claim.value:
            raise ValidationError(
                f"You changed the {model_field.verbose_name} to “{shown}” and marked "
                f"“{claim.value}” preferred. Keep one of the two."
            )
    if model_field.many_to_many:
        return typed
    setattr(record, claim.field, typed)
    return None


def follow_preferred_lists(record, formsets):
    """Lists (countries) of claims newly marked preferred, set after the record's own."""
    for formset in formsets:
        for form in formset.forms:
            for name, objects in getattr(form, "followed_lists", {}).items():
                getattr(record, name).set(objects)


def changed_fields(record):
    """The cited fields the curator changed on the record's form, with the value they typed
    (as a claim's text), compared with the saved record."""
    saved = type(record)._base_manager.filter(pk=record.pk).first() if record.pk else None
    if saved is None:
        return {}
    changed = {}
    for name in record.cited_fields:
        model_field = record._meta.get_field(name)
        if model_field.many_to_many:
            shown = getattr(record, "submitted_lists", {}).get(name)
        else:
            shown = record.claim_value(name)
        if shown is not None and not same_claim_value(model_field, shown, saved.claim_value(name)):
            changed[name] = shown
    return changed
