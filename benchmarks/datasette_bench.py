"""Datasette on the same films: the comparison the issue sets the app against.

The published films are exported to an SQLite file as Datasette users would shape them: one
``films`` table, the many-to-many facets (genres, countries, studios, people, festivals,
evidence) as JSON-array columns for ``_facet_array``, and an FTS5 index on every name a film
is found by (its titles, its credited people with their name variants, its studios) for the
search. Datasette runs in-process through its Python API, its time limits raised so that
every facet is computed, and answers the same four list requests as JSON.

Its facets differ from the app's in one way that favours it: each facet's counts are taken
on the result with *every* filter applied, its own included, so it never re-filters.
"""

import asyncio
import sqlite3
import time
from pathlib import Path

from django.db import connection

ARRAYS = ["genre", "country", "studio", "person", "festival", "evidence"]
COLUMNS = {"genre": "genres", "country": "countries", "studio": "studios", "person": "people",
           "festival": "festivals", "evidence": "evidence"}  # fmt: skip
SETTINGS = {
    "sql_time_limit_ms": 600_000,
    "facet_time_limit_ms": 600_000,
    "facet_suggest_time_limit_ms": 1,
    "suggest_facets": False,
    "default_page_size": 25,
    "num_sql_threads": 2,
    "allow_download": False,
}


def export(path, facet_table):
    """Write the published films to a new SQLite file at ``path``; returns seconds taken."""
    started = time.perf_counter()
    path = Path(path)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    arrays = ",\n".join(
        f"coalesce((SELECT json_agg(x.value ORDER BY x.value) FROM {facet_table} x "
        f"WHERE x.film_id = f.id AND x.facet = '{facet}'), '[]')::text"
        for facet in ARRAYS
    )
    names = """concat_ws(' ', f.title, f.original_title,
        (SELECT string_agg(t.title, ' ') FROM catalog_filmtitle t WHERE t.film_id = f.id),
        (SELECT string_agg(concat_ws(' ', p.name, p.hangul_name,
                (SELECT string_agg(n.name, ' ') FROM people_personname n
                 WHERE n.person_id = p.id)), ' ')
         FROM people_credit c JOIN people_person p ON p.id = c.person_id
         WHERE c.film_id = f.id AND p.status = 'published'),
        (SELECT string_agg(concat_ws(' ', s.name,
                (SELECT string_agg(n.name, ' ') FROM coproductions_studioname n
                 WHERE n.studio_id = s.id)), ' ')
         FROM coproductions_studio s WHERE s.status = 'published' AND s.id IN (
            SELECT studio_id FROM coproductions_filmstudio WHERE film_id = f.id
            UNION SELECT pa.studio_id FROM coproductions_partner pa
            JOIN coproductions_coproduction cp ON cp.id = pa.coproduction_id
            WHERE cp.film_id = f.id)))"""
    sql = f"""SELECT f.id, f.slug, f.title, f.original_title, f.year,
        (f.year / 10 * 10)::text, f.kind,
        CASE WHEN EXISTS (SELECT 1 FROM coproductions_coproduction cp WHERE cp.film_id = f.id)
             THEN 'yes' ELSE 'no' END,
        {arrays}, {names}
        FROM catalog_film f WHERE f.status = 'published' ORDER BY f.id"""
    target = sqlite3.connect(partial)
    target.executescript(
        """CREATE TABLE films (id INTEGER PRIMARY KEY, slug TEXT, title TEXT,
            original_title TEXT, year INTEGER, decade TEXT, kind TEXT, coproduction TEXT,
            genres TEXT, countries TEXT, studios TEXT, people TEXT, festivals TEXT,
            evidence TEXT, names TEXT);"""
    )
    with connection.cursor() as cursor:  # streamed from the server in chunks
        cursor.execute(sql)
        while rows := cursor.fetchmany(5000):
            target.executemany(f"INSERT INTO films VALUES ({', '.join('?' * 15)})", rows)
    target.executescript(
        """CREATE INDEX films_title ON films (title);
        CREATE INDEX films_decade ON films (decade);
        CREATE INDEX films_kind ON films (kind);
        CREATE VIRTUAL TABLE films_fts USING fts5 (names, content="films", content_rowid="id");
        INSERT INTO films_fts (films_fts) VALUES ('rebuild');
        ANALYZE;"""
    )
    target.commit()
    target.close()
    partial.rename(path)
    return time.perf_counter() - started


def url(database, query):
    """The Datasette JSON request answering ``query`` ({"q": [text], facet: [values]})."""
    params = [("_sort", "title"), ("_size", "25"), ("_facet_size", "15")]
    params += [("_facet", facet) for facet in ("decade", "kind", "coproduction")]
    params += [("_facet_array", COLUMNS[facet]) for facet in ARRAYS]
    for facet, values in query.items():
        if facet == "q":
            params.append(("_search", values[0]))
        elif facet in COLUMNS:
            params += [(f"{COLUMNS[facet]}__arraycontains", value) for value in values]
        else:
            params += [(facet, value) for value in values]
    from urllib.parse import urlencode

    return f"/{database}/films.json?{urlencode(params)}"


def measure(path, requests, repeat, budget, log=print):
    """Time each of ``requests`` ((name, query) pairs) on Datasette; median ms and more."""
    from datasette.app import Datasette

    async def run():
        ds = Datasette(files=[str(path)], settings=SETTINGS)
        await ds.invoke_startup()
        key = next(iter(ds.databases.keys() - {"_internal", "_memory"}))
        database = ds.databases[key].route
        results = {}
        for name, query in requests:
            target = url(database, query)
            response = await ds.client.get(target)  # warm: opens the file, reads the schema
            if response.status_code != 200:
                raise SystemExit(f"Datasette answered {response.status_code} to {target}")
            answer = response.json()
            timings = []
            spent = time.perf_counter()
            while len(timings) < repeat and (
                len(timings) < 3 or time.perf_counter() - spent < budget
            ):
                start = time.perf_counter()
                await ds.client.get(target)
                timings.append((time.perf_counter() - start) * 1000)
            results[name] = summary(timings) | {
                "url": target,
                "total": answer.get("filtered_table_rows_count"),
            }
            log(f"  datasette {name}: {results[name]['median_ms']} ms")
        return results

    return asyncio.run(run())


def summary(timings):
    import statistics

    timings = sorted(timings)
    return {
        "median_ms": round(statistics.median(timings), 1),
        "min_ms": round(timings[0], 1),
        "samples": len(timings),
    }
