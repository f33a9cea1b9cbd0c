"""Site-wide pages: the home page, the researchers' film search, and search across records."""

from django import forms
from django.conf import settings
from django.db.models import Count, F, Prefetch, Q
from django.http import Http404
from django.shortcuts import render
from django.views import static
from django.views.generic import DetailView, TemplateView

from catalog.history import recent_changes
from catalog.models import Festival, Film, Source, claims_prefetch
from catalog.search import SearchField, is_searchable, matching, relevance
from catalog.views import CitablePageMixin
from catalog.visibility import public_rows_prefetches
from coproductions.models import CoProduction, Studio
from people.models import Person, Role

from .filters import FACETS, FilmFilter, published_films, sorted_films
from .results import PARAM_LABELS, FilmQuery, printable

SITE_SEARCH_LIMIT = 50


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
        # Co-productions that were made (not only announced), in year order, undated last.
        context["featured"] = (
            Film.objects.published()
            .for_list()
            .filter(coproduction__isnull=False)
            .exclude(coproduction__standing=CoProduction.Standing.ANNOUNCED)
            .order_by(F("year").asc(nulls_last=True), "title")
        )[:6]
        context["decades"] = sorted(
            {y // 10 * 10 for y in Film.objects.published().values_list("year", flat=True) if y}
        )
        return context


def published_films_with_citations():
    """Published films with every fact a visitor may see, and the citations of each.

    Rows that link a draft — a draft person's credit, a draft studio's part or partnership, an
    entry at a draft festival — are left out (``catalog.visibility``), and so are parts of a
    series that are still drafts; the film page, its JSON-LD and the API read the same rows.
    """
    return (
        Film.objects.published()
        .select_related("parent")
        .prefetch_related(
            claims_prefetch(),
            "genres",
            "countries",
            Prefetch("parts", queryset=Film.objects.published().order_by("part_number", "year")),
            "images",
            *public_rows_prefetches(Film),
        )
    )


class FilmDetailView(CitablePageMixin, DetailView):
    """A film with every fact footnoted, and the films that share its people or studios."""

    template_name = "catalog/film_detail.html"
    context_object_name = "film"

    def get_queryset(self):
        return published_films_with_citations()

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


class SiteSearchForm(forms.Form):
    q = SearchField()


def site_search(request):
    """/search/: films, people, studios, festivals and sources matching one query.

    Films are found as /films/ finds them (by their titles, and by the people and studios
    credited on them), so Shin Sang-ok's films come up under Films as well as under People.
    """
    form = SiteSearchForm(request.GET)
    context = {"q": request.GET.get("q", "")}
    if not form.is_valid():
        context["q"] = printable(context["q"])  # not a NUL byte into the page
        context["error"] = " ".join(form.errors["q"])
        return render(request, "search.html", context, status=400)
    q = context["q"] = form.cleaned_data["q"]
    if q and not is_searchable(q):
        context["unsearchable"] = True
    elif q:
        films = FilmFilter({"q": q}, queryset=published_films())
        groups = [
            (Person.objects.published(), "name", "People"),
            (
                Studio.objects.published().select_related("country"),
                "name",
                "Studios and organisations",
            ),
            (Festival.objects.published().select_related("country"), "name", "Festivals"),
            (Source.objects.all(), "title", "Sources"),
        ]
        context["groups"] = [("Films", list(sorted_films(films, "")[:SITE_SEARCH_LIMIT]))] + [
            (
                label,
                list(
                    matching(queryset, q)
                    .annotate(relevance=relevance(q))
                    .order_by("relevance", name, "pk")[:SITE_SEARCH_LIMIT]
                ),
            )
            for queryset, name, label in groups
        ]
        context["total"] = sum(len(items) for _, items in context["groups"])
        context["unmatched"] = [label.lower() for label, items in context["groups"] if not items]
    return render(request, "search.html", context)


def media(request, path):
    """An uploaded poster or still, when this process serves them (NKFILMS_SERVE_MEDIA)."""
    if not settings.NKFILMS_SERVE_MEDIA:
        raise Http404("Uploaded images are served by the web server.")
    return static.serve(request, path, document_root=settings.MEDIA_ROOT)
