"""Migrations are committed, and run backwards and forwards on this database."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command


def test_no_model_change_lacks_a_migration(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_migrations_unapply_and_reapply():
    for app in ("coproductions", "people", "catalog"):
        call_command("migrate", app, "zero", verbosity=0)
    call_command("migrate", verbosity=0)
    ContentType.objects.clear_cache()  # earlier flushes recreated them with new ids
    from catalog.models import Film
    from tests.factories import FilmFactory, cited

    cited(FilmFactory(slug="after-migrating", year=1986), "year")  # every table takes rows
    assert Film.objects.citation_needed().get().slug == "after-migrating"  # the title, kind
