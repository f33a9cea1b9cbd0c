"""Admin for people, and the credits inline on the film page."""

import nested_admin
from django.contrib import admin

from catalog.admin import CitationStatusFilter, ClaimInline, RowClaimInline
from catalog.importing import ImportAdmin
from catalog.models import Film
from catalog.publishing import MergingAdmin, PublishingAdmin

from .importing import CreditResource, PersonResource
from .models import Credit, Person, PersonName


class PersonNameInline(nested_admin.NestedTabularInline):
    model = PersonName
    extra = 0
    inlines = [RowClaimInline]


class CreditInline(nested_admin.NestedTabularInline):
    model = Credit
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "role", "character", "credited_as", "uncredited", "order"]
    inlines = [RowClaimInline]


class FilmCreditInline(CreditInline):
    autocomplete_fields = ["film"]
    fields = ["film", "role", "character", "credited_as", "uncredited", "order"]


@admin.register(Person)
class PersonAdmin(ImportAdmin, MergingAdmin, PublishingAdmin, nested_admin.NestedModelAdmin):
    resource_classes = [PersonResource]
    list_display = ["name", "hangul_name", "birth_year", "nationality", "status"]
    list_filter = ["status", CitationStatusFilter, "nationality", "credits__role"]
    search_fields = ["name", "hangul_name", "slug", "names__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["nationality", "distinct_from"]
    readonly_fields = ["version", "created", "updated"]
    inlines = [ClaimInline, PersonNameInline, FilmCreditInline]
    actions = ["publish_selected", "unpublish_selected", "merge_selected"]

    def merge_name_variant(survivor, name):
        return PersonName.objects.get_or_create(
            person=survivor, name=name, defaults={"kind": PersonName.Kind.SPELLING}
        )[0]


@admin.register(Credit)
class CreditAdmin(ImportAdmin, nested_admin.NestedModelAdmin):
    resource_classes = [CreditResource]
    list_display = ["person", "role", "character", "film"]
    list_filter = ["role", "uncredited"]
    search_fields = ["person__name", "film__title", "character", "credited_as"]
    autocomplete_fields = ["person", "film"]
    list_select_related = ["person", "film"]
    inlines = [RowClaimInline]


# The film page gains its credits here: catalog knows nothing of people.
FilmAdmin = type(admin.site.get_model_admin(Film))
admin.site.unregister(Film)


@admin.register(Film)
class FilmWithCreditsAdmin(FilmAdmin):
    inlines = [*FilmAdmin.inlines, CreditInline]


@admin.register(PersonName)
class PersonNameAdmin(nested_admin.NestedModelAdmin):
    list_display = ["name", "person", "kind", "romanization"]
    list_filter = ["kind", "romanization"]
    search_fields = ["name", "person__name"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]
    inlines = [RowClaimInline]
