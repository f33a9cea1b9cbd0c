"""The raw-SQL floor: hand-written SQL for the film list's page, total and facet counts.

It runs on the derived tables of the search design — a search document per published film
(every name it is found by, as search keys, with a trigram index), its words (an index a
search reads by ranges, as the app does) and one facet row per published film per facet
value — and is the fastest the app's design can be: the app's list is held to within 1.5×
of it. PostgreSQL only.

The tables are ``search_filmdocument`` and ``search_filmfacet`` once the ``search`` app
creates them; until then the floor builds the same two tables, from the base tables, in a
schema of its own (``benchfloor``) in the benchmark's database. The views they are built
from (``*_live``) give a second variant: the same SQL over the base tables, every document
and facet row computed at each request. The Datasette export reads its facet columns from
the same rows.

The semantics are the app's (``search.filters``): visible rows only (a credit, a studio's
part, a partner or a festival entry counts only while every record it links is
published); ``q`` is every word matching by the rules of ``search.keys``; a facet's counts
are taken on the result filtered by every *other* chosen facet; within a facet, values are
ORed. The person facet ignores a chosen role (no timed request chooses one).
"""

import time

from django.db import connection

from catalog.models import Film, public_q

# The facets the page shows, as the search app declares them (their order, limit, sorting).
from search.facets import COPRODUCTION, DEFAULT_SCOPES, EVIDENCE, FACETS
from search.keys import is_cjk, korean_spelling, spelled_match, words

SCHEMA = "benchfloor"
PAGE_COLUMNS = ["id", "slug", "title", "original_title", "year", "end_year", "kind"]
VERSION = "2"  # raise when the tables' SQL changes: they are built again
PAGE_SIZE = 25
BY_VALUE = {facet.param for facet in FACETS if getattr(facet, "order_by_value", False)}


def table_exists(name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
        return cursor.fetchone()[0]


def search_tables():
    """(document table, facet table) of the search app, if it made them and filled them."""
    if not (table_exists("search_filmdocument") and table_exists("search_filmfacet")):
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM search_filmfacet)")
        if not cursor.fetchone()[0]:
            return None
    return "search_filmdocument", "search_filmfacet"


def own_tables():
    return f"{SCHEMA}.filmdocument", f"{SCHEMA}.filmfacet"


def live_views():
    """The same rows as views over the base tables: the floor's SQL, computed from scratch
    at every request (the variant over the base tables)."""
    return f"{SCHEMA}.filmdocument_live", f"{SCHEMA}.filmfacet_live"


