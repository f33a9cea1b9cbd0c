"""Every change is recorded; a curator sees diffs and restores versions, even of deleted records."""

import pytest
from django.urls import reverse

from catalog.history import deleted_records, restore_deleted
from catalog.models import Citation, Claim, Film, FilmTitle, Status
from people.models import Credit
from tests import factories


@pytest.fixture
def film(empty_catalogue):
    source = factories.source("essay")
    film = factories.film("history-film", title="History Film", year=1985)
    factories.claim(film, "year", source=source)
    title = FilmTitle.objects.create(film=film, title="역사", language="ko", kind="original")
    factories.claim(title, source=source)
    person = factories.person("a-director")
    credit = Credit.objects.create(film=film, person=person, role="director")
    factories.claim(credit, source=source, quote="directed by a director")
    return film


def test_every_save_is_recorded_with_what_changed(film):
    film.synopsis = "A new synopsis."
    film.save()
    latest, previous = film.history.all()[:2]
    changes = latest.diff_against(previous).changes
    assert {change.field for change in changes} >= {"synopsis"}


def test_the_admin_history_page_shows_the_diff(editor, film):
    film.synopsis = "A new synopsis."
    film.save()
    page = editor.get(reverse("admin:catalog_film_history", args=[film.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "synopsis" in text.lower()


def test_an_earlier_version_can_be_restored_from_the_admin(editor, film):
    first = film.history.earliest()
    film.synopsis = "Vandalised."
    film.save()
    url = reverse("admin:catalog_film_simple_history", args=[film.pk, first.history_id])
    page = editor.get(url)
    assert page.status_code == 200
    film.refresh_from_db()
    first.instance.save()  # what the Revert button does
    film.refresh_from_db()
    assert film.synopsis == ""


def test_a_deleted_film_comes_back_with_its_titles_credits_claims_and_citations(film):
    counts = (
        FilmTitle.objects.count(),
        Credit.objects.count(),
        Claim.objects.count(),
        Citation.objects.count(),
    )
    film_id = film.pk
    film.delete()
    assert not Film.objects.filter(slug="history-film").exists()
    assert Claim.objects.count() < counts[2]
    deleted = next(r for r in deleted_records(Film) if r.id == film_id)
    restored = restore_deleted(deleted)
    film = Film.objects.get(slug="history-film")
    assert restored[0] == film
    assert (
        FilmTitle.objects.count(),
        Credit.objects.count(),
        Claim.objects.count(),
        Citation.objects.count(),
    ) == counts
    assert film.credits.get().claims.get().citations.get().quote == "directed by a director"
    assert film_id not in {r.id for r in deleted_records(Film)}


def test_the_admin_lists_deleted_records_and_restores_them(editor, film):
    film_id = film.pk
    film.delete()
    page = editor.get(reverse("admin:deleted_records")).content.decode()
    assert "History Film" in page
    deleted = next(r for r in deleted_records(Film) if r.id == film_id)
    response = editor.post(
        reverse("admin:restore_record", args=["catalog.Film", deleted.history_id])
    )
    assert response.status_code == 302
    assert Film.objects.get(slug="history-film").titles.count() == 1


def test_recent_changes_lists_published_edits_without_private_notes(curated, client):
    film = Film.objects.get(slug="bird")
    film.synopsis = "An edited synopsis."
    film.save()
    draft = Film.objects.get(slug="thaw")
    draft.status = Status.DRAFT
    draft.save()
    text = client.get(reverse("recent_changes")).content.decode()
    assert "Bird (1992)" in text and "synopsis" in text
    assert "Thaw" not in text
    assert "editor" not in text


def test_genre_and_country_changes_are_recorded(film):
    from catalog.models import Genre
    from tests import factories as make

    war = Genre.objects.create(slug="war", name="War")
    film.genres.add(war)
    film.countries.add(make.country("KP"))
    latest = film.history.first()
    assert [g.genre.slug for g in latest.genres.all()] == ["war"]
    assert [c.country.code for c in latest.countries.all()] == ["KP"]
