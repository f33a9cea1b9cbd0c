"""Time the film search at the scale of a whole national cinema: the app, Datasette and the
raw-SQL floor, in one run, on the same films.

``manage.py benchmark --size 10000`` grows the collection to 10,000 films with the curated
data's own shape (``benchmarks.growth``) in a database of its own — ``nkfilms_bench_10000``
on the PostgreSQL server of ``DATABASE_URL``, or ``nkfilms_bench_10000.sqlite3`` beside
the project on SQLite — built once and reused by later runs (``--rebuild`` builds it
again). It then times, on that data:

- the app through Django's test client with DEBUG off: the film list, ``q=kim``, three
  facets, ``q`` and three facets, their ``/api/films/`` twins, each uncached (a dummy cache)
  and as a cached repeat; the film, person and studio pages and a few others; the CSV export
  of every film, streamed, in a process of its own whose peak memory is the worker's;
- Datasette on the same films exported to SQLite (``benchmarks.datasette_bench``);
- the raw-SQL floor on PostgreSQL (``benchmarks.floor``).

Results go to ``docs/benchmarks/<database>-<size>.json`` and, with every other size's, into
the tables of docs/benchmarks.md (``benchmarks.report``). Speed targets live there, not in
timed tests.
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from benchmarks import datasette_bench, floor, report
from benchmarks.growth import grow

GENERATOR = "2"  # raise when the growth changes: databases built by another are rebuilt
PARTS = ["app", "pages", "sql", "datasette", "export"]
OPTIONAL_PARTS = ["sql-base"]  # the floor's SQL over the base tables: slow, asked for by name
KIM = {"q": ["kim"]}
FACETS = {"decade": ["1980"], "country": ["JP"], "kind": ["feature"]}
LISTS = [  # (name, query): the list requests with targets, on the page and the API
    ("list", {}),
    ("q=kim", KIM),
    ("three facets", FACETS),
    ("q + three facets", KIM | FACETS),
]
OTHER_PAGES = [  # (name, url, whether it has a target)
    ("film page", "/films/{film}/", True),
    ("film page (synthetic)", "/films/{synthetic_film}/", True),
    ("person page (most credits)", "/people/{person}/", True),
    ("film API", "/api/v1/films/{film}/", False),
    ("studio page (most films)", "/studios/{studio}/", False),
    ("site search", "/search/?q=ri", False),
    ("home", "/", False),
]


def query_string(query):
    from urllib.parse import urlencode

    return urlencode([(k, v) for k, values in query.items() for v in values])


def list_url(prefix, query):
    qs = query_string(query)
    return f"{prefix}?{qs}" if qs else prefix


class Command(BaseCommand):
    help = "Time the film search on a grown collection: the app, Datasette and raw SQL."

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=10_000, help="Films in all.")
        parser.add_argument("--rebuild", action="store_true", help="Grow the collection anew.")
        parser.add_argument(
            "--database",
            help="The benchmark database's name (default nkfilms_bench_<size>), e.g. a copy "
            "made with CREATE DATABASE … TEMPLATE nkfilms_bench_10000 to try a branch on.",
        )
        parser.add_argument("--repeat", type=int, default=9, help="Timed requests at most.")
        parser.add_argument(
            "--budget", type=float, default=20, help="Seconds per request before fewer repeats."
        )
        parser.add_argument("--output", help="JSON results (docs/benchmarks/<db>-<size>.json).")
        parser.add_argument(
            "--parts",
            default=",".join(PARTS),
            help="What to time, of: app (the list requests), pages (the other pages), sql, "
            "datasette, export, and sql-base (the floor's SQL "
            "over the base tables, slow: only when named). Results of parts not timed are "
            "kept from the output file.",
        )
        parser.add_argument(
            "--export-timeout", type=int, default=600, help="Seconds the CSV export may take."
        )
        parser.add_argument("--measure-export", action="store_true", help="(internal)")

    def handle(self, size, rebuild, repeat, budget, output=None, **options):
        settings.DEBUG = False  # no query log, no debug pages: time what production runs
        self.repeat, self.budget = repeat, budget
        self.export_timeout = options["export_timeout"]
        name = use_database(size, options["database"])
        if options["measure_export"]:
            self.stdout.write(json.dumps(measure_export()))
            return
        built = self.ensure_collection(size, rebuild)
        started = time.perf_counter()
        load_at_start = os.getloadavg()[1]  # other work on the machine slows every number
        targets = find_targets()
        self.database_name = name
        self.log(f"Measuring on {name}: {targets}")
        output = Path(
            output or settings.BASE_DIR / f"docs/benchmarks/{connection.vendor}-{size}.json"
        )
        parts = [part.strip() for part in options["parts"].split(",") if part.strip()]
        if unknown := set(parts) - set(PARTS) - set(OPTIONAL_PARTS):
            raise CommandError(f"No such part: {', '.join(sorted(unknown))}")
        results = {}
        if set(parts) - set(OPTIONAL_PARTS) != set(PARTS) and output.exists():
            results = json.loads(output.read_text(encoding="utf-8"))
        results |= {
            "database": connection.vendor,
            "database_name": name,
            "size": size,
            "films": count("catalog_film"),
            "published_films": count("catalog_film", "status = 'published'"),
            "python": platform.python_version(),
            "machine": f"{platform.machine()}, {platform.system()}, {os.cpu_count()} cores",
            "date": time.strftime("%Y-%m-%d"),
            "collection": built,
            "targets": targets,
        }

        def save():  # after every part: a failure later keeps what was measured
            results["collection"] = read_state()  # with the exports' and floor's times
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

        if "app" in parts:
            kept = {k: v for k, v in results.get("app", {}).items() if ":" not in k}
            results["app"] = kept | self.measure_lists()
            save()
        if "pages" in parts:
            kept = {k: v for k, v in results.get("app", {}).items() if ":" in k}
            results["app"] = kept | self.measure_pages(targets)
            save()
        if "sql" in parts and connection.vendor == "postgresql":
            results["raw_sql"] = self.measure_floor() | {
                "base_tables": results.get("raw_sql", {}).get("base_tables")
            }
            save()
        if "sql-base" in parts and connection.vendor == "postgresql":
            self.ensure_own_tables()  # and their views over the base tables
            results.setdefault("raw_sql", {})["base_tables"] = self.time_floor(
                floor.Floor(floor.live_views()), "raw SQL over the base tables", 1
            )
            save()
        if results.get("raw_sql") and results.get("app"):
            results["agreement"] = {
                name: differences(
                    results["app"][f"api: {name}"].get("answer"), results["raw_sql"][name]["answer"]
                )
                for name, _ in LISTS
            }
            self.log(f"App and raw SQL: {results['agreement']}")
        if "datasette" in parts:
            results["datasette"] = self.measure_datasette(name)
            save()
        if "export" in parts:
            results["export"] = self.measure_export_in_child(size)
        results["seconds"] = round(time.perf_counter() - started)
        loads = results.get("load_average", {})
        loads = loads if all(isinstance(v, list) for v in loads.values()) else {}
        for part in parts:  # the machine's load while each part was timed
            loads[part] = [round(load_at_start, 1), round(os.getloadavg()[1], 1)]
        results["load_average"] = loads
        save()
        docs, folder = (
            settings.BASE_DIR / "docs/benchmarks.md",
            settings.BASE_DIR / "docs/benchmarks",
        )
        if output.resolve().parent == folder.resolve():
            report.update(docs, folder)
            self.log(f"Results: {output}; tables: {docs}")
        else:  # results elsewhere are not the documented ones
            self.log(f"Results: {output} (docs/benchmarks.md left as it was)")
        self.stdout.write(report.size_table(results))

    def log(self, message):
        self.stderr.write(message)
        self.stderr.flush()

    # The collection ---------------------------------------------------------------------
    def ensure_collection(self, size, rebuild):
        """The grown collection: reused when it was built by this generator at this size."""
        state = read_state()
        if rebuild or not state or state.get("size") != size or state.get("generator") != GENERATOR:
            tables = connection.introspection.table_names()
            if state or rebuild or ("catalog_film" in tables and count("catalog_film")):
                recreate_database()
            return self.build(size)
        if migrate():  # new tables (derived data): fill them
            self.log("Migrations applied: rebuilding the derived data")
            state["rebuild_seconds"] = rebuild_derived()
            write_state(state)
        self.log(f"Reusing the collection of {size} films built on {state['built']}")
        return state

    def build(self, size):
        self.log(f"Growing the collection to {size} films")
        started = time.perf_counter()
        migrate()
        call_command("load_dataset", verbosity=0)
        written, grow_seconds = grow(size, log=self.log)
        self.log(f"  grown in {grow_seconds:.0f} s: {written}")
        rebuild_seconds = rebuild_derived()
        self.log(f"  derived data rebuilt in {rebuild_seconds:.0f} s")
        state = {
            "size": size,
            "generator": GENERATOR,
            "built": time.strftime("%Y-%m-%d %H:%M"),
            "rows": written,
            "grow_seconds": round(grow_seconds, 1),
            "rebuild_seconds": round(rebuild_seconds, 1),
            "total_seconds": round(time.perf_counter() - started, 1),
            "shape": shape(),
        }
        write_state(state)
        return state

    # The app ----------------------------------------------------------------------------
    def measure_lists(self):
        client = Client()
        measured = {}
        for name, query in LISTS:
            for where, prefix in (("page", "/films/"), ("api", "/api/v1/films/")):
                url = list_url(prefix, query)
                key = f"{where}: {name}"
                with uncached():
                    measured[key] = self.time_url(client, url, minimum=3)
                slow = measured[key]["median_ms"] > 1000  # not cached yet: spare the repeats
                with cached():
                    measured[key]["cached"] = self.time_url(client, url, minimum=1 if slow else 3)
                self.log(
                    f"  app {key}: {measured[key]['median_ms']} ms, "
                    f"{measured[key]['queries']} queries, "
                    f"cached {measured[key]['cached']['median_ms']} ms"
                )
        return measured

    def measure_pages(self, targets):
        client = Client()
        measured = {}
        for name, url, targeted in OTHER_PAGES:
            url = url.format(**targets)
            with uncached():
                measured[name] = self.time_url(client, url, minimum=3 if targeted else 1)
            self.log(f"  app {name}: {measured[name]['median_ms']} ms")
        return measured

    def time_url(self, client, url, minimum):
        response = client.get(url)  # warm: templates, content types, the connection
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        consume(response)
        answer = (
            api_answer(response)
            if url.startswith("/api/v1/films/?") or url == "/api/v1/films/"
            else None
        )
        timings = []
        spent = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            consume(client.get(url))
            timings.append((time.perf_counter() - start) * 1000)
        query_count = len(queries)
        while len(timings) < self.repeat and (
            len(timings) < minimum or time.perf_counter() - spent < self.budget
        ):
            start = time.perf_counter()
            consume(client.get(url))
            timings.append((time.perf_counter() - start) * 1000)
        measured = {"url": url, "queries": query_count, **datasette_bench.summary(timings)}
        return measured | ({"answer": answer} if answer else {})

    # Raw SQL ----------------------------------------------------------------------------
    def measure_floor(self):
        """The floor over the search design's tables (the search app's, else the
        benchmark's own copy), then the same SQL over the base tables (views)."""
        tables = floor.search_tables()
        which = "the search app's tables"
        if tables is None:
            self.ensure_own_tables()
            tables = floor.own_tables()
            which = f"the benchmark's own tables ({floor.SCHEMA}), built like the design's"
        return {"tables": which} | self.time_floor(floor.Floor(tables), "raw SQL", 3)

    def ensure_own_tables(self):
        state = read_state()
        if state.get("floor_version") != floor.VERSION or not floor.table_exists(
            floor.own_tables()[1]
        ):
            self.log("Building the raw-SQL floor's tables")
            state["floor_tables"] = round(floor.build_own_tables(), 1)
            state["floor_version"] = floor.VERSION
            write_state(state)

    def time_floor(self, runner, label, minimum):
        measured = {}
        for name, query in LISTS:
            if minimum > 1:
                runner.run(query)  # warm
            timings = []
            spent = time.perf_counter()
            while len(timings) < self.repeat and (
                len(timings) < minimum or time.perf_counter() - spent < self.budget
            ):
                start = time.perf_counter()
                page, total, facets = runner.run(query)
                timings.append((time.perf_counter() - start) * 1000)
            measured[name] = datasette_bench.summary(timings) | {
                "total": total,
                "answer": {
                    "total": total,
                    "page": [row[1] for row in page],
                    "facets": {f: {v: n for v, _, n in rows} for f, rows in facets.items()},
                },
            }
            self.log(f"  {label} {name}: {measured[name]['median_ms']} ms, {total} films")
        return measured

    # Datasette ---------------------------------------------------------------------------
    def measure_datasette(self, name):
        path = settings.BASE_DIR / f"{name}_datasette.sqlite3"
        state = read_state()
        if not path.exists() or state.get("datasette_file") != state.get("built"):
            if connection.vendor != "postgresql":
                self.log("Datasette's export is made on PostgreSQL only; skipped")
                return None
            tables = floor.search_tables()
            if tables is None:
                self.ensure_own_tables()
                tables = floor.own_tables()
                state = read_state()
            self.log(f"Exporting the films for Datasette to {path.name}")
            state["datasette_export_seconds"] = round(datasette_bench.export(path, tables[1]), 1)
            state["datasette_file"] = state.get("built")
            write_state(state)
        return datasette_bench.measure(
            path,
            LISTS,
            self.repeat,
            self.budget,
            log=self.log,
        )

    # The export ---------------------------------------------------------------------------
    def measure_export_in_child(self, size):
        """The CSV export timed in a fresh process, whose peak memory is then the export's."""
        self.log("Timing the CSV export of every film in a process of its own")
        try:
            result = subprocess.run(
                [sys.executable, str(settings.BASE_DIR / "manage.py"), "benchmark",
                 "--size", str(size), "--database", self.database_name, "--measure-export"],
                capture_output=True, text=True, timeout=self.export_timeout, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            self.log(f"  export: not done after {self.export_timeout} s")
            return {"error": f"not done after {self.export_timeout} s"}
        if result.returncode != 0:
            self.log(result.stderr[-3000:])
            return {"error": result.stderr.strip().splitlines()[-1:]}
        measured = json.loads(result.stdout.strip().splitlines()[-1])
        self.log(f"  export: {measured}")
        return measured


# Databases --------------------------------------------------------------------------------
def use_database(size, name=None):
    """Point the default connection at the benchmark's database for ``size`` films, made if
    missing; returns its name."""
    wrapper = connections[DEFAULT_DB_ALIAS]
    wrapper.close()
    name = name or f"nkfilms_bench_{size}"
    if wrapper.vendor == "postgresql":
        create_postgresql_database(wrapper.settings_dict, name)
        wrapper.settings_dict["NAME"] = name
    else:
        wrapper.settings_dict["NAME"] = str(settings.BASE_DIR / f"{name}.sqlite3")
    return name


def server_connection(settings_dict):
    import psycopg

    return psycopg.connect(
        dbname="postgres",
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
        autocommit=True,
    )


def create_postgresql_database(settings_dict, name):
    with server_connection(settings_dict) as server:
        exists = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            server.execute(f'CREATE DATABASE "{name}"')


def recreate_database():
    """Start the benchmark's database afresh (a new file, a dropped and created database)."""
    wrapper = connections[DEFAULT_DB_ALIAS]
    wrapper.close()
    name = wrapper.settings_dict["NAME"]
    if wrapper.vendor == "postgresql":
        with server_connection(wrapper.settings_dict) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            server.execute(f'CREATE DATABASE "{name}"')
    else:
        Path(name).unlink(missing_ok=True)


def migrate():
    """Apply any unapplied migration; True if there were some."""
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    call_command("migrate", verbosity=0, interactive=False)
    return bool(pending)


def rebuild_derived():
    """``rebuild_search_keys`` (every derived table), then VACUUM ANALYZE; seconds taken."""
    started = time.perf_counter()
    call_command("rebuild_search_keys", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return time.perf_counter() - started


STATE = "benchmarks_state"  # one row: how and when the collection was built (JSON)


def read_state():
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {STATE} (state TEXT NOT NULL)")
        cursor.execute(f"SELECT state FROM {STATE}")
        row = cursor.fetchone()
    return json.loads(row[0]) if row else {}


def write_state(state):
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {STATE} (state TEXT NOT NULL)")
        cursor.execute(f"DELETE FROM {STATE}")
        cursor.execute(f"INSERT INTO {STATE} (state) VALUES (%s)", [json.dumps(state)])


def count(table, where="1 = 1"):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table} WHERE {where}")
        return cursor.fetchone()[0]


def shape():
    """Rows per film of the grown collection, as the issue gives the curated data's."""
    films = count("catalog_film")
    tables = {
        "titles": "catalog_filmtitle",
        "credits": "people_credit",
        "studio links": "coproductions_filmstudio",
        "genres": "catalog_film_genres",
        "countries": "catalog_film_countries",
        "claims": "catalog_claim",
        "citations": "catalog_citation",
        "co-productions": "coproductions_coproduction",
        "festival entries": "catalog_festivalentry",
        "people": "people_person",
        "studios": "coproductions_studio",
    }
    per_film = {name: round(count(table) / films, 2) for name, table in tables.items()}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM catalog_claim c WHERE NOT EXISTS "
            "(SELECT 1 FROM catalog_citation t WHERE t.claim_id = c.id)"
        )
        uncited = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM people_credit GROUP BY person_id ORDER BY 1 DESC LIMIT 1"
        )
        most = cursor.fetchone()[0]
    return {
        "films": films,
        "per_film": per_film,
        "uncited_claims_share": round(uncited / max(1, count("catalog_claim")), 4),
        "most_credits_of_one_person": most,
        "people_with_one_credit": count(
            "(SELECT person_id FROM people_credit GROUP BY person_id HAVING count(*) = 1) x"
        ),
    }


