"""People, studios, festivals, sources and the co-productions story, as visitors see them, on
the test world (``tests/world.py``) and what each test adds."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import (
    Claim,
    Country,
    Festival,
    FestivalEdition,
    FestivalEntry,
    Film,
    Rank,
    Source,
    Status,
)
from coproductions.models import Studio
from people.models import Person
from tests import factories as f
from tests.drafts import SECRETS, draft_film_made_by, drafts_on, unpublish


def html(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def text_of(page):
    """The words a visitor reads: tags dropped, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def jsonld(text):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    return json.loads(match.group(1))


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def essay():
    return Source.objects.get(slug="coproductions-essay")


# -- person -----------------------------------------------------------------------------


def test_person_page_shows_names_filmography_collaborators_and_studios(world, client):
    text = html(client, reverse("front:person_detail", args=["rim-chang-bom"]))
    assert "Rim Chang Bom" in text  # the spelling the essay prints, as a cited variant
    assert reverse("front:film_detail", args=["thaw"]) in text
    assert "Frequent collaborators" in text
    assert reverse("front:person_detail", args=["ko-hak-rim"]) in text
    assert reverse("front:studio_detail", args=["chongryon-film-studio"]) in text
    assert jsonld(text)["@type"] == "Person"


def test_a_role_whose_only_film_is_a_draft_gets_no_heading_in_the_filmography(world, client):
    draft_film_made_by(people=["rim-chang-bom"])
    text = text_of(html(client, reverse("front:person_detail", args=["rim-chang-bom"])))
    assert "Director" in text
    assert "Writer" not in text
    assert "A Draft Film" not in text


def test_a_filmography_lists_undated_films_after_the_dated_ones(world, client):
    text = text_of(html(client, reverse("front:person_detail", args=["rim-chang-bom"])))
    directed = text[text.index("Filmography Director") :]
    assert directed.index("Bird") < directed.index("An Ambitious Girl")
    assert "year unknown · An Ambitious Girl" in directed


def test_the_romanization_column_appears_only_when_a_name_states_one(world, client):
    person = Person.objects.get(slug="rim-chang-bom")
    url = reverse("front:person_detail", args=[person.slug])
    person.names.update(romanization="")
    assert "Romanization" not in html(client, url)
    person.names.filter(pk=person.names.first().pk).update(romanization="mr")
    assert "McCune–Reischauer" in html(client, url)


# -- studio -----------------------------------------------------------------------------


def test_studio_page_shows_films_people_and_partners(world, client):
    text = html(client, reverse("front:studio_detail", args=["korean-film-studio"]))
    assert reverse("front:film_detail", args=["eternal-comrades-in-arms"]) in text
    assert "People who worked with it" in text
    assert reverse("front:studio_detail", args=["mosfilm"]) in text  # a partner studio
    assert "Soviet Union" in text  # a partner country
    assert jsonld(text)["@type"] == "Organization"


def partners_section(client, slug):
    text = text_of(html(client, reverse("front:studio_detail", args=[slug])))
    start = text.index("Partners Studios")
    return text[start : text.index("Sources", start)]


def test_a_studios_partner_countries_are_the_other_side_not_its_own(world, client):
    korean = partners_section(client, "korean-film-studio")
    countries = korean[korean.index("Countries") :]
    assert "Soviet Union 2 films" in countries
    assert "North Korea" not in countries
    mosfilm = partners_section(client, "mosfilm")
    countries = mosfilm[mosfilm.index("Countries") :]
    assert "North Korea 2 films" in countries
    assert "Soviet Union" not in countries


def test_a_draft_film_adds_nothing_to_a_studios_partners(world, client):
    before = partners_section(client, "korean-film-studio")
    draft_film_made_by("korean-film-studio", "mosfilm", "toho")
    assert partners_section(client, "korean-film-studio") == before
    assert "Toho" not in before


def test_a_studio_page_names_no_draft_unit_parent_or_partner(world, client):
    drafts_on("thaw", essay(), parent_slug="korean-film-studio")
    text = html(client, reverse("front:studio_detail", args=["korean-film-studio"]))
    assert not [secret for secret in SECRETS if secret in text]
    unpublish(Studio.objects.filter(slug="chongryon"))
    text = html(client, reverse("front:studio_detail", args=["chongryon-film-studio"]))
    assert "Part of" not in text and "/studios/chongryon/" not in text
    assert "parentOrganization" not in json.dumps(jsonld(text))


