"""The film list and a source's page as a first-time reader meets them: cards that say who
made a film and where, a table that sorts, facets that show all their values, "any of";
a source's records in pages, each with the passages it rests on."""

import re

import pytest
from django.urls import reverse

from catalog.models import Source
from front.views.sources import RECORDS_PER_PAGE
from tests import factories as f


def films(client, **params):
    response = client.get(reverse("front:film_list"), params)
    assert response.status_code == 200
    return response.content.decode()


def card(page, title):
    start = page.index(f">{title}</a>")
    return page[start : page.index("</li>", start)]


def test_a_card_names_directors_countries_and_a_dispute(world, client):
    page = films(client)
    pulgasari = card(page, "Pulgasari")
    assert "Directed by Shin Sang-ok" in pulgasari
    assert "North Korea" in pulgasari
    emissary = card(page, "An Emissary Unreturned")
    assert 'class="marker-disputed"' in emissary  # its genres are disputed
    assert 'class="marker-disputed"' not in card(page, "Bird")


def test_the_table_view_sorts_by_its_column_headings(world, client):
    page = films(client, view="table", sort="-year")
    table = page[page.index('<table class="data stacked film-table">') :]
    assert 'aria-sort="descending"' in table
    year_link = re.search(r'<th scope="col" aria-sort="descending"><a href="\?([^"]+)"', table)
    assert "sort=year" in year_link.group(1) and "view=table" in year_link.group(1)
    years = [int(y) for y in re.findall(r'<td data-label="Year">(\d{4})', table)]
    assert years == sorted(years, reverse=True) and len(years) > 3


def test_a_long_facet_offers_all_its_values_and_a_filter_box(world, client):
    people = f.PersonFactory.create_batch(20)
    film = f.FilmFactory(title="Crowded Film", year=1990)
    for person in people:
        f.CreditFactory(film=film, person=person, role="actor")
    page = films(client)
    person = page[page.index('id="facet-box-person"') :]
    person = person[: person.index("</section>")]
    shown = len(re.findall(r"<li ", person))
    total = int(re.search(r"Show all (\d+)", person).group(1))
    assert shown == 15 and total > 20
    more = re.search(r'class="facet-more"><a href="\?([^"#]+)', person).group(1)
    everyone = films(client, **dict(pair.split("=") for pair in more.split("&")))
    person = everyone[everyone.index('id="facet-box-person"') :]
    person = person[: person.index("</section>")]
    assert len(re.findall(r"<li ", person)) == total
    assert "data-facet-filter" in person and "Show the most frequent only" in person


def test_a_facet_shown_in_full_offers_its_most_frequent_only_when_that_is_fewer(world, client):
    page = films(client, more="studio")  # the test world has fewer than 15 studios
    studio = page[page.index('id="facet-box-studio"') :]
    studio = studio[: studio.index("</section>")]
    assert len(re.findall(r"<li ", studio)) <= 15
    assert "Show the most frequent only" not in studio and "Show all" not in studio


def test_a_value_repeated_in_the_address_is_asked_once(world, client):
    page = films(client, decade=["1980", "1980"])
    decade = page[page.index('id="facet-box-decade"') :]
    decade = decade[: decade.index("</section>")]
    assert decade.count("1980s") == 1
    assert page.count(">Decade: 1980s ") == 1 and "(any of)" not in page  # one chip


def test_two_values_of_one_facet_say_any_of(world, client):
    page = films(client, country=["JP", "KP"])
    country = page[page.index('id="facet-country"') :]
    assert "any of these" in country[: country.index("</h3>")]
    assert "Production or partner country (any of): Japan" in page
    one = films(client, country="JP")
    assert "any of these" not in one and "(any of)" not in one


def test_the_film_list_runs_a_fixed_number_of_queries(world, client, django_assert_num_queries):
    films(client, country="JP", view="table", more="person")  # warm
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        films(client, country="JP", view="table", more="person")
    japan = f.country("JP")
    director = f.PersonFactory()
    for n in range(12):
        film = f.FilmFactory(title=f"More {n}", year=1990, countries=[japan])
        film.credits.create(person=director, role="director")
    with django_assert_num_queries(len(before)):
        films(client, country="JP", view="table", more="person")


@pytest.mark.parametrize(
    "url, blank",
    [
        ("front:person_list", "any role"),
        ("front:studio_list", "any country"),
        ("front:source_list", "any kind"),
    ],
)
def test_list_filters_offer_a_worded_blank_choice(world, client, url, blank):
    page = client.get(reverse(url)).content.decode()
    assert "---------" not in page and blank in page


def test_a_page_with_its_own_search_hides_the_headers_on_a_phone(world, client):
    people = client.get(reverse("front:person_list")).content.decode()
    assert '<body class="own-search">' in people
    film = client.get(reverse("front:film_detail", args=["thaw"])).content.decode()
    assert "<body>" in film and 'id="header-q"' in film


def test_a_source_page_groups_each_records_citations_by_passage(world, client):
    essay = Source.objects.get(slug="coproductions-essay")
    page = client.get(essay.get_absolute_url()).content.decode()
    thaw = page[page.index('<details class="cited-record" id="film-thaw">') :]
    thaw = thaw[: thaw.index("</details>")]
    passages = re.findall(r"<li><span class=\"locator\">", thaw)
    supports = re.findall(r'<span class="supported">', thaw)
    assert 0 < len(passages) < len(supports)  # several facts rest on one passage
    assert "supports:" in thaw


def test_a_long_source_page_comes_in_pages_and_its_index_reaches_every_record(world, client):
    essay = Source.objects.get(slug="coproductions-essay")
    for n in range(RECORDS_PER_PAGE + 5):
        f.cited(f.FilmFactory(title=f"Zz Film {n:02}", year=1990), "year", source=essay)
    first = client.get(essay.get_absolute_url()).content.decode()
    assert first.count('<details class="cited-record"') == RECORDS_PER_PAGE
    start = first.index('class="record-index"')
    index = first[start : first.index("</nav>", start)]
    later = re.search(r'href="\?page=(\d+)#film-zz-film-24"', index)
    assert later, "a record on a later page is linked with its page"
    second = client.get(essay.get_absolute_url(), {"page": later.group(1)}).content.decode()
    assert 'id="film-zz-film-24"' in second
    bad = client.get(essay.get_absolute_url(), {"page": "99"})
    assert bad.status_code == 400 and "the pages go from 1 to" in bad.content.decode()


def test_a_source_page_runs_a_fixed_number_of_queries(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    essay = Source.objects.get(slug="coproductions-essay")

    def cite_films(numbers):
        for n in numbers:
            film = f.FilmFactory(title=f"Cited {n:02}", year=1990, countries=[f.country("JP")])
            f.cited(film, "year", source=essay)
            f.cited(film, "countries", source=essay, locator="p. 2")

    cite_films(range(3))
    with CaptureQueriesContext(connection) as before:
        client.get(essay.get_absolute_url())
    cite_films(range(3, 30))
    with CaptureQueriesContext(connection) as after:
        client.get(essay.get_absolute_url(), {"page": 2})
    assert len(after) == len(before)


def test_the_any_of_hint_is_said_once_under_a_facet_with_one_value_chosen(db, client):
    with f.many():
        f.FilmFactory(title="Hint A", kind="feature")
        f.FilmFactory(title="Hint B", kind="documentary")
    page = client.get("/films/", {"kind": "feature"}).content.decode()
    assert page.count("Choose another to see films with any of them.") == 1
    both = client.get("/films/", {"kind": ["feature", "documentary"]}).content.decode()
    assert "Choose another to see films with any of them." not in both
