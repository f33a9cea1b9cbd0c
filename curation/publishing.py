"""The curators' workflow in the admin: drafts, publishing with a warning, no lost updates,
and a record's field that follows the claim marked preferred."""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, router, transaction
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict
from django.http import Http404
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME
from simple_history.template_utils import HistoricalRecordContextHelper

from catalog.models import (
    ROW,
    CitedModel,
    Claim,
    Rank,
    Status,
    cited_rows_prefetches,
    claims_prefetch,
    preferred_conflict,
    typed_claim_value,
)

SNAPSHOT_FIELDS_SKIP = {"id", "version", "created", "updated", "search_key"}


def snapshot(instance):
    """The editable values of a record or row as a form shows them: related records by
    primary key, lists of them sorted, files by name; as JSON would give them back."""
    values = {}
    for name, value in model_to_dict(instance).items():
        if name in SNAPSHOT_FIELDS_SKIP:
            continue
        if isinstance(value, list) and all(isinstance(v, models.Model) for v in value):
            value = sorted(v.pk for v in value)
        elif isinstance(value, models.Model):
            value = value.pk
        elif isinstance(value, FieldFile):
            value = value.name or ""
        values[name] = value
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def saved_version_of(instance):
    """The saved record an admin form edits: a revert form's instance is an old version."""
    if hasattr(instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME) and instance.pk is not None:
        return type(instance)._base_manager.filter(pk=instance.pk).first()
    return instance


def as_form_data(field, value):
    """A snapshot value as a browser would post it for ``field``: a list of strings."""
    if isinstance(field.widget, forms.CheckboxInput):
        return ["on"] if value else []
    if isinstance(field, forms.JSONField):
        return [json.dumps(value)]
    if isinstance(value, list):
        return [str(v) for v in value]
    return ["" if value is None else str(value)]