def test_a_studios_parent_and_units_carry_their_citation(world, client):
    text = text_of(html(client, reverse("front:studio_detail", args=["chongryon-film-studio"])))
    assert re.search(r"Part of Chongryon \[\s*\d+\s*\] Its other units", text)
    units = text_of(html(client, reverse("front:studio_detail", args=["chongryon"])))
    mark = r"\[\s*\d+\s*\]"
    assert re.search(rf"Units Chongryon Film Studio {mark} , Choson Sinbo {mark}", units)
    Claim.objects.about(world.choson_sinbo).filter(field="parent").delete()
    units = text_of(html(client, reverse("front:studio_detail", args=["chongryon"])))
    assert "Choson Sinbo [citation needed]" in units


def test_its_other_units_list_ends_without_a_comma(world, client):
    page = html(client, reverse("front:studio_detail", args=["choson-sinbo"]))
    others = text_of(re.search(r"Its other units: (.*?)</span>", page).group(1)).strip()
    assert others == "Chongryon Film Studio"


def test_a_studios_films_under_one_role_run_by_year(world, client):
    text = text_of(html(client, reverse("front:studio_detail", args=["korean-film-studio"])))
    films = text[text.index("Co-producer") :]
    assert films.index("Thaw") < films.index("Somi")


# -- festival ---------------------------------------------------------------------------


def test_festival_page_lists_editions_films_and_awards(world, client):
    text = html(client, reverse("front:festival_detail", args=["karlovy-vary"]))
    assert "1984" in text
    assert reverse("front:film_detail", args=["thaw"]) in text
    assert "Special Prize" in text  # The Flower Girl's
    assert jsonld(text)["@type"] == "EventSeries"


def test_an_edition_that_showed_only_drafts_is_left_out_of_the_page_and_its_jsonld(world, client):
    festival = Festival.objects.get(slug="karlovy-vary")
    edition = FestivalEdition.objects.create(festival=festival, year=1990)
    f.cited(edition, source=essay())
    draft = draft_film_made_by()
    FestivalEntry.objects.create(edition=edition, film=draft)
    text = html(client, festival.get_absolute_url())
    assert "1990" not in text_of(text)
    assert "1990" not in json.dumps(jsonld(text))


def test_editions_whose_year_no_source_gives_come_last(world, client):
    page = html(client, reverse("front:festival_detail", args=["karlovy-vary"]))
    editions = text_of(page[page.index("<h2>Editions</h2>") :])
    assert editions.index("1984") < editions.index("Year not given")


# -- source -----------------------------------------------------------------------------


def test_source_page_lists_every_claim_citing_it_with_locators(world, client):
    source = world.listicle
    text = html(client, source.get_absolute_url())
    assert reverse("front:film_detail", args=["pulgasari"]) in text
    assert "1985" in text  # the year this source gives, shown with its rank
    assert "Pulgasari (1985)" in text  # a locator


def test_source_page_names_fields_and_values_as_the_record_pages_do(world, client):
    page = html(client, essay().get_absolute_url())
    thaw = page[page.index('id="film-thaw"') :]
    thaw = text_of(thaw[: thaw.index("Back to the list of records")])
    assert "production countries Japan, North Korea" in thaw
    assert "JP,KP" not in page and ">countries<" not in page and ">end_year<" not in page


def test_languages_are_named_not_coded(world, client):
    film = text_of(html(client, reverse("front:film_detail", args=["meet-in-pyongyang"])))
    assert re.search(r"Pingrang zhi yue[\d\[\] ]* Chinese", film), film
    assert "Language English" in text_of(html(client, essay().get_absolute_url()))


def test_source_page_hides_claims_about_drafts(world, client):
    unpublish(Film.objects.filter(slug="pulgasari"))
    source = world.listicle
    assert reverse("front:film_detail", args=["pulgasari"]) not in html(
        client, source.get_absolute_url()
    )


def test_source_page_never_names_a_draft_linked_to_a_published_film(world, client):
    drafts_on("thaw", essay())
    text = html(client, essay().get_absolute_url())
    assert reverse("front:film_detail", args=["thaw"]) in text
    assert not [secret for secret in SECRETS if secret in text]
    assert "Secret Fest Award" not in text


