"""Sources: the list, and each source with every claim it supports, grouped under the
record whose page shows it, and its BibTeX, RIS and CSL-JSON."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from catalog.bibliography import bibtex, bibtex_key, csl_json, ris
from catalog.models import Source, public_citations, record_name

from ..filters import SourceFilter
from .mixins import CitablePageMixin, FilteredListView

RECORD_KINDS = ["films", "people", "studios", "festivals"]  # their order on the page


class SourceListView(FilteredListView):
    """/sources/: every source, searchable by author or title, filtered by kind and year."""

    template_name = "catalog/source_list.html"
    filterset_class = SourceFilter
    context_object_name = "sources"
    paginate_by = 100

    def get_queryset(self):
        return Source.objects.published().order_by("title")


class SourceDetailView(CitablePageMixin, DetailView):
    template_name = "catalog/source_detail.html"
    context_object_name = "source"
    model = Source

    def get_queryset(self):
        return Source.objects.published()

    def get_citation_title(self):
        return self.object.title

    def get_context_data(self, **kwargs):
        groups = {}
        for citation, row, record in public_citations(self.object):
            groups.setdefault(record, []).append((citation, row.label_under_record()))
        kinds = {}
        for record in sorted(groups, key=lambda r: record_name(r).casefold()):
            kinds.setdefault(record._meta.verbose_name_plural, []).append(
                {
                    "record": record,
                    "anchor": f"{record._meta.model_name}-{record.slug}",
                    "items": groups[record],
                }
            )
        return super().get_context_data(
            kinds=sorted(kinds.items(), key=lambda kind: RECORD_KINDS.index(kind[0])),
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
    source = get_object_or_404(Source.objects.published(), pk=pk)
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
