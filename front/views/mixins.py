"""What every public page shares: its permanent address, footnotes, "cite this page",
JSON-LD, redirects from merged records' old addresses, and lists that refuse what they
cannot use."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect
from django_filters.views import FilterView

from catalog.bibliography import cite_page
from catalog.models import MergedSlug, claims_prefetch

from ..footnotes import Footnotes


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


class FilmographyMixin:
    """A record whose films (a person's credits, a studio's parts) come a hundred at a
    time, so a prolific record's page costs what anyone's does."""

    rows_per_page = 100

    def filmography_page(self):
        """One page (``?page=``) of ``object.filmography()``, with the rows' claims; a page
        number that is not there shows the nearest page."""
        paginator = Paginator(self.object.filmography(), self.rows_per_page)
        page = paginator.get_page(self.request.GET.get("page"))
        page.object_list = list(page.object_list)
        prefetch_related_objects(page.object_list, claims_prefetch())
        page.by_role = grouped_by_role(page.object_list)
        return page


def grouped_by_role(rows):
    """Rows as (role label, rows) pairs, in the order they come (the filmography's)."""
    groups = {}
    for row in rows:
        groups.setdefault(row.get_role_display(), []).append(row)
    return list(groups.items())


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
