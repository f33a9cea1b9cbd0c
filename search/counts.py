"""Reads of the facet index that a request makes, each in one statement: the films of each
chosen facet value, and every facet's counts.

A request counts its facets over a few sets of films (each facet over the films of every
filter but its own). Each set is one part: its facets' values grouped once (a common table
expression), then read back as the page shows them — every value of a short facet; of a
long one (studios, people), its most frequent ``limit`` values (a bounded sort, not a sort
of every value: 78,941 people at 100,000 films), the values the researcher selected
wherever they rank, and how many values it has. One round trip, and SQL written once here
rather than compiled by the ORM for every part.
"""

import json
from dataclasses import dataclass, field

from django.db import connection

from catalog.lookups import in_ids_sql

from .models import FilmFacet

RANKED = "n DESC, label, value"  # most frequent first, then by label (as shown), then value


@dataclass
class Part:
    """Facets counted over the same films: ``limits`` {facet name: values shown, 0 for
    all}, over ``ids`` (None: every published film), keeping ``selected`` {facet name:
    values} whatever their rank."""

    limits: dict
    ids: object = None
    selected: dict = field(default_factory=dict)


def placeholders(values):
    return ", ".join(["%s"] * len(values))


def part_sql(part, name, table):
    """(its common table expression, the SELECTs that read it), each with parameters."""
    names = list(part.limits)
    where, params = [f"facet IN ({placeholders(names)})"], list(names)
    if part.ids is not None:
        sql, ids_params = in_ids_sql("film_id", part.ids, connection)
        where.append(sql)
        params += ids_params
    grouped = (
        f"{name} AS (SELECT facet, value, MAX(label) AS label, COUNT(*) AS n "
        f"FROM {table} WHERE {' AND '.join(where)} GROUP BY facet, value)",
        params,
    )
    columns = "facet, value, label, n"
    selects = []
    if every := [facet for facet, limit in part.limits.items() if not limit]:
        selects.append(
            (
                f"SELECT {columns}, CAST(NULL AS BIGINT) AS total FROM {name} "
                f"WHERE facet IN ({placeholders(every)})",
                every,
            )
        )
    for facet, limit in part.limits.items():
        if not limit:
            continue
        selects.append(
            (
                f"SELECT * FROM (SELECT {columns}, (SELECT COUNT(*) FROM {name} "
                f"WHERE facet = %s) AS total FROM {name} WHERE facet = %s "
                f"ORDER BY {RANKED} LIMIT %s) {name}_top",
                [facet, facet, limit],
            )
        )
        if selected := part.selected.get(facet):
            selects.append(
                (
                    f"SELECT {columns}, CAST(NULL AS BIGINT) AS total FROM {name} "
                    f"WHERE facet = %s AND value IN ({placeholders(selected)})",
                    [facet, *selected],
                )
            )
    return grouped, selects


def read_counts(parts):
    """{facet name: [{value, label, count}]} for every facet of ``parts``, and {facet
    name: how many values it has} for the limited ones, in one query (none if no part has
    films to count)."""
    counted = {name: [] for part in parts for name in part.limits}
    totals = {name: 0 for part in parts for name, limit in part.limits.items() if limit}
    parts = [part for part in parts if part.limits and (part.ids is None or part.ids)]
    if not parts:
        return counted, totals
    table = connection.ops.quote_name(FilmFacet._meta.db_table)
    ctes, selects, params = [], [], []
    for number, part in enumerate(parts):
        (cte, cte_params), part_selects = part_sql(part, f"part{number}", table)
        ctes.append(cte)
        params += cte_params
        selects += part_selects
    params += [param for _, select_params in selects for param in select_params]
    sql = f"WITH {', '.join(ctes)} " + " UNION ALL ".join(sql for sql, _ in selects)
    seen = set()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for facet, value, label, count, total in cursor.fetchall():
            if total is not None:
                totals[facet] = total
            if (facet, value) not in seen:  # a selected value may be among the first too
                seen.add((facet, value))
                counted[facet].append({"value": value, "label": label, "count": count})
    return counted, totals


def films_with(rows):
    """{(facet, value): film ids} for each (facet, values) of ``rows``, in one query: each
    value's films as one list (PostgreSQL's ``array_agg``, SQLite's ``json_group_array``),
    so that 67,000 films of one kind cross as one row, not 67,000."""
    found = {(facet, value): set() for facet, values in rows for value in values}
    if not found:
        return found
    postgresql = connection.vendor == "postgresql"
    table = connection.ops.quote_name(FilmFacet._meta.db_table)
    films = "array_agg(film_id)" if postgresql else "json_group_array(film_id)"
    selects, params = [], []
    for facet, values in rows:  # each its own range of the index, read from the index alone
        selects.append(
            f"SELECT facet, value, {films} FROM {table} "
            f"WHERE facet = %s AND value IN ({placeholders(values)}) GROUP BY facet, value"
        )
        params += [facet, *values]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        for facet, value, ids in cursor.fetchall():
            found[facet, value].update(ids if postgresql else json.loads(ids))
    return found
