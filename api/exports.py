"""The exports of a film search's whole result, with the evidence behind it.

- /films/export.csv and .json: one row per film, with whether it is disputed, every value
  the sources give for each field, and the ids of the sources behind each exported field;
- /films/claims.csv and .json: one row per citation of every fact of those films (their own
  fields and the rows their pages show): record, field, value, rank, source, locator, quote.

All take the parameters of /films/ and are streamed: films are read in chunks, a fixed
number of queries each (``film_rows``, ``claim_rows``), and written out as they come, so a
server's memory stays flat however many films are exported.
"""

import csv
import json
import unicodedata
from functools import lru_cache

from django.http import StreamingHttpResponse

from search.query import BadQuery, FilmQuery

from .claim_rows import FIELDS as CLAIM_FIELDS
from .claim_rows import claim_rows
from .decorators import error
from .film_rows import SOURCED_FIELDS, export_rows

FORMULA_PREFIXES = ("=", "+", "-", "@")
BYTE_ORDER_MARK = "\ufeff"  # tells Excel the CSV is UTF-8, so Hangul is not garbled
ROWS_PER_WRITE = 500  # rows joined into one piece of the streamed answer
FACT_FIELDS = [
    "slug", "title", "original_title", "year", "end_year", "kind", "genres", "countries",
    "coproduction", "standing", "studios", "directors", "url",
]  # fmt: skip
EVIDENCE_FIELDS = ["disputed", "disputed_fields", "competing_values"]
# The claims export's cells that people or sources wrote (the others are ids, slugs, ranks,
# field names and our addresses): only these can hold a formula.
WRITTEN_CLAIM_FIELDS = {
    "record", "record_title", "subject_label", "value", "note", "source_title", "locator",
    "quote",
}  # fmt: skip
EXPORT_FIELDS = FACT_FIELDS + EVIDENCE_FIELDS + [f"{f}_sources" for f in SOURCED_FIELDS]


@lru_cache(maxsize=4096)
def runs_as_formula(start):
    return unicodedata.normalize("NFKC", start).startswith(FORMULA_PREFIXES)


def spreadsheet_safe(value):
    """Neutralise cells a spreadsheet would run as a formula (CSV injection): those that
    start, after any spaces or line breaks, with = + - @ or their full-width forms (＝)."""
    if not isinstance(value, str) or not value:
        return value
    if value[0] in "\t\r\n" or runs_as_formula(value.lstrip()[:1]):
        return "'" + value
    return value


def joined(values):
    return "; ".join(str(value) for value in values)


def claim_label(claim):
    """'1986 [preferred; sources 3, 7]': a value as the sources give it, its rank, its sources."""
    sources = claim["sources"]
    cited = f"; source{'s' if len(sources) > 1 else ''} {', '.join(map(str, sources))}"
    return f"{claim['value']} [{claim['rank']}{cited if sources else '; no source'}]"


def film_csv_row(row):
    """A film as the CSV's cells: several values ``; ``-separated, each disputed field as
    ``field: value [rank; sources …] | value [rank; …]``. Text that people or sources wrote
    is made spreadsheet-safe; numbers, codes and ids need not be."""
    safe = spreadsheet_safe
    claims = row["claims"]
    competing = "; ".join(
        f"{field}: " + " | ".join(claim_label(c) for c in claims[field])
        for field in row["disputed_fields"]
    )
    sources = row["sources"]
    return [
        safe(row["slug"]), safe(row["title"]), safe(row["original_title"]), row["year"],
        row["end_year"], row["kind"], safe(joined(row["genres"])),
        safe(joined(row["countries"])), row["coproduction"], row["standing"],
        safe(joined(row["studios"])), safe(joined(row["directors"])), row["url"],
        "yes" if row["disputed"] else "no", joined(row["disputed_fields"]), safe(competing),
        *(joined(sources[field]) for field in SOURCED_FIELDS),
    ]  # fmt: skip


def streamed(chunks, content_type, filename):
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class Lines:
    """A file-like object gathering what the csv writer writes, handed on in pieces."""

    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)

    def take(self):
        text, self.parts = "".join(self.parts), []
        return text


def csv_lines(header, rows):
    """A CSV with a byte order mark, written ``ROWS_PER_WRITE`` rows at a time."""
    lines = Lines()
    writer = csv.writer(lines)
    writer.writerow(header)
    yield BYTE_ORDER_MARK + lines.take()
    for number, row in enumerate(rows, 1):
        writer.writerow(row)
        if number % ROWS_PER_WRITE == 0:
            yield lines.take()
    yield lines.take()


def json_lines(count, key, rows):
    """``{"count": …, key: [row, …]}``, one row per line, written as the rows come."""
    yield f'{{\n  "count": {count},\n  "{key}": ['
    separator = "\n    "
    for number, row in enumerate(rows):
        yield ("," if number else "") + separator + json.dumps(row, ensure_ascii=False)
    yield "\n  ]\n}\n"


def film_query(request):
    """The request's film search, or raises BadQuery naming the parameter it cannot use."""
    return FilmQuery(request.GET)


def export_csv(request):
    """/films/export.csv: the whole filtered result, UTF-8 with a byte order mark."""
    try:
        query = film_query(request)
    except BadQuery as bad:
        return error(bad.message)
    rows = (film_csv_row(row) for row in export_rows(request, query.films))
    return streamed(csv_lines(EXPORT_FIELDS, rows), "text/csv; charset=utf-8", "nkfilms-films.csv")


def export_json(request):
    """/films/export.json: the whole filtered result; several values as arrays, each
    field's claims as {value, rank, sources}."""
    try:
        query = film_query(request)
    except BadQuery as bad:
        return error(bad.message)
    parts = json_lines(query.count, "films", export_rows(request, query.films))
    return streamed(parts, "application/json; charset=utf-8", "nkfilms-films.json")


def claims_csv(request):
    """/films/claims.csv: one row per citation of every fact of the filtered films."""
    try:
        query = film_query(request)
    except BadQuery as bad:
        return error(bad.message)
    written = [name in WRITTEN_CLAIM_FIELDS for name in CLAIM_FIELDS]
    rows = (
        [spreadsheet_safe(v) if w else v for v, w in zip(row.values(), written, strict=True)]
        for row in claim_rows(request, query.films)
    )
    return streamed(csv_lines(CLAIM_FIELDS, rows), "text/csv; charset=utf-8", "nkfilms-claims.csv")


def claims_json(request):
    """/films/claims.json: the same rows as objects; ``count`` counts the films."""
    try:
        query = film_query(request)
    except BadQuery as bad:
        return error(bad.message)
    parts = json_lines(query.count, "claims", claim_rows(request, query.films))
    return streamed(parts, "application/json; charset=utf-8", "nkfilms-claims.json")
