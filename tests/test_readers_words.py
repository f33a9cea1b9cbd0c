"""Pages a first-time reader understands: ranks in plain words with a legend, the About page
linked from every dispute box and the footer, a partner without a named studio said so, and
no heading carrying footnote markers. The films are the test world's (``tests/world.py``)."""

import re

from django.urls import reverse

from catalog.models import Rank
from front.plainwords import plain_locator, rank_word
from tests import factories as f


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def section(text, pattern):
    return re.search(pattern, text, re.S).group(1)


def test_ranks_are_said_as_readers_say_them_once_for_every_template():
    assert [rank_word(rank) for rank in Rank] == ["accepted", "also reported", "rejected"]


def test_a_dispute_box_names_ranks_in_plain_words_and_links_to_how_to_read(world, client):
    page = html(client, reverse("front:film_detail", args=["an-emissary-unreturned"]))
    genres = section(page, r"<dt>Genres</dt><dd>(.*?)</dd>")
    assert "Sources disagree" in genres
    assert ">accepted<" in genres and ">rejected<" in genres
    assert ">preferred<" not in genres and ">deprecated<" not in genres
    assert f'href="{reverse("front:about")}#ranks"' in genres
    legend = section(page, r'<dl class="rank-legend">(.*?)</dl>')  # under the sources
    assert "also reported" in legend and "citation needed" in legend


def test_a_page_without_a_dispute_shows_no_legend(world, client):
    page = html(client, reverse("front:film_detail", args=["bird"]))
    assert "Sources disagree" not in page
    assert 'class="rank-legend"' not in page


def test_the_about_page_explains_every_mark_and_every_page_links_to_it(world, client):
    about = html(client, reverse("front:about"))
    for anchor in ("data", "scope", "footnotes", "ranks", "citation-needed", "romanization"):
        assert f'id="{anchor}"' in about
    for words in ("accepted", "also reported", "rejected", "[citation needed]", "Cite this page"):
        assert words in about
    for url in ("/", reverse("front:film_list"), reverse("front:film_detail", args=["thaw"])):
        footer = section(html(client, url), r'<footer class="site-footer">(.*?)</footer>')
        assert f'href="{reverse("front:about")}"' in footer


def test_no_heading_carries_a_footnote_marker_and_the_fact_keeps_its_source(world, client):
    pages = [
        reverse("front:film_detail", args=["pulgasari"]),
        reverse("front:person_detail", args=["shin-sang-ok"]),
        reverse("front:studio_detail", args=["chongryon-film-studio"]),
    ]
    for url in pages:
        page = html(client, url)
        heading = section(page, r"<h1>(.*?)</h1>")
        assert 'class="fn"' not in heading and "citation-needed" not in heading
        name = section(page, r"<dt>(?:Title|Name)</dt><dd>(.*?)</dd>")
        assert 'class="fn"' in name  # the name's source is one line below


def test_a_partner_without_a_named_studio_is_said_so_with_its_country(world, client):
    film = f.FilmFactory(title="Unnamed Partner Film", year=1990)
    coproduction = f.CoProductionFactory(film=film)
    f.PartnerFactory(coproduction=coproduction, studio=None, country=f.country("IT"))
    page = html(client, reverse("front:film_detail", args=[film.slug]))
    partners = section(page, r'<div class="coproduction-panel">(.*?)</table>')
    assert "a partner from Italy, studio not named" in partners
    assert "<td>—" not in partners
    overview = html(client, reverse("front:coproductions"))
    assert "a partner from Italy, studio not named" in overview


def test_a_locator_reads_as_words_not_the_curators_shorthand():
    assert plain_locator("Shin Sang Ok, ¶ “In July 1978”") == (
        "Shin Sang Ok, paragraph beginning “In July 1978”"
    )
    assert plain_locator("page 114") == "page 114"
