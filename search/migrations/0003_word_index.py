"""The films' words (``search.models.FilmWord``), filled from the documents already built,
with the index a search reads: on PostgreSQL by ``text_pattern_ops``, so that ``LIKE 'kim%'``
is a range of the index whatever the database's collation."""

import django.db.models.deletion
from django.db import migrations, models


def word_index(apps, schema_editor):
    ops = "text_pattern_ops" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS search_word_prefix ON search_filmword (word {ops}, film_id)"
    )


def drop_word_index(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS search_word_prefix")


def fill(apps, schema_editor):
    """The words of the documents there are (the key format's own rule, in Python)."""
    from search.keys import key_words

    FilmDocument = apps.get_model("search", "FilmDocument")
    FilmWord = apps.get_model("search", "FilmWord")
    rows = []
    for film_id, key in FilmDocument.objects.values_list("film_id", "key").iterator(2000):
        rows += [FilmWord(film_id=film_id, word=word) for word in key_words(key)]
        if len(rows) > 20_000:
            FilmWord.objects.bulk_create(rows)
            rows = []
    FilmWord.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0006_source_status"),
        ("search", "0002_document_trigram_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="FilmWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.TextField()),
                (
                    "film",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="catalog.film",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["film"], name="search_word_film")],
            },
        ),
        migrations.RunPython(word_index, drop_word_index, elidable=False),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
