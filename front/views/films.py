"""Films: the researchers' search with its facets, and each film's footnoted page."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.views.generic import DetailView

from catalog.models import Film
from people.models import Credit, Role
from search.facets import ALL_SCOPES, FACETS
from search.models import FilmFacet
from search.query import MORE, PARAM_LABELS, FilmQuery

from ..related import related_films
from .mixins import CitablePageMixin

DIRECTING = [Role.DIRECTOR, Role.CO_DIRECTOR]
VIEWS = ("cards", "table")  # ?view=table: the compact table
LONG_FACET = 12  # a facet longer than this gets a box to filter its values


def with_card_facts(films):
    """The page's films with what a card or a table row shows beyond the title: their
    directors, production countries, and whether a fact is disputed or needs a citation.
    Three queries, whatever the number of films."""
    films = list(films)
    ids = [film.pk for film in films]
    directors, countries, evidence = {}, {}, {}
    credits = (
        Credit.objects.public()
        .filter(film_id__in=ids, role__in=DIRECTING)
        .select_related("person")
        .order_by("order", "person__name")
    )
    for credit in credits:
        directors.setdefault(credit.film_id, []).append(credit.person)
    through = Film.countries.through.objects.filter(film_id__in=ids).order_by("country__name")
    for film_id, name in through.values_list("film_id", "country__name"):
        countries.setdefault(film_id, []).append(name)
    rows = FilmFacet.objects.filter(film_id__in=ids, facet="evidence")
    for film_id, value in rows.values_list("film_id", "value"):
        evidence.setdefault(film_id, set()).add(value)
    for film in films:
        film.directors = directors.get(film.pk, [])
        film.country_names = countries.get(film.pk, [])
        film.disputed = "disputed" in evidence.get(film.pk, ())
        film.needs_citation = "citation-needed" in evidence.get(film.pk, ())
        film.card_facts = True
    return films


def data_query(query):
    """The query string of the exports and the API: the search, without how the page shows
    it (its page, the table view, facets shown in full)."""
    data = query.data.copy()
    for param in ("page", "view", MORE):
        data.pop(param, None)
    return data.urlencode()


def facet_panels(query, facets):
    """What each facet's box shows: its values, how many it has in all (to offer "show
    all N"), whether it is showing all, and "any of" when two or more values are chosen."""
    expanded = query.data.getlist(MORE)
    panels = []
    for facet in FACETS:
        values = [v for v in facets[facet.param] if v["count"] or v["selected"]]
        total = query.totals.get(facet.param, len(values))
        more = query.data.copy()
        more.pop("page", None)
        if facet.param in expanded:
            more.setlist(MORE, [p for p in expanded if p != facet.param])
        else:
            more.setlist(MORE, [*expanded, facet.param])
        panels.append(
            {
                "param": facet.param,
                "label": facet.label,
                "values": values,
                "total": total,
                "partial": facet.param not in expanded and total > len(values),
                # shown in full, it offers its most frequent only if that is fewer
                "shortens": facet.param in expanded and len(values) > facet.limit > 0,
                "toggle_href": more.urlencode(),
                # as the chips say it: two or more values chosen (not the scope's default)
                "any_of": len(query.data.getlist(facet.param)) > 1,
                # once, under a facet where one value is chosen and others could join it
                "hint": len(query.data.getlist(facet.param)) == 1 and len(values) > 1,
                "long": len(values) > LONG_FACET,
            }
        )
    return panels


def toggled_links(query, facets):
    """Set each facet value's ``href``: the query string with that value switched on or
    off (page reset). The scope toggles from what the result covers: by default, North
    Korean cinema. The query's pairs are read once, not copied for each of the values."""
    lists = [(param, values) for param, values in query.data.lists() if param != "page"]
    for param, values in facets.items():
        selected = query.selected(param)
        for value in values:
            if value["value"] in selected:
                switched = [v for v in selected if v != value["value"]]
            else:
                switched = [*selected, value["value"]]
            pairs = [(p, switched if p == param else vs) for p, vs in lists]
            if param not in query.data:
                pairs.append((param, switched))
            value["href"] = urlencode(pairs, doseq=True)


def film_list(request):
    """/films/: search, facets with live counts, chips, sorting and pages; no JavaScript needed.

    A value the search cannot use is left out and named in a notice (the page answers 400, as
    the API does, but still shows the results of the rest).
    """
    query = FilmQuery(request.GET, lenient=True)
    page = query.page()
    facets = query.facets()
    toggled_links(query, facets)
    view = query.data.get("view", "cards")
    chosen = {param: len(query.data.getlist(param)) for param in query.data}
    context = {
        "params": query.data,
        "sort": query.data.get("sort", ""),
        "notices": query.notices,
        "query_string": query.without("page"),
        "data_query": data_query(query),
        "unsearchable": query.unsearchable,
        "page_obj": page,
        "films": with_card_facts(page.object_list),
        "view": view if view in VIEWS else "cards",
        "facets": facet_panels(query, facets),
        "roles": Role.choices,
        "chips": [
            {
                "label": PARAM_LABELS.get(param, param)
                + (" (any of)" if chosen.get(param, 0) > 1 else ""),
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
    if not page.paginator.count and not query.unsearchable and not context.get("context_hidden"):
        context["widest_drop"] = query.widest_drop()  # (films cited for context say so above)
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
