"""The films export's rows, with the evidence behind each field, a chunk of films at a time.

Each chunk is read with a few ``values_list()`` queries (the films, their genres, countries,
studios and directors, and their claims with the ids of the sources cited): plain tuples
cost a small fraction of model instances and prefetches, and memory stays that of a chunk,
so every film of a large collection is exported in seconds.
"""

from collections import defaultdict
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from catalog.models import RANK_ORDER, ROW, Claim, Film, Rank
from coproductions.models import FilmStudio
from people.models import Credit

from .answers import absolute

CHUNK = 2000  # films read per round of queries
DIRECTING = ("director", "co-director")
FILM_COLUMNS = (
    "pk", "slug", "title", "original_title", "year", "end_year", "kind",
    "coproduction__pk", "coproduction__standing",
)  # fmt: skip
# The exported fields whose sources each row names (the others are read from rows).
SOURCED_FIELDS = ("title", "original_title", "year", "end_year", "kind", "genres", "countries")


def chunked(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def grouped(pairs):
    """{first: [second, …]} from (first, second) pairs, in their order."""
    groups = defaultdict(list)
    for key, value in pairs:
        groups[key].append(value)
    return groups


def film_claims(ids):
    """{film id: {field: [{value, rank, sources}]}} for the films' own cited fields: the
    preferred value first, then the others (as pages list them); sources are ids. One query."""
    rows = (
        Claim.objects.filter(
            content_type=ContentType.objects.get_for_model(Film), object_id__in_ids=ids
        )
        .exclude(field=ROW)
        .order_by("pk", "citations__source_id")
        .values_list("object_id", "field", "pk", "value", "rank", "citations__source_id")
    )
    claims = {}
    for film, field, pk, value, rank, source in rows:
        claim = (
            claims.setdefault(film, {})
            .setdefault(field, {})
            .setdefault(pk, {"value": value, "rank": rank, "sources": []})
        )
        if source is not None and source not in claim["sources"]:
            claim["sources"].append(source)
    return {
        film: {
            field: sorted(found.values(), key=lambda c: (RANK_ORDER[c["rank"]], c["value"]))
            for field, found in sorted(fields.items())
        }
        for film, fields in claims.items()
    }


def disputed_fields(claims):
    """Fields for which a source gives another value than the preferred one: the rule of the
    search's "disputed" facet (``CitedQuerySet.disputed``)."""
    return [
        field
        for field, found in claims.items()
        if any(claim["rank"] != Rank.PREFERRED for claim in found)
    ]


def preferred_sources(claims, field):
    for claim in claims.get(field, []):
        if claim["rank"] == Rank.PREFERRED:
            return claim["sources"]
    return []


def export_rows(request, films):
    """One dict per film: its main facts, several values (genres, studios…) as lists, and
    its evidence: whether it is disputed, every value the sources give for each field (with
    its rank and the ids of its sources), and the sources of each exported field's value.

    Only what the film page shows: a draft studio's part or a draft person's credit is left out.
    """
    url = absolute(request, reverse("front:film_detail", args=["__slug__"]))
    for chunk in chunked(films.values_list(*FILM_COLUMNS).iterator(chunk_size=CHUNK), CHUNK):
        ids = [row[0] for row in chunk]
        through = Film.genres.through.objects.filter(film_id__in_ids=ids)
        genres = grouped(through.order_by("genre__name").values_list("film_id", "genre__name"))
        through = Film.countries.through.objects.filter(film_id__in_ids=ids)
        countries = grouped(
            through.order_by("country__name").values_list("film_id", "country__name")
        )
        studios = grouped(
            FilmStudio.objects.public()
            .filter(film_id__in_ids=ids)
            .values_list("film_id", "studio__name")
        )
        directors = grouped(
            Credit.objects.public()
            .filter(film_id__in_ids=ids, role__in=DIRECTING)
            .values_list("film_id", "person__name")
        )
        claims = film_claims(ids)
        for pk, slug, title, original, year, end_year, kind, coproduction, standing in chunk:
            evidence = claims.get(pk, {})
            disputed = disputed_fields(evidence)
            yield {
                "slug": slug,
                "title": title,
                "original_title": original,
                "year": year,
                "end_year": end_year,
                "kind": kind,
                "genres": genres.get(pk, []),
                "countries": countries.get(pk, []),
                "coproduction": "yes" if coproduction else "no",
                "standing": standing or "",
                "studios": sorted(set(studios.get(pk, []))),
                "directors": list(dict.fromkeys(directors.get(pk, []))),
                "url": url.replace("__slug__", slug),
                "disputed": bool(disputed),
                "disputed_fields": disputed,
                "sources": {f: preferred_sources(evidence, f) for f in SOURCED_FIELDS},
                "claims": evidence,
            }