def test_source_page_files_a_partner_claim_under_its_film_and_names_the_film(world, client):
    page = html(client, essay().get_absolute_url())
    thaw = page[page.index('id="film-thaw"') :]
    thaw = text_of(thaw[: thaw.index("Back to the list of records")])
    assert "partner in Thaw: Chongryon Film Studio / Japan" in thaw
    assert 'id="studio-chongryon-film-studio"' in page  # its own claims stay under the studio


def test_source_page_opens_with_a_list_of_its_records_linking_to_each(world, client):
    text = html(client, essay().get_absolute_url())
    start = text.index('class="record-index"')
    index = text[start : text.index("</nav>", start)]
    assert 'href="#film-thaw"' in index and 'id="film-thaw"' in text
    assert 'href="#person-shin-sang-ok"' in index and 'id="person-shin-sang-ok"' in text
    thaw = re.search(r'href="#film-thaw">Thaw \(1985\)</a> <span class="count">(\d+)', index)
    assert int(thaw.group(1)) == 12  # 5 facts, a title, 2 credits, a studio, the
    # co-production and its standing, a partner


@pytest.mark.parametrize(
    "fmt, content_type, expected",
    [
        ("bib", "application/x-bibtex; charset=utf-8", "@misc{coproductionsessay,"),
        ("ris", "application/x-research-info-systems; charset=utf-8", "TY  - GEN"),
        ("json", "application/json", '"family": "Schönherr"'),
    ],
)
def test_a_source_exports_as_bibtex_ris_and_csl_json(world, client, fmt, content_type, expected):
    source = essay()
    response = client.get(reverse("front:source_export", args=[source.pk, fmt]))
    assert response["Content-Type"] == content_type
    assert expected in response.content.decode()


def test_bibtex_keeps_title_capitals_and_leaves_out_our_own_notes(world, client):
    source = f.SourceFactory(
        title="China-North Korea Co-production Starts Shooting",
        authors=["Chu, Karen"],
        container="The Hollywood Reporter",
        notes="Found through Schönherr's essay.",
    )
    bibtex = client.get(reverse("front:source_export", args=[source.pk, "bib"])).content.decode()
    assert bibtex.startswith("@article{")
    assert "  title = {{China-North Korea Co-production" in bibtex
    assert "journal = {The Hollywood Reporter}" in bibtex
    assert source.notes and "Schönherr" not in bibtex
    ris = client.get(reverse("front:source_export", args=[source.pk, "ris"])).content.decode()
    assert "N1  -" not in ris


def test_a_web_page_exports_as_classic_bibtex_misc(world, client):
    source = Source.objects.filter(kind=Source.Kind.WEB_PAGE).first()
    bibtex = client.get(reverse("front:source_export", args=[source.pk, "bib"])).content.decode()
    assert bibtex.startswith("@misc{")


# -- cite this page ---------------------------------------------------------------------


def test_every_detail_page_offers_cite_this_page_with_its_permanent_url(world, client):
    url = reverse("front:film_detail", args=["bird"])
    text = html(client, url)
    assert "Cite this page" in text
    assert "“Bird (1992).” nkfilms. Accessed" in text
    assert f"http://testserver{url}" in text
    assert "@misc{nkfilms-films-bird," in text
    assert "title = {{Bird (1992)}}" in text


def test_a_source_page_is_cited_by_the_sources_title(world, client):
    text = html(client, essay().get_absolute_url())
    assert "“North Korea’s Movie Co-Productions: a test essay.” nkfilms. Accessed" in text


def test_the_base_url_setting_makes_citations_and_jsonld_use_the_permanent_address(
    world, client, settings
):
    settings.NKFILMS_BASE_URL = "https://nkfilms.org"
    text = html(client, reverse("front:person_detail", args=["shin-sang-ok"]))
    assert "https://nkfilms.org/people/shin-sang-ok/." in text
    assert jsonld(text)["url"] == "https://nkfilms.org/people/shin-sang-ok/"
    assert "testserver" not in text


# -- co-productions ---------------------------------------------------------------------


