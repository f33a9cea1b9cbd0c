"""PostgreSQL only: a trigram index on the films' search documents, so a search's LIKE
conditions are answered from it however large the collection; and the facet rows' index
with their labels included, so counting a facet's values reads the index alone."""

from django.db import migrations

from catalog.indexes import trigram_extension, trigram_index


def covering_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_facet_counts "
            "ON search_filmfacet (facet, value, film_id) INCLUDE (label)"
        )


def drop_covering_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_facet_counts")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial"), ("catalog", "0002_search_indexes")]

    operations = [
        trigram_extension(),
        trigram_index("search_filmdocument", "key"),
        migrations.RunPython(covering_index, drop_covering_index, elidable=False),
    ]
