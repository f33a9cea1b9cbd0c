"""Trigram indexes on the search keys of films, festivals and sources (PostgreSQL only)."""

from django.db import migrations

from catalog.indexes import trigram_extension, trigram_index


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        trigram_extension(),
        trigram_index("catalog_film"),
        trigram_index("catalog_festival"),
        trigram_index("catalog_source"),
    ]
