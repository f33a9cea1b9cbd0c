"""No lost updates: a record's version moves forward in the database, and a save that would
overwrite someone else's change to the record or to one of its rows (a credit, a claim, a
citation) is refused with what changed, keeping the curator's input."""

import threading

import pytest
from django.contrib.auth.models import User
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from catalog.models import Citation, Film, Status, VersionConflict
from people.models import Credit
from tests import factories as f
from tests.admin_forms import form_data, with_rows
from tests.conftest import user_in


@pytest.fixture
def film(db):
    """A draft film with one cited credit."""
    source = f.SourceFactory(slug="essay", title="The essay")
    film = f.FilmFactory(slug="locked-film", title="Locked Film", year=1985, status=Status.DRAFT)
    f.cited(film, "year", source=source)
    credit = Credit.objects.create(
        film=film,
        person=f.PersonFactory(slug="a-lead", name="A Lead", status=Status.DRAFT),
        role="actor",
    )
    f.cited(credit, source=source, locator="p. 3")
    return film


def url_of(obj, *kinds):
    """The object's admin page, with these kinds of row opened as forms."""
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return with_rows(url, *kinds) if kinds else url


def open_form(client, obj, *kinds):
    page = client.get(url_of(obj, *kinds)).content.decode()
    return form_data(page, f"{obj._meta.model_name}_form")


def as_user(client, name):
    """The client, signed in as curator ``name``."""
    client.force_login(User.objects.filter(username=name).first() or user_in("Curator", name))
    return client


def test_a_revert_moves_the_version_forward_and_a_form_opened_before_it_is_refused(editor, film):
    first = film.history.earliest()
    for synopsis in ("One.", "Two.", "Three."):
        film.synopsis = synopsis
        film.save()
    film.refresh_from_db()
    stale = open_form(editor, film)
    highest = film.version

    url = reverse("admin:catalog_film_simple_history", args=[film.pk, first.history_id])
    revert = form_data(editor.get(url).content.decode(), "historicalfilm_form")
    assert editor.post(url, revert).status_code == 302
    film.refresh_from_db()
    assert film.synopsis == "" and film.version == highest + 1

    stale["synopsis"] = "Written over the revert."
    response = editor.post(url_of(film), stale)
    assert "Someone else saved this film while you were editing it" in response.content.decode()
    film.refresh_from_db()
    assert film.synopsis == ""


def test_a_save_that_expects_a_replaced_version_is_refused(film):
    seen = film.version
    Film.objects.get(pk=film.pk).save()
    film.synopsis = "Stale."
    with pytest.raises(VersionConflict):
        film.save(expected_version=seen)
    film.refresh_from_db()
    assert film.synopsis == ""


def test_after_a_refusal_fields_left_alone_show_the_saved_values(client, film):
    mine, theirs = open_form(as_user(client, "a"), film), open_form(as_user(client, "b"), film)
    mine["runtime"] = "87"
    assert as_user(client, "a").post(url_of(film), mine).status_code == 302

    theirs["synopsis"] = "B's synopsis."
    refused = as_user(client, "b").post(url_of(film), theirs)
    shown = form_data(refused.content.decode(), "film_form")
    assert shown["runtime"] == "87" and shown["synopsis"] == "B's synopsis."

    assert client.post(url_of(film), shown).status_code == 302  # saved again, after review
    film.refresh_from_db()
    assert (film.runtime, film.synopsis) == (87, "B's synopsis.")


def test_a_credit_changed_on_the_person_page_is_not_overwritten_from_the_film_page(client, film):
    credit = film.credits.get()
    on_film = open_form(as_user(client, "a"), film, "credits")
    on_person = open_form(as_user(client, "b"), credit.person, "credits")
    on_person["credits-0-credited_as"] = "A. Lead"
    assert client.post(url_of(credit.person, "credits"), on_person).status_code == 302

    on_film["credits-0-credited_as"] = "Lead, A."
    refused = as_user(client, "a").post(url_of(film, "credits"), on_film)
    text = refused.content.decode()
    assert "Someone else saved this credit while you were editing it" in text
    assert "Someone else changed this to “A. Lead” meanwhile" in text
    credit.refresh_from_db()
    assert credit.credited_as == "A. Lead"

    again = form_data(text, "film_form")
    assert again["credits-0-credited_as"] == "Lead, A."  # the curator's input is kept
    assert client.post(url_of(film, "credits"), again).status_code == 302
    credit.refresh_from_db()
    assert credit.credited_as == "Lead, A."


