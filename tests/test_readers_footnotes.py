"""Footnotes that read well: one marker per fact ([1, 4–7]), one note per source and place
with every quote the page cites from it and a back-link to each place, a preview script that
the page does not need."""

import re

from django.urls import reverse

from catalog.models import Citation, Claim, Source
from front.footnotes import Footnotes, runs


def test_consecutive_numbers_read_as_a_range_and_each_link_has_back_links():
    notes = Footnotes()
    source = Source(pk=1, slug="s", title="S")
    places = [Citation(source=source, locator=f"p. {n}") for n in range(1, 7)]
    assert [notes.number(place) for place in places] == [1, 2, 3, 4, 5, 6]
    mark = notes.numbers([places[5], places[0], places[1], places[2], places[3]])
    assert [link["text"] for link in mark.links()] == ["1–4", "6"]
    assert notes.markers(3) == ["ref-1-1"]  # a number inside a range links back to it
    again = notes.numbers([places[1]])
    assert [link["id"] for link in again.links()] == ["ref-2-1"]
    assert notes.markers(2) == ["ref-1-1", "ref-2-1"]
    assert runs([1, 2, 4, 5, 6, 9]) == [[1, 2], [4, 5, 6], [9]]


def test_one_note_per_source_and_place_keeps_each_quote():
    notes = Footnotes()
    source = Source(pk=1, slug="s", title="S")
    one = Citation(source=source, locator="p. 5", quote="first words")
    two = Citation(source=source, locator="p. 5", quote="other words")
    same = Citation(source=source, locator="p. 5", quote="first words")
    elsewhere = Citation(source=source, locator="p. 6", quote="first words")
    assert notes.numbers([one, two, same]) == [1]
    assert notes.numbers([elsewhere]) == [2]
    (_, note), _ = list(notes)
    assert [c.quote for c in note.quotes] == ["first words", "other words"]


def test_a_page_shows_one_marker_per_fact_and_one_note_per_place(world, client):
    film = world.pulgasari
    row = Claim.objects.about(film.titles.first()).get(field="")
    for n in range(4):  # four places in one source, and the same place quoted twice
        Citation.objects.create(claim=row, source=world.book, locator=f"page {n + 10}")
    Citation.objects.create(claim=row, source=world.book, locator="page 10", quote="quoted")
    page = client.get(reverse("front:film_detail", args=["pulgasari"])).content.decode()
    titles = re.search(r'id="titles-heading"(.*?)</table>', page, re.S).group(1)
    first_row = re.search(r"<tr><td>(.*?)</td>", titles.split("<tbody>")[1], re.S).group(1)
    assert first_row.count('<sup class="fn">') == 1  # one marker
    assert re.search(r">\d+–\d+</a>", first_row)  # with a range
    notes = re.findall(r'<li id="fn-\d+">(.*?)</li>', page, re.S)
    tens = [note for note in notes if "page 10." in note]
    assert len(tens) == 1 and "quoted" in tens[0]  # one note for page 10


def test_the_preview_is_a_local_script_and_markers_are_plain_links_without_it(world, client):
    page = client.get(reverse("front:film_detail", args=["thaw"])).content.decode()
    assert re.search(r'<script src="/static/js/footnotes\.js" defer></script>', page)
    assert "<script>" not in page  # nothing inline: the CSP allows no inline script
    opening = r'<sup class="fn"><span class="fn-punct">\[</span>'
    marker = re.search(opening + r'<a href="#fn-(\d+)" id="ref-[\d-]+" data-fn="', page)
    assert marker and f'<li id="fn-{marker.group(1)}">' in page


def test_a_reader_is_told_how_to_read_the_source_list(world, client):
    page = client.get(reverse("front:film_detail", args=["thaw"])).content.decode()
    sources = re.search(r'id="sources-heading">(.*?)</ol>', page, re.S).group(1)
    assert "Each number after a fact" in sources and "How to read these pages" in sources
