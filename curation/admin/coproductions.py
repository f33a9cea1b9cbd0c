"""Admin for studios and co-productions. The film page's studio and co-production inlines
are defined here and added to the film page by ``curation.admin.films``."""

import nested_admin
from django import forms
from django.contrib import admin

from coproductions.models import Contribution, CoProduction, FilmStudio, Partner, Studio, StudioName

from ..concurrency import SeenValuesForm
from ..merging import MergingAdmin
from ..publishing import PublishingAdmin
from .filters import CitationStatusFilter
from .forms import CitedRowForm
from .inlines import CitedRowInline, ClaimInline
from .options import CitedRowAdmin


class PartnerFields(forms.ModelForm):
    contributions = forms.MultipleChoiceField(
        choices=Contribution.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Partner
        fields = ["studio", "country", "contributions", "notes"]


class PartnerRowForm(PartnerFields, CitedRowForm):
    """A partner on its co-production's page, with a citation to add."""


class PartnerForm(PartnerFields, SeenValuesForm):
    """A partner on its own page."""


class PartnerInline(CitedRowInline):
    model = Partner
    form = PartnerRowForm
    autocomplete_fields = ["studio", "country"]


class CoProductionInline(CitedRowInline):
    model = CoProduction
    max_num = 1
    inlines = [PartnerInline]


class FilmStudioInline(CitedRowInline):
    model = FilmStudio
    autocomplete_fields = ["studio"]


class StudioFilmInline(FilmStudioInline):
    autocomplete_fields = ["film"]
    fields = ["film", "role"]


class StudioNameInline(CitedRowInline):
    model = StudioName


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
class CoProductionAdmin(CitedRowAdmin):
    list_display = ["film", "standing"]
    list_filter = ["standing", "partners__country"]
    search_fields = ["film__title", "partners__studio__name"]
    autocomplete_fields = ["film"]
    list_select_related = ["film"]
    inlines = [ClaimInline, PartnerInline]


@admin.register(StudioName)
class StudioNameAdmin(CitedRowAdmin):
    list_display = ["name", "studio", "kind", "start_year", "end_year"]
    list_filter = ["kind"]
    search_fields = ["name", "studio__name"]
    autocomplete_fields = ["studio"]
    list_select_related = ["studio"]


@admin.register(FilmStudio)
class FilmStudioAdmin(CitedRowAdmin):
    list_display = ["studio", "role", "film"]
    list_filter = ["role"]
    search_fields = ["studio__name", "film__title"]
    autocomplete_fields = ["studio", "film"]
    list_select_related = ["studio", "film"]


@admin.register(Partner)
class PartnerAdmin(CitedRowAdmin):
    form = PartnerForm
    list_display = ["__str__", "coproduction", "get_contributions_display"]
    list_filter = ["country"]
    search_fields = ["studio__name", "country__name", "coproduction__film__title"]
    autocomplete_fields = ["studio", "country", "coproduction"]
    list_select_related = ["studio", "country", "coproduction__film"]

    def get_fields(self, request, obj=None):
        return ["coproduction", *PartnerForm._meta.fields, "seen"]
