"""Footnote markers and back-links: every place a source is cited has an id of its own, and
the source list links back to each place, as an encyclopedia's "↑ a b c" does. The films are
the test world's (``tests/world.py``)."""

import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import Citation, Claim, Source
from front.footnotes import Footnotes, backlink_label
from tests.factories import CitationFactory

MARKER = re.compile(r'<a href="#fn-(\d+)" id="(ref-\d+-\d+)"')


def page(client, slug):
    response = client.get(reverse("front:film_detail", args=[slug]))
    assert response.status_code == 200
    return response.content.decode()


def footnote(html, number):
    """The source list's entry for footnote ``number``."""
    match = re.search(rf'<li id="fn-{number}">(.*?)</li>', html, re.S)
    assert match, number
    return match.group(1)


def section(html, pattern):
    return re.search(pattern, html, re.S).group(1)


def test_markers_are_numbered_per_place_and_recorded():
    notes = Footnotes()
    source = Source(pk=1, slug="s", title="S")
    first, second = (Citation(source=source, locator=f"p. {n}") for n in (1, 2))
    assert notes.numbers([second, first]) == [1, 2]
    one, two = notes.numbers([first, second])
    assert (one.marker(), one.marker(), two.marker()) == ("ref-1-1", "ref-1-2", "ref-2-1")
    assert notes.markers(1) == ["ref-1-1", "ref-1-2"]
    assert [(n, backlinks) for n, _, backlinks in notes.with_backlinks()] == [
        (1, [("ref-1-1", "a"), ("ref-1-2", "b")]),
        (2, [("ref-2-1", "a")]),
    ]


def test_backlink_letters_go_on_after_z():
    assert [backlink_label(i) for i in (0, 1, 25, 26, 27, 51, 52)] == [
        "a", "b", "z", "aa", "ab", "az", "ba",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "slug", ["pulgasari", "an-emissary-unreturned", "if-there-is-no-love", "thaw"]
)
def test_a_film_page_has_no_duplicate_ids_and_every_footnote_links_back_to_each_marker(
    world, client, slug
):
    html = page(client, slug)
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    markers = MARKER.findall(html)
    assert markers
    by_number = {}
    for number, marker in markers:
        assert marker.startswith(f"ref-{number}-")
        by_number.setdefault(number, []).append(marker)
    numbers = re.findall(r'<li id="fn-(\d+)">', html)
    assert set(by_number) == set(numbers)  # every footnote is cited somewhere on the page
    for number, places in by_number.items():
        backlinks = re.findall(r'href="#(ref-\d+-\d+)"', footnote(html, number))
        assert backlinks == places  # one back-link per place, in page order


def test_a_footnote_cited_once_gets_one_arrow_and_one_cited_often_gets_letters(world, client):
    title = world.pulgasari.titles.first()  # the only place the book is cited
    CitationFactory(claim=Claim.objects.about(title).get(), source=world.book)
    html = page(client, "pulgasari")
    places = Counter(number for number, _ in MARKER.findall(html))
    once = next(n for n, count in places.items() if count == 1)
    often = next(n for n, count in places.items() if count > 2)
    assert 'class="backlink" href="#ref-' in footnote(html, once)
    entry = footnote(html, often)
    assert 'class="backlinks"' in entry
    letters = re.findall(r'aria-label="Back to citation ([a-z]+) of source', entry)
    assert letters[:3] == ["a", "b", "c"]


def test_genres_and_the_standing_carry_footnotes(world, client):
    html = page(client, "pulgasari")
    genres = section(html, r"<dt>Genres</dt><dd>(.*?)</dd>")
    assert '<a href="/films/?genre=monster">Monster</a>' in genres
    assert MARKER.search(genres) and "citation-needed" not in genres
    standing = section(html, r'<p class="standing">(.*?)</p>')
    assert "approved by both sides" in standing and MARKER.search(standing)


def test_a_disputed_genre_and_standing_show_every_value_with_its_sources(world, client):
    genres = section(page(client, "an-emissary-unreturned"), r"<dt>Genres</dt><dd>(.*?)</dd>")
    assert "Sources disagree" in genres
    assert "<strong>Historical</strong>" in genres
    assert "<strong>Spy</strong>" in genres and "deprecated" in genres
    standing = section(page(client, "if-there-is-no-love"), r'<p class="standing">(.*?)</p>')
    assert "announced; not known to be made" in standing
    assert "<strong>unknown</strong>" in standing


def test_markers_cost_no_queries(world, client):
    url = reverse("front:film_detail", args=["pulgasari"])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    film, essay = world.pulgasari, world.essay
    for n, title in enumerate(film.titles.all()):  # more places citing more footnotes
        row = Claim.objects.about(title).get(field="")
        for k in range(3):
            Citation.objects.create(claim=row, source=essay, locator=f"test page {n}.{k}")
    with CaptureQueriesContext(connection) as after:
        html = client.get(url).content.decode()
    assert len(after) == len(before)
    assert "test page 0.2" in html
