"""The co-productions story: every co-production by partner country and era, as data
and as pictures."""

from django.db.models import Prefetch
from django.views.generic import TemplateView

from catalog.models import Citation, Source
from coproductions.eras import ERAS, ESSAY, era_of
from coproductions.models import CoProduction, FilmStudio, Partner

from ..charts import network, partner_countries, timeline
from .mixins import FootnotesMixin


def era_citations(eras):
    """The essay's citation for each era (unsaved: they are this page's, not a claim's)."""
    essay = Source.objects.filter(slug=ESSAY).first()
    if essay is None:
        return {}
    return {era: Citation(source=essay, locator=era.locator, quote=era.quote) for era in eras}


class CoproductionsView(FootnotesMixin, TemplateView):
    """/coproductions/: every co-production by partner country and era, as data and as
    pictures."""

    template_name = "coproductions/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        coproductions = list(
            CoProduction.objects.public()
            .select_related("film")
            .prefetch_related(
                Prefetch(
                    "partners",
                    queryset=Partner.objects.public().select_related("studio", "country"),
                ),
                Prefetch(
                    "film__studio_roles",
                    queryset=FilmStudio.objects.public().select_related("studio"),
                ),
            )
            .order_by("film__year", "film__title")
        )
        coproductions.sort(key=lambda c: (c.film.year is None, c.film.year or 0, c.film.title))
        for coproduction in coproductions:
            coproduction.era = era_of(coproduction.film.year)
        by_country = {}
        for coproduction in coproductions:
            for country in partner_countries(coproduction) or [None]:
                by_country.setdefault(country, []).append(coproduction)
        citations = era_citations(ERAS)
        notes = context["footnotes"]
        eras = [
            {
                "era": era,
                "numbers": notes.numbers([citations[era]]) if era in citations else [],
                "coproductions": [c for c in coproductions if c.era == era],
            }
            for era in ERAS
        ]
        context.update(
            eras=eras,
            undated=[c for c in coproductions if c.era is None],
            by_country=sorted(
                by_country.items(), key=lambda item: (item[0] is None, getattr(item[0], "name", ""))
            ),
            # as the home page names them, in the order each first took part
            partner_countries=Partner.objects.public().foreign().countries(),
            timeline=timeline(coproductions),
            network=network(coproductions),
        )
        return context
