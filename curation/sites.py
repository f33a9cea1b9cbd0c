"""The admin site: the curators' workplace, with the "needs a source" view on its index and
the deleted records and rows that can be restored."""

from functools import wraps

from django.apps import apps
from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from catalog.models import ROW, cited_models, related_paths
from search.index import deferred

from .history import RestoreRefused, deleted_records, restore_deleted
from .roles import RoleLoginForm

RESTORABLE_RECORDS = [
    "catalog.Film",
    "people.Person",
    "coproductions.Studio",
    "catalog.Festival",
    "catalog.Source",
]
ROWS_SHOWN = 50  # of each kind, newest first


def change_url(obj):
    """The admin page where a record or row is changed."""
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def may_restore(user, model):
    """Restoring undoes a delete, so it is for those who may delete."""
    codename = get_permission_codename("delete", model._meta)
    return user.has_perm(f"{model._meta.app_label}.{codename}")


def restorable_rows():
    """Rows an Editor may have deleted on their record's page: every cited row, claims,
    citations and images (labels as ``app.Model``)."""
    rows = [m for m in cited_models() if m.is_row]
    extra = [apps.get_model(label) for label in ("catalog.Claim", "catalog.Citation")]
    extra.append(apps.get_model("catalog.FilmImage"))
    return [m._meta.label for m in [*rows, *extra]]


def uncited_facts(model=None, field=None):
    """(record, field) pairs shown without a citation, across the database or one model."""
    found = []
    for cited_model in cited_models():
        if model and cited_model._meta.model_name != model:
            continue
        records = (
            cited_model.objects.citation_needed()
            .select_related(*related_paths(cited_model))
            .with_claims()
        )
        for record in records:
            for name in record.uncited_facts():
                if field is None or field == (name or "row"):
                    found.append((record, name))
    return found


def uncited_fact_count():
    """How many facts ``uncited_facts`` lists, counted by the database: one query per model,
    each fact counted by the condition ``citation_needed`` finds its records with."""
    total = 0
    for model in cited_models():
        counts = {
            name or "the_row": Count("pk", filter=uncited)
            for name, uncited in model.uncited_conditions().items()
        }
        if counts:
            total += sum(model._base_manager.aggregate(**counts).values())
    return total


class CurationAdminSite(admin.AdminSite):
    site_header = "nkfilms curation"
    site_title = "nkfilms admin"
    index_title = "Records, claims and citations"
    index_template = "admin/curation_index.html"  # the admin's index with "needs a source"
    login_form = RoleLoginForm  # a right password without a role is told so

    def autocomplete_view(self, request):
        from .admin.sources import LabelledAutocompleteJsonView  # the admin package imports this

        return LabelledAutocompleteJsonView.as_view(admin_site=self)(request)

    def admin_view(self, view, cacheable=False):
        """Every admin page: a save of a film's page with many rows (or a bulk action, an
        import, a merge) rebuilds each affected film's search index once, at the end."""
        guarded = super().admin_view(view, cacheable)

        @wraps(guarded)
        def with_index_deferred(request, *args, **kwargs):
            with deferred():
                return guarded(request, *args, **kwargs)

        return with_index_deferred

    def get_urls(self):
        return [
            path("needs-a-source/", self.admin_view(self.needs_a_source), name="needs_a_source"),
            path("deleted/", self.admin_view(self.deleted), name="deleted_records"),
            path(
                "deleted/<str:label>/<int:history_id>/restore/",
                self.admin_view(require_POST(self.restore)),
                name="restore_record",
            ),
            *super().get_urls(),
        ]

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "needs_a_source": uncited_fact_count()}
        return super().index(request, extra_context)

    def needs_a_source(self, request):
        """Every fact without a citation, filterable by record type and field."""
        types = [(m._meta.model_name, m._meta.verbose_name_plural) for m in cited_models()]
        fields = sorted({name or "row" for m in cited_models() for name in (*m.cited_fields, ROW)})
        model = request.GET.get("type") or None
        field = request.GET.get("field") or None
        unknown = []  # a filter value from an old link or a typo is named, and left out
        if model not in (None, *dict(types)):
            unknown.append(f"there is no record type “{model}”")
            model = None
        if field not in (None, *fields):
            unknown.append(f"there is no field “{field}”")
            field = None
        facts = uncited_facts(model, field)
        rows = [
            {
                "record": record,
                "type": record._meta.verbose_name,
                "field": record._meta.get_field(name).verbose_name if name else "the row itself",
                "value": record.claim_value(name) if name else str(record),
                "fix": change_url(record),
            }
            for record, name in facts
        ]
        context = {
            **self.each_context(request),
            "title": "Facts that need a source",
            "rows": rows,
            "types": types,
            "fields": fields,
            "selected_type": model,
            "selected_field": field,
            "unknown": "; ".join(unknown),
        }
        status = 400 if unknown else 200
        return TemplateResponse(request, "admin/needs_a_source.html", context, status=status)

    def deleted(self, request):
        """Deleted records and rows, newest first, each restorable with what was deleted
        along with it (by those who may delete it)."""
        groups = []
        for label in RESTORABLE_RECORDS:
            records = deleted_records(apps.get_model(label))
            groups.append(self._deleted_group(request, label, records))
        for label in restorable_rows():
            records = deleted_records(apps.get_model(label), parents_must_exist=True)
            if records:
                groups.append(self._deleted_group(request, label, records[:ROWS_SHOWN]))
        context = {**self.each_context(request), "title": "Deleted records", "groups": groups}
        return TemplateResponse(request, "admin/deleted_records.html", context)

    def _deleted_group(self, request, label, records):
        model = apps.get_model(label)
        return (model._meta.verbose_name_plural, label, records, may_restore(request.user, model))

    def restore(self, request, label, history_id):
        if label not in RESTORABLE_RECORDS and label not in restorable_rows():
            raise Http404
        model = apps.get_model(label)
        if not may_restore(request.user, model):
            raise PermissionDenied
        historical = model.history.filter(history_id=history_id, history_type="-").first()
        if historical is None or model.objects.filter(pk=historical.id).exists():
            raise Http404
        try:
            restored = restore_deleted(historical)
        except RestoreRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("admin:deleted_records")
        root = restored[0]
        messages.success(
            request,
            f"Restored {root} with {len(restored) - 1} related rows, claims and citations.",
        )
        return redirect(change_url(root))