def build_own_tables():
    """Build ``benchfloor.filmdocument`` and ``benchfloor.filmfacet`` from the base tables;
    returns the seconds it took."""
    started = time.perf_counter()
    labels = {
        "kind": list(Film.Kind.choices),
        "coproduction": COPRODUCTION,
        "evidence": EVIDENCE,
    }
    needed = Film.objects.citation_needed(rows_q=public_q)  # as the page's evidence facet
    needed_sql, needed_params = needed.values("pk").query.sql_with_params()
    kinds = ", ".join(["(%s, %s)"] * len(labels["kind"]))
    kind_params = [x for pair in labels["kind"] for x in pair]
    copro, evidence = dict(labels["coproduction"]), dict(labels["evidence"])
    statements = [
        (f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE", []),
        (f"CREATE SCHEMA {SCHEMA}", []),
        # Visible rows: every record they link is published.
        (
            f"""CREATE VIEW {SCHEMA}.credit AS
            SELECT c.film_id, c.role, p.id AS person_id, p.slug, p.name, p.search_key
            FROM people_credit c JOIN people_person p ON p.id = c.person_id
            JOIN catalog_film f ON f.id = c.film_id
            WHERE p.status = 'published' AND f.status = 'published'""",
            [],
        ),
        (
            f"""CREATE VIEW {SCHEMA}.studio AS
            SELECT fs.film_id, s.slug, s.name, s.search_key
            FROM coproductions_filmstudio fs JOIN coproductions_studio s ON s.id = fs.studio_id
            JOIN catalog_film f ON f.id = fs.film_id
            WHERE s.status = 'published' AND f.status = 'published'
            UNION
            SELECT cp.film_id, s.slug, s.name, s.search_key
            FROM coproductions_partner pa
            JOIN coproductions_coproduction cp ON cp.id = pa.coproduction_id
            JOIN coproductions_studio s ON s.id = pa.studio_id
            JOIN catalog_film f ON f.id = cp.film_id
            WHERE s.status = 'published' AND f.status = 'published'""",
            [],
        ),
        (
            f"""CREATE VIEW {SCHEMA}.filmdocument_live AS
            SELECT f.id AS film_id, f.search_key
                || coalesce((SELECT string_agg(DISTINCT c.search_key, '') FROM {SCHEMA}.credit c
                             WHERE c.film_id = f.id), '')
                || coalesce((SELECT string_agg(DISTINCT s.search_key, '') FROM {SCHEMA}.studio s
                             WHERE s.film_id = f.id), '') AS key
            FROM catalog_film f WHERE f.status = 'published'""",
            [],
        ),
        (
            f"""CREATE VIEW {SCHEMA}.filmfacet_live AS
            WITH films AS (SELECT * FROM catalog_film WHERE status = 'published'),
            kinds(value, label) AS (VALUES {kinds})
            SELECT id AS film_id, 'decade'::varchar AS facet, (year / 10 * 10)::varchar AS value,
                   (year / 10 * 10)::varchar || 's' AS label
            FROM films WHERE year IS NOT NULL
            UNION ALL
            SELECT f.id, 'kind', f.kind, kinds.label FROM films f JOIN kinds ON kinds.value = f.kind
            UNION ALL
            SELECT fg.film_id, 'genre', g.slug, g.name FROM catalog_film_genres fg
            JOIN catalog_genre g ON g.id = fg.genre_id JOIN films f ON f.id = fg.film_id
            UNION ALL
            SELECT DISTINCT x.film_id, 'country', c.code, c.name FROM (
                SELECT film_id, country_id FROM catalog_film_countries
                UNION
                SELECT cp.film_id, pa.country_id FROM coproductions_partner pa
                JOIN coproductions_coproduction cp ON cp.id = pa.coproduction_id
                LEFT JOIN coproductions_studio s ON s.id = pa.studio_id
                WHERE pa.country_id IS NOT NULL AND (s.id IS NULL OR s.status = 'published')
            ) x JOIN catalog_country c ON c.id = x.country_id JOIN films f ON f.id = x.film_id
            UNION ALL
            SELECT DISTINCT film_id, 'studio', slug, name FROM {SCHEMA}.studio
            UNION ALL
            SELECT DISTINCT film_id, 'person', slug, name FROM {SCHEMA}.credit
            UNION ALL
            SELECT DISTINCT film_id, 'credit', role || ':' || slug, name FROM {SCHEMA}.credit
            UNION ALL
            SELECT DISTINCT film_id, 'role', role, role FROM {SCHEMA}.credit
            UNION ALL
            SELECT DISTINCT e.film_id, 'festival', fe.slug, fe.name FROM catalog_festivalentry e
            JOIN catalog_festivaledition ed ON ed.id = e.edition_id
            JOIN catalog_festival fe ON fe.id = ed.festival_id JOIN films f ON f.id = e.film_id
            WHERE fe.status = 'published'
            UNION ALL
            SELECT f.id, 'coproduction', v.value, v.label FROM films f
            CROSS JOIN LATERAL (SELECT CASE WHEN EXISTS (
                SELECT 1 FROM coproductions_coproduction cp WHERE cp.film_id = f.id)
                THEN 'yes' ELSE 'no' END AS value) y
            JOIN (VALUES ('yes', %s), ('no', %s)) v(value, label) ON v.value = y.value
            UNION ALL
            SELECT f.id, 'evidence', 'disputed', %s FROM films f WHERE EXISTS (
                SELECT 1 FROM catalog_claim cl
                WHERE cl.content_type_id = %s AND cl.object_id = f.id
                AND cl.field <> '' AND cl.rank <> 'preferred')
            UNION ALL
            SELECT f.id, 'evidence', 'citation-needed', %s FROM films f
            WHERE f.id IN ({needed_sql})""",
            [
                *kind_params,
                copro["yes"],
                copro["no"],
                evidence["disputed"],
                film_content_type(),
                evidence["citation-needed"],
                *needed_params,
            ],
        ),
        (f"CREATE TABLE {SCHEMA}.filmdocument AS SELECT * FROM {SCHEMA}.filmdocument_live", []),
        (f"CREATE TABLE {SCHEMA}.filmfacet AS SELECT * FROM {SCHEMA}.filmfacet_live", []),
        (f"CREATE INDEX ON {SCHEMA}.filmfacet (facet, value, film_id)", []),
        (f"CREATE INDEX ON {SCHEMA}.filmfacet (film_id)", []),
        (f"ALTER TABLE {SCHEMA}.filmdocument ADD PRIMARY KEY (film_id)", []),
        (f"CREATE INDEX ON {SCHEMA}.filmdocument USING gin (key gin_trgm_ops)", []),
        (f"ANALYZE {SCHEMA}.filmfacet", []),
        (f"ANALYZE {SCHEMA}.filmdocument", []),
    ]
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
    return time.perf_counter() - started


def film_content_type():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Film).pk


