"""The films export's rows, with the evidence behind each field, a chunk of films at a time.

Each chunk is read with a few ``values_list()`` queries (the films, their genres, countries,
studios and directors, and their claims with the ids of the sources cited): plain tuples
cost a small fraction of model instances and prefetches, and memory stays that of a chunk,
so every film of a large collection is exported in seconds.
"""

from collections import defaultdict
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.db.models import Aggregate, CharField, OuterRef, Q, Subquery
from django.urls import reverse

from catalog.models import RANK_ORDER, ROW, Citation, Claim, Film, Rank
from coproductions.models import FilmStudio, Studio
from people.models import Credit, Person

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


class Joined(Aggregate):
    """A column's distinct values joined by commas, in no order: GROUP_CONCAT on SQLite,
    STRING_AGG on PostgreSQL. One row per claim instead of one per citation."""

    function = "GROUP_CONCAT"
    allow_distinct = True
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        template = "STRING_AGG(%(distinct)s(%(expressions)s)::text, ',')"
        return self.as_sql(compiler, connection, template=template, **extra)


def published_names(links, model):
    """{film id: [name, …]} of the published records ``links`` (film id, record id) name.

    The rule of ``public_q`` for a row linking a published film (the films exported are)
    and a record: shown while that record is published. Two index look-ups rather than one
    join, which PostgreSQL would answer by reading every person or studio.
    """
    links = list(links)
    names = dict(
        model.objects.published()
        .filter(pk__in_ids={record for _, record in links})
        .values_list("pk", "name")
    )
    return grouped((film, names[record]) for film, record in links if record in names)


def film_claims(ids):
    """{film id: {field: [{value, rank, sources}]}} for the films' own cited fields, the
    preferred value first, then the others (as pages list them); sources are ids, ascending.

    Only what the export shows is read: every claim of an exported field, and the values
    that compete with a preferred one in any field. One query.
    """
    cited = (  # per claim, through the citations' index on claim (a join reads them all)
        Citation.objects.filter(claim=OuterRef("pk"))
        .order_by()
        .values("claim")
        .annotate(sources=Joined("source_id", distinct=True))
        .values("sources")
    )
    rows = (
        Claim.objects.filter(
            content_type=ContentType.objects.get_for_model(Film), object_id__in_ids=ids
        )
        .filter(Q(field__in=SOURCED_FIELDS) | ~Q(rank=Rank.PREFERRED))
        .exclude(field=ROW)
        .order_by("object_id", "field")
        .values_list("object_id", "field", "value", "rank", Subquery(cited))
    )
    claims = {}
    for film, field, value, rank, sources in rows:
        if not sources:
            cited = []
        elif "," in sources:
            cited = sorted(int(source) for source in sources.split(","))
        else:
            cited = [int(sources)]
        claim = {"value": value, "rank": rank, "sources": cited}
        claims.setdefault(film, {}).setdefault(field, []).append(claim)
    for fields in claims.values():
        for found in fields.values():
            if len(found) > 1:
                found.sort(key=lambda c: (RANK_ORDER[c["rank"]], c["value"]))
    return claims


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
        studios = published_names(
            FilmStudio.objects.filter(film_id__in_ids=ids)
            .order_by()
            .values_list("film_id", "studio_id"),
            Studio,
        )
        directors = published_names(
            Credit.objects.filter(film_id__in_ids=ids, role__in=DIRECTING)
            .order_by("film_id", "order", "role")
            .values_list("film_id", "person_id"),
            Person,
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
