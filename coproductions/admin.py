"""Admin for studios and co-productions, and their inlines on the film page."""

import nested_admin
from django import forms
from django.contrib import admin

from catalog.admin import CitationStatusFilter, ClaimInline, RowClaimInline
from catalog.models import Film
from catalog.publishing import MergingAdmin, PublishingAdmin

from .models import Contribution, CoProduction, FilmStudio, Partner, Studio, StudioName


class PartnerForm(forms.ModelForm):
    contributions = forms.MultipleChoiceField(
        choices=Contribution.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Partner
        fields = ["studio", "country", "contributions", "notes"]


class PartnerInline(nested_admin.NestedStackedInline):
    model = Partner
    form = PartnerForm
    extra = 0
    autocomplete_fields = ["studio", "country"]
    inlines = [RowClaimInline]


class CoProductionInline(nested_admin.NestedStackedInline):
    model = CoProduction
    extra = 0
    max_num = 1
    inlines = [RowClaimInline, PartnerInline]


class FilmStudioInline(nested_admin.NestedTabularInline):
    model = FilmStudio
    extra = 0
    autocomplete_fields = ["studio"]
    inlines = [RowClaimInline]


class StudioFilmInline(FilmStudioInline):
    autocomplete_fields = ["film"]
    fields = ["film", "role"]


class StudioNameInline(nested_admin.NestedTabularInline):
    model = StudioName
    extra = 0
    inlines = [RowClaimInline]


@admin.register(Studio)
class StudioAdmin(MergingAdmin, PublishingAdmin, nested_admin.NestedModelAdmin):
    list_display = ["name", "kind", "country", "city", "founded", "parent", "status"]
    list_filter = ["status", "kind", CitationStatusFilter, "country"]
    search_fields = ["name", "slug", "city", "names__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country", "parent", "distinct_from"]
    readonly_fields = ["version", "created", "updated"]
    list_select_related = ["country", "parent"]
    inlines = [ClaimInline, StudioNameInline, StudioFilmInline]
    actions = ["publish_selected", "unpublish_selected", "merge_selected"]

    def merge_name_variant(survivor, name):
        return StudioName.objects.get_or_create(
            studio=survivor, name=name, defaults={"kind": StudioName.Kind.ALTERNATIVE}
        )[0]


@admin.register(CoProduction)
class CoProductionAdmin(nested_admin.NestedModelAdmin):
    list_display = ["film", "standing"]
    list_filter = ["standing", "partners__country"]
    search_fields = ["film__title", "partners__studio__name"]
    autocomplete_fields = ["film"]
    list_select_related = ["film"]
    inlines = [ClaimInline, PartnerInline]


# The film page gains studios and its co-production here: catalog knows nothing of studios.
FilmAdmin = type(admin.site.get_model_admin(Film))
admin.site.unregister(Film)


@admin.register(Film)
class FilmWithStudiosAdmin(FilmAdmin):
    inlines = [*FilmAdmin.inlines, FilmStudioInline, CoProductionInline]


@admin.register(StudioName)
class StudioNameAdmin(nested_admin.NestedModelAdmin):
    list_display = ["name", "studio", "kind", "start_year", "end_year"]
    list_filter = ["kind"]
    search_fields = ["name", "studio__name"]
    autocomplete_fields = ["studio"]
    list_select_related = ["studio"]
    inlines = [RowClaimInline]


@admin.register(FilmStudio)
class FilmStudioAdmin(nested_admin.NestedModelAdmin):
    list_display = ["studio", "role", "film"]
    list_filter = ["role"]
    search_fields = ["studio__name", "film__title"]
    autocomplete_fields = ["studio", "film"]
    list_select_related = ["studio", "film"]
    inlines = [RowClaimInline]


@admin.register(Partner)
class PartnerAdmin(nested_admin.NestedModelAdmin):
    form = PartnerForm
    list_display = ["__str__", "coproduction", "get_contributions_display"]
    list_filter = ["country"]
    search_fields = ["studio__name", "country__name", "coproduction__film__title"]
    autocomplete_fields = ["studio", "country", "coproduction"]
    list_select_related = ["studio", "country", "coproduction__film"]
    inlines = [RowClaimInline]
