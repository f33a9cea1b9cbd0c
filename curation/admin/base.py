"""Admin for the catalogue. Every record edits its facts, claims and citations on one page.

A record's page shows its own claims, each with its citations, and its rows (titles,
locations, festival entries; the other apps add credits, studio links and co-productions)
one line each: the row, the citations it has, and a source, locator and quote to add one.
So a new credit and its citation go in together, while a film with hundreds of citations
stays a light form; a row's existing citations are edited on the row's own page, one click
away, which has its full claim with every citation.

The film page is composed once, in ``curation.admin.films``: this app knows nothing of the others.
"""

import functools

import nested_admin
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, RelatedFieldWidgetWrapper
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from catalog.images import SafeImageField
from catalog.models import (
    ROW,
    Citation,
    Claim,
    Country,
    Festival,
    FestivalEdition,
    FestivalEntry,
    Film,
    FilmImage,
    FilmTitle,
    Genre,
    MergedSlug,
    Rank,
    ShootingLocation,
    Source,
    cite,
    cited_models,
    claims_prefetch,
    same_claim_value,
)
from catalog.validators import validate_quote_length

from ..importing import FilmResource, ImportAdmin
from ..publishing import (
    HistoryAdmin,
    PublishingAdmin,
    ReportsRowsDeletedMeanwhile,
    SeenValuesForm,
    follow_preferred_claim,
)

# Notes and quotes are a few words: small boxes keep a claim or citation on one line.
SMALL_TEXT_BOXES = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 24})}}


def related_for_str(model):
    """The foreign keys (two deep) a row's name reads: a credit names its person and film."""

    def links(model):
        return [
            field
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model not in (ContentType, None)
        ]

    return [
        name
        for field in links(model)
        for name in [
            field.name,
            *(f"{field.name}__{deeper.name}" for deeper in links(field.related_model)),
        ]
    ]


def source_name(source):
    """A source as a list of citations names it: its first author (or work) and year."""
    who = source.authors[0].partition(",")[0] if source.authors else truncate(source.title, 30)
    return f"{who} {source.date[:4]}".strip()


def truncate(text, length=40):
    return text if len(text) <= length else text[: length - 1] + "…"


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def only_add_related(formfield):
    """Keep only the “add” button beside a related record in a row: the row stays compact
    (the record is changed on its own page)."""
    if formfield is not None and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
        formfield.widget.can_change_related = False
        formfield.widget.can_delete_related = False
        formfield.widget.can_view_related = False
    return formfield


# Claims and their citations ------------------------------------------------------------


class CitationForm(SeenValuesForm):
    class Meta:
        model = Citation
        fields = ["source", "locator", "quote", "note"]


class LoadedAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that names its selected record from the row being edited, which has
    it loaded already, instead of looking it up: a page of rows runs no query per row."""

    selected = None  # (pk, label) of the row's record, set by RowsFormSet

    def optgroups(self, name, value, attr=None):
        if self.selected is None or [str(v) for v in value] != [str(self.selected[0])]:
            return super().optgroups(name, value, attr)  # another value was posted: look it up
        groups = super().optgroups(name, [], attr)  # the empty choice, without a query
        pk, label = self.selected
        groups[0][1].append(self.create_option(name, pk, label, True, len(groups[0][1])))
        return groups


class NamesLoadedRecords:
    """An inline whose autocompletes name the selected records from the rows."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            using = kwargs.get("using")
            kwargs["widget"] = LoadedAutocompleteSelect(db_field, self.admin_site, using=using)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RowsFormSet(ReportsRowsDeletedMeanwhile, nested_admin.formsets.NestedInlineFormSet):
    """The rows of a record (or the citations of a claim), built from what the page has
    loaded: a fixed number of queries however many rows there are."""

    def get_queryset(self):
        """On a page being opened, the rows the record prefetched (a claim's citations)."""
        if not self.is_bound:
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


