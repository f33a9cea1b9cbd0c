"""Admin for people, their name variants and credits. The film page's credits inline is
defined here and added to the film page by ``curation.admin.films``."""

import nested_admin
from django.contrib import admin

from people.models import Credit, Person, PersonName

from ..importing import ImportAdmin
from ..importing_people import CreditResource, PersonResource
from ..merging import MergingAdmin
from ..publishing import PublishingAdmin
from .filters import CitationStatusFilter
from .inlines import CitedRowInline, ClaimInline
from .options import CitedRowAdmin


class PersonNameInline(CitedRowInline):
    model = PersonName


class CreditInline(CitedRowInline):
    """A film's credits, each with its citations and one to add."""

    model = Credit
    autocomplete_fields = ["person"]
    fields = ["person", "role", "character", "credited_as", "uncredited", "order"]


class FilmCreditInline(CreditInline):
    """A person's credits, on the person's page."""

    autocomplete_fields = ["film"]
    fields = ["film", "role", "character", "credited_as", "uncredited", "order"]


@admin.register(Person)
class PersonAdmin(ImportAdmin, MergingAdmin, PublishingAdmin, nested_admin.NestedModelAdmin):
    resource_classes = [PersonResource]
    list_display = ["name", "hangul_name", "birth_year", "nationality", "status"]
    list_filter = ["status", CitationStatusFilter, "nationality", "credits__role"]
    list_select_related = ["nationality"]
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
class CreditAdmin(ImportAdmin, CitedRowAdmin):
    resource_classes = [CreditResource]
    list_display = ["person", "role", "character", "film"]
    list_filter = ["role", "uncredited"]
    search_fields = ["person__name", "film__title", "character", "credited_as"]
    autocomplete_fields = ["person", "film"]
    list_select_related = ["person", "film"]


@admin.register(PersonName)
class PersonNameAdmin(CitedRowAdmin):
    list_display = ["name", "person", "kind", "romanization"]
    list_filter = ["kind", "romanization"]
    search_fields = ["name", "person__name"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]
