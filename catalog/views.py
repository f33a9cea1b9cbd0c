"""Public pages of the catalogue. Drafts never appear here."""

import django_filters
from django import forms
from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from .bibliography import cite_page
from .claims import claims_prefetch
from .footnotes import Footnotes
from .merging import MergedSlug
from .models import Festival, Source
from .search import SearchFilter, matching
from .visibility import public_rows_prefetches


def canonical_url(request, path):
    """A page's permanent address: on NKFILMS_BASE_URL when it is set, else on the host the
    request came in on."""
    if settings.NKFILMS_BASE_URL:
        return settings.NKFILMS_BASE_URL + path
    return request.build_absolute_uri(path)


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

    def get_citation_title(self):
        """The page's title as a citation of it names it."""
        return str(self.object)

    def get_context_data(self, **kwargs):
        url = canonical_url(self.request, self.object.get_absolute_url())
        return super().get_context_data(
            cite=cite_page(self.get_citation_title(), url),
            jsonld=self.jsonld(url),
            **kwargs,
        )

    def jsonld(self, url):
        return None


class FilteredListView(FilterView):
    """A public list with filters and pages. A filter value or a page number it cannot use
    answers 400 with the reason on the page (as /films/ does), not a silently empty list or
    a bare 404."""

    strict = True
    page_error = ""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.page_error or (self.filterset.is_bound and not self.filterset.is_valid()):
            response.status_code = 400
        return response

    def paginate_queryset(self, queryset, page_size):
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404:
            paginator = self.get_paginator(queryset, page_size)
            number = self.request.GET.get("page", "")[:20]
            self.page_error = (
                f"There is no page “{number}”: pages are numbered 1 to {paginator.num_pages}."
            )
            return paginator, None, [], False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_error"] = self.page_error
        return context


def published_festivals():
    """Published festivals with every claim, their editions, and each edition's public
    entries (a film that is still a draft is left out)."""
    return (
        Festival.objects.published()
        .select_related("country")
        .prefetch_related(claims_prefetch(), *public_rows_prefetches(Festival))
    )


def shown_editions(festival):
    """The editions that showed a published film, by year, an unknown year last.

    An edition whose only films are drafts would be an empty heading, so it is left out
    (of the page, its JSON-LD and the API alike).
    """
    editions = [edition for edition in festival.editions.all() if edition.entries.all()]
    return sorted(editions, key=lambda edition: (edition.year is None, edition.year or 0))


class FestivalListView(ListView):
    template_name = "catalog/festival_list.html"
    context_object_name = "festivals"

    def get_queryset(self):
        return Festival.objects.published().select_related("country")


class FestivalDetailView(CitablePageMixin, DetailView):
    template_name = "catalog/festival_detail.html"
    context_object_name = "festival"

    def get_queryset(self):
        return published_festivals()

    def get_context_data(self, **kwargs):
        return super().get_context_data(editions=shown_editions(self.object), **kwargs)

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
                for edition in shown_editions(festival)
                if edition.year
            ],
        }


class YearFilter(django_filters.NumberFilter):
    """A year: a whole number (so "1e3" is refused rather than matching nothing)."""

    field_class = forms.IntegerField


class SourceFilter(django_filters.FilterSet):
    q = SearchFilter(label="Author or title", method="search")
    kind = django_filters.ChoiceFilter(choices=Source.Kind.choices)
    year = YearFilter(
        field_name="date", lookup_expr="startswith", label="Year", min_value=1000, max_value=9999
    )

    class Meta:
        model = Source
        fields = []

    def search(self, queryset, name, value):
        return matching(queryset, value)


class SourceListView(FilteredListView):
    """/sources/: every source, searchable by author or title, filtered by kind and year."""

    template_name = "catalog/source_list.html"
    filterset_class = SourceFilter
    context_object_name = "sources"
    paginate_by = 100

    def get_queryset(self):
        return Source.objects.order_by("title")