class ClaimForm(SeenValuesForm):
    """A claim on its record's page. Marking a value preferred makes the record's field follow."""

    class Meta:
        model = Claim
        fields = ["field", "value", "rank", "note"]
        widgets = {
            "value": forms.Textarea(attrs={"rows": 2, "cols": 24}),
            "note": forms.Textarea(attrs={"rows": 2, "cols": 24}),
        }

    def clean(self):
        cleaned = super().clean()
        formset = getattr(self, "claims_formset", None)
        record = formset.instance if formset else None
        field = cleaned.get("field")
        if record is None or not field or field not in record.cited_fields:
            return cleaned
        if record.pk and not self.has_changed():
            # An untouched claim is checked against the saved record: a field the curator
            # changed is then reported once, on the field, by the record's own form.
            self.instance.subject = formset.saved_record
            return cleaned
        if cleaned.get("rank") != Rank.PREFERRED:
            return cleaned
        if not cleaned.get("value"):  # a new claim for the value shown on the form
            lists = getattr(record, "submitted_lists", {})
            cleaned["value"] = lists.get(field, record.claim_value(field))
        claim = Claim(field=field, value=cleaned["value"], rank=Rank.PREFERRED)
        try:
            followed = follow_preferred_claim(record, claim, changed_fields(record))
        except ValidationError as error:
            self.add_error("value", error)
            return cleaned
        if followed is not None:
            self.followed_lists = {field: followed}  # set once the record is saved
        return cleaned


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
                    form.add_error("rank", f"Only one claim about {field} can be preferred.")
                preferred.add(field)

    def save(self, commit=True):
        # Demote before promoting: the database holds one preferred claim per field at a time.
        for form in self.initial_forms:
            if form in self.deleted_forms or not form.has_changed():
                continue
            if "rank" in form.changed_data and form.instance.rank != Rank.PREFERRED:
                form.save()
        return super().save(commit)


class ClaimInline(nested_admin.NestedGenericTabularInline):
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
        choices = [(ROW, "— the record itself —")] + [
            (name, name) for name in self.parent_model.cited_fields
        ]
        formset.form.base_fields["field"].widget = forms.Select(choices=choices)
        return formset


class RowClaimFormSet(
    ReportsRowsDeletedMeanwhile, nested_admin.formsets.NestedBaseGenericInlineFormSet
):
    def clean(self):
        super().clean()
        for form in self.forms:
            if getattr(form, "cleaned_data", None):
                form.instance.field = ROW


class RowClaimForm(SeenValuesForm):
    class Meta:
        model = Claim
        fields = ["rank", "note"]


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


# Rows on their record's page -------------------------------------------------------------


class CitedRowForm(SeenValuesForm):
    """A row on its record's page, with a citation to add: a source, where in it, and an
    optional quote, saved as a citation of the row (a new row and its source go in
    together). The citations a row has are edited on the row's own page."""

    cite_source = forms.ModelChoiceField(
        queryset=Source.objects.all(),
        required=False,
        label="add a source",
        widget=AutocompleteSelect(Citation._meta.get_field("source"), admin.site),
    )
    cite_locator = forms.CharField(
        required=False,
        max_length=300,
        label="locator",
        help_text=Citation._meta.get_field("locator").help_text,
    )
    cite_quote = forms.CharField(
        required=False,
        label="quote",
        validators=[validate_quote_length],
        widget=forms.Textarea(attrs={"rows": 1, "cols": 20}),
        help_text="At most 25 words, verbatim.",
    )

    def clean(self):
        cleaned = super().clean()
        source, locator = cleaned.get("cite_source"), cleaned.get("cite_locator")
        if source and not locator:
            self.add_error("cite_locator", "Say where in the source: a page, a note, a section.")
        if not source and (locator or cleaned.get("cite_quote")):
            self.add_error("cite_source", "Choose the source this locator is in.")
        return cleaned

    def save(self, commit=True):
        row = super().save(commit)
        if self.cleaned_data.get("cite_source"):
            if commit:
                self.add_citation(row)
            else:
                save_m2m = self.save_m2m

                def save_m2m_and_citation():
                    save_m2m()
                    self.add_citation(row)

                self.save_m2m = save_m2m_and_citation
        return row

    def add_citation(self, row):
        data = self.cleaned_data
        cite(row, ROW, data["cite_source"], data["cite_locator"], data.get("cite_quote") or "")


class CitedRowInline(NamesLoadedRecords, nested_admin.NestedStackedInline):
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
        return queryset.select_related(*related_for_str(self.model)).prefetch_related(
            claims_prefetch()
        )

    @admin.display(description="citations")
    def citations(self, row):
        if row.pk is None:
            return "—"
        cited = row.citations_for(ROW)
        if not cited:
            return format_html('citation needed · <a href="{}">edit</a>', change_url(row))
        listed = format_html_join(
            "",
            '<span title="{}, {}">{}, {}</span><br>',
            (
                (c.source.short_label(), c.locator, source_name(c.source), truncate(c.locator))
                for c in cited
            ),
        )
        return format_html(
            '<span class="row-citations">{}<a href="{}">edit citations</a></span>',
            listed,
            change_url(row),
        )


class CitationStatusFilter(admin.SimpleListFilter):
    """Find records with a fact that has no citation ("citation needed")."""

    title = "citations"
    parameter_name = "citations"

    def lookups(self, request, model_admin):
        return [("needed", "citation needed"), ("disputed", "disputed facts")]

    def queryset(self, request, queryset):
        if self.value() == "needed":
            return queryset.citation_needed()
        if self.value() == "disputed":
            return queryset.disputed()
        return queryset


