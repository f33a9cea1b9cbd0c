"""Search keys in the word-by-word format of catalog.search (typed words and Korean spellings).

The stored keys are derived data: this recomputes them for every existing record from the
names each model searches (as its ``search_names`` gives them). The trigram indexes of 0003
stay as they are: they index whatever text the key holds.
"""

from django.db import migrations

from catalog.search import search_key


def author_label(authors):
    """Source.author_label: "Chu, Karen" read as "Karen Chu"."""
    names = []
    for author in authors:
        family, _, given = author.partition(", ")
        names.append(f"{given} {family}".strip() if given else family)
    if len(names) > 2:
        return ", ".join(names[:-1]) + ", and " + names[-1]
    return " and ".join(names)


def store(model, records, names_of):
    for record in records:
        key = search_key(names_of(record))
        if key != record.search_key:
            model.objects.filter(pk=record.pk).update(search_key=key)


def recompute_keys(apps, schema_editor):
    Film = apps.get_model("catalog", "Film")
    Festival = apps.get_model("catalog", "Festival")
    Source = apps.get_model("catalog", "Source")
    Person = apps.get_model("people", "Person")
    Studio = apps.get_model("coproductions", "Studio")
    store(
        Film,
        Film.objects.prefetch_related("titles"),
        lambda f: [f.title, f.original_title, *(t.title for t in f.titles.all())],
    )
    store(Festival, Festival.objects.all(), lambda f: [f.name, f.city])
    store(
        Source,
        Source.objects.all(),
        lambda s: [s.title, s.container, *s.authors, author_label(s.authors)],
    )
    store(
        Person,
        Person.objects.prefetch_related("names"),
        lambda p: [p.name, p.hangul_name, *(n.name for n in p.names.all())],
    )
    store(
        Studio,
        Studio.objects.prefetch_related("names"),
        lambda s: [s.name, *(n.name for n in s.names.all())],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0009_m2m_history"),
        ("people", "0005_m2m_history"),
        ("coproductions", "0005_m2m_history"),
    ]

    operations = [migrations.RunPython(recompute_keys, migrations.RunPython.noop)]
