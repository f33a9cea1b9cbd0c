"""The shapes of API answers: records as summaries and links, citations, claims, pages."""

from django.http import JsonResponse
from django.urls import reverse

from catalog.models import ROW


def absolute(request, path):
    return request.build_absolute_uri(path)


def film_summary(request, film):
    return {
        "slug": film.slug,
        "title": film.title,
        "year": film.year,
        "kind": film.kind,
        "url": absolute(request, film.get_absolute_url()),
        "api_url": absolute(request, reverse("api:film", args=[film.slug])),
    }


def linked(request, record, url_name, name_field="name"):
    return {
        "slug": record.slug,
        "name": getattr(record, name_field),
        "api_url": absolute(request, reverse(url_name, args=[record.slug])),
    }


def cited_source(request, source):
    """A citation's source; a source still in draft is not named (as on the pages)."""
    if not source.is_published:
        return {"pending_review": True}
    return {
        "id": source.pk,
        "title": source.title,
        "authors": source.authors,
        "url": absolute(request, source.get_absolute_url()),
        "api_url": absolute(request, reverse("api:source", args=[source.pk])),
    }


def citations(request, claim):
    if claim is None:
        return []
    return [
        {
            "source": cited_source(request, c.source),
            "locator": c.locator,
            "quote": c.quote,
        }
        for c in claim.citations.all()
    ]


def row_citations(request, row):
    return citations(request, row.row_claim())


def field_claims(request, record):
    """Every value the sources give for each cited field of ``record``, with its rank."""
    claims = {}
    for claim in record.claims.all():
        if claim.field == ROW:
            continue
        claims.setdefault(claim.field, []).append(
            {
                "value": claim.value,
                "rank": claim.rank,
                "note": claim.note,
                "citations": citations(request, claim),
            }
        )
    return claims


def page_link(request, number):
    data = request.GET.copy()
    data["page"] = number
    return absolute(request, f"{request.path}?{data.urlencode()}")


def record_item(request, record, api_name, key="slug", name="name"):
    return {
        key: getattr(record, key if key != "id" else "pk"),
        name: getattr(record, name),
        "url": absolute(request, record.get_absolute_url()),
        "api_url": absolute(
            request, reverse(api_name, args=[getattr(record, "pk" if key == "id" else key)])
        ),
    }


def json_answer(data):
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def envelope(request, page, results, **extra):
    """A page of a list, as every list endpoint answers it."""
    return {
        "count": page.paginator.count,
        "page": page.number,
        "num_pages": page.paginator.num_pages,
        "next": page_link(request, page.next_page_number()) if page.has_next() else None,
        "previous": (
            page_link(request, page.previous_page_number()) if page.has_previous() else None
        ),
        "results": results,
        **extra,
    }
