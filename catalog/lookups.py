"""``field__in_ids=ids``: a (large) set of ids computed in Python, sent as one parameter.

Registered for every app by ``CatalogConfig.ready``. A search's matching films are found
once per request and reused by every facet count and by the page; a studio's films, once per
page. ``__in`` would send one parameter per id (SQLite refuses more than 32,766, and
PostgreSQL plans a list of 100,000 constants slowly); this sends one array (PostgreSQL:
``= ANY(%s)``, which it hashes) or one JSON list (SQLite: ``json_each``).
"""

import json

from django.db.models import Field, ForeignObject, Lookup


def in_ids_sql(column, ids, connection):
    """SQL (and its one parameter) for ``column`` being one of ``ids``; also for SQL written
    by hand (``search.counts``)."""
    ids = sorted(int(pk) for pk in ids)
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [ids]
    return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(ids)]


class InIds(Lookup):
    lookup_name = "in_ids"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return ("%s", [sorted(int(pk) for pk in value)])

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        sql, params = in_ids_sql(lhs, self.rhs, connection)
        return sql, [*lhs_params, *params]


Field.register_lookup(InIds)
ForeignObject.register_lookup(InIds)  # relations look up only their own registrations
