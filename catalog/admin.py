"""Admin for the catalogue. Every record edits its claims and their citations on one screen."""

import nested_admin
from django import forms
from django.contrib import admin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from .claims import ROW, Rank
from .importing import FilmResource, ImportAdmin
from .models import (
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
    ShootingLocation,
    Source,
)
from .publishing import PublishingAdmin, follow_preferred_claims


class CitationInline(nested_admin.NestedTabularInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "locator", "quote", "note"]
    formfield_overrides = {
        # Short boxes keep a citation on one line of the form.
        Citation._meta.get_field("quote"): {
            "widget": forms.Textarea(attrs={"rows": 2, "cols": 40})
        },
        Citation._meta.get_field("note"): {"widget": forms.Textarea(attrs={"rows": 2, "cols": 30})},
    }


def changed_fields(record):
    """Cited fields the curator changed on the form, compared with the saved record."""
    saved = type(record).objects.filter(pk=record.pk).first() if record.pk else None
    if saved is None:
        return set()
    return {
        name
        for name in record.cited_fields
        if not record._meta.get_field(name).many_to_many
        and saved.claim_value(name) != record.claim_value(name)
    }


class ClaimForm(forms.ModelForm):
    """A claim on its record's page. Marking a value preferred makes the record's field follow."""

    class Meta:
        model = Claim
        fields = ["field", "value", "rank", "note"]
        widgets = {
            "value": forms.Textarea(attrs={"rows": 1, "cols": 30}),
            "note": forms.Textarea(attrs={"rows": 1, "cols": 30}),
        }

    def clean(self):
        cleaned = super().clean()
        record = getattr(self, "record", None)
        field = cleaned.get("field")
        if record is None or cleaned.get("rank") != Rank.PREFERRED or not field:
            return cleaned
        if field not in record.cited_fields or record._meta.get_field(field).many_to_many:
            return cleaned
        if not cleaned.get("value"):
            cleaned["value"] = record.claim_value(field)  # a new claim for the shown value
        claim = Claim(field=field, value=cleaned["value"], rank=Rank.PREFERRED)
        problems = follow_preferred_claims(record, [claim], changed_fields(record))
        if problems:
            self.add_error("value", problems[field])
        return cleaned


class ClaimFormSet(nested_admin.formsets.NestedBaseGenericInlineFormSet):
    """Claims checked against the record being edited, as the curator is changing it."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.record = self.instance
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


class ClaimInline(nested_admin.NestedGenericStackedInline):
    """The values sources give for the record's fields, each with its citations."""

    model = Claim
    form = ClaimForm
    formset = ClaimFormSet
    extra = 0
    inlines = [CitationInline]
    verbose_name = "claim (a field’s value with its citations)"
    verbose_name_plural = "claims and citations"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        choices = [(ROW, "— the record itself —")] + [
            (name, name) for name in self.parent_model.cited_fields
        ]
        formset.form.base_fields["field"].widget = forms.Select(choices=choices)
        return formset