def find_targets():
    """The records whose pages are timed: the curated Pulgasari, a synthetic film, the
    person with the most public credits and the studio with the most films — of those with
    a name variant (and a person with a nationality), so that the same prefetches run at
    every size and the query counts compare."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.slug FROM people_credit c JOIN people_person p ON p.id = c.person_id "
            "WHERE p.status = 'published' AND p.nationality_id IS NOT NULL "
            "AND EXISTS (SELECT 1 FROM people_personname n WHERE n.person_id = p.id) "
            "GROUP BY p.slug ORDER BY count(*) DESC, p.slug LIMIT 1"
        )
        person = cursor.fetchone()[0]
        cursor.execute(
            "SELECT s.slug FROM coproductions_filmstudio l "
            "JOIN coproductions_studio s ON s.id = l.studio_id WHERE s.status = 'published' "
            "AND EXISTS (SELECT 1 FROM coproductions_studioname n WHERE n.studio_id = s.id) "
            "GROUP BY s.slug ORDER BY count(*) DESC, s.slug LIMIT 1"
        )
        studio = cursor.fetchone()[0]
        cursor.execute(  # one shape at every size (the same prefetches run): 3 public
            # credits, 2 titles, a co-production, a studio, a festival entry, a location…
            "SELECT slug FROM catalog_film f WHERE status = 'published' "
            "AND (SELECT count(*) FROM people_credit c JOIN people_person p "
            "     ON p.id = c.person_id AND p.status = 'published' WHERE c.film_id = f.id) = 3 "
            "AND (SELECT count(*) FROM catalog_filmtitle t WHERE t.film_id = f.id) = 2 "
            + "".join(
                f"AND EXISTS (SELECT 1 FROM {table} x WHERE x.film_id = f.id) "
                for table in (
                    "coproductions_coproduction",
                    "coproductions_filmstudio",
                    "catalog_festivalentry",
                    "catalog_shootinglocation",
                    "catalog_film_genres",
                    "catalog_film_countries",
                )
            )  # fmt: skip
            + "ORDER BY id DESC LIMIT 1"
        )
        found = cursor.fetchone()
        # A small collection may hold no synthetic film of that shape yet: Pulgasari then,
        # the same film at every size.
        synthetic = found[0] if found else "pulgasari"
    return {"film": "pulgasari", "synthetic_film": synthetic, "person": person, "studio": studio}


def api_answer(response):
    """What an /api/films/ answer says: its total, its page's films, its facet counts."""
    data = json.loads(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    return {
        "total": data["count"],
        "page": [film["slug"] for film in data["results"]],
        "facets": {
            param: {v["value"]: v["count"] for v in values if v["count"]}
            for param, values in (data.get("facets") or {}).items()
        },
    }


def differences(app, raw):
    """How the app's answer and the raw SQL's differ (empty: the same page, total and
    counts; a facet's values are compared where both list them, as ties at a facet's limit
    may be broken differently)."""
    if not app or not raw:
        return ["no answer to compare"]
    found = []
    if app["total"] != raw["total"]:
        found.append(f"total {app['total']} ≠ {raw['total']}")
    if app["page"] != raw["page"]:
        found.append(f"page differs from film {first_difference(app['page'], raw['page'])}")
    for facet, counts in raw["facets"].items():
        mine = app["facets"].get(facet, {})
        shared = counts.keys() & mine.keys()
        wrong = [v for v in shared if counts[v] != mine[v]]
        if wrong:
            found.append(
                f"{facet} counts differ: "
                + ", ".join(f"{v} {mine[v]} ≠ {counts[v]}" for v in sorted(wrong)[:5])
            )
        if not shared and counts:
            found.append(f"{facet}: no value in common")
    return found


def first_difference(first, second):
    for n, (a, b) in enumerate(zip(first, second, strict=False)):
        if a != b:
            return n + 1
    return min(len(first), len(second)) + 1


# Caches -------------------------------------------------------------------------------------
def uncached():
    """Every cache a dummy: each request computes its answer."""
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    return override_settings(CACHES={alias: dummy for alias in settings.CACHES})


def cached():
    """The configured caches, under a key prefix of this run's own (nothing stale, and
    nothing of anyone else's touched)."""
    prefix = f"nkbench-{os.getpid()}-{time.time_ns()}"
    return override_settings(
        CACHES={
            alias: {**config, "KEY_PREFIX": f"{prefix}-{config.get('KEY_PREFIX', '')}"}
            for alias, config in settings.CACHES.items()
        }
    )


def consume(response):
    """Read a response to its end, streamed or not; returns the bytes read."""
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


# The export, in its own process --------------------------------------------------------------
def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure_export():
    """Stream ``/films/export.csv`` of every film through the test client: time, bytes,
    rows, and the process's memory before, at its peak during, and at the end."""
    client = Client()
    with uncached():
        client.get("/films/export.csv?decade=1950")  # warm: imports, templates, connection
        before = rss_mb()
        peak = [before]
        done = threading.Event()

        def sample():
            while not done.wait(0.02):
                peak[0] = max(peak[0], rss_mb())

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        start = time.perf_counter()
        response = client.get("/films/export.csv")
        first_byte = time.perf_counter() - start
        size = consume(response)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
    if response.status_code != 200:
        raise CommandError(f"/films/export.csv answered {response.status_code}")
    return {
        "seconds": round(seconds, 2),
        "first_response_seconds": round(first_byte, 2),
        "streamed": response.streaming,
        "megabytes": round(size / 2**20, 2),
        "rss_before_mb": round(before, 1),
        "rss_peak_mb": round(max(peak[0], rss_mb()), 1),
        "process_peak_mb": round(peak_rss_mb(), 1),
    }


def median(values):
    return statistics.median(values) if values else None
