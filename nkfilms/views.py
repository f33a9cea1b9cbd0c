"""Site-wide pages: the home page, the researchers' film search, and search across records."""

from django.db.models import Count, Q
from django.shortcuts import render
from django.views.generic import DetailView, TemplateView

from catalog.history import recent_changes
from catalog.models import Festival, Film, Source
from catalog.search import MAX_QUERY_LENGTH, fold, relevance
from catalog.views import CitablePageMixin
from coproductions.models import Studio
from people.models import Person

from .filters import FACETS
from .results import BadQuery, FilmQuery

FACET_LABELS = {facet.param: facet.label for facet in FACETS}
PARAM_LABELS = {**FACET_LABELS, "q": "Search", "year_min": "From", "year_max": "To", "role": "Role"}


class HomeView(TemplateView):
    """What the collection is, how big it is, and where to start."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counts"] = {
            "films": Film.objects.published().count(),
            "people": Person.objects.published().count(),
            "studios": Studio.objects.published().count(),
            "festivals": Festival.objects.published().count(),
            "sources": Source.objects.count(),
        }
        context["recent_films"] = Film.objects.published().for_list().order_by("-created")[:8]
        context["featured"] = (
            Film.objects.published().for_list().filter(coproduction__isnull=False).order_by("year")
        )[:6]
        context["decades"] = sorted(
            {y // 10 * 10 for y in Film.objects.published().values_list("year", flat=True) if y}
        )
        return context


class FilmDetailView(CitablePageMixin, DetailView):
    """A film with every fact footnoted, and the films that share its people or studios."""

    template_name = "catalog/film_detail.html"
    context_object_name = "film"
    citation_kind = "film"

    def get_queryset(self):
        return Film.objects.published().with_citations()

    def get_context_data(self, **kwargs):
        film = self.object
        people = [c.person_id for c in film.credits.all()]
        studios = [s.studio_id for s in film.studio_roles.all()]
        related = (
            Film.objects.published()
            .for_list()
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
            .order_by("-shared_people", "-shared_studios", "title")[:8]
        )
        return super().get_context_data(related=related, **kwargs)

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


def recent_changes_page(request):
    """/changes/: what changed lately in the published collection, and when."""
    changes = recent_changes([Film, Person, Studio, Festival])
    return render(request, "changes.html", {"changes": changes})


def toggled(query, param, value):
    """The query string with ``value`` of ``param`` switched on or off (page reset)."""
    data = query.data.copy()
    data.pop("page", None)
    values = data.getlist(param)
    data.setlist(param, [v for v in values if v != value] if value in values else [*values, value])
    return data.urlencode()


def film_list(request):
    """/films/: search, facets with live counts, chips, sorting and pages; no JavaScript needed."""
    context = {"params": request.GET, "sort": request.GET.get("sort", "")}
    try:
        query = FilmQuery(request.GET)
        page = query.page()
        facets = query.facets()
    except BadQuery as error:
        context["error"] = error.message
        return render(request, "catalog/film_list.html", context, status=400)
    labels = {(p, v["value"]): v["label"] for p, values in facets.items() for v in values}
    for param, values in facets.items():
        for value in values:
            value["href"] = toggled(query, param, value["value"])
    context.update(
        page_obj=page,
        films=page.object_list,
        facets=[(f.param, f.label, facets[f.param]) for f in FACETS],
        chips=[
            {
                "label": PARAM_LABELS.get(param, param),
                "value": labels.get((param, value), value),
                "href": query.without(param, value),
            }
            for param, value in query.active_filters()
        ],
        query_string=query.without("page"),
    )
    if not page.paginator.count and (drop := query.widest_drop()):
        param, value, count = drop
        context["widest_drop"] = {
            "label": PARAM_LABELS.get(param, param),
            "value": labels.get((param, value), value),
            "count": count,
            "href": query.without(param, value),
        }
    return render(request, "catalog/film_list.html", context)


def site_search(request):
    """/search/: films, people, studios, festivals and sources matching one query."""
    q = request.GET.get("q", "")
    context = {"q": q}
    if len(q) > MAX_QUERY_LENGTH:
        context["error"] = f"Search for at most {MAX_QUERY_LENGTH} characters."
        return render(request, "search.html", context, status=400)
    key = fold(q)
    if key:
        groups = [
            ("Films", Film.objects.published(), "title"),
            ("People", Person.objects.published(), "name"),
            ("Studios and organisations", Studio.objects.published(), "name"),
            ("Festivals", Festival.objects.published(), "name"),
            ("Sources", Source.objects.all(), "title"),
        ]
        context["groups"] = [
            (
                label,
                list(
                    queryset.filter(Q(search_key__contains=key))
                    .annotate(relevance=relevance(key))
                    .order_by("relevance", name)[:50]
                ),
            )
            for label, queryset, name in groups
        ]
        context["total"] = sum(len(items) for _, items in context["groups"])
    return render(request, "search.html", context)