def test_coproductions_page_has_an_accessible_timeline_linking_each_mark_to_its_film(world, client):
    text = html(client, reverse("front:coproductions"))
    assert '<svg role="group" aria-labelledby="timeline-title"' in text
    assert 'role="img"' not in text  # its marks are links
    assert 'aria-label="Eternal Comrades-In-Arms, 1985, with Soviet Union"' in text
    assert reverse("front:film_detail", args=["meet-in-pyongyang"]) in text
    assert "Meet in Pyongyang (2012) — China</title>" in text
    assert "Studios linked by the films they made together" in text


def test_coproductions_page_names_no_draft_partner(world, client):
    drafts_on("thaw", essay())
    text = html(client, reverse("front:coproductions"))
    assert not [secret for secret in SECRETS if secret in text]


# -- home, sitemap ----------------------------------------------------------------------


def test_home_shows_counts_featured_coproductions_and_decades(world, client):
    text = html(client, "/")
    assert "Featured co-productions" in text
    assert f"{reverse('front:film_list')}?decade=1980" in text


def test_sitemap_lists_published_pages_only(world, client):
    unpublish(Person.objects.filter(slug="ko-hak-rim"))
    text = html(client, "/sitemap.xml")
    assert "/films/pulgasari/" in text
    assert "/people/shin-sang-ok/" in text
    assert "/people/ko-hak-rim/" not in text


def test_sitemap_lists_the_home_page_the_lists_and_the_coproductions_story(world, client):
    text = html(client, "/sitemap.xml")
    for path in ("/", "/films/", "/people/", "/studios/", "/coproductions/", "/sources/"):
        assert f"<loc>http://testserver{path}</loc>" in text


def test_sitemap_uses_the_base_url_setting(world, client, settings):
    settings.NKFILMS_BASE_URL = "https://nkfilms.org"
    text = html(client, "/sitemap.xml")
    assert "<loc>https://nkfilms.org/films/pulgasari/</loc>" in text
    assert "testserver" not in text


# -- lists ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, params, expected, left_out",
    [
        ("front:person_list", {"role": "suit-performer"}, "Kenpachiro Satsuma", "Rim Chang-bom"),
        ("front:person_list", {"q": "Shin Sang Ok"}, "Shin Sang-ok", "Choi Eun-hee"),
        ("front:studio_list", {"kind": "publisher"}, "McFarland", "Mosfilm"),
        ("front:source_list", {"kind": "book", "year": "2010"}, "Illusions on Screen", "6 North"),
        ("front:source_list", {"year": "2010.0"}, "Illusions on Screen", "6 North"),
    ],
)
def test_list_pages_filter(world, client, url, params, expected, left_out):
    text = html(client, reverse(url), **params)
    assert expected in text
    assert left_out not in text
    assert left_out in html(client, reverse(url))


def test_people_list_says_how_many_people_it_found(world, client):
    text = text_of(html(client, reverse("front:person_list")))
    assert f"{Person.objects.published().count()} people" in text
    found = text_of(html(client, reverse("front:person_list"), q="Shin Sang Ok"))
    assert "1 person" in found


def test_the_next_page_keeps_the_search_and_filters(world, client):
    country = Country.objects.create(code="ZZ", name="Zedland")
    f.PersonFactory.create_batch(61, nationality=country)
    text = html(client, reverse("front:person_list"), nationality="ZZ")
    assert "61 people" in text_of(text)
    assert 'href="?nationality=ZZ&amp;page=2"' in text


def test_role_and_decade_describe_the_same_credit_on_a_published_film(world, client):
    draft_film_made_by(people=["rim-chang-bom"], year=1955)
    people = reverse("front:person_list")
    assert "Rim Chang-bom" not in html(client, people, role="writer")
    assert "Rim Chang-bom" not in html(client, people, decade="1950")
    assert "Rim Chang-bom" in html(client, people, role="director", decade="1990")  # Bird
    assert "Rim Chang-bom" not in html(client, people, role="co-director", decade="1990")


def test_the_nationality_filter_offers_no_country_only_drafts_have(world, client):
    country = Country.objects.create(code="ZZ", name="Zedland")
    f.PersonFactory(nationality=country, status=Status.DRAFT)
    text = html(client, reverse("front:person_list"))
    assert "Zedland" not in text
    assert '<label for="id_role">Role</label>' in text


