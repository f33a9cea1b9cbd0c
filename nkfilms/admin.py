"""The admin site: the curators' workplace, with the "needs a source" view on its index."""

from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from catalog.claims import ROW, cited_models
from catalog.history import deleted_records, restore_deleted

RESTORABLE = [
    "catalog.Film",
    "people.Person",
    "coproductions.Studio",
    "catalog.Festival",
    "catalog.Source",
]


def uncited_facts(model=None, field=None):
    """(record, field) pairs shown without a citation, across the database or one model."""
    found = []
    for cited_model in cited_models():
        if model and cited_model._meta.model_name != model:
            continue
        related = [
            f.name for f in cited_model._meta.concrete_fields if f.is_relation and f.many_to_one
        ]
        records = (
            cited_model.objects.citation_needed()
            .select_related(*[r for r in related if r != "content_type"])
            .with_claims()
        )
        for record in records:
            for name in record.uncited_facts():
                if field is None or field == (name or "row"):
                    found.append((record, name))
    return found


class NkfilmsAdminSite(admin.AdminSite):
    site_header = "nkfilms curation"
    site_title = "nkfilms admin"
    index_title = "Records, claims and citations"

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
        extra_context = {**(extra_context or {}), "needs_a_source": len(uncited_facts())}
        return super().index(request, extra_context)

    def needs_a_source(self, request):
        """Every fact without a citation, filterable by record type and field."""
        model = request.GET.get("type") or None
        field = request.GET.get("field") or None
        facts = uncited_facts(model, field)
        rows = [
            {
                "record": record,
                "type": record._meta.verbose_name,
                "field": name or "the row itself",
                "value": record.claim_value(name) if name else str(record),
                "fix": reverse(
                    f"admin:{record._meta.app_label}_{record._meta.model_name}_change",
                    args=[record.pk],
                ),
            }
            for record, name in facts
        ]
        types = [(m._meta.model_name, m._meta.verbose_name_plural) for m in cited_models()]
        fields = sorted({name or "row" for m in cited_models() for name in (*m.cited_fields, ROW)})
        context = {
            **self.each_context(request),
            "title": "Facts that need a source",
            "rows": rows,
            "types": types,
            "fields": fields,
            "selected_type": model,
            "selected_field": field,
        }
        return TemplateResponse(request, "admin/needs_a_source.html", context)

    def deleted(self, request):
        """Deleted records, newest first, each restorable with what was deleted along with it."""
        groups = []
        for label in RESTORABLE:
            model = apps.get_model(label)
            can_restore = request.user.has_perm(
                f"{model._meta.app_label}.delete_{model._meta.model_name}"
            )
            groups.append(
                (model._meta.verbose_name_plural, label, deleted_records(model), can_restore)
            )
        context = {**self.each_context(request), "title": "Deleted records", "groups": groups}
        return TemplateResponse(request, "admin/deleted_records.html", context)

    def restore(self, request, label, history_id):
        if label not in RESTORABLE:
            raise Http404
        model = apps.get_model(label)
        if not request.user.has_perm(f"{model._meta.app_label}.delete_{model._meta.model_name}"):
            raise PermissionDenied
        historical = model.history.filter(history_id=history_id, history_type="-").first()
        if historical is None or model.objects.filter(pk=historical.id).exists():
            raise Http404
        restored = restore_deleted(historical)
        root = restored[0]
        messages.success(
            request,
            f"Restored {root} with {len(restored) - 1} related rows, claims and citations.",
        )
        return redirect(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", root.pk)
