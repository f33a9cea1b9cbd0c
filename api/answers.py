"""The shapes of API answers: records as summaries and links, citations, claims, pages.

Everything here reads what the querysets prefetched (``with_public_facts``,
``with_citations``…): no function queries the database, so an answer costs the same
number of queries whatever the size of its record.
"""

from django.urls import reverse

from catalog.models import ROW

ROW_NAME = "row"  # how the API names the row itself among a row's uncited facts


def absolute(request, path):
    return request.build_absolute_uri(path)


def api_url(request, name, *args):
    return absolute(request, reverse(f"api:{name}", args=args))


def film_summary(request, film):
    return {
        "slug": film.slug,
        "title": film.title,
        "original_title": film.original_title,
        "year": film.year,
        "end_year": film.end_year,
        "kind": film.kind,
        "url": absolute(request, film.get_absolute_url()),
        "api_url": api_url(request, "film", film.slug),
    }


def linked(request, record, url_name, name_field="name"):
    """A link to another record: its slug, name and API address (``url_name``: api:…)."""
    return {
        "slug": record.slug,
        "name": getattr(record, name_field),
        "api_url": absolute(request, reverse(url_name, args=[record.slug])),
    }


def country(record):
    return None if record is None else {"code": record.code, "name": record.name}


def source_ref(request, source):
    return {
        "id": source.pk,
        "title": source.title,
        "authors": source.authors,
        "container": source.container,
        "date": source.date,
        "url": absolute(request, source.get_absolute_url()),
        "api_url": api_url(request, "source", source.pk),
    }


def citations(request, claim):
    if claim is None:
        return []
    return [
        {
            "source": source_ref(request, c.source),
            "locator": c.locator,
            "quote": c.quote,
            "note": c.note,
        }
        for c in claim.citations.all()
    ]


def claim_answer(request, claim):
    if claim is None:
        return None
    return {
        "value": claim.value,
        "rank": claim.rank,
        "note": claim.note,
        "citations": citations(request, claim),
    }


def field_claims(request, record):
    """Every value the sources give for each cited field of ``record``, preferred first."""
    fields = dict.fromkeys(claim.field for claim in record.claims.all() if claim.field != ROW)
    return {
        field: [claim_answer(request, claim) for claim in record.claims_for(field)]
        for field in fields
    }


def cited(request, obj):
    """What every record and row carries: its own claim, the claims about its fields, and
    which of its facts are shown without a citation (as the pages mark them)."""
    row_claim = obj.row_claim()
    return {
        "citations": citations(request, row_claim),
        "row_claim": claim_answer(request, row_claim),
        "claims": field_claims(request, obj),
        "citation_needed": [ROW_NAME if f == ROW else f for f in obj.uncited_facts()],
    }


def page_link(request, number):
    data = request.GET.copy()
    data["page"] = number
    return absolute(request, f"{request.path}?{data.urlencode()}")


def envelope(request, page, results, facets=None):
    """A page of a list, as every list endpoint answers it (facets: films only)."""
    return {
        "count": page.paginator.count,
        "page": page.number,
        "num_pages": page.paginator.num_pages,
        "next": page_link(request, page.next_page_number()) if page.has_next() else None,
        "previous": (
            page_link(request, page.previous_page_number()) if page.has_previous() else None
        ),
        "results": results,
        "facets": facets or {},
    }