def describe(value):
    """A snapshot value as a message quotes it."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    return "" if value is None else str(value)


class SeenValuesForm(forms.ModelForm):
    """A form that remembers the saved values it showed, so that saving it never silently
    overwrites what someone else saved meanwhile (optimistic locking, compared by value).

    The hidden ``seen`` holds the values the form was opened with. What the curator changed
    is what differs from those, not from the database: an untouched row is not saved, so it
    cannot undo someone else's change to it. A row the curator changed that someone else
    changed too is refused: fields only they changed now show the saved values, fields both
    changed keep the curator's input with the saved value named, and saving again after
    review goes through. Rows edited on several pages (a credit on its film's and its
    person's page, a claim on its record's page and its own) are guarded wherever they are.

    Rows carry no version number of their own: comparing the values a form showed needs no
    new column on a dozen models, and says exactly which fields someone else changed.
    Records also have a version (see ``CuratedRecordForm``).
    """

    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.seen_values = None
        if not self.is_bound:
            if self.instance.pk is not None:
                saved = saved_version_of(self.instance)
                self.initial["seen"] = json.dumps(snapshot(saved) if saved else {})
            return
        posted = self.data.get(self.add_prefix("seen"))
        self.initial["seen"] = posted  # remembering what was seen is not a change
        try:
            seen = json.loads(posted or "null")
        except ValueError:
            seen = None
        if isinstance(seen, dict):
            self.seen_values = seen
            for name, value in seen.items():  # "changed" means: changed by this curator
                if name in self.fields and not isinstance(self.fields[name], forms.FileField):
                    self.initial[name] = value

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and self.seen_values:
            self.refuse_deleted()  # it was shown saved; its formset no longer finds it
        if self.instance.pk is not None and self.must_check_seen_values():
            self.check_seen_values()
        return cleaned

    def must_check_seen_values(self):
        return self.has_changed()

    def current_values(self):
        """The saved values now, with the row locked until this save commits."""
        model = type(self.instance)
        saved = model._base_manager.filter(pk=self.instance.pk)
        if transaction.get_connection(router.db_for_write(model)).in_atomic_block:
            saved = saved.select_for_update()
        current = saved.first()
        return current, (snapshot(current) if current is not None else None)

    def check_seen_values(self):
        current, now = self.current_values()
        if current is None:
            self.refuse_deleted()
        if self.seen_values is None:
            self.refuse_unknown_seen(now)
        theirs = [n for n in self.fields if n in now and self.seen_values.get(n) != now[n]]
        if theirs:
            self.refuse_lost_update(now, theirs)

    def refuse_deleted(self):
        raise ValidationError(
            "Someone else deleted this %(what)s while you were editing it. Leave it out "
            "(tick Delete or reload the page), or restore it from Deleted records.",
            code="lost_update",
            params={"what": self.instance._meta.verbose_name},
        )

    def refuse_unknown_seen(self, now):
        self.show_saved_values(now, set())
        raise ValidationError(
            "This form does not say which saved values it was opened with, so saving it "
            "could undo someone else's changes. Review it, then save again.",
            code="lost_update",
        )

    def refuse_lost_update(self, now, theirs):
        mine = set(self.changed_data)
        for name in theirs:
            if name in mine:
                self.add_error(
                    name,
                    f"Someone else changed this to “{describe(now[name])}” meanwhile; "
                    "yours is kept here: save again to replace theirs.",
                )
        self.show_saved_values(now, set(theirs) - mine)
        detail = "; ".join(
            f"{self.fields[n].label or n}: “{describe(self.seen_values.get(n))}” → "
            f"“{describe(now[n])}”"
            for n in theirs
        )
        raise ValidationError(
            "Someone else saved this %(what)s while you were editing it. Changed in between: "
            "%(detail)s. Your changes are still in the form and the fields you did not touch "
            "show the saved values: review them, then save again.",
            code="lost_update",
            params={"what": self.instance._meta.verbose_name, "detail": detail},
        )

    def show_saved_values(self, now, names):
        """Put saved values into the submitted data (shown again) and remember them as seen."""
        self.data = self.data.copy()
        for name in names:
            if name in self.fields and name in now:
                self.data.setlist(self.add_prefix(name), as_form_data(self.fields[name], now[name]))
        self.data[self.add_prefix("seen")] = json.dumps(now)


class ReportsRowsDeletedMeanwhile:
    """A formset mixin: a row someone deleted while the page was open has no saved row to be
    shown with, so the admin does not show its form; its message goes above the rows."""

    def _construct_form(self, i, **kwargs):
        """A row refused as deleted meanwhile is not shown again, so a page saved again
        after the refusal posts nothing of it: its form asks for nothing and saves nothing,
        and the rest of the page is saved."""
        form = super()._construct_form(i, **kwargs)
        pk_key = form.add_prefix(self.model._meta.pk.name)
        form.not_posted = (
            self.is_bound and i < self.initial_form_count() and pk_key not in self.data
        )
        if form.not_posted:
            form.empty_permitted = True
            form.__dict__["changed_data"] = []  # nothing posted: nothing changed
        return form

    def _should_delete_form(self, form):
        return getattr(form, "not_posted", False) or super()._should_delete_form(form)

    def clean(self):
        super().clean()
        gone = [
            form
            for form in self.initial_forms
            if form.instance.pk is None and getattr(form, "seen_values", None)
        ]
        if gone:
            raise ValidationError(
                "Someone else deleted %(count)s of these %(what)s while you were editing. "
                "Reload the page to edit them as they are now (copy your changes first), or "
                "restore what was deleted from Deleted records.",
                code="lost_update",
                params={"count": len(gone), "what": self.model._meta.verbose_name_plural},
            )


class CuratedRecordForm(SeenValuesForm):
    """A record's admin form: refuses stale saves and asks before publishing uncited facts.

    A record also carries a version, raised by the database on every save; a form that was
    opened at another version than the saved one is refused if anything it shows changed.
    """

    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    confirm_publish = forms.BooleanField(
        required=False,
        label="Publish even though some facts have no source",
        help_text="Shown facts without a citation will say “citation needed” on the site.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected_version = None
        if self.is_bound:
            posted = self.data.get(self.add_prefix("edit_version"), "")
            self.initial["edit_version"] = int(posted) if posted.isdigit() else None
        elif self.instance.pk is not None:
            saved = saved_version_of(self.instance)
            self.initial["edit_version"] = saved.version if saved else 0
            history = getattr(self.instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
            if history is not None:  # a revert form shows the old version's lists too
                for name, rows in historical_lists(history).items():
                    if name in self.fields:
                        self.initial[name] = [row.pk for row in rows]

    def must_check_seen_values(self):
        return True  # the record's version is checked on every save

    def clean(self):
        cleaned = super().clean()
        self.submitted_lists()
        self.check_lists_against_claims(cleaned)
        self.check_publishing(cleaned)
        return cleaned

    def check_seen_values(self):
        """Refused if the record was saved since the form was opened (another version) and
        anything the form shows changed; a missing version or ``seen`` is refused too."""
        current, now = self.current_values()
        if current is None:
            self.refuse_deleted()
        self.expected_version = current.version  # saving again after review is based on it
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_version")] = current.version
        submitted = self.cleaned_data.get("edit_version")
        if submitted is None or self.seen_values is None:
            self.refuse_unknown_seen(now)
        if submitted == current.version:
            return
        theirs = [n for n in self.fields if n in now and self.seen_values.get(n) != now[n]]
        if theirs:
            self.refuse_lost_update(now, theirs)

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
            if codes == self.instance.claim_value(name):
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
        missing = uncited_labels(self.instance) if self.instance.pk else ["every fact"]
        if missing and not cleaned.get("confirm_publish"):
            self.add_error(
                "confirm_publish",
                "These facts have no source yet: "
                + ", ".join(missing)
                + ". Cite them first, or tick this box to publish anyway.",
            )


def historical_lists(history):
    """The lists (genres, countries) a historical version of a record had."""
    lists = {}
    for field in getattr(history, "_history_m2m_fields", []):
        target = field.m2m_reverse_field_name()
        rows = getattr(history, field.name).select_related(target)
        lists[field.name] = [getattr(row, target) for row in rows]
    return lists


def cited_rows(record, depth=2):
    """The rows about a record (titles, credits, partners…) and the rows about those (a
    co-production's partners), found from the model's relations as ``cited_rows_prefetches``
    finds them: read from its prefetched rows if they were, else fetched."""
    rows = []
    for relation in record._meta.related_objects:
        row_model = relation.related_model
        if relation.many_to_many or not (issubclass(row_model, CitedModel) and row_model.is_row):
            continue
        if relation.one_to_one:
            try:
                found = [getattr(record, relation.get_accessor_name())]
            except ObjectDoesNotExist:
                found = []
        else:
            found = getattr(record, relation.get_accessor_name()).all()
        for row in found:
            rows.append(row)
            if depth > 1:
                rows += cited_rows(row, depth - 1)
    return rows


def with_rows(queryset):
    """Records with their lists, claims and rows' claims, in a fixed number of queries."""
    model = queryset.model
    lists = [name for name in model.cited_fields if model._meta.get_field(name).many_to_many]
    return queryset.prefetch_related(*lists, claims_prefetch(), *cited_rows_prefetches(model))


def uncited_labels(record):
    """What a reader of the record's page would see without a source: its own facts and
    its rows (credits, titles, studio links, partners, festival entries, locations)."""
    labels = [name or "the record itself" for name in record.uncited_facts()]
    for row in cited_rows(record):
        for name in row.uncited_facts():
            what = f"{row._meta.verbose_name} “{row}”"
            labels.append(what if name == ROW else f"{name} of {what}")
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


class PublishingAdmin(HistoryAdmin):
    """Admin for a publishable record: drafts by default; Editors publish, with a warning;
    a History page shows each change as a diff and can revert to any earlier version."""

    form = CuratedRecordForm
    actions = ["publish_selected", "unpublish_selected"]

    class Media:
        css = {"all": ["css/admin-curation.css"]}

    def history_form_view(self, request, object_id, version_id, extra_context=None):
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
        self.message_user(request, f"Published {count} record(s).", messages.SUCCESS)
        return None

    @admin.action(description="Unpublish selected records (back to draft)", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = self.set_status(queryset, Status.DRAFT)
        self.message_user(request, f"Unpublished {count} record(s).", messages.SUCCESS)

    def set_status(self, queryset, status):
        """Save each record, so history records who published or unpublished it, and when;
        all of them or, if one save fails, none."""
        count = 0
        with transaction.atomic(using=router.db_for_write(self.model)):
            for record in queryset.select_for_update().order_by("pk"):
                if record.status != status:
                    record.status = status
                    record._change_reason = (
                        "published" if status == Status.PUBLISHED else "unpublished"
                    )
                    record.save()
                    count += 1
        return count


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
                f"You changed {claim.field} to “{shown}” and marked “{claim.value}” "
                "preferred. Keep one of the two."
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


class MergingAdmin(admin.ModelAdmin):
    """Editors merge two duplicate records after a preview of what will move."""

    actions = ["merge_selected"]
    merge_name_variant = None  # callable(survivor, name) -> the name variant row

    def has_merge_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.merge_{self.opts.model_name}")

    @admin.action(description="Merge the two selected duplicates", permissions=["merge"])
    def merge_selected(self, request, queryset):
        from .merging import merge, plan_merge

        records = list(queryset.order_by("pk"))
        if len(records) != 2:
            self.message_user(request, "Select exactly two records to merge.", messages.ERROR)
            return None
        survivor_pk = request.POST.get("survivor")
        if survivor_pk in {str(r.pk) for r in records} and request.POST.get("confirm") == "yes":
            survivor = next(r for r in records if str(r.pk) == survivor_pk)
            duplicate = next(r for r in records if r.pk != survivor.pk)
            plan = merge(survivor, duplicate, type(self).merge_name_variant)
            moved = sum(plan.rows.values())
            self.message_user(
                request,
                f"Merged {duplicate} into {survivor}: {moved} rows and {plan.claims} claims moved; "
                f"{duplicate.get_absolute_url()} now redirects to {survivor.get_absolute_url()}.",
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/confirm_merge.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge duplicates?",
                "opts": self.opts,
                "records": records,
                "plans": [plan_merge(a, b) for a, b in (records, records[::-1])],
            },
        )
