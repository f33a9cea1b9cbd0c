"""What a last walk of the site found (issue 13, readers' side): the home page names every
partner country the co-productions page shows, an address written with a hyphen leads to
the co-productions page, and the site has an icon of its own. The Hangul title in the
film's table of titles is in ``test_hangul.py``; what a browser shows (the co-productions
page on a phone, the footnote preview from the keyboard) in ``test_browser_readers.py``."""

import re

from django.urls import reverse

from catalog.models import Country, Film
from tests import factories as f
from tests.drafts import unpublish


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def home_countries(client):
    """The partner countries the home page's opening paragraph names."""
    lede = re.search(r'<p class="lede">(.*?)</p>', html(client, "/"), re.S).group(1)
    return re.search(r"co-productions — with (.*?)\. Every", lede).group(1)


def timeline_countries(client):
    """The rows of the co-productions page's timeline: one per partner country."""
    page = html(client, reverse("front:coproductions"))
    timeline = page[page.index('aria-labelledby="timeline-title"') :]
    timeline = timeline[: timeline.index("</svg>")]
    return re.findall(r'text-anchor="end">([^<]+) \(\d+\)</text>', timeline)


# -- the partner countries, from the data ---------------------------------------------------


def test_the_home_page_names_every_partner_country_of_the_timeline(curated, client):
    named = home_countries(client)
    assert named == (
        "France, Czechoslovakia, Japan, the Soviet Union, Italy, China, Belgium "
        "and the United Kingdom"
    )
    for country in timeline_countries(client):
        assert country in named


def test_a_new_partner_country_is_named_in_the_order_it_first_took_part(world, client):
    assert home_countries(client) == "France, Japan, the Soviet Union and China"
    coproduction = f.CoProductionFactory(film__title="Poles Apart", film__year=1970)
    poland = f.CountryFactory(code="PL", name="Poland")
    f.PartnerFactory(coproduction=coproduction, studio=None, country=poland)
    assert home_countries(client) == "France, Poland, Japan, the Soviet Union and China"
    assert "Poland" in timeline_countries(client)
    unpublish([coproduction.film])  # a draft's partners are nobody's business
    assert "Poland" not in home_countries(client)
    assert "Poland" not in timeline_countries(client)


def test_north_korea_is_never_its_own_partner(world, client):
    assert "North Korea" not in home_countries(client)
    assert "North Korea" not in timeline_countries(client)


def test_a_countrys_name_in_a_sentence_takes_the_article_english_gives_it():
    def said(name):
        return Country(code="XX", name=name).in_a_sentence

    assert said("Soviet Union") == "the Soviet Union"
    assert said("United Kingdom") == "the United Kingdom"
    assert said("Netherlands") == "the Netherlands"
    assert said("Czech Republic") == "the Czech Republic"
    assert said("France") == "France" and said("Czechoslovakia") == "Czechoslovakia"


def test_a_partner_without_a_studio_is_said_with_its_countrys_article(world, client):
    page = html(client, reverse("front:film_detail", args=["the-shore-of-rescue"]))
    assert "a partner from the Soviet Union, studio not named" in page
    overview = html(client, reverse("front:coproductions"))
    assert "a partner from the Soviet Union, studio not named" in overview
    assert "with the Soviet Union</span>" in overview  # the timeline read as a list


def test_the_home_page_still_runs_a_fixed_number_of_queries(
    world, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        html(client, "/")
    for year in range(1960, 1970):
        coproduction = f.CoProductionFactory(film__year=year)
        f.PartnerFactory(coproduction=coproduction, studio=None, country=f.CountryFactory())
    assert Film.objects.published().count() > 20
    with django_assert_max_num_queries(12):
        html(client, "/")


def test_the_about_page_names_the_same_partner_countries(world, client):
    page = html(client, reverse("front:about"))
    assert "partners abroad (France, Japan, the Soviet Union and China)" in page


# -- addresses: the co-productions page with a hyphen, the icon ------------------------------


def test_the_coproductions_address_with_a_hyphen_redirects_for_good(db, client):
    response = client.get("/co-productions/?country=JP")
    assert response.status_code == 301
    assert response["Location"] == reverse("front:coproductions") + "?country=JP"
    assert client.get("/co-productions/", follow=True).status_code == 200


def test_every_page_links_the_sites_own_icon(world, client):
    for url in ("/", reverse("front:film_detail", args=["thaw"]), reverse("front:about")):
        page = html(client, url)
        icons = re.findall(r'<link rel="icon" href="([^"]+)"[^>]*>', page)
        assert len(icons) == 2 and all(icon.startswith("/static/img/favicon.") for icon in icons)
    for icon, kind in (
        ("/static/img/favicon.svg", "image/svg+xml"),
        ("/static/img/favicon.ico", "image/"),
    ):
        response = client.get(icon)
        assert response.status_code == 200 and response["Content-Type"].startswith(kind)


def test_favicon_ico_answers_with_the_icon_not_a_404(db, client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302  # the icon's static address changes with the icon
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content if icon.streaming else [icon.content])[:4] == (
        b"\x00\x00\x01\x00"  # an ICO file's header
    )


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_off_the_admin_and_exports(db, client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text and "Disallow: /films/export." in text
    assert "Disallow: /films/\n" not in text  # the film pages themselves stay open
