"""/films/export.csv and /films/export.json: the whole filtered result, one row per film.

Both are streamed: films are read in chunks (with their genres, countries, studios and
directors, a few queries per chunk) and written out as they come, so a server's memory
stays flat however many films are exported.
"""

import csv
import json
import unicodedata

from django.db.models import Prefetch
from django.http import StreamingHttpResponse

from coproductions.models import FilmStudio
from people.models import Credit
from search.query import BadQuery, FilmQuery

from .answers import absolute
from .decorators import error

FORMULA_PREFIXES = ("=", "+", "-", "@")
CHUNK = 2000  # films read per round of queries
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
    for film in films.iterator(chunk_size=CHUNK):
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


class Line:
    """A file-like object that hands back what the csv writer writes (one row at a time)."""

    def write(self, text):
        return text


def streamed(chunks, content_type, filename):
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_csv(request):
    """/films/export.csv: the whole filtered result, UTF-8 with a byte order mark."""
    try:
        query = FilmQuery(request.GET)
    except BadQuery as bad:
        return error(bad.message)
    writer = csv.DictWriter(Line(), fieldnames=EXPORT_FIELDS)

    def lines():
        yield BYTE_ORDER_MARK + writer.writeheader()
        for row in export_rows(request, query.films):
            yield writer.writerow({k: csv_cell(v) for k, v in row.items()})

    return streamed(lines(), "text/csv; charset=utf-8", "nkfilms-films.csv")


def export_json(request):
    """/films/export.json: the whole filtered result; several values as arrays."""
    try:
        query = FilmQuery(request.GET)
    except BadQuery as bad:
        return error(bad.message)

    def parts():
        yield f'{{\n  "count": {query.count},\n  "films": ['
        for number, row in enumerate(export_rows(request, query.films)):
            film = json.dumps(row, ensure_ascii=False, indent=2).replace("\n", "\n    ")
            yield ("," if number else "") + "\n    " + film
        yield "\n  ]\n}\n"

    return streamed(parts(), "application/json; charset=utf-8", "nkfilms-films.json")
