"""The films JSON API and the exports: stable shapes researchers script against.

Errors are JSON too: 400 {"error": "…"} naming the bad parameter, 404 {"error": "not found"}.
"""

import csv
import io
import json
import unicodedata

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.urls import reverse

from catalog.claims import ROW
from catalog.search import SearchField, matching
from coproductions.models import CoProduction, FilmStudio
from people.models import Credit

from .results import BadQuery, FilmQuery
from .views import published_films_with_citations

FORMULA_PREFIXES = ("=", "+", "-", "@")
BYTE_ORDER_MARK = "\ufeff"  # tells Excel the CSV is UTF-8, so Hangul is not garbled


def error(message, status=400):
    return JsonResponse({"error": message}, status=status)


def absolute(request, path):
    return request.build_absolute_uri(path)


def film_summary(request, film):
    return {
        "slug": film.slug,
        "title": film.title,
        "year": film.year,
        "kind": film.kind,
        "url": absolute(request, film.get_absolute_url()),
        "api_url": absolute(request, reverse("api_film", args=[film.slug])),
    }


def page_link(request, number):
    data = request.GET.copy()
    data["page"] = number
    return absolute(request, f"{request.path}?{data.urlencode()}")


def films(request):
    """GET /api/films/: the same parameters as /films/, with facets."""
    try:
        query = FilmQuery(request.GET)
        page = query.page()
        facets = query.facets()
    except BadQuery as bad:
        return error(bad.message)
    return JsonResponse(
        {
            "count": page.paginator.count,
            "page": page.number,
            "num_pages": page.paginator.num_pages,
            "next": page_link(request, page.next_page_number()) if page.has_next() else None,
            "previous": (
                page_link(request, page.previous_page_number()) if page.has_previous() else None
            ),
            "results": [film_summary(request, film) for film in page.object_list],
            "facets": facets,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def citations(request, claim):
    if claim is None:
        return []
    return [
        {
            "source": {
                "id": c.source.pk,
                "title": c.source.title,
                "authors": c.source.authors,
                "url": absolute(request, c.source.get_absolute_url()),
                "api_url": absolute(request, reverse("api_source", args=[c.source.pk])),
            },
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


def linked(request, record, url_name, name_field="name"):
    return {
        "slug": record.slug,
        "name": getattr(record, name_field),
        "api_url": absolute(request, reverse(url_name, args=[record.slug])),
    }


def film_detail(request, slug):
    """GET /api/films/<slug>/: the film with every fact and its citations."""
    film = published_films_with_citations().filter(slug=slug).first()
    if film is None:
        return error("not found", status=404)
    try:
        coproduction = film.coproduction
    except CoProduction.DoesNotExist:
        coproduction = None
    data = {
        **film_summary(request, film),
        "original_title": film.original_title,
        "genres": [g.slug for g in film.genres.all()],
        "synopsis": film.synopsis,
        "titles": [
            {
                "title": t.title,
                "language": t.language,
                "kind": t.kind,
                "citations": row_citations(request, t),
            }
            for t in film.titles.all()
        ],
        "credits": [
            {
                "person": linked(request, c.person, "api_person"),
                "role": c.role,
                "character": c.character,
                "credited_as": c.credited_as,
                "citations": row_citations(request, c),
            }
            for c in film.credits.all()
        ],
        "studios": [
            {
                "studio": linked(request, s.studio, "api_studio"),
                "role": s.role,
                "citations": row_citations(request, s),
            }
            for s in film.studio_roles.all()
        ],
        "coproduction": None
        if coproduction is None
        else {
            "partners": [
                {
                    "studio": linked(request, p.studio, "api_studio") if p.studio else None,
                    "country": p.country.code if p.country else None,
                    "contributions": p.contributions,
                    "citations": row_citations(request, p),
                }
                for p in coproduction.partners.all()
            ],
            "locations": [loc.place for loc in film.locations.all()],
            "standing": coproduction.standing,
            "citations": row_citations(request, coproduction),
            "claims": field_claims(request, coproduction),
        },
        "festivals": [
            {
                "festival": linked(request, e.edition.festival, "api_festival"),
                "year": e.edition.year,
                "award": e.award,
                "result": e.result,
                "citations": row_citations(request, e),
            }
            for e in film.festival_entries.all()
        ],
        "claims": field_claims(request, film),
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


# -- exports ----------------------------------------------------------------------------

EXPORT_FIELDS = [
    "slug", "title", "original_title", "year", "end_year", "kind", "genres", "countries",
    "coproduction", "standing", "studios", "directors", "url",
]  # fmt: skip


def export_rows(request, queryset):
    """One dict per film with its main facts; several values (genres, studios…) as lists.

    Only what the film page shows: a draft studio's part or a draft person's credit is left out.
    """
    films = queryset.select_related("coproduction").prefetch_related(
        "genres",
        "countries",
        Prefetch("studio_roles", queryset=FilmStudio.objects.public().select_related("studio")),
        Prefetch("credits", queryset=Credit.objects.public().select_related("person")),
    )
    for film in films:
        coproduction = getattr(film, "coproduction", None)
        yield {
            "slug": film.slug,
            "title": film.title,
            "original_title": film.original_title,
            "year": film.year,
            "end_year": film.end_year,
            "kind": film.kind,
            "genres": [g.name for g in film.genres.all()],
            "countries": [c.name for c in film.countries.all()],
            "coproduction": "yes" if coproduction else "no",
            "standing": coproduction.standing if coproduction else "",
            "studios": sorted({s.studio.name for s in film.studio_roles.all()}),
            "directors": list(
                dict.fromkeys(
                    c.person.name
                    for c in film.credits.all()
                    if c.role in ("director", "co-director")
                )
            ),
            "url": absolute(request, film.get_absolute_url()),
        }


def spreadsheet_safe(value):
    """Neutralise cells a spreadsheet would run as a formula (CSV injection): those that
    start, after any spaces or line breaks, with = + - @ or their full-width forms (＝)."""
    if not isinstance(value, str):
        return value
    start = unicodedata.normalize("NFKC", value.lstrip()[:1])
    if start.startswith(FORMULA_PREFIXES) or value[:1] in ("\t", "\r", "\n"):
        return "'" + value
    return value


def csv_cell(value):
    if isinstance(value, list):
        value = "; ".join(value)
    return spreadsheet_safe(value)


def export_csv(request):
    """/films/export.csv: the whole filtered result, UTF-8 with a byte order mark."""
    try:
        query = FilmQuery(request.GET)
    except BadQuery as bad:
        return error(bad.message)
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    for row in export_rows(request, query.films):
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="nkfilms-films.csv"'
    return response


def export_json(request):
    """/films/export.json: the whole filtered result; several values as arrays."""
    try:
        query = FilmQuery(request.GET)
    except BadQuery as bad:
        return error(bad.message)
    rows = list(export_rows(request, query.films))
    response = HttpResponse(
        json.dumps({"count": len(rows), "films": rows}, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="nkfilms-films.json"'
    return response


# -- people, studios, festivals, sources -------------------------------------------------


def listing(request, queryset, describe):
    """The common envelope of the record lists: ?q= search and pages of 50."""
    try:
        q = SearchField().clean(request.GET.get("q", ""))
    except ValidationError as refused:
        return error(f"q: {' '.join(refused.messages)}")
    if q:
        queryset = matching(queryset, q)
    paginator = Paginator(queryset, 50)
    number = request.GET.get("page", "1")
    try:
        page = paginator.page(number)
    except PageNotAnInteger:
        return error(f"page: must be a whole number (got {number[:20]!r})")
    except EmptyPage:
        pages = (
            "there is 1 page"
            if paginator.num_pages == 1
            else f"there are {paginator.num_pages} pages"
        )
        return error(f"page: {number} is out of range; {pages}")
    return JsonResponse(
        {
            "count": paginator.count,
            "page": page.number,
            "num_pages": paginator.num_pages,
            "next": page_link(request, page.next_page_number()) if page.has_next() else None,
            "previous": (
                page_link(request, page.previous_page_number()) if page.has_previous() else None
            ),
            "results": [describe(record) for record in page.object_list],
        },
        json_dumps_params={"ensure_ascii": False},
    )
