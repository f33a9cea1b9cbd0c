"""Studios and organisations: the list, and each studio's page."""

from django.db.models import F, Prefetch
from django.views.generic import DetailView

from catalog.models import claims_prefetch
from coproductions.models import Studio

from ..filters import StudioFilter
from ..related import people_on
from .mixins import (
    CitablePageMixin,
    FilmographyMixin,
    FilteredListView,
    MergedRedirectMixin,
)


class StudioListView(FilteredListView):
    """/studios/: studios and organisations, grouped by country, filtered by kind."""

    template_name = "coproductions/studio_list.html"
    filterset_class = StudioFilter
    context_object_name = "studios"

    def get_queryset(self):
        studios = Studio.objects.published()
        if not self.request.GET.get("kind"):
            studios = studios.studios()  # publishers only when asked for by their kind
        return studios.for_list().order_by(F("country__name").asc(nulls_last=True), "kind", "name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.request.GET.get("kind"):
            publishers = Studio.objects.published().filter(kind=Studio.Kind.PUBLISHER)
            context["publishers_hidden"] = publishers.count()
        return context


class StudioDetailView(MergedRedirectMixin, FilmographyMixin, CitablePageMixin, DetailView):
    model = Studio
    template_name = "coproductions/studio_detail.html"
    context_object_name = "studio"

    def get_queryset(self):
        return (
            Studio.objects.published()
            .with_own_citations()
            .prefetch_related(
                Prefetch(
                    "units",
                    queryset=Studio.objects.published().prefetch_related(claims_prefetch()),
                ),
                Prefetch("parent__units", queryset=Studio.objects.published()),
            )
        )

    def get_context_data(self, **kwargs):
        studio = self.object
        parent = studio.public_parent
        filmography = self.filmography_page()
        people = people_on(studio.published_film_ids, limit=24)
        return super().get_context_data(
            parent=parent,
            other_units=[u for u in parent.units.all() if u.pk != studio.pk] if parent else [],
            filmography=filmography,
            people=people,
            partners=studio.partner_studios(),
            partner_countries=studio.partner_countries(),
            **kwargs,
        )

    def jsonld(self, url):
        studio = self.object
        data = {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": studio.name,
            "url": url,
            "alternateName": [n.name for n in studio.names.all()],
        }
        if studio.founded:
            data["foundingDate"] = str(studio.founded)
        if studio.city or studio.country:
            data["location"] = ", ".join(x for x in (studio.city, str(studio.country or "")) if x)
        if studio.public_parent:
            data["parentOrganization"] = {
                "@type": "Organization",
                "name": studio.public_parent.name,
            }
        return data
