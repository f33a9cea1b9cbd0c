"""The film page, composed once from the three apps: the catalogue's own rows and claims,
then the credits (people) and the studio links and co-production (coproductions).

``catalog`` imports neither of the other apps; the project, which knows all three, puts the
film page together here, in one explicit place.
"""

from django.contrib import admin

from catalog.models import Film

from .catalog import FilmAdmin as CatalogueFilmAdmin
from .coproductions import CoProductionInline, FilmStudioInline
from .people import CreditInline


@admin.register(Film)
class FilmAdmin(CatalogueFilmAdmin):
    inlines = [*CatalogueFilmAdmin.inlines, CreditInline, FilmStudioInline, CoProductionInline]