def like(text):
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def word_patterns(text):
    """For each word of ``text``, the LIKE patterns of which one must match (search.keys)."""
    found = []
    for word in dict.fromkeys(words(text)):
        if is_cjk(word):
            found.append([f"%{like(word)}%"])
            continue
        patterns = [f"% {like(word)}%"]
        if (spelling := spelled_match(word)) is not None:
            patterns.append(f"%~{like(spelling)}~%")
        found.append(patterns)
    return found


def relevance_sql(text, column):
    """0 for a film whose own name is the query, 1 for one that starts with it, 2 for one
    with every word of it, 3 otherwise (``search.keys.relevance``)."""
    typed = words(text)
    spelled = [korean_spelling(w) for w in typed]
    exact = "%|~" + like("~".join(spelled)) + "~|%"
    prefixes = ["%| " + like(" ".join(typed)) + "%", "%|~" + like("~".join(spelled)) + "~%"]
    named, named_params = [], []
    for patterns in word_patterns(text):
        named.append("(" + " OR ".join([f"{column} LIKE %s"] * len(patterns)) + ")")
        named_params += patterns
    sql = (
        f"CASE WHEN {column} LIKE %s THEN 0 WHEN {column} LIKE %s OR {column} LIKE %s "
        f"THEN 1 WHEN {' AND '.join(named)} THEN 2 ELSE 3 END"
    )
    return sql, [exact, *prefixes, *named_params]


