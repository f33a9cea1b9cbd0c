"""Exact restore: what comes back with a deleted record is what its delete removed (a batch
id recorded with the history), not whatever was deleted around the same second."""

from django.urls import reverse

from catalog.models import Citation, Claim, Film, FilmTitle
from curation.history import deleted_records, restore_deleted
from curation.models import DeletionBatch
from people.models import Credit
from tests import factories as f
from tests.conftest import user_in
from tests.test_history import film  # noqa: F401 - the fixture


def test_a_row_deleted_on_its_own_just_before_does_not_come_back_with_the_record(film):  # noqa: F811
    extra = FilmTitle.objects.create(
        film=film, title="Removed on purpose", language="en", kind="literal"
    )
    f.cited(extra)
    extra.delete()  # an editor removes a wrong title, then, a second later, the whole film
    film_id = film.pk
    film.delete()
    restore_deleted(next(r for r in deleted_records(Film) if r.id == film_id))
    restored = Film.objects.get(pk=film_id)
    assert list(restored.titles.values_list("title", flat=True)) == ["역사"]
    assert restored.credits.get().claims.get().citations.get().quote == "directed by a director"
    wrong = next(
        r
        for r in deleted_records(FilmTitle, parents_must_exist=True)
        if r.title == "Removed on purpose"
    )
    assert wrong is not None  # still offered on its own, to restore if it was a mistake


def test_every_row_a_delete_removes_shares_one_batch(film):  # noqa: F811
    rows = 1 + FilmTitle.objects.count() + Credit.objects.count() + Claim.objects.count()
    rows += Citation.objects.count()
    film.delete()
    batches = set(DeletionBatch.objects.values_list("batch", flat=True))
    assert len(batches) == 1
    assert DeletionBatch.objects.count() == rows


def test_two_films_deleted_in_one_bulk_action_come_back_one_at_a_time(db, client):
    client.force_login(user_in("Editor"))
    first, second = f.FilmFactory(slug="first"), f.FilmFactory(slug="second")
    for record in (first, second):
        FilmTitle.objects.create(
            film=record, title=f"{record.slug} title", language="en", kind="literal"
        )
    client.post(
        reverse("admin:catalog_film_changelist"),
        {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"},
    )
    assert not Film.objects.exists()
    restore_deleted(next(r for r in deleted_records(Film) if r.slug == "first"))
    assert list(FilmTitle.objects.values_list("title", flat=True)) == ["first title"]
