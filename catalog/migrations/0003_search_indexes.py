"""Trigram indexes for search keys on PostgreSQL, and keys for rows that predate them."""

from django.db import migrations

from catalog.search import search_key

INDEXED = [
    ("catalog_film", "film"),
    ("catalog_festival", "festival"),
    ("catalog_source", "source"),
    ("people_person", "person"),
    ("coproductions_studio", "studio"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite matches the same keys with a plain scan
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for table, name in INDEXED:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name}_search_key_trgm "
            f"ON {table} USING gin (search_key gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    """The extensions stay: other schemas in the database may use them."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for _, name in INDEXED:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}_search_key_trgm")


def fill_keys(apps, schema_editor):
    Film = apps.get_model("catalog", "Film")
    for film in Film.objects.prefetch_related("titles"):
        names = [film.title, film.original_title, *(t.title for t in film.titles.all())]
        Film.objects.filter(pk=film.pk).update(search_key=search_key(names))
    Festival = apps.get_model("catalog", "Festival")
    for festival in Festival.objects.all():
        key = search_key([festival.name, festival.city])
        Festival.objects.filter(pk=festival.pk).update(search_key=key)
    Source = apps.get_model("catalog", "Source")
    for source in Source.objects.all():
        key = search_key([source.title, source.container, *source.authors])
        Source.objects.filter(pk=source.pk).update(search_key=key)
    Person = apps.get_model("people", "Person")
    for person in Person.objects.prefetch_related("names"):
        names = [person.name, person.hangul_name, *(n.name for n in person.names.all())]
        Person.objects.filter(pk=person.pk).update(search_key=search_key(names))
    Studio = apps.get_model("coproductions", "Studio")
    for studio in Studio.objects.prefetch_related("names"):
        names = [studio.name, *(n.name for n in studio.names.all())]
        Studio.objects.filter(pk=studio.pk).update(search_key=search_key(names))


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_search_keys"),
        ("people", "0002_search_keys"),
        ("coproductions", "0002_search_keys"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]
