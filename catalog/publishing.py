"""The curators' workflow in the admin: drafts, publishing with a warning, no lost updates,
and a record's field that follows the claim marked preferred."""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import router, transaction
from django.forms.models import model_to_dict
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from .claims import ROW
from .models import Status

SNAPSHOT_FIELDS_SKIP = {"id", "version", "created", "updated", "search_key"}


def snapshot(instance):
    """The editable values of a record as the curator saw them, for the lost-update check."""
    data = model_to_dict(instance)
    return {
        name: value
        for name, value in data.items()
        if name not in SNAPSHOT_FIELDS_SKIP and not isinstance(value, list)
    }


def uncited_labels(record):
    return [name or "the record itself" for name in record.uncited_facts()]


class CuratedRecordForm(forms.ModelForm):
    """A record's admin form: refuses stale saves and asks before publishing uncited facts."""

    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    seen = forms.CharField(widget=forms.HiddenInput, required=False)
    confirm_publish = forms.BooleanField(
        required=False,
        label="Publish even though some facts have no source",
        help_text="Shown facts without a citation will say “citation needed” on the site.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # The saved version this edit starts from (a revert form shows an older instance).
            saved = type(self.instance).objects.filter(pk=self.instance.pk)
            self.initial["edit_version"] = saved.values_list("version", flat=True).first() or 0
            self.initial["seen"] = json.dumps(snapshot(self.instance), cls=DjangoJSONEncoder)

    def clean(self):
        cleaned = super().clean()
        self.check_lost_update()
        self.check_publishing(cleaned)
        return cleaned

    def check_lost_update(self):
        if not self.instance.pk:
            return
        model = type(self.instance)
        saved = model.objects.filter(pk=self.instance.pk)
        if transaction.get_connection(router.db_for_write(model)).in_atomic_block:
            saved = saved.select_for_update()  # hold the row until this save commits
        current = saved.first()
        submitted = self.cleaned_data.get("edit_version")
        if current is None or submitted is None or current.version == submitted:
            return
        seen = json.loads(self.cleaned_data.get("seen") or "{}")
        now = json.loads(json.dumps(snapshot(current), cls=DjangoJSONEncoder))
        changes = [
            f"{name}: “{seen.get(name)}” → “{now.get(name)}”"
            for name in sorted(now)
            if name in seen and seen[name] != now[name]
        ]
        detail = "; ".join(changes) if changes else "its titles, credits, claims or citations"
        self.data = self.data.copy()
        self.data["edit_version"] = (
            current.version
        )  # saving again after review overwrites knowingly
        self.data["seen"] = json.dumps(snapshot(current), cls=DjangoJSONEncoder)
        raise ValidationError(
            "Someone else saved this record while you were editing it (version %(mine)s, now "
            "%(theirs)s). Changed in between: %(detail)s. Your changes are still in the form: "
            "review them against the new values, then save again.",
            code="lost_update",
            params={"mine": submitted, "theirs": current.version, "detail": detail},
        )

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


class PublishingAdmin(SimpleHistoryAdmin):
    """Admin for a publishable record: drafts by default; Editors publish, with a warning;
    a History page shows each change as a diff and can revert to any earlier version."""

    form = CuratedRecordForm
    actions = ["publish_selected", "unpublish_selected"]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Reverting saves like the change form: in one transaction, with the row locked.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def has_publish_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.publish_{self.opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields.append("status")
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        hidden = ("edit_version", "seen", "confirm_publish")
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in fieldsets
        ]
        extra = ["edit_version", "seen"]
        if self.has_publish_permission(request):
            extra.append("confirm_publish")
        return [*fieldsets, (None, {"fields": extra})]

    @admin.action(description="Publish selected records", permissions=["publish"])
    def publish_selected(self, request, queryset):
        records = list(queryset.with_claims())
        if request.POST.get("confirm") != "yes":
            return TemplateResponse(
                request,
                "admin/confirm_publish.html",
                {
                    **self.admin_site.each_context(request),
                    "title": "Publish these records?",
                    "opts": self.opts,
                    "rows": [(r, uncited_labels(r)) for r in records],
                    "action": "publish_selected",
                },
            )
        count = self.set_status(records, Status.PUBLISHED)
        self.message_user(request, f"Published {count} record(s).", messages.SUCCESS)
        return None

    @admin.action(description="Unpublish selected records (back to draft)", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = self.set_status(queryset, Status.DRAFT)
        self.message_user(request, f"Unpublished {count} record(s).", messages.SUCCESS)

    def set_status(self, records, status):
        """Save each record, so history records who published or unpublished it, and when."""
        count = 0
        for record in records:
            if record.status != status:
                record.status = status
                record._change_reason = "published" if status == Status.PUBLISHED else "unpublished"
                record.save()
                count += 1
        return count


def follow_preferred_claims(record, claims, changed_fields):
    """Set the record's fields to the values of claims newly marked preferred.

    Returns messages for fields where the curator changed the field *and* chose a preferred
    claim with another value: the two edits disagree, so neither wins silently.
    """
    problems = {}
    for claim in claims:
        if claim.field == ROW or claim.field not in record.cited_fields:
            continue
        model_field = record._meta.get_field(claim.field)
        if model_field.many_to_many or claim.value == record.claim_value(claim.field):
            continue
        if claim.field in changed_fields:
            problems[claim.field] = (
                f"You changed {claim.field} to “{record.claim_value(claim.field)}” and marked "
                f"“{claim.value}” preferred. Keep one of the two."
            )
            continue
        if model_field.is_relation:
            value = model_field.related_model.objects.filter(code=claim.value).first()
        else:
            value = model_field.to_python(claim.value or None)
        setattr(record, claim.field, value)
    return problems


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
                f"/{duplicate.slug}/ now redirects.",
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