class FilmTitleInline(CitedRowInline):
    model = FilmTitle


class ShootingLocationInline(CitedRowInline):
    model = ShootingLocation
    autocomplete_fields = ["country"]


class FestivalEntryInline(CitedRowInline):
    model = FestivalEntry
    autocomplete_fields = ["edition", "film"]


class FilmImageForm(SeenValuesForm):
    class Meta:
        model = FilmImage
        fields = ["kind", "image", "alt_text", "caption", "credit", "order"]
        field_classes = {"image": SafeImageField}


class FilmImageInline(nested_admin.NestedStackedInline):
    model = FilmImage
    form = FilmImageForm
    formset = RowsFormSet
    extra = 0
    fields = [("kind", "order"), "image", "alt_text", ("caption", "credit"), "seen"]


class FilmAdmin(ImportAdmin, PublishingAdmin, nested_admin.NestedModelAdmin):
    """The film page with the catalogue's own rows; ``curation.admin.films`` registers it with
    the credits, studio links and co-production of the other apps."""

    resource_classes = [FilmResource]
    list_display = ["title", "original_title", "year", "kind", "status", "updated"]
    list_filter = ["status", "kind", CitationStatusFilter, "genres", "countries"]
    search_fields = ["title", "original_title", "slug", "titles__title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["parent"]
    filter_horizontal = ["genres", "countries"]
    readonly_fields = ["version", "created", "updated"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "original_title", "slug", "status"]}),
        ("Facts", {"fields": ["year", "end_year", "kind", "runtime", "colour", "synopsis"]}),
        ("Classification", {"fields": ["genres", "countries", "parent", "part_number"]}),
        ("Record", {"fields": ["version", "created", "updated"], "classes": ["collapse"]}),
    ]
    inlines = [
        ClaimInline,
        FilmTitleInline,
        ShootingLocationInline,
        FestivalEntryInline,
        FilmImageInline,
    ]


