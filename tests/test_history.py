"""Every change is recorded; a curator sees diffs and restores versions, even of deleted records."""

import pytest
from django.urls import reverse

from catalog.models import Citation, Claim, Film, FilmTitle, Status
from curation.history import deleted_records, restore_deleted
from people.models import Credit
from tests import factories as f
from tests.admin_forms import form_data


@pytest.fixture
def film(db):
    source = f.SourceFactory(slug="essay")
    film = f.FilmFactory(slug="history-film", title="History Film", year=1985)
    f.cited(film, "year", source=source)
    title = FilmTitle.objects.create(film=film, title="역사", language="ko", kind="original")
    f.cited(title, source=source)
    person = f.PersonFactory(slug="a-director", name="A Director")
    credit = Credit.objects.create(film=film, person=person, role="director")
    f.cited(credit, source=source, quote="directed by a director")
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


def test_the_admin_history_page_reads_as_words_not_python(editor, film):
    film.countries.add(f.country("KP"), f.country("JP"))
    page = editor.get(reverse("admin:catalog_film_history", args=[film.pk]))
    text = " ".join(page.content.decode().split())
    assert "Production countries:</strong> — &nbsp;&rarr;&nbsp;&nbsp;Japan, North Korea" in text
    assert "None" not in text and "[]" not in text


def test_a_version_that_is_not_a_number_is_a_404(editor, film):
    url = reverse("admin:catalog_film_history", args=[film.pk]) + "abc/"
    assert editor.get(url).status_code == 404


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


def test_reverting_a_disputed_year_makes_its_claim_preferred_again(editor, film):
    from catalog.models import Rank

    first = film.history.earliest()
    old = film.preferred_claim("year")
    old.rank = Rank.NORMAL
    old.save()
    f.cited(film, "year", source=f.SourceFactory(slug="later"), value="1987")
    film.year = 1987
    film.save()
    url = reverse("admin:catalog_film_simple_history", args=[film.pk, first.history_id])
    data = form_data(editor.get(url).content.decode(), "historicalfilm_form")
    response = editor.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    film.refresh_from_db()
    assert film.year == 1985
    assert film.preferred_claim("year").value == "1985"
    assert {c.value: c.rank for c in film.claims_for("year")}["1987"] == Rank.NORMAL


def test_reverting_to_a_value_no_source_gives_is_refused_and_changes_nothing(editor, film):
    first = film.history.earliest()
    claim = film.preferred_claim("year")
    claim.value = "1986"
    claim.save()
    film.year = 1986
    film.save()
    claim.delete()  # only 1986 was ever cited; 1985 has no claim left
    f.cited(film, "year", source=f.SourceFactory(slug="atlas"), value="1986")
    url = reverse("admin:catalog_film_simple_history", args=[film.pk, first.history_id])
    response = editor.post(url, form_data(editor.get(url).content.decode(), "historicalfilm_form"))
    assert response.status_code == 200
    film.refresh_from_db()
    assert film.year == 1986 and film.preferred_claim("year").value == "1986"


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


def test_recent_changes_lists_published_edits_without_private_notes(db, client):
    film = f.FilmFactory(title="Bird", year=1992)
    film.synopsis = "An edited synopsis."
    film.save()
    draft = f.FilmFactory(title="Thaw", year=1985)
    draft.status = Status.DRAFT
    draft.save()
    text = client.get(reverse("front:recent_changes")).content.decode()
    assert "Bird (1992)" in text and "synopsis" in text
    assert "Thaw" not in text
    assert "editor" not in text


def test_recent_changes_name_the_fields_as_readers_know_them_in_fixed_queries(
    db, client, django_assert_max_num_queries
):
    italy = f.country("IT")
    with f.many():
        for film in f.FilmFactory.create_batch(12):
            film.runtime = 90
            film.save()
            film.countries.add(italy)  # an edit, not the lists the film was added with
    with django_assert_max_num_queries(16):
        text = client.get(reverse("front:recent_changes")).content.decode()
    assert "Production countries" in text and "Runtime" in text
    assert "Countries" not in text  # the field's name, not its attribute
    assert "<ins>Italy</ins>" in text and "<ins>90</ins>" in text  # the new values, named


