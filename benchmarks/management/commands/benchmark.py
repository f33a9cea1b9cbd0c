"""Time the public pages and API on the curated collection, then on one many times larger.

The synthetic films, people, credits, claims and citations are written inside a transaction
that is rolled back at the end, so the command can run against any database and leaves it as
it found it. Speed targets live here and in docs/benchmarks.md, not in timed tests; the query
counts it prints show that every page costs the same number of queries at both sizes.
"""

import json
import platform
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog.models import Citation, Claim, Country, Film, Genre, Rank, Source, Status
from coproductions.models import CoProduction, FilmStudio, Partner, Studio
from people.models import Credit, Person
from search.keys import search_key

PAGES = [
    ("film list", "/films/"),
    ("film search", "/films/?q=kim"),
    ("film facets", "/films/?decade=1980&country=JP&kind=feature"),
    ("film page", "/films/{film}/"),
    ("films API", "/api/films/?q=kim"),
    ("film API", "/api/films/{film}/"),
    ("films CSV export", "/films/export.csv?decade=1980"),
    ("person page", "/people/{person}/"),
    ("studio page", "/studios/{studio}/"),
    ("co-productions", "/coproductions/"),
    ("site search", "/search/?q=ri"),
    ("front:home", "/"),
]


class Rollback(Exception):
    """Raised to undo the synthetic collection once it has been measured."""


class Command(BaseCommand):
    help = "Time pages and count their queries on the curated data and on a larger collection."

    def add_arguments(self, parser):
        parser.add_argument("--films", type=int, default=2000, help="Synthetic films to add.")
        parser.add_argument("--repeat", type=int, default=15, help="Timed requests per page.")
        parser.add_argument("--output", help="Also write the results as JSON to this file.")

    def handle(self, films, repeat, output=None, **options):
        settings.DEBUG = False  # no query log: time what production runs
        if not Film.objects.exists():
            call_command("load_dataset", verbosity=0)
        client = Client()
        targets = {
            "film": "pulgasari",
            "person": "rim-chang-bom",
            "studio": "korean-film-studio",
        }
        results = {"curated": self.measure(client, targets, repeat)}
        try:
            with transaction.atomic():
                sizes = grow(films, anchor=targets)
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE")  # as autovacuum would after a bulk load
                results["larger"] = self.measure(client, targets, repeat)
                raise Rollback
        except Rollback:
            pass
        report = {
            "database": connection.vendor,
            "python": platform.python_version(),
            "machine": f"{platform.machine()}, {platform.system()}",
            "repeat": repeat,
            "added": sizes,
            "pages": [
                {
                    "page": name,
                    "url": url,
                    **{
                        f"{size}_{key}": results[size][name][key]
                        for size in results
                        for key in results[size][name]
                    },
                }
                for name, url in PAGES
            ],
        }
        self.stdout.write(markdown(report))
        if output:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            Path(output).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    def measure(self, client, targets, repeat):
        measured = {}
        for name, url in PAGES:
            url = url.format(**targets)
            response = client.get(url)  # warm caches (content types, templates)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            reset_queries()  # the request resets the log; start it empty
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            query_count = len(queries)  # read now: the next request clears the log
            timings = []
            for _ in range(repeat):
                start = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            timings.sort()
            measured[name] = {
                "queries": query_count,
                "median_ms": round(statistics.median(timings), 1),
                "p90_ms": round(timings[int(0.9 * (len(timings) - 1))], 1),
            }
        return measured


def grow(count, anchor):
    """Add ``count`` published films with titles, credits, studios and cited claims.

    A few of them share the anchor person and studio, so those pages grow too.
    """
    sources = list(Source.objects.all())
    genres = list(Genre.objects.all())
    japan, north_korea = Country.objects.get(code="JP"), Country.objects.get(code="KP")
    person = Person.objects.get(slug=anchor["person"])
    studio = Studio.objects.get(slug=anchor["studio"])
    film_type = ContentType.objects.get_for_model(Film)
    credit_type = ContentType.objects.get_for_model(Credit)

    names = [f"Kim Synthetic {n}" for n in range(count)]
    people = Person.objects.bulk_create(
        Person(
            slug=f"bench-person-{n}",
            name=name,
            status=Status.PUBLISHED,
            search_key=search_key([name]),
        )
        for n, name in enumerate(names)
    )
    films = Film.objects.bulk_create(
        Film(
            slug=f"bench-film-{n}",
            title=f"Synthetic Film {n}",
            year=1950 + n % 70,
            kind=Film.Kind.FEATURE,
            status=Status.PUBLISHED,
            search_key=search_key([f"Synthetic Film {n}"]),
        )
        for n in range(count)
    )
    Film.genres.through.objects.bulk_create(
        Film.genres.through(film=film, genre=genres[n % len(genres)])
        for n, film in enumerate(films)
    )
    Film.countries.through.objects.bulk_create(
        Film.countries.through(film=film, country=north_korea) for film in films
    )
    credits = Credit.objects.bulk_create(
        Credit(
            film=film,
            person=person if n % 10 == 0 and k == 0 else people[(n + k * 7) % count],
            role="director" if k == 0 else "actor",
            order=k,
        )
        for n, film in enumerate(films)
        for k in range(5)
    )
    FilmStudio.objects.bulk_create(
        FilmStudio(film=film, studio=studio, role=FilmStudio.Role.PRODUCER) for film in films[::10]
    )
    coproductions = CoProduction.objects.bulk_create(
        CoProduction(film=film, standing=CoProduction.Standing.APPROVED) for film in films[::20]
    )
    Partner.objects.bulk_create(
        Partner(coproduction=coproduction, country=japan, contributions=["finance"])
        for coproduction in coproductions
    )
    claims = Claim.objects.bulk_create(
        [
            Claim(content_type=film_type, object_id=film.pk, field=field, value=value, rank=rank)
            for film in films
            for field, value, rank in (
                ("title", film.title, Rank.PREFERRED),
                ("year", str(film.year), Rank.PREFERRED),
                ("year", str(film.year + 1), Rank.NORMAL),
            )
        ]
        + [Claim(content_type=credit_type, object_id=credit.pk) for credit in credits]
    )
    citations = Citation.objects.bulk_create(
        Citation(claim=claim, source=sources[n % len(sources)], locator=f"p. {n % 300 + 1}")
        for n, claim in enumerate(claims)
    )
    return {
        "films": len(films),
        "people": len(people),
        "credits": len(credits),
        "claims": len(claims),
        "citations": len(citations),
    }


def markdown(report):
    lines = [
        f"Database: {report['database']}; Python {report['python']}; {report['machine']}; "
        f"{report['repeat']} requests per page. Added: "
        + ", ".join(f"{n} {what}" for what, n in report["added"].items())
        + ".",
        "",
        "| page | queries (curated → larger) | median ms, curated | median ms, larger "
        "| p90 ms, larger |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in report["pages"]:
        lines.append(
            f"| {row['page']} | {row['curated_queries']} → {row['larger_queries']} "
            f"| {row['curated_median_ms']} | {row['larger_median_ms']} | {row['larger_p90_ms']} |"
        )
    return "\n".join(lines)
