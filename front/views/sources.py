"""Sources: the list, and each source with every claim it supports, grouped under the
record whose page shows it, and its BibTeX, RIS and CSL-JSON."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from catalog.bibliography import bibtex, bibtex_key, csl_json, ris
from catalog.models import Source, public_citations, record_name
from search.query import BadQuery, page_of

from ..filters import SourceFilter
from .mixins import CitablePageMixin, FilteredListView

RECORD_KINDS = ["films", "people", "studios", "festivals"]  # their order on the page
RECORDS_PER_PAGE = 20  # the central essay supports 160 records: its page comes in chunks


def passages(items):
    """A record's citations grouped by the passage they quote (one place, one quote), in
    the order the source was cited: [{citation, supports: [(citation, label)]}]."""
    found = {}
    for citation, label in items:
        key = (citation.locator, citation.quote)
        found.setdefault(key, {"citation": citation, "supports": []})["supports"].append(
            (citation, label)
        )
    return list(found.values())


class SourceListView(FilteredListView):
    """/sources/: every source, searchable by author or title, filtered by kind and year."""

    template_name = "catalog/source_list.html"
    filterset_class = SourceFilter
    context_object_name = "sources"
    paginate_by = 100

    def get_queryset(self):
        return Source.objects.order_by("title")


class SourceDetailView(CitablePageMixin, DetailView):
    template_name = "catalog/source_detail.html"
    context_object_name = "source"
    model = Source

    def get_citation_title(self):
        return self.object.title

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.page_error:
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        groups = {}
        for citation, row, record in public_citations(self.object):
            groups.setdefault(record, []).append((citation, row.label_under_record()))
        records = sorted(
            groups,
            key=lambda r: (
                RECORD_KINDS.index(r._meta.verbose_name_plural),
                record_name(r).casefold(),
            ),
        )
        paginator = Paginator(records, RECORDS_PER_PAGE)
        self.page_error = ""
        try:
            page = page_of(paginator, self.request.GET.get("page", 1))
        except BadQuery as bad:
            self.page_error = bad.message
            page = paginator.page(1)
        on_page = set(page.object_list)
        kinds = {}
        for index, record in enumerate(records):
            kinds.setdefault(record._meta.verbose_name_plural, []).append(
                {
                    "record": record,
                    "anchor": f"{record._meta.model_name}-{record.slug}",
                    "page": index // RECORDS_PER_PAGE + 1,
                    "on_page": record in on_page,
                    "items": groups[record],
                    "passages": passages(groups[record]) if record in on_page else [],
                }
            )
        return super().get_context_data(
            kinds=list(kinds.items()),
            shown=[group for _, found in kinds.items() for group in found if group["on_page"]],
            page_obj=page,
            page_error=self.page_error,
            record_total=len(groups),
            citation_total=sum(len(items) for items in groups.values()),
            **kwargs,
        )

    def jsonld(self, url):
        source = self.object
        return {
            "@context": "https://schema.org",
            "@type": "CreativeWork",
            "name": source.title,
            "author": [{"@type": "Person", "name": a} for a in source.authors],
            "datePublished": source.date or None,
            "url": source.url or url,
        }


def source_export(request, pk, fmt):
    source = get_object_or_404(Source, pk=pk)
    if fmt == "bib":
        response = HttpResponse(bibtex(source), content_type="application/x-bibtex; charset=utf-8")
    elif fmt == "ris":
        response = HttpResponse(
            ris(source), content_type="application/x-research-info-systems; charset=utf-8"
        )
    elif fmt == "json":
        response = JsonResponse(
            csl_json(source), safe=False, json_dumps_params={"indent": 2, "ensure_ascii": False}
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{bibtex_key(source)}.{fmt}"'
    return response