def test_genre_and_country_changes_are_recorded(film):
    from catalog.models import Genre

    war = Genre.objects.create(slug="war", name="War")
    film.genres.add(war)
    film.countries.add(f.country("KP"))
    latest = film.history.first()
    assert [g.genre.slug for g in latest.genres.all()] == ["war"]
    assert [c.country.code for c in latest.countries.all()] == ["KP"]


def test_a_restored_film_gets_back_its_genres_and_countries(film):
    from catalog.models import Genre

    film.genres.add(Genre.objects.create(slug="war", name="War"))
    kp = f.country("KP")
    film.countries.add(kp)
    f.cited(film, "countries", source=f.SourceFactory(slug="atlas"))
    film_id = film.pk
    film.delete()
    restore_deleted(next(r for r in deleted_records(Film) if r.id == film_id))
    film = Film.objects.get(pk=film_id)
    assert [g.slug for g in film.genres.all()] == ["war"]
    assert film.claim_value("countries") == "KP"
    assert film.preferred_claim("countries").value == "KP"  # the claim and the list agree


def test_restoring_a_film_whose_address_was_taken_says_so_and_changes_nothing(editor, film):
    film_id = film.pk
    film.delete()
    f.FilmFactory(slug="history-film", title="A Newer Film")
    deleted = next(r for r in deleted_records(Film) if r.id == film_id)
    response = editor.post(
        reverse("admin:restore_record", args=["catalog.Film", deleted.history_id]), follow=True
    )
    assert response.status_code == 200
    assert "cannot come back as it was" in response.content.decode()
    assert not Film.objects.filter(pk=film_id).exists()
    assert Film.objects.get(slug="history-film").title == "A Newer Film"


def test_the_revert_form_shows_the_old_versions_genres(editor, film):
    from catalog.models import Genre
    from tests.admin_forms import form_data

    war, drama = (
        Genre.objects.create(slug="war", name="War"),
        Genre.objects.create(slug="drama", name="Drama"),
    )
    film.genres.add(war)
    with_war = film.history.first()
    film.genres.set([drama])
    url = reverse("admin:catalog_film_simple_history", args=[film.pk, with_war.history_id])
    data = form_data(editor.get(url).content.decode(), "historicalfilm_form")
    assert data["genres"] == str(war.pk)
    assert editor.post(url, data).status_code == 302
    assert [g.slug for g in film.genres.all()] == ["war"]


def test_the_films_history_names_the_rows_a_save_changed(editor, film):
    from tests.admin_forms import form_data, with_rows

    url = with_rows(reverse("admin:catalog_film_change", args=[film.pk]), "credits")
    data = form_data(editor.get(url).content.decode(), "film_form")
    data["credits-0-credited_as"] = "A Director"
    assert editor.post(url, data).status_code == 302
    assert film.history.first().history_change_reason == "changed 1 credit"
    page = editor.get(reverse("admin:catalog_film_history", args=[film.pk])).content.decode()
    assert "changed 1 credit" in page
    credit = film.credits.get()
    assert credit.history.first().credited_as == "A Director"  # the row's own history


def test_a_record_merged_into_another_is_not_offered_for_restore(editor, db):
    from curation.admin.people import PersonAdmin
    from curation.merging import merge
    from people.models import Person

    keep, dup = (
        f.PersonFactory(slug="kept-one", name="Kept One"),
        f.PersonFactory(slug="merged-one", name="Merged One"),
    )
    dup_id = dup.pk
    merge(keep, dup, PersonAdmin.merge_name_variant)
    assert not [r for r in deleted_records(Person) if r.id == dup_id]
    historical = Person.history.filter(id=dup_id, history_type="-").get()
    response = editor.post(
        reverse("admin:restore_record", args=["people.Person", historical.history_id]),
        follow=True,
    )
    assert "was merged into Kept One" in response.content.decode()
    assert not Person.objects.filter(pk=dup_id).exists()


def test_the_deleted_records_page_costs_no_more_queries_for_more_deleted_rows(editor, film):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        editor.get(reverse("admin:deleted_records"))
        with CaptureQueriesContext(connection) as captured:
            assert editor.get(reverse("admin:deleted_records")).status_code == 200
        return len(captured)

    film.titles.get().delete()
    one = queries()
    for n in range(5):
        FilmTitle.objects.create(film=film, title=f"T{n}", language="en", kind="alternative")
    FilmTitle.objects.filter(film=film).delete()
    assert queries() == one
