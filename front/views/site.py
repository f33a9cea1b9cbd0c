"""Site-wide pages: the home page, search across records, recent changes, uploaded images."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.db.models import F
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.templatetags.static import static as static_url
from django.views import static
from django.views.generic import TemplateView

from catalog.models import Festival, Film, FilmImage, Scope, Source
from coproductions.models import CoProduction, Partner, Studio
from people.models import Person
from search.facets import ALL_SCOPES
from search.keys import SearchField, is_searchable, matching, relevance
from search.query import FilmQuery, printable

from ..changes import recent_changes
from .feeds import FEED_MODELS

SITE_SEARCH_LIMIT = 50


class HomeView(TemplateView):
    """What the collection is, how big it is, and where to start."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # North Korean cinema: films cited for context are counted apart, and publishers
        # (Variety, IMDb) are sources' publishers, not studios.
        films = Film.objects.published().north_korean_cinema()
        context["counts"] = {
            "films": films.count(),
            "people": Person.objects.published().of_north_korean_cinema().count(),
            "studios": Studio.objects.published().studios().count(),
            "festivals": Festival.objects.published().count(),
            "sources": Source.objects.published().count(),
        }
        context["context_films"] = Film.objects.published().filter(scope=Scope.CONTEXT).count()
        # The countries the co-productions page draws, in the order each first took part.
        context["partner_countries"] = Partner.objects.public().foreign().countries()
        # By the date each was first published, newest first.
        context["recent_films"] = films.for_list().order_by(
            F("published_at").desc(nulls_last=True), "-pk"
        )[:8]
        # Co-productions that were made (not only announced), in year order, undated last.
        context["featured"] = (
            films.for_list()
            .filter(coproduction__isnull=False)
            .exclude(coproduction__standing=CoProduction.Standing.ANNOUNCED)
            .order_by(F("year").asc(nulls_last=True), "title")
        )[:6]
        decades = films.exclude(year=None).annotate(decade=F("year") / 10 * 10)
        context["decades"] = list(
            decades.values_list("decade", flat=True).distinct().order_by("decade")
        )
        return context


class AboutView(TemplateView):
    """/about/: where the data comes from, its scope, and how to read footnotes and ranks."""

    template_name = "about.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partner_countries"] = Partner.objects.public().foreign().countries()
        return context


def recent_changes_page(request):
    """/changes/: what changed lately in the published collection, and when."""
    changes = recent_changes(FEED_MODELS)
    return render(request, "changes.html", {"changes": changes})


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
        # Every film, those cited for context too: a search reaches every page.
        films = FilmQuery(QueryDict(urlencode({"q": q, "scope": ALL_SCOPES})))
        groups = [
            (Person.objects.published(), "name", "People"),
            (
                Studio.objects.published().select_related("country"),
                "name",
                "Studios and organisations",
            ),
            (Festival.objects.published().select_related("country"), "name", "Festivals"),
            (Source.objects.published(), "title", "Sources"),
        ]
        context["groups"] = [("Films", list(films.films.for_list()[:SITE_SEARCH_LIMIT]))] + [
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


def favicon(request):
    """/favicon.ico, which browsers ask for where a page names no icon (the admin, the API,
    the feed): the site's icon among the static files. Not a permanent redirect: the icon's
    static address changes with its content."""
    return redirect(static_url("img/favicon.ico"))


def media(request, path):
    """An uploaded poster or still, when this process serves them (NKFILMS_SERVE_MEDIA):
    to visitors only a published film's; staff see every image (the admin shows drafts')."""
    if not settings.NKFILMS_SERVE_MEDIA:
        raise Http404("Uploaded images are served by the web server.")
    staff = request.user.is_authenticated and request.user.is_staff
    if not staff and not FilmImage.is_public_file(path):
        raise Http404("No such image.")
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    if staff:
        response["Cache-Control"] = "private, no-store"  # may be a draft's: kept by no proxy
    return response
