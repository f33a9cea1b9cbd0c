"""The admin of the catalogue's own models: films (the page ``curation.admin.films``
completes with the other apps' rows), festivals, sources, countries, genres, titles,
locations, images, claims and citations."""

import nested_admin
from django.contrib import admin
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import Count
from django.utils.html import format_html

from catalog.images import SafeImageField
from catalog.models import (
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
    cited_models,
    related_paths,
)

from ..concurrency import SeenValuesForm
from ..history import HistoryAdmin
from ..importing import FilmResource, ImportAdmin
from ..publishing import PublishingAdmin
from ..review.changes import DraftSourcesAdmin, ReviewedChangesAdmin
from ..rows import SummarizedInline
from .filters import CitationStatusFilter, HasCitationFilter
from .forms import CitationForm, ClaimAdminForm
from .inlines import CitationInline, CitedRowInline, ClaimInline, RowClaimInline, RowsFormSet
from .options import CitedRowAdmin
from .sources import SourceForm, SourcePicker
from .widgets import SMALL_TEXT_BOXES


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


class FilmImageInline(SummarizedInline, nested_admin.NestedStackedInline):
    model = FilmImage
    form = FilmImageForm
    formset = RowsFormSet
    extra = 0
    fields = [("kind", "order"), "image", "alt_text", ("caption", "credit"), "seen"]

    def summary_cells(self, image, names):
        """The image as its thumbnail, not its file's name."""
        return [
            format_html('<img src="{}" alt="" height="48">', image.thumbnail.url)
            if name == "image" and image.thumbnail
            else cell
            for name, cell in zip(names, super().summary_cells(image, names), strict=True)
        ]


class FilmAdmin(ImportAdmin, PublishingAdmin, nested_admin.NestedModelAdmin):
    """The film page with the catalogue's own rows; ``curation.admin.films`` registers it with
    the credits, studio links and co-production of the other apps."""

    resource_classes = [FilmResource]
    list_display = ["title", "original_title", "year", "kind", "scope", "status", "updated"]
    list_filter = ["status", "kind", "scope", CitationStatusFilter, "genres", "countries"]
    search_fields = ["title", "original_title", "slug", "titles__title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["parent"]
    filter_horizontal = ["genres", "countries"]
    readonly_fields = ["version", "created", "updated", "published_at"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "original_title", "slug", "status"]}),
        (
            "Facts",
            {"fields": ["year", "end_year", "kind", "scope", "runtime", "colour", "synopsis"]},
        ),
        ("Classification", {"fields": ["genres", "countries", "parent", "part_number"]}),
        (
            "Record",
            {"fields": ["version", "created", "published_at", "updated"], "classes": ["collapse"]},
        ),
    ]
    inlines = [
        ClaimInline,
        FilmTitleInline,
        ShootingLocationInline,
        FestivalEntryInline,
        FilmImageInline,
    ]


@admin.register(Source)
class SourceAdmin(SourcePicker, DraftSourcesAdmin, HistoryAdmin):
    form = SourceForm  # authors one per line; two curators: no silent overwrite
    list_display = ["short_label", "kind", "container", "date", "status", "citation_count"]
    list_filter = ["status", "kind", "language"]
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


def subjects_prefetch(lookup="subject"):
    """The records and rows claims are about, each fetched with what its name reads."""
    return GenericPrefetch(
        lookup,
        [model._base_manager.select_related(*related_paths(model)) for model in cited_models()],
    )


@admin.register(Claim)
class ClaimAdmin(ReviewedChangesAdmin, HistoryAdmin, nested_admin.NestedModelAdmin):
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
class CitationAdmin(ReviewedChangesAdmin, HistoryAdmin):
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
class FilmImageAdmin(ReviewedChangesAdmin, HistoryAdmin):
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