class RowClaimFormSet(nested_admin.formsets.NestedBaseGenericInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.forms:
            if getattr(form, "cleaned_data", None):
                form.instance.field = ROW


class RowClaimInline(nested_admin.NestedGenericStackedInline):
    """The citations for a row (a title, credit, partner…): one claim that the row is true."""

    model = Claim
    formset = RowClaimFormSet
    fields = ["rank", "note"]
    formfield_overrides = {
        Claim._meta.get_field("note"): {"widget": forms.Textarea(attrs={"rows": 1, "cols": 60})}
    }
    extra = 0
    max_num = 1
    inlines = [CitationInline]
    verbose_name = "citations for this row"
    verbose_name_plural = "citations for this row"

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "rank":
            kwargs["choices"] = [(Rank.NORMAL, "normal"), (Rank.DEPRECATED, "deprecated")]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


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


class FilmTitleInline(nested_admin.NestedTabularInline):
    model = FilmTitle
    extra = 0
    inlines = [RowClaimInline]


class ShootingLocationInline(nested_admin.NestedTabularInline):
    model = ShootingLocation
    extra = 0
    autocomplete_fields = ["country"]
    inlines = [RowClaimInline]


class FestivalEntryInline(nested_admin.NestedTabularInline):
    model = FestivalEntry
    extra = 0
    autocomplete_fields = ["edition", "film"]
    inlines = [RowClaimInline]


class FilmImageInline(nested_admin.NestedStackedInline):
    model = FilmImage
    extra = 0
    fields = ["kind", "image", "alt_text", "caption", "credit", "order"]


@admin.register(Film)
class FilmAdmin(ImportAdmin, PublishingAdmin, nested_admin.NestedModelAdmin):
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


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
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


class EditionInline(nested_admin.NestedTabularInline):
    model = FestivalEdition
    extra = 0
    inlines = [RowClaimInline]


@admin.register(Festival)
class FestivalAdmin(PublishingAdmin, nested_admin.NestedModelAdmin):
    list_display = ["name", "city", "country", "founded", "status"]
    list_filter = ["status", "country"]
    search_fields = ["name", "city", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    readonly_fields = ["version"]
    inlines = [ClaimInline, EditionInline]


@admin.register(FestivalEdition)
class FestivalEditionAdmin(nested_admin.NestedModelAdmin):
    list_display = ["festival", "year"]
    list_filter = ["festival"]
    search_fields = ["festival__name", "year"]
    autocomplete_fields = ["festival"]
    inlines = [RowClaimInline, FestivalEntryInline]


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "historical"]
    list_filter = ["historical"]
    search_fields = ["name", "code"]


@admin.register(Genre)
class GenreAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


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


@admin.register(Claim)
class ClaimAdmin(nested_admin.NestedModelAdmin):
    list_display = ["__str__", "field", "rank", "content_type"]
    list_filter = ["rank", HasCitationFilter, "content_type", "field"]
    search_fields = ["value", "note", "citations__locator", "citations__quote"]
    readonly_fields = ["content_type", "object_id"]
    fields = ["content_type", "object_id", "field", "value", "rank", "note"]
    inlines = [CitationInline]
    list_select_related = ["content_type"]

    def has_add_permission(self, request):
        return False  # claims are added on the record they are about


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "source", "locator"]
    list_filter = ["source__kind"]
    search_fields = ["locator", "quote", "source__title"]
    autocomplete_fields = ["source"]
    list_select_related = ["source", "claim__content_type"]
    raw_id_fields = ["claim"]


@admin.register(FilmTitle)
class FilmTitleAdmin(nested_admin.NestedModelAdmin):
    list_display = ["title", "film", "language", "kind", "romanization"]
    list_filter = ["kind", "language", "romanization"]
    search_fields = ["title", "film__title"]
    autocomplete_fields = ["film"]
    list_select_related = ["film"]
    inlines = [RowClaimInline]


@admin.register(ShootingLocation)
class ShootingLocationAdmin(nested_admin.NestedModelAdmin):
    list_display = ["place", "country", "film"]
    list_filter = ["country"]
    search_fields = ["place", "film__title"]
    autocomplete_fields = ["film", "country"]
    list_select_related = ["film", "country"]
    inlines = [RowClaimInline]


@admin.register(FestivalEntry)
class FestivalEntryAdmin(nested_admin.NestedModelAdmin):
    list_display = ["film", "edition", "premiere", "award", "result"]
    list_filter = ["result", "premiere", "edition__festival"]
    search_fields = ["film__title", "award", "edition__festival__name"]
    autocomplete_fields = ["film", "edition"]
    list_select_related = ["film", "edition__festival"]
    inlines = [RowClaimInline]


@admin.register(FilmImage)
class FilmImageAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "alt_text", "width", "height"]
    list_filter = ["kind"]
    search_fields = ["film__title", "alt_text", "caption"]
    autocomplete_fields = ["film"]
    list_select_related = ["film"]


@admin.register(MergedSlug)
class MergedSlugAdmin(admin.ModelAdmin):
    """Old addresses of merged records and where they now redirect."""

    list_display = ["slug", "content_type", "target_id", "merged"]
    list_filter = ["content_type"]
    search_fields = ["slug"]
    readonly_fields = ["content_type", "slug", "target_id", "merged"]

    def has_add_permission(self, request):
        return False