def test_studios_without_a_country_come_last(world, client):
    page = html(client, reverse("front:studio_list"))
    headings = re.findall(r"<h2[^>]*>([^<]+)", page)
    assert "Soviet Union" in [h.strip() for h in headings]
    # the world's studio without a country is a publisher, listed when asked for
    page = html(client, reverse("front:studio_list"), kind="publisher")
    headings = re.findall(r"<h2[^>]*>([^<]+)", page)
    assert headings[-1].strip() == "Country not recorded"


@pytest.mark.parametrize(
    "url, params, message",
    [
        ("front:person_list", {"nationality": "XX"}, "Select a valid choice"),
        ("front:person_list", {"page": "abc"}, "There is no page “abc”"),
        ("front:person_list", {"page": "99"}, "There is no page “99”"),
        ("front:source_list", {"year": "1e3"}, "Enter a whole number"),
        ("front:studio_list", {"kind": "nope"}, "Select a valid choice"),
    ],
)
def test_list_pages_explain_bad_input_with_a_400(world, client, url, params, message):
    response = client.get(reverse(url), params)
    assert response.status_code == 400
    assert message in response.content.decode()


# -- query counts -----------------------------------------------------------------------


@f.at_once
def grow(world, size):
    """``size`` more cited films, each directed by Shin Sang-ok with a new actor, co-produced by
    the Korean Film Studio with a new partner studio, and shown at Karlovy Vary in a year of
    its own."""
    source = world.essay
    for n in range(size):
        film = f.FilmFactory(year=1960 + n, countries=[f.country("KP")])
        f.cited(film, "year", source=source)
        for role, person in (("director", world.shin), ("actor", f.PersonFactory())):
            f.cited(f.CreditFactory(film=film, person=person, role=role), source=source)
        f.cited(f.FilmStudioFactory(film=film, studio=world.korean_film_studio), source=source)
        coproduction = f.CoProductionFactory(film=film)
        f.cited(coproduction, source=source)
        f.cited(
            f.PartnerFactory(coproduction=coproduction, studio=f.StudioFactory()), source=source
        )
        entry = f.FestivalEntryFactory(
            edition__festival=world.karlovy_vary, edition__year=1960 + n, film=film
        )
        f.cited(entry, source=source)


@pytest.mark.parametrize(
    "name, args",
    [
        ("front:person_detail", ["shin-sang-ok"]),
        ("front:studio_detail", ["korean-film-studio"]),
        ("front:festival_detail", ["karlovy-vary"]),
        ("front:coproductions", []),
        ("front:home", []),
        ("front:person_list", []),
    ],
)
def test_record_pages_stay_within_a_fixed_query_budget_whatever_their_size(
    world, client, django_assert_max_num_queries, name, args
):
    url = reverse(name, args=args)
    small = queries(client, url)
    grow(world, 12)
    with django_assert_max_num_queries(45):
        assert client.get(url).status_code == 200
    assert queries(client, url) == small


def test_source_page_query_count_does_not_grow_with_its_citations(world, client):
    small = f.cited(world.thaw, "year", source=f.SourceFactory(), rank=Rank.NORMAL)
    small = small.citations.get().source
    large = essay()
    assert large.citations.count() > 20 * small.citations.count()
    # one query per kind of cited row, at most
    assert (
        queries(client, large.get_absolute_url()) <= queries(client, small.get_absolute_url()) + 12
    )


def test_a_page_costs_no_more_queries_for_more_disputed_countries(world, client):
    person = Person.objects.get(slug="shin-sang-ok")
    url = person.get_absolute_url()
    f.cited(person, "nationality", source=essay(), value="KP", rank=Rank.NORMAL)
    one = queries(client, url)
    f.cited(person, "nationality", source=essay(), value="JP", rank=Rank.NORMAL)
    f.cited(person, "nationality", source=essay(), value="SU", rank=Rank.DEPRECATED)
    assert queries(client, url) == one
    assert "Soviet Union" in html(client, url)


def test_coproductions_page_query_count_does_not_grow_with_its_films(world, client):
    url = reverse("front:coproductions")
    before = queries(client, url)
    coproduction = f.CoProductionFactory(film__title="A New Co-production", film__year=2015)
    f.PartnerFactory(coproduction=coproduction, country=f.country("CN"))
    f.PartnerFactory(coproduction=coproduction, studio=world.toho)
    assert queries(client, url) == before
    assert "A New Co-production" in html(client, url)