class CitedRowAdmin(HistoryAdmin, nested_admin.NestedModelAdmin):
    """A row's own page: its fields and its claim with every citation, and its history.

    Rows are edited on their records' pages too, so the form guards against lost updates.
    """

    form = SeenValuesForm
    formfield_overrides = SMALL_TEXT_BOXES
    inlines = [RowClaimInline]

    class Media:
        css = {"all": ["css/admin-curation.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*related_for_str(self.model))


@admin.register(Source)
class SourceAdmin(HistoryAdmin):
    form = SeenValuesForm  # two curators correcting one source: no silent overwrite
    list_display = ["short_label", "kind", "container", "date", "citation_count"]
    list_filter = ["kind", "language"]
    search_fields = ["slug", "title", "container", "publisher", "authors", "notes"]
    prepopulated_fields = {"slug": ["title"]}

    def get_queryset(self, request):
        queryset = super().get_queryset(request).annotate(citation_count=Count("citations"))
        return queryset.order_by("slug")  # grouped queries drop the default ordering

    @admin.display(description="citations", ordering="citation_count")
    def citation_count(self, obj):
        return obj.citation_count


class EditionInline(CitedRowInline):
    model = FestivalEdition


@admin.register(Festival)
class FestivalAdmin(PublishingAdmin, nested_admin.NestedModelAdmin):
    list_display = ["name", "city", "country", "founded", "status"]
    list_filter = ["status", "country"]
    search_fields = ["name", "city", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    readonly_fields = ["version"]
    list_select_related = ["country"]
    inlines = [ClaimInline, EditionInline]


@admin.register(FestivalEdition)
class FestivalEditionAdmin(CitedRowAdmin):
    list_display = ["festival", "year"]
    list_filter = ["festival"]
    search_fields = ["festival__name", "year"]
    autocomplete_fields = ["festival"]
    list_select_related = ["festival"]
    inlines = [RowClaimInline, FestivalEntryInline]


class RefuseDeletingWhileUsed:
    """A country or genre that films still list (or that claims name by its code) is not
    deleted: deleting it would silently change those films' facts and leave claims naming
    nothing."""

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for obj in objs:
            films = Film.objects.filter(**{self.used_by: obj}).order_by("title")
            protected += [f"{film} lists {obj}" for film in films]
            protected += [f"{claim} names {obj}" for claim in self.claims_naming(obj)]
        return deleted, counts, perms_needed, protected

    def claims_naming(self, obj):
        """Claims whose value is, or lists, this record's code."""
        fields = {
            name
            for model in cited_models()
            for name in model.cited_fields
            if getattr(model._meta.get_field(name), "related_model", None) is self.model
        }
        code = obj.natural_key()[0]
        candidates = Claim.objects.filter(field__in=fields, value__contains=code)
        return [claim for claim in candidates if code in claim.value.split(",")]


@admin.register(Country)
class CountryAdmin(RefuseDeletingWhileUsed, HistoryAdmin):
    form = SeenValuesForm
    list_display = ["name", "code", "historical"]
    list_filter = ["historical"]
    search_fields = ["name", "code"]
    used_by = "countries"


@admin.register(Genre)
class GenreAdmin(RefuseDeletingWhileUsed, HistoryAdmin):
    form = SeenValuesForm
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    used_by = "genres"


class HasCitationFilter(admin.SimpleListFilter):
    title = "cited"
    parameter_name = "cited"

    def lookups(self, request, model_admin):
        return [("yes", "with citations"), ("no", "citation needed")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.cited()
        if self.value() == "no":
            return queryset.uncited()
        return queryset


def subjects_prefetch(lookup="subject"):
    """The records and rows claims are about, each fetched with what its name reads."""
    return GenericPrefetch(
        lookup,
        [model._base_manager.select_related(*related_for_str(model)) for model in cited_models()],
    )


class ClaimAdminForm(SeenValuesForm):
    class Meta:
        model = Claim
        fields = ["field", "value", "rank", "note"]


@admin.register(Claim)
class ClaimAdmin(HistoryAdmin, nested_admin.NestedModelAdmin):
    form = ClaimAdminForm
    list_display = ["__str__", "field", "rank", "content_type"]
    list_filter = ["rank", HasCitationFilter, "content_type", "field"]
    search_fields = ["value", "note", "citations__locator", "citations__quote"]
    readonly_fields = ["content_type", "object_id"]
    fields = ["content_type", "object_id", "field", "value", "rank", "note", "seen"]
    formfield_overrides = SMALL_TEXT_BOXES
    inlines = [CitationInline]
    list_select_related = ["content_type"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(subjects_prefetch())

    def has_add_permission(self, request):
        return False  # claims are added on the record they are about


@admin.register(Citation)
class CitationAdmin(HistoryAdmin):
    form = CitationForm
    list_display = ["__str__", "source", "locator"]
    list_filter = ["source__kind"]
    search_fields = ["locator", "quote", "source__title"]
    autocomplete_fields = ["source"]
    list_select_related = ["source", "claim__content_type"]
    raw_id_fields = ["claim"]
    formfield_overrides = SMALL_TEXT_BOXES

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(subjects_prefetch("claim__subject"))

    def get_fields(self, request, obj=None):
        return ["claim", "source", "locator", "quote", "note", "seen"]


@admin.register(FilmTitle)
class FilmTitleAdmin(CitedRowAdmin):
    list_display = ["title", "film", "language", "kind", "romanization"]
    list_filter = ["kind", "language", "romanization"]
    search_fields = ["title", "film__title"]
    autocomplete_fields = ["film"]
    list_select_related = ["film"]


@admin.register(ShootingLocation)
class ShootingLocationAdmin(CitedRowAdmin):
    list_display = ["place", "country", "film"]
    list_filter = ["country"]
    search_fields = ["place", "film__title"]
    autocomplete_fields = ["film", "country"]
    list_select_related = ["film", "country"]


@admin.register(FestivalEntry)
class FestivalEntryAdmin(CitedRowAdmin):
    list_display = ["film", "edition", "premiere", "award", "result"]
    list_filter = ["result", "premiere", "edition__festival"]
    search_fields = ["film__title", "award", "edition__festival__name"]
    autocomplete_fields = ["film", "edition"]
    list_select_related = ["film", "edition__festival"]


@admin.register(FilmImage)
class FilmImageAdmin(HistoryAdmin):
    form = FilmImageForm
    list_display = ["__str__", "kind", "alt_text", "width", "height"]
    list_filter = ["kind"]
    search_fields = ["film__title", "alt_text", "caption"]
    autocomplete_fields = ["film"]
    list_select_related = ["film"]

    def get_fields(self, request, obj=None):
        return ["film", *FilmImageForm._meta.fields, "seen"]


@admin.register(MergedSlug)
class MergedSlugAdmin(admin.ModelAdmin):
    """Old addresses of merged records and where they now redirect."""

    list_display = ["slug", "content_type", "target_id", "merged"]
    list_filter = ["content_type"]
    search_fields = ["slug"]
    readonly_fields = ["content_type", "slug", "target_id", "merged"]

    def has_add_permission(self, request):
        return False
