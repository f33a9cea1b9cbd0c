"""A trigram index on people's search keys (PostgreSQL only; catalog creates the extension)."""

from django.db import migrations

from catalog.indexes import trigram_index


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial"), ("catalog", "0002_search_indexes")]

    operations = [trigram_index("people_person")]
