"""Inlines: a record's claims with their citations, and its rows one compact line each.

A record's page shows its own claims, each with its citations, and its rows (titles,
credits, partners, festival entries…) one line each: the row, the citations it has, and a
source, locator and quote to add one. So a new credit and its citation go in together, while
a film with hundreds of citations stays a light form; a row's existing citations are edited
on the row's own page, one click away, which has its full claim with every citation.

Every formset here is built from what the page prefetched (a fixed number of queries
however many rows) and reports rows someone deleted meanwhile (``curation.concurrency``).
"""

import functools

import nested_admin
from django import forms
from django.contrib import admin
from django.db.models import Prefetch
from django.utils.html import format_html

from catalog.models import ROW, Citation, Claim, Rank, claims_prefetch, related_paths

from ..citing import readable
from ..concurrency import ReportsRowsDeletedMeanwhile
from ..review.state import field_label
from ..rows import SummarizedInline, citations_html, truncate
from ..sites import change_url
from .forms import CitationForm, CitedRowForm, ClaimForm, RowClaimForm
from .widgets import (
    SMALL_TEXT_BOXES,
    LoadedAutocompleteSelect,
    NamesLoadedRecords,
    only_add_related,
)


class RowsFormSet(ReportsRowsDeletedMeanwhile, nested_admin.formsets.NestedInlineFormSet):
    """The rows of a record (or the citations of a claim), built from what the page has
    loaded: a fixed number of queries however many rows there are."""

    def get_queryset(self):
        """On a page being opened, the rows the record prefetched (a claim's citations)."""
        if not self.is_bound and not self.queryset.query.is_empty():
            cache = getattr(self.instance, "_prefetched_objects_cache", {})
            prefetched = cache.get(self.fk.remote_field.get_accessor_name())
            if prefetched is not None:
                return list(prefetched)
        return super().get_queryset()

    def _construct_form(self, i, **kwargs):
        """Each row holds the record it belongs to (Django sets only its id), and its
        autocompletes name the records it links from the row itself."""
        form = super()._construct_form(i, **kwargs)
        if getattr(form.instance, self.fk.attname) == self.instance.pk:
            self.fk.set_cached_value(form.instance, self.instance)
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if not isinstance(widget, LoadedAutocompleteSelect):
                continue
            link = form.instance._meta.get_field(name)
            if link.is_cached(form.instance) and link.get_cached_value(form.instance):
                related = link.get_cached_value(form.instance)
                widget.selected = (related.pk, field.label_from_instance(related))
        return form


class CitationInline(NamesLoadedRecords, nested_admin.NestedTabularInline):
    model = Citation
    form = CitationForm
    formset = RowsFormSet
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "locator", "quote", "note", "seen"]
    formfield_overrides = SMALL_TEXT_BOXES

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return only_add_related(super().formfield_for_dbfield(db_field, request, **kwargs))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")


class ClaimFormSet(
    ReportsRowsDeletedMeanwhile, nested_admin.formsets.NestedBaseGenericInlineFormSet
):
    """Claims checked against the record being edited, as the curator is changing it."""

    @functools.cached_property
    def saved_record(self):
        model = type(self.instance)
        return model._base_manager.filter(pk=self.instance.pk).first() or self.instance

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.claims_formset = self
        form.instance.subject = self.instance  # validate against the record being edited
        return form

    def clean(self):
        super().clean()
        preferred = set()
        for form in self.forms:
            if not getattr(form, "cleaned_data", None) or form.cleaned_data.get("DELETE"):
                continue
            if form.cleaned_data.get("rank") == Rank.PREFERRED:
                field = form.cleaned_data.get("field")
                if field in preferred:
                    label = self.instance._meta.get_field(field).verbose_name
                    form.add_error("rank", f"Only one claim about the {label} can be preferred.")
                preferred.add(field)

    def save(self, commit=True):
        # Demote before promoting: the database holds one preferred claim per field at a time.
        for form in self.initial_forms:
            if form in self.deleted_forms or not form.has_changed():
                continue
            if "rank" in form.changed_data and form.instance.rank != Rank.PREFERRED:
                form.save()
        return super().save(commit)


