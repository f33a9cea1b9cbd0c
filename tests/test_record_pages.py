"""People, studios, festivals, sources and the co-productions story, as visitors see them."""

import json
import re

import pytest
from django.urls import reverse

from catalog.models import Film, Source, Status
from people.models import Person


def html(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def jsonld(text):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    return json.loads(match.group(1))


def test_person_page_shows_names_filmography_collaborators_and_studios(curated, client):
    text = html(client, reverse("person_detail", args=["rim-chang-bom"]))
    assert "Rim Chang Bom" in text  # the spelling the essay prints, as a cited variant
    assert reverse("film_detail", args=["thaw"]) in text
    assert "Frequent collaborators" in text
    assert reverse("person_detail", args=["ko-hak-rim"]) in text
    assert reverse("studio_detail", args=["chongryon-film-studio"]) in text
    assert jsonld(text)["@type"] == "Person"


def test_studio_page_shows_films_people_and_partners(curated, client):
    text = html(client, reverse("studio_detail", args=["korean-film-studio"]))
    assert reverse("film_detail", args=["eternal-comrades-in-arms"]) in text
    assert "People who worked with it" in text
    assert reverse("studio_detail", args=["mosfilm"]) in text  # a partner studio
    assert "Soviet Union" in text  # a partner country
    assert jsonld(text)["@type"] == "Organization"


def test_festival_page_lists_editions_films_and_awards(curated, client):
    text = html(client, reverse("catalog:festival_detail", args=["locarno"]))
    assert "2014" in text
    assert reverse("film_detail", args=["songs-from-the-north"]) in text
    assert jsonld(text)["@type"] == "EventSeries"


def test_source_page_lists_every_claim_citing_it_with_locators(curated, client):
    source = Source.objects.get(slug="zoomboola-six-films")
    text = html(client, source.get_absolute_url())
    assert reverse("film_detail", args=["pulgasari"]) in text
    assert "1985" in text  # the year this source gives, shown with its rank
    assert "Pulgasari (1985)" in text  # a locator


def test_source_page_hides_claims_about_drafts(curated, client):
    Film.objects.filter(slug="pulgasari").update(status=Status.DRAFT)
    source = Source.objects.get(slug="zoomboola-six-films")
    assert reverse("film_detail", args=["pulgasari"]) not in html(client, source.get_absolute_url())


@pytest.mark.parametrize(
    "fmt, content_type, expected",
    [
        ("bib", "application/x-bibtex", "@article{schonherrcoproductions,"),
        ("ris", "application/x-research-info-systems", "TY  - JOUR"),
        ("json", "application/json", '"family": "Schönherr"'),
    ],
)
def test_a_source_exports_as_bibtex_ris_and_csl_json(curated, client, fmt, content_type, expected):
    source = Source.objects.get(slug="schonherr-coproductions")
    response = client.get(reverse("source_export", args=[source.pk, fmt]))
    assert response["Content-Type"].startswith(content_type)
    assert expected in response.content.decode()


def test_every_detail_page_offers_cite_this_page_with_its_permanent_url(curated, client):
    url = reverse("film_detail", args=["bird"])
    text = html(client, url)
    assert "Cite this page" in text
    assert "“Bird (1992).” nkfilms, film. Accessed" in text
    assert f"http://testserver{url}" in text
    assert "@misc{nkfilms-bird," in text


def test_coproductions_page_has_an_accessible_timeline_linking_each_mark_to_its_film(
    curated, client
):
    text = html(client, reverse("coproductions"))
    assert '<svg role="img" aria-labelledby="timeline-title"' in text
    assert 'aria-label="Eternal Comrades-In-Arms, 1985, with Soviet Union"' in text
    assert reverse("film_detail", args=["meet-in-pyongyang"]) in text
    assert "<title>Meet in Pyongyang (2012) — China</title>" in text
    assert "Studios linked by the films they made together" in text


def test_home_shows_counts_featured_coproductions_and_decades(curated, client):
    text = html(client, "/")
    assert "Featured co-productions" in text
    assert f"{reverse('film_list')}?decade=1980" in text


def test_sitemap_lists_published_pages_only(curated, client):
    Person.objects.filter(slug="kim-chol").update(status=Status.DRAFT)
    text = html(client, "/sitemap.xml")
    assert "/films/pulgasari/" in text
    assert "/people/shin-sang-ok/" in text
    assert "/people/kim-chol/" not in text


@pytest.mark.parametrize(
    "url, params, expected",
    [
        ("people:person_list", {"role": "suit-performer"}, "Kenpachiro Satsuma"),
        ("people:person_list", {"q": "Shin Sang Ok"}, "Shin Sang-ok"),
        ("coproductions:studio_list", {"kind": "publisher"}, "McFarland"),
        ("catalog:source_list", {"kind": "book", "year": "2010"}, "Illusive Utopia"),
    ],
)
def test_list_pages_filter(curated, client, url, params, expected):
    assert expected in html(client, reverse(url), **params)


def test_list_pages_explain_a_bad_filter(curated, client):
    text = html(client, reverse("people:person_list"), nationality="XX")
    assert "Select a valid choice" in text


@pytest.mark.parametrize(
    "name, args",
    [
        ("person_detail", ["shin-sang-ok"]),
        ("studio_detail", ["korean-film-studio"]),
        ("catalog:festival_detail", ["karlovy-vary"]),
        ("coproductions", []),
        ("home", []),
    ],
)
def test_record_pages_stay_within_a_fixed_query_budget(
    curated, client, django_assert_max_num_queries, name, args
):
    with django_assert_max_num_queries(45):
        assert client.get(reverse(name, args=args)).status_code == 200


def test_source_page_query_count_does_not_grow_with_its_citations(curated, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(source):
        with CaptureQueriesContext(connection) as captured:
            client.get(source.get_absolute_url())
        return len(captured)

    small = Source.objects.get(slug="letterboxd-songs-from-the-north")
    large = Source.objects.get(slug="schonherr-coproductions")
    assert large.citations.count() > 20 * small.citations.count()
    assert count(large) <= count(small) + 8  # one query per kind of cited row, at most
