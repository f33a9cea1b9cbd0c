"""Films: the researchers' search with its facets, and each film's footnoted page."""

from django.shortcuts import render
from django.views.generic import DetailView

from catalog.models import Film
from people.models import Role
from search.facets import FACETS
from search.query import PARAM_LABELS, FilmQuery

from ..related import related_films
from .mixins import CitablePageMixin


def toggled(query, param, value):
    """The query string with ``value`` of ``param`` switched on or off (page reset)."""
    data = query.data.copy()
    data.pop("page", None)
    values = data.getlist(param)
    data.setlist(param, [v for v in values if v != value] if value in values else [*values, value])
    return data.urlencode()


def film_list(request):
    """/films/: search, facets with live counts, chips, sorting and pages; no JavaScript needed.

    A value the search cannot use is left out and named in a notice (the page answers 400, as
    the API does, but still shows the results of the rest).
    """
    query = FilmQuery(request.GET, lenient=True)
    page = query.page()
    facets = query.facets()
    for param, values in facets.items():
        for value in values:
            value["href"] = toggled(query, param, value["value"])
    context = {
        "params": query.data,
        "sort": query.data.get("sort", ""),
        "notices": query.notices,
        "query_string": query.without("page"),
        "unsearchable": query.unsearchable,
        "page_obj": page,
        "films": page.object_list,
        "facets": [(f.param, f.label, facets[f.param]) for f in FACETS],
        "roles": Role.choices,
        "chips": [
            {
                "label": PARAM_LABELS.get(param, param),
                "value": label,
                "href": query.without(param, value),
            }
            for param, value, label in query.active_filters()
        ],
    }
    if not page.paginator.count and not query.unsearchable:
        context["widest_drop"] = query.widest_drop()
    status = 400 if query.notices else 200
    return render(request, "catalog/film_list.html", context, status=status)


class FilmDetailView(CitablePageMixin, DetailView):
    """A film with every fact footnoted, and the films that share its people or studios."""

    template_name = "catalog/film_detail.html"
    context_object_name = "film"

    def get_queryset(self):
        return Film.objects.with_public_facts()

    def get_context_data(self, **kwargs):
        film = self.object
        related = related_films(
            film,
            people=[c.person_id for c in film.credits.all()],
            studios=[s.studio_id for s in film.studio_roles.all()],
        )
        series = film.parent if film.parent is not None and film.parent.is_published else None
        return super().get_context_data(related=related, series=series, **kwargs)

    def jsonld(self, url):
        film = self.object
        directors = [
            c.person.name for c in film.credits.all() if c.role in ("director", "co-director")
        ]
        return {
            "@context": "https://schema.org",
            "@type": "Movie",
            "name": film.title,
            "url": url,
            "alternateName": [t.title for t in film.titles.all()],
            "dateCreated": str(film.year) if film.year else None,
            "description": film.synopsis,
            "genre": [g.name for g in film.genres.all()],
            "countryOfOrigin": [{"@type": "Country", "name": c.name} for c in film.countries.all()],
            "director": [{"@type": "Person", "name": name} for name in directors],
            "productionCompany": [
                {"@type": "Organization", "name": s.studio.name} for s in film.studio_roles.all()
            ],
        }
