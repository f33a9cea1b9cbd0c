"""List filters of the curation admin: the records and claims that need a source."""

from django.contrib import admin


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