@pytest.mark.parametrize("opened", [(), ("credits",)], ids=["rows-as-tables", "credits-opened"])
def test_rows_left_alone_do_not_undo_a_change_made_on_the_rows_own_page(client, film, opened):
    credit = film.credits.get()
    on_film = open_form(as_user(client, "a"), film, *opened)
    on_credit = open_form(as_user(client, "b"), credit)
    on_credit["character"] = "the hero"
    assert client.post(url_of(credit), on_credit).status_code == 302

    on_film["synopsis"] = "A's synopsis."
    assert as_user(client, "a").post(url_of(film, *opened), on_film).status_code == 302
    credit.refresh_from_db()
    assert credit.character == "the hero"


def test_a_citation_changed_on_its_own_page_is_not_overwritten_from_the_film_page(client, film):
    citation = Citation.objects.get(claim__field="year")
    on_film = open_form(as_user(client, "a"), film, "claims-and-citations")
    on_citation = open_form(as_user(client, "b"), citation)
    on_citation["locator"] = "p. 12"
    assert client.post(url_of(citation), on_citation).status_code == 302

    key = next(k for k, v in on_film.items() if k.endswith("citations-0-locator") and v == "p. 1")
    on_film[key] = "p. 13"
    refused = as_user(client, "a").post(url_of(film, "claims-and-citations"), on_film)
    assert "Someone else saved this citation while you were editing it" in refused.content.decode()
    citation.refresh_from_db()
    assert citation.locator == "p. 12"


@pytest.mark.parametrize(
    "tamper",
    [
        {"seen": "{not json", "edit_version": "0"},
        {"seen": None, "edit_version": None},
        {"edit_version": None},
    ],
    ids=["broken-seen-and-stale-version", "both-missing", "version-missing"],
)
def test_a_form_that_does_not_say_what_it_showed_is_refused_not_an_error(editor, film, tamper):
    data = open_form(editor, film)
    for name, value in tamper.items():
        if value is None:
            data.pop(name)
        else:
            data[name] = value
    data["synopsis"] = "Changed."
    response = editor.post(url_of(film), data)
    assert response.status_code == 200
    assert "while you were editing" in response.content.decode() or (
        "does not say which saved values" in response.content.decode()
    )
    film.refresh_from_db()
    assert film.synopsis == ""


def test_a_row_deleted_meanwhile_is_explained_not_an_error(editor, film):
    data = open_form(editor, film, "credits")
    film.credits.get().delete()
    data["credits-0-credited_as"] = "Too late"
    response = editor.post(url_of(film, "credits"), data)
    assert response.status_code == 200
    assert "Someone else deleted 1 of these credits while you were editing" in (
        response.content.decode()
    )


def test_after_a_row_deleted_meanwhile_saving_the_page_again_keeps_the_rest(editor, film):
    data = open_form(editor, film, "credits")
    film.credits.get().delete()
    data["credits-0-credited_as"] = "Too late"
    data["synopsis"] = "Kept through the refusal."
    refused = editor.post(url_of(film, "credits"), data)
    again = form_data(refused.content.decode(), "film_form")
    response = editor.post(url_of(film, "credits"), again)
    assert response.status_code == 302
    film.refresh_from_db()
    assert film.synopsis == "Kept through the refusal."
    assert not film.credits.exists()


def test_sqlite_takes_the_write_lock_when_a_transaction_begins():
    if connection.vendor != "sqlite":
        pytest.skip("an SQLite setting")
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_give_one_save_and_one_refusal():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("needs a database that other connections share (a file, or PostgreSQL)")
    film = f.FilmFactory(title="Raced Over", year=1990, status=Status.DRAFT)  # uncited
    clients = []
    for name in ("first", "second"):
        client = Client()
        client.force_login(user_in("Curator", name))
        clients.append((client, open_form(client, film)))
    results = []

    def save(client, data, synopsis):
        try:
            results.append(client.post(url_of(film), {**data, "synopsis": synopsis}).status_code)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [
        threading.Thread(target=save, args=(client, data, f"By {n}."))
        for n, (client, data) in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [200, 302]


def test_two_curators_correcting_one_source_do_not_overwrite_each_other(client, film):
    # a draft: curators' changes to a published source wait for review (test_review.py)
    source = f.SourceFactory(slug="a-second-essay", title="A second essay", status=Status.DRAFT)
    mine, theirs = open_form(as_user(client, "a"), source), open_form(as_user(client, "b"), source)
    theirs["publisher"] = "McFarland"
    assert as_user(client, "b").post(url_of(source), theirs).status_code == 302
    mine["publisher"] = "Headpress"
    response = as_user(client, "a").post(url_of(source), mine)
    assert "Someone else saved this source while you were editing it" in response.content.decode()
    source.refresh_from_db()
    assert source.publisher == "McFarland"
