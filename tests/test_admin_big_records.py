"""Big records fast: a record's admin page shows its rows (claims, titles, credits, partners…)
as tables, each row linking to its own page, until a kind is opened as forms; opening the
page and saving it cost the same number of queries whatever the record holds, for an Editor
and for a Curator whose save waits for review."""

import re

import pytest
from django.urls import reverse

from catalog.models import FilmTitle, Status
from curation.models import Review
from people.models import Credit
from tests import factories as f
from tests.admin_forms import change_url, form_data, sign_in, with_rows
from tests.test_film_page import large_film


@pytest.fixture
def films(db):
    """A published film with one row of each kind, and one with 30 of each (and 30 partners),
    every fact and row cited, two of its facts disputed."""
    source = f.SourceFactory()
    small, large = large_film(source, size=1), large_film(source, size=30)
    for film in (small, large):
        film.status = Status.PUBLISHED
        film.save()
    return small, large


def test_rows_are_tables_each_linking_to_its_own_page(client, films):
    _, film = films
    sign_in(client, "Curator")
    page = client.get(change_url(film)).content.decode()
    credit = film.credits.select_related("person").order_by("pk").first()
    assert 'name="credits-0-credited_as"' not in page  # no form for a saved row
    summary = re.search(r'id="credits-summary".*?</section>', page, re.S).group(0)
    assert "Credits (30)" in summary
    assert credit.person.name in summary
    assert f'href="{change_url(credit)}"' in summary
    assert "Tester" in summary  # its citation, named by its source
    assert "Edit these 30 here" in summary
    assert 'id="id_credits-TOTAL_FORMS"' in page  # new credits are still added here

    opened = client.get(with_rows(change_url(film), "credits")).content.decode()
    assert 'name="credits-29-credited_as"' in opened
    assert 'id="credits-summary"' not in opened
    assert 'id="titles-summary"' in opened  # the other kinds stay tables


def test_a_table_of_more_than_a_hundred_rows_links_to_all_of_them(client, films):
    _, film = films
    FilmTitle.objects.bulk_create(
        FilmTitle(film=film, title=f"Extra title {n}", language="en", kind="alternative")
        for n in range(80)
    )
    sign_in(client, "Curator")
    page = client.get(change_url(film)).content.decode()
    summary = re.search(r'id="titles-summary".*?</section>', page, re.S).group(0)
    assert "Film titles (110)" in summary and summary.count('class="rows-edit"') == 100
    listed = re.search(r'The first 100 of 110: <a href="([^"]+)"', summary).group(1)
    titles = client.get(listed.replace("&amp;", "&")).content.decode()
    assert "110 film titles" in titles


def test_a_co_production_on_the_page_leaves_no_room_for_a_second(client, films):
    _, film = films
    sign_in(client, "Editor")
    page = client.get(change_url(film)).content.decode()
    assert form_data(page, "film_form")["coproduction-MAX_NUM_FORMS"] == "0"  # no “Add another”
    partners = re.search(r'id="coproduction-summary".*?</section>', page, re.S).group(0)
    assert partners.count("<b>partner</b>") == 30


# Opening a film's page and saving it: the same bounds for one row of each kind and for 30.
# (A Curator's save is tried, compared with the film before it and rolled back.)
OPEN_QUERIES, SAVE_QUERIES = 40, 120  # the search index: three tables rebuilt per save


@pytest.mark.parametrize("role", ["Editor", "Curator"])
def test_opening_and_saving_a_film_costs_the_same_whatever_its_rows(
    client, films, role, django_assert_max_num_queries
):
    sign_in(client, role)
    for film in films:
        url = change_url(film)
        client.get(url)  # content types and permissions cached, as in a running server
        with django_assert_max_num_queries(OPEN_QUERIES):
            page = client.get(url)
        data = form_data(page.content.decode(), "film_form")
        data["synopsis"] = "Changed on a big page."
        with django_assert_max_num_queries(SAVE_QUERIES):
            response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        film.refresh_from_db()
        if role == "Editor":
            assert film.synopsis == "Changed on a big page."
        else:  # held for review, the page unchanged
            assert film.synopsis == ""
            assert Review.objects.about(film).pending().get().diff[0]["what"] == "synopsis"


def test_publishing_a_film_from_its_page_costs_the_same_whatever_its_rows(
    editor, films, django_assert_max_num_queries
):
    for film in films:
        film.status = Status.DRAFT
        film.save()
        url = change_url(film)
        data = form_data(editor.get(url).content.decode(), "film_form")
        data.update(status=Status.PUBLISHED, confirm_publish="on")
        with django_assert_max_num_queries(SAVE_QUERIES):
            assert editor.post(url, data).status_code == 302
        film.refresh_from_db()
        assert film.status == Status.PUBLISHED


def test_a_curators_change_to_an_opened_row_waits_and_is_applied_on_acceptance(client, films):
    film, _ = films
    url = with_rows(change_url(film), "credits")
    sign_in(client, "Curator")
    data = form_data(client.get(url).content.decode(), "film_form")
    data["credits-0-credited_as"] = "As credited"
    assert client.post(url, data).status_code == 302
    credit = Credit.objects.get(pk=data["credits-0-id"])
    assert credit.credited_as == ""  # waits
    review = Review.objects.about(film).pending().get()

    sign_in(client, "Editor")
    client.post(reverse("admin:review_accept", args=[review.pk]))
    credit.refresh_from_db()
    assert credit.credited_as == "As credited"
    latest = credit.history.first()  # the row's history names its author and the editor
    assert latest.history_user.username == "curator"
    assert "accepted by editor" in latest.history_change_reason
