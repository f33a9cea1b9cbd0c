"""Public pages of the catalogue. Drafts never appear here."""

import django_filters
from django.http import Http404, HttpResponsePermanentRedirect
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from .bibliography import cite_page
from .footnotes import Footnotes
from .merging import MergedSlug
from .models import Festival, Source
from .search import fold


class FootnotesMixin:
    """Gives the page one footnote collector, so every cited fact gets a numbered source."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(footnotes=Footnotes(), **kwargs)


class MergedRedirectMixin:
    """A record merged into another: its old URL redirects there permanently."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            target = MergedSlug.target(self.model, kwargs.get("slug", ""))
            if target is None or not getattr(target, "is_published", True):
                raise
            return HttpResponsePermanentRedirect(target.get_absolute_url())


class CitablePageMixin(FootnotesMixin):
    """Every detail page: footnotes, "cite this page", and schema.org JSON-LD."""

    citation_kind = "page"

    def get_context_data(self, **kwargs):
        url = self.request.build_absolute_uri(self.object.get_absolute_url())
        return super().get_context_data(
            cite=cite_page(str(self.object), url, self.citation_kind),
            jsonld=self.jsonld(url),
            **kwargs,
        )

    def jsonld(self, url):
        return None


class FestivalListView(ListView):
    template_name = "catalog/festival_list.html"
    context_object_name = "festivals"

    def get_queryset(self):
        return Festival.objects.published().select_related("country")


class FestivalDetailView(CitablePageMixin, DetailView):
    template_name = "catalog/festival_detail.html"
    context_object_name = "festival"

    citation_kind = "festival"

    def get_queryset(self):
        return Festival.objects.published().select_related("country").with_citations()

    def jsonld(self, url):
        festival = self.object
        return {
            "@context": "https://schema.org",
            "@type": "EventSeries",
            "name": festival.name,
            "url": url,
            "location": ", ".join(x for x in (festival.city, str(festival.country or "")) if x),
            "subEvent": [
                {"@type": "Event", "name": str(edition), "startDate": str(edition.year)}
                for edition in festival.editions.all()
                if edition.year
            ],
        }


class SourceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Author or title", method="search", max_length=200)
    kind = django_filters.ChoiceFilter(choices=Source.Kind.choices)
    year = django_filters.NumberFilter(field_name="date", lookup_expr="startswith", label="Year")

    class Meta:
        model = Source
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(search_key__contains=fold(value)) if fold(value) else queryset


class SourceListView(FilterView):
    """/sources/: every source, searchable by author or title, filtered by kind and year."""

    template_name = "catalog/source_list.html"
    filterset_class = SourceFilter
    context_object_name = "sources"
    paginate_by = 100

    def get_queryset(self):
        return Source.objects.order_by("title")
