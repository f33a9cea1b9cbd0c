"""A trigram index on studios' search keys (PostgreSQL only; catalog creates the extension)."""

from django.db import migrations

from catalog.indexes import trigram_index


class Migration(migrations.Migration):
    dependencies = [("coproductions", "0001_initial"), ("catalog", "0002_search_indexes")]

    operations = [trigram_index("coproductions_studio")]
