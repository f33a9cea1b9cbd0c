"""The source picker: accent-insensitive, ranked by match then by use, full titles shown;
a source's authors typed one per line. Runs on SQLite and on PostgreSQL."""

import re

import pytest
from django.urls import reverse

from catalog.models import Source
from tests import factories as f
from tests.admin_forms import form_data
from tests.conftest import user_in


@pytest.fixture
def picker(db, client):
    client.force_login(user_in("Curator"))

    def pick(term):
        answer = client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "catalog",
                "model_name": "citation",
                "field_name": "source",
                "term": term,
            },
        )
        assert answer.status_code == 200
        return [r["text"] for r in answer.json()["results"]]

    pick.client = client
    return pick


def cited_times(source, times):
    claim = f.cited(f.FilmFactory(), "title", source=source)
    for n in range(1, times):
        f.CitationFactory(claim=claim, source=source, locator=f"p. {n}")


@pytest.fixture
def sources(db):
    essay = f.SourceFactory(
        slug="schonherr-coproductions",
        title="North Korea's International Movie Co-Productions, 1985-2012: A Very Long Title",
        authors=["Schönherr, Johannes"],
        container="Acta Koreana",
        date="2012",
    )
    book = f.SourceFactory(
        slug="schonherr-book",
        title="North Korean Cinema: A History",
        authors=["Schönherr, Johannes"],
    )
    other = f.SourceFactory(slug="schonherrs-note", title="On Schönherr", authors=["Kim, Ann"])
    cited_times(essay, 5)
    cited_times(book, 1)
    return essay, book, other


def test_typing_without_the_umlaut_finds_the_author(picker, sources):
    assert len(picker("Schonherr")) == 3
    assert picker("schönherr") == picker("Schonherr")


def test_the_most_cited_of_equal_matches_comes_first_and_titles_are_whole(picker, sources):
    found = picker("Schönherr")
    assert found[0] == (
        "Johannes Schönherr “North Korea's International Movie Co-Productions, 1985-2012: A Very "
        "Long Title” (Acta Koreana, 2012) · cited 5 times"
    )
    assert found[1].startswith("Johannes Schönherr “North Korean Cinema: A History”")
    assert "cited 0 times" in found[2]


def test_a_title_match_ranks_by_how_well_it_matches(picker, sources):
    assert picker("North Korean Cinema")[0].startswith("Johannes Schönherr “North Korean Cinema")


def test_a_source_is_found_by_its_slug_or_id(picker, sources):
    essay = sources[0]
    assert len(picker("schonherr-b")) == 1
    assert picker(str(essay.pk))[0].startswith("Johannes Schönherr “North Korea's International")


def test_the_picker_costs_the_same_queries_for_many_sources(
    picker, db, django_assert_max_num_queries
):
    for n in range(30):
        f.SourceFactory(slug=f"kim-{n}", title=f"Kim volume {n}", authors=["Kim, Il"])
    with django_assert_max_num_queries(8):
        assert len(picker("Kim")) == 20  # a page


def test_authors_are_typed_one_per_line(picker, db):
    client = picker.client
    page = client.get(reverse("admin:catalog_source_add"))
    data = form_data(page.content.decode(), "source_form")
    data.update(
        slug="two-authors",
        kind="book",
        title="A Book by Two",
        authors="Shin, Sang-ok\n\n  Choi, Eun-hee  \n",
    )
    response = client.post(reverse("admin:catalog_source_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    source = Source.objects.get(slug="two-authors")
    assert source.authors == ["Shin, Sang-ok", "Choi, Eun-hee"]
    shown = client.get(reverse("admin:catalog_source_change", args=[source.pk])).content.decode()
    box = re.search(r'<textarea name="authors"[^>]*>(.*?)</textarea>', shown, re.S).group(1)
    assert box.strip() == "Shin, Sang-ok\nChoi, Eun-hee"  # never JSON


def test_a_source_saved_again_unchanged_keeps_its_authors(picker, sources):
    client = picker.client
    essay = sources[0]
    url = reverse("admin:catalog_source_change", args=[essay.pk])
    data = form_data(client.get(url).content.decode(), "source_form")
    assert client.post(url, data).status_code == 302
    essay.refresh_from_db()
    assert essay.authors == ["Schönherr, Johannes"]