class Floor:
    """The page, the total and the facet counts of one query string, in one statement.

    Hand-tuned as a person writing the SQL would: a chosen decade and kind are read from the
    film's own columns; the films matching every filter are computed once (a materialized
    CTE), and once more for each chosen facet without its own filter; a facet nobody
    narrowed is counted straight from its rows (they exist for published films only).
    """

    def __init__(self, tables):
        self.document, self.facet = tables
        # the search app's word index, as the app reads it, when the design's tables are its
        self.words = "search_filmword" if tables == search_tables() else None

    def uses_words(self, query):
        text = query.get("q", [""])[0]
        return bool(self.words) and not any(is_cjk(word) for word in words(text))

    def conditions(self, query, leave_out=None):
        """SQL conditions on ``f`` (a published film) and ``d`` (its document) for every
        chosen filter but ``leave_out``'s, with their parameters."""
        sql, params = ["f.status = 'published'"], []
        if query.get("q") and self.uses_words(query):
            for word in dict.fromkeys(words(query["q"][0])):
                union = f"SELECT film_id FROM {self.words} WHERE word LIKE %s"
                params.append(like(word) + "%")
                if (spelling := spelled_match(word)) is not None:
                    union += f" UNION SELECT film_id FROM {self.words} WHERE word = %s"
                    params.append("~" + spelling)
                sql.append(f"f.id IN ({union})")
        elif query.get("q"):
            for patterns in word_patterns(query["q"][0]):
                ors = " OR ".join(["d.key LIKE %s"] * len(patterns))
                sql.append(f"({ors})")
                params += patterns
        for facet, values in query.items():
            if facet in ("q", leave_out):
                continue
            if facet == "decade":
                decades = " OR ".join(["(f.year >= %s AND f.year < %s)"] * len(values))
                sql.append(f"({decades})")
                params += [x for value in values for x in (int(value), int(value) + 10)]
            elif facet in ("kind", "scope"):  # the film's own column
                sql.append(f"f.{facet} = ANY(%s)")
                params.append(list(values))
            else:
                sql.append(
                    f"f.id IN (SELECT film_id FROM {self.facet} "
                    "WHERE facet = %s AND value = ANY(%s))"
                )
                params += [facet, list(values)]
        return sql, params

    def source(self, query):
        searched = query.get("q") and not self.uses_words(query)
        join = f" JOIN {self.document} d ON d.film_id = f.id" if searched else ""
        return f"catalog_film f{join}"

    def matching(self, query, leave_out=None):
        where, params = self.conditions(query, leave_out)
        return f"SELECT f.id FROM {self.source(query)} WHERE {' AND '.join(where)}", params

    def run(self, query):
        """``query``: {"q": [text], facet: [values]}. Returns (page rows, total, facets).

        One statement, one round trip: the matching films are found once (the search's
        LIKEs evaluated once per film), and the page, the total and every facet read them.
        """
        if "scope" not in query:  # North Korean cinema, as the app's default
            query = {**query, "scope": list(DEFAULT_SCOPES)}
        narrowed = bool(query)
        rank, rank_params = "0", []
        if query.get("q"):
            rank, rank_params = relevance_sql(query["q"][0], "f.search_key")
        columns = "f.id, f.slug, f.title, f.original_title, f.year, f.end_year, f.kind"
        ctes, params, parts = [], [], []
        if narrowed:
            where, where_params = self.conditions(query)
            ctes.append(
                f"matching AS MATERIALIZED (SELECT {columns}, {rank} AS rank "
                f"FROM {self.source(query)} WHERE {' AND '.join(where)})"
            )
            params += rank_params + where_params
            films = "matching f"
        else:  # every published film: read in place, not copied
            films = "catalog_film f WHERE f.status = 'published'"
        for facet in FACETS:
            source = "matching" if narrowed else None
            if facet.param in query:  # counted without its own filter
                sql, sql_params = self.matching(query, leave_out=facet.param)
                source = f"without_{facet.param}"
                ctes.append(f"{source} AS MATERIALIZED ({sql})")
                params += sql_params
            limit = f" LIMIT {facet.limit}" if getattr(facet, "limit", 0) else ""
            order_by = "value" if facet.param in BY_VALUE else "count(*) DESC, label"
            join = f" JOIN {source} m ON m.id = x.film_id" if source else ""
            parts.append(
                f"(SELECT '{facet.param}' AS facet, x.value, x.label, count(*) AS n "
                f"FROM {self.facet} x{join} WHERE x.facet = '{facet.param}' "
                f"GROUP BY x.value, x.label ORDER BY {order_by}{limit})"
            )
        order = "f.title, f.year NULLS LAST, f.slug"
        if narrowed:
            order = f"f.rank, {order}"
        with_clause = f"WITH {', '.join(ctes)} " if ctes else ""
        sql = (
            f"{with_clause}SELECT "
            f"(SELECT coalesce(json_agg(p), '[]') FROM (SELECT {columns} FROM {films} "
            f"ORDER BY {order} LIMIT {PAGE_SIZE}) p), "
            f"(SELECT count(*) FROM {films}), "
            f"(SELECT coalesce(json_agg(c), '[]') FROM ({' UNION ALL '.join(parts)}) c)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            page_rows, total, facet_rows = cursor.fetchone()
        page = [tuple(row[k] for k in PAGE_COLUMNS) for row in page_rows]
        facets = {}
        for row in facet_rows:
            facets.setdefault(row["facet"], []).append((row["value"], row["label"], row["n"]))
        return page, total, facets
