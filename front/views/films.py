"""Films: the researchers' search with its facets, and each film's footnoted page."""

from django.db.models import Count, Q
from django.shortcuts import render
from django.views.generic import DetailView

from catalog.models import Film
from coproductions.models import FilmStudio
from people.models import Credit, Role
from search.facets import ALL_SCOPES, FACETS
from search.query import PARAM_LABELS, FilmQuery

from .mixins import CitablePageMixin


def toggled(query, param, value):
    """The query string with ``value`` of ``param`` switched on or off (page reset). The
    scope toggles from what the result covers: by default, North Korean cinema."""
    data = query.data.copy()
    data.pop("page", None)
    values = query.selected(param)
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
    if query.default_scope:
        # Films cited for context that the default scope leaves out of this result.
        hidden = [v for v in facets["scope"] if v["value"] not in query.scopes]
        context["context_hidden"] = sum(v["count"] for v in hidden)
        every = query.data.copy()
        every.pop("page", None)
        every["scope"] = ALL_SCOPES
        context["with_context"] = every.urlencode()
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
        people = [c.person_id for c in film.credits.all()]
        studios = [s.studio_id for s in film.studio_roles.all()]
        # Only films that share someone or a studio are counted (not every film's credits).
        candidates = Q(pk__in=Credit.objects.filter(person__in=people).values("film")) | Q(
            pk__in=FilmStudio.objects.filter(studio__in=studios).values("film")
        )
        related = (
            Film.objects.published()
            .for_list()
            .filter(candidates)
            .exclude(pk=film.pk)
            .annotate(
                shared_people=Count(
                    "credits__person", filter=Q(credits__person__in=people), distinct=True
                ),
                shared_studios=Count(
                    "studio_roles__studio",
                    filter=Q(studio_roles__studio__in=studios),
                    distinct=True,
                ),
            )
            .filter(Q(shared_people__gt=0) | Q(shared_studios__gt=0))
            .order_by("-shared_people", "-shared_studios", "title", "slug")[:8]
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