class ClaimInline(SummarizedInline, nested_admin.NestedGenericTabularInline):
    """The values sources give for the record's fields, each with its citations."""

    model = Claim
    form = ClaimForm
    formset = ClaimFormSet
    fields = ["field", "value", "rank", "note", "seen"]
    extra = 0
    inlines = [CitationInline]
    verbose_name = "claim"
    verbose_name_plural = "claims and citations"

    def get_queryset(self, request):
        citations = Citation.objects.select_related("source")
        return super().get_queryset(request).prefetch_related(Prefetch("citations", citations))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        meta = self.parent_model._meta
        choices = [(ROW, field_label(self.parent_model, ROW))] + [
            (name, meta.get_field(name).verbose_name) for name in self.parent_model.cited_fields
        ]
        formset.form.base_fields["field"].widget = forms.Select(choices=choices)
        return formset

    def summary_headings(self, request, record):
        return ["fact", "value", "rank", "note"]

    def summary_cells(self, claim, names):
        model = self.parent_model
        what = field_label(model, claim.field)
        value = readable(model, claim.field, claim.value) if claim.field else ""
        return [what, truncate(value, 80), claim.get_rank_display(), truncate(claim.note, 60)]

    def citations_of(self, claim):
        return list(claim.citations.all())

    def row_label(self, claim):
        what, value = self.summary_cells(claim, [])[:2]
        return f"{what} “{value}”" if value else what


class RowClaimFormSet(
    ReportsRowsDeletedMeanwhile, nested_admin.formsets.NestedBaseGenericInlineFormSet
):
    def clean(self):
        super().clean()
        for form in self.forms:
            if getattr(form, "cleaned_data", None):
                form.instance.field = ROW


class RowClaimInline(nested_admin.NestedGenericStackedInline):
    """The citations for a row (a title, credit, partner…): one claim that the row is true.
    Shown on the row's own page; a record's page lists them with its rows."""

    model = Claim
    form = RowClaimForm
    formset = RowClaimFormSet
    fields = ["rank", "note", "seen"]
    formfield_overrides = SMALL_TEXT_BOXES
    extra = 0
    max_num = 1
    inlines = [CitationInline]
    verbose_name = "citations for this row"
    verbose_name_plural = "citations for this row"

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "rank":
            kwargs["choices"] = [(Rank.NORMAL, "normal"), (Rank.DEPRECATED, "deprecated")]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


class CitedRowInline(SummarizedInline, NamesLoadedRecords, nested_admin.NestedStackedInline):
    """A row on its record's page, in two lines: the row's own fields, then its citations
    with a source, locator and quote to add one."""

    form = CitedRowForm
    formset = RowsFormSet
    extra = 0
    formfield_overrides = SMALL_TEXT_BOXES
    citation_fields = ["citations", "cite_source", "cite_locator", "cite_quote"]

    def get_fieldsets(self, request, obj=None):
        own = [f for f in self.get_fields(request, obj) if f not in (*self.citation_fields, "seen")]
        lines = [tuple(own), tuple(self.citation_fields), "seen"]
        return [(None, {"fields": lines, "classes": ["cited-row"]})]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "citations"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return only_add_related(super().formfield_for_dbfield(db_field, request, **kwargs))

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.select_related(*related_paths(self.model)).prefetch_related(
            claims_prefetch()
        )

    @admin.display(description="citations")
    def citations(self, row):
        if row.pk is None:
            return "—"
        cited = row.citations_for(ROW)
        if not cited:
            return format_html('citation needed · <a href="{}">edit</a>', change_url(row))
        return format_html(
            '<span class="row-citations">{}<a href="{}">edit citations</a></span>',
            citations_html(cited),
            change_url(row),
        )
