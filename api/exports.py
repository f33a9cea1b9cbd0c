"""/films/export.csv and /films/export.json: the whole filtered result, one row per film."""

import csv
import io
import json
import unicodedata

from django.db.models import Prefetch
from django.http import HttpResponse

from coproductions.models import FilmStudio
from people.models import Credit
from search.query import BadQuery, FilmQuery

from .answers import absolute
from .decorators import error

FORMULA_PREFIXES = ("=", "+", "-", "@")


BYTE_ORDER_MARK = "\ufeff"  # tells Excel the CSV is UTF-8, so Hangul is not garbled


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
