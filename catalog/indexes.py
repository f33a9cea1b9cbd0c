"""Migration operations for the trigram (pg_trgm) indexes that serve the search keys on
PostgreSQL. SQLite has no such index and scans the same keys."""

from django.db import migrations


def trigram_extension():
    """A migration operation: the pg_trgm extension on PostgreSQL (kept when unapplied:
    other schemas may use it); nothing on SQLite."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")

    return migrations.RunPython(create, migrations.RunPython.noop, elidable=False)


def trigram_index(table, column="search_key"):
    """A migration operation: on PostgreSQL, a trigram index on ``table``'s search key, so
    the word-prefix LIKE patterns of ``matching`` stay indexed as the collection grows.
    SQLite has no such index and scans the same keys."""
    name = f"{table}_{column}_trgm"

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop, elidable=False)
